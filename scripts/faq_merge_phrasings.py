#!/usr/bin/env python3
"""Merges more alternative phrasings into data/faq.toml (issue 19).

    python3 scripts/faq_merge_phrasings.py PHRASINGS.toml
    python3 scripts/faq_merge_phrasings.py --check EVALUATION.toml

PHRASINGS.toml holds [[entry]] tables with a `key` and an `alt` list, written from the
documents and the entries only. A phrasing is added to its entry's `alt` list unless it is
already among the knowledge base's questions and phrasings, or equals or nearly equals a
question of the evaluation sets the matcher is scored on (tests/data/faq_colloquial_*.toml,
tests/data/faq_eval.toml): those would let the matcher see the questions it is scored on.
"Nearly equals": the same letters once spaces, punctuation, tone marks and case are set aside,
or a difflib similarity of at least NEAR on that form. The file is edited in place, line by
line, so its layout and comments stay; the dropped phrasings are printed with the reason.
With --check, nothing is merged: the questions of EVALUATION.toml (a new held-out half, before
it is scored) that equal or nearly equal a question or phrasing of data/faq.toml are listed, so
they can be taken out; it exits 1 when there are any.
Standard library only (Python 3.11+ for tomllib).
"""

import difflib
import json
import re
import sys
import tomllib
import unicodedata
from pathlib import Path

NEAR = 0.85
ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE_BASE = ROOT / "data" / "faq.toml"
EVALUATIONS = [
    ROOT / "tests" / "data" / "faq_colloquial_dev.toml",
    ROOT / "tests" / "data" / "faq_colloquial_test.toml",
    ROOT / "tests" / "data" / "faq_eval.toml",
]
TONE_MARKS = re.compile("[\u0e47-\u0e4c]")


def comparable(text: str) -> str:
    text = unicodedata.normalize("NFC", text).lower()
    text = TONE_MARKS.sub("", text)
    return "".join(c for c in text if c.isalnum())


def near(a: str, b: str) -> bool:
    return a == b or difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= NEAR


def check(path: str) -> None:
    base = tomllib.loads(KNOWLEDGE_BASE.read_text(encoding="utf-8"))["entry"]
    known = [(e["key"], t, comparable(t)) for e in base for t in [e["question"], *e.get("alt", [])]]
    cases = tomllib.loads(Path(path).read_text(encoding="utf-8")).get("case", [])
    clashes = 0
    for case in cases:
        form = comparable(case["q"])
        clash = next((k for k in known if near(form, k[2])), None)
        if clash:
            clashes += 1
            print(f"{case['q']}  ~  {clash[0]}: {clash[1]}")
    print(f"{clashes} of {len(cases)} questions equal or nearly equal a phrasing of the entries")
    sys.exit(1 if clashes else 0)


def main() -> None:
    if sys.argv[1] == "--check":
        check(sys.argv[2])
        return
    phrasings = tomllib.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))["entry"]
    base = tomllib.loads(KNOWLEDGE_BASE.read_text(encoding="utf-8"))["entry"]
    known = {comparable(t) for e in base for t in [e["question"], *e.get("alt", [])]}
    asked = []
    for path in EVALUATIONS:
        cases = tomllib.loads(path.read_text(encoding="utf-8")).get("case", [])
        asked += [(path.name, c["q"], comparable(c["q"])) for c in cases]

    additions: dict[str, list[str]] = {}
    dropped = {"known": 0, "evaluation": 0}
    for entry in phrasings:
        for phrasing in entry["alt"]:
            form = comparable(phrasing)
            if form in known:
                dropped["known"] += 1
                print(f"known: {entry['key']}: {phrasing}")
                continue
            clash = next((a for a in asked if near(form, a[2])), None)
            if clash:
                dropped["evaluation"] += 1
                print(f"evaluation: {entry['key']}: {phrasing}  ~  {clash[0]}: {clash[1]}")
                continue
            known.add(form)
            additions.setdefault(entry["key"], []).append(phrasing)

    lines = KNOWLEDGE_BASE.read_text(encoding="utf-8").split("\n")
    key = None
    for at, line in enumerate(lines):
        if match := re.fullmatch(r'key = "(.*)"', line):
            key = match.group(1)
        elif line.startswith("alt = [") and key in additions:
            alt = tomllib.loads(line)["alt"] + additions.pop(key)
            lines[at] = "alt = " + json.dumps(alt, ensure_ascii=False)
    if additions:
        sys.exit(f"entries without an alt line or unknown: {sorted(additions)}")
    KNOWLEDGE_BASE.write_text("\n".join(lines), encoding="utf-8")
    added = sum(len(e["alt"]) for e in phrasings) - sum(dropped.values())
    print(f"added {added}; dropped {dropped['known']} already known, "
          f"{dropped['evaluation']} equal or near an evaluation question")


if __name__ == "__main__":
    main()
