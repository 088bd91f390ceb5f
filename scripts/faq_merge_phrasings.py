#!/usr/bin/env python3
"""Merges more alternative phrasings into data/faq.toml (issue 19).

    python3 scripts/faq_merge_phrasings.py PHRASINGS.toml
    python3 scripts/faq_merge_phrasings.py --examples
    python3 scripts/faq_merge_phrasings.py --check EVALUATION.toml

PHRASINGS.toml holds [[entry]] tables with a `key` and an `alt` list, written from the
documents and the entries only. A phrasing is added to its entry's `alt` list unless it is
already among the knowledge base's questions and phrasings, or equals or nearly equals a
question the matcher is scored on but never learns from: the dev set's third held out of
tuning (every third case, as tests/it/faq_colloquial/scoring.rs cuts it), the test half and
tests/data/faq_eval.toml. Those would let the matcher see the questions it is scored on.
With --examples, the phrasings are the in-scope questions of the dev set's tuned part (the
other two thirds), each added to the first entry it expects (but those in NOT_PHRASINGS):
questions people really asked, scored once and then learnt from. The calibration is fitted on them cross-fitted (each fold
scored by a matcher built without that fold's questions), so they still say how the matcher
meets wording it has not seen.
"Nearly equals": the same letters once spaces, punctuation, tone marks and case are set aside,
or a difflib similarity of at least NEAR on that form. The file is edited in place, line by
line, so its layout and comments stay; the dropped phrasings are printed with the reason.
With --check, nothing is merged: the questions of EVALUATION.toml (a new held-out half, before
it is scored) that equal or nearly equal a question or phrasing of data/faq.toml, a dev question
or a question of tests/data/faq_eval.toml are listed, so they can be taken out; it exits 1 when
there are any.
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
DEV = ROOT / "tests" / "data" / "faq_colloquial_dev.toml"
SHIPPED_EVALUATION = ROOT / "tests" / "data" / "faq_eval.toml"
HELD_OUT = [
    ROOT / "tests" / "data" / "faq_colloquial_test.toml",
    SHIPPED_EVALUATION,
]
# Tuned questions --examples leaves out, with why: a question whose right entry answers only the
# part of it that the out-of-scope questions do not ask. As a phrasing it teaches the classifier
# that those questions belong to the entry, and they are answered with it.
NOT_PHRASINGS = {
    "บริจาคแล้วลดหย่อนภาษีได้มั้ย ได้เอกสารอะไร": "asks about tax deduction, which no entry answers "
    "(the dev set's other tax questions are out of scope); as a phrasing of donate_proof it had "
    "\"บริจาคแล้วเอาใบเสร็จไปลดหย่อนภาษีได้กี่เท่าคะ\" answered with the donation's proof",
}
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
    known += [(DEV.name, c["q"], comparable(c["q"])) for c in cases(DEV)]
    evaluation = tomllib.loads(SHIPPED_EVALUATION.read_text(encoding="utf-8"))
    shipped = [c["q"] for c in evaluation.get("case", [])] + evaluation.get("out_of_domain", [])
    known += [(SHIPPED_EVALUATION.name, q, comparable(q)) for q in shipped]
    clashes = 0
    new_half = cases(Path(path))
    for case in new_half:
        form = comparable(case["q"])
        clash = next((k for k in known if near(form, k[2])), None)
        if clash:
            clashes += 1
            print(f"{case['q']}  ~  {clash[0]}: {clash[1]}")
    print(f"{clashes} of {len(new_half)} questions equal or nearly equal a phrasing of the entries,"
          " a dev question or one of the shipped evaluation")
    sys.exit(1 if clashes else 0)


def cases(path: Path) -> list[dict]:
    return tomllib.loads(path.read_text(encoding="utf-8")).get("case", [])


def dev_parts() -> tuple[list[dict], list[dict]]:
    """The dev set's tuned part and its third held out of tuning (the 3rd, 6th, … case)."""
    dev = cases(DEV)
    return (
        [c for at, c in enumerate(dev) if at % 3 != 2],
        [c for at, c in enumerate(dev) if at % 3 == 2],
    )


def examples() -> list[dict]:
    """The tuned part's in-scope questions as phrasings of the first entry each expects."""
    by_key: dict[str, list[str]] = {}
    for case in dev_parts()[0]:
        if case["expect"] and case["q"] not in NOT_PHRASINGS:
            by_key.setdefault(case["expect"][0], []).append(case["q"])
    return [{"key": key, "alt": alt} for key, alt in by_key.items()]


def main() -> None:
    if sys.argv[1] == "--check":
        check(sys.argv[2])
        return
    if sys.argv[1] == "--examples":
        phrasings = examples()
    else:
        phrasings = tomllib.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))["entry"]
    base = tomllib.loads(KNOWLEDGE_BASE.read_text(encoding="utf-8"))["entry"]
    known = {comparable(t) for e in base for t in [e["question"], *e.get("alt", [])]}
    asked = [(DEV.name, c["q"], comparable(c["q"])) for c in dev_parts()[1]]
    for path in HELD_OUT:
        asked += [(path.name, c["q"], comparable(c["q"])) for c in cases(path)]

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
