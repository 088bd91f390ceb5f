//! Text normalisation and dictionary-based Thai word segmentation.
//!
//! Thai is written without spaces between words, so a Thai run of text is cut into words by
//! maximal matching: of all the ways to cover the run with dictionary words, take the one that
//! leaves the fewest letters unexplained, then the one with the fewest words, then the one with
//! the most even word lengths. Cuts are only made where a Thai syllable can start, so vowels
//! and tone marks stay with their consonant.

use std::collections::VecDeque;
use std::sync::OnceLock;

use crate::thai::{THAI_WORDS, is_digit};

/// Office vocabulary and compounds the general list lacks.
const OFFICE_WORDS: &str = include_str!("../../data/words_office.txt");

/// What kind of word a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// A Thai word found in the dictionary.
    ThaiKnown,
    /// A run of Thai characters the dictionary does not explain (a name, a typo, slang).
    ThaiUnknown,
    /// Letters of any other script (Latin words are lowercased).
    Other,
    Number,
}

/// A word of a text, borrowed from its normalised form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token<'text> {
    pub text: &'text str,
    pub kind: TokenKind,
}

/// The words of a text: its normalised form and where each word lies in it. One allocation
/// for the whole text rather than one per word, which matters when indexing many documents.
pub(crate) struct Tokens {
    normalised: String,
    /// Byte ranges in `normalised`, as `u32` to keep many documents' words small in memory.
    spans: Vec<(u32, u32, TokenKind)>,
}

impl Tokens {
    pub(crate) fn iter(&self) -> impl Iterator<Item = Token<'_>> + Clone {
        self.spans.iter().map(|&(start, end, kind)| Token {
            text: &self.normalised[start as usize..end as usize],
            kind,
        })
    }
}

/// Splits `text` into words: Thai runs by dictionary, other letters and digits at script changes.
/// Punctuation, emoji and invisible characters only separate words.
pub fn segment(text: &str) -> Vec<String> {
    Tokenizer::default()
        .tokenize(text)
        .iter()
        .map(|token| token.text.to_owned())
        .collect()
}

/// Cuts texts into words, keeping its working buffers from one text to the next.
#[derive(Default)]
pub(crate) struct Tokenizer {
    scratch: Scratch,
    pieces: Vec<(usize, usize, bool)>,
}

impl Tokenizer {
    pub(crate) fn tokenize(&mut self, text: &str) -> Tokens {
        let Normalised {
            text: normalised,
            runs,
        } = normalise(text);
        let dictionary = Dictionary::shared();
        let mut spans = Vec::with_capacity(runs.len());
        for (start, end, class) in runs {
            let kind = match class {
                CharClass::Thai => {
                    dictionary.split_thai(
                        &normalised[start..end],
                        false,
                        &mut self.scratch,
                        &mut self.pieces,
                    );
                    spans.extend(self.pieces.drain(..).map(|(from, to, known)| {
                        let kind = if known {
                            TokenKind::ThaiKnown
                        } else {
                            TokenKind::ThaiUnknown
                        };
                        ((start + from) as u32, (start + to) as u32, kind)
                    }));
                    continue;
                }
                CharClass::Digit => TokenKind::Number,
                CharClass::Letter => TokenKind::Other,
                CharClass::Separator => continue,
            };
            spans.push((start as u32, end as u32, kind));
        }
        Tokens { normalised, spans }
    }
}

/// The dictionary words a known Thai compound is made of, at every level
/// ("ทุนการศึกษา" gives "ทุน", "การศึกษา", "การ", "ศึกษา"), so that a query naming a part
/// still meets a text that uses the whole, and the other way round. Empty when the word does
/// not split wholly into dictionary words.
pub(crate) fn compound_parts(word: &str) -> Vec<String> {
    let dictionary = Dictionary::shared();
    let mut scratch = Scratch::default();
    let mut pieces = Vec::new();
    let mut parts: Vec<String> = Vec::new();
    let mut pending = vec![word.to_owned()];
    while let Some(compound) = pending.pop() {
        dictionary.split_thai(&compound, true, &mut scratch, &mut pieces);
        let whole_known = pieces.len() >= 2 && pieces.iter().all(|&(_, _, known)| known);
        for (start, end, _) in pieces.drain(..) {
            let piece = &compound[start..end];
            if whole_known && !parts.iter().any(|part| part == piece) {
                parts.push(piece.to_owned());
                pending.push(piece.to_owned());
            }
        }
    }
    parts
}

/// `text` in the canonical form words are compared in ([`normalise`]), with nothing between
/// its runs: "ผ.อ. ทํา" is "ผอทำ".
pub(crate) fn canonical(text: &str) -> String {
    normalise(text).text
}

/// A text in canonical form, and the maximal runs of Thai letters, other letters and digits
/// it is made of (byte ranges, in order; whatever separated them is gone).
struct Normalised {
    text: String,
    runs: Vec<(usize, usize, CharClass)>,
}

/// Canonical form of `text`: Thai digits as Arabic, other scripts lowercased, common Thai
/// typing variants unified, invisible characters dropped, a letter typed three or more times
/// in a row ("มากกกก") and a vowel or tone mark typed twice ("ค่าา") kept once; punctuation, emoji and spaces only separate runs.
fn normalise(text: &str) -> Normalised {
    let mut out = String::with_capacity(text.len());
    let mut runs = Vec::new();
    let mut run: Option<(usize, CharClass)> = None;
    // The last character kept in the current run, and how many times in a row it came.
    let mut previous: Option<char> = None;
    let mut copies = 0;
    let mut index = 0;
    while let Some(raw) = char_at(text, index) {
        // Most of any text here is Thai letters that need no rewriting: copy them a stretch
        // at a time. Whatever could need a change ends the stretch and takes the way below.
        let stretch = plain_thai_stretch(&text.as_bytes()[index..], previous);
        if stretch > 0 {
            if let Some((start, run_class)) = run
                && run_class != CharClass::Thai
            {
                runs.push((start, out.len(), run_class));
                run = None;
            }
            if run.is_none() {
                run = Some((out.len(), CharClass::Thai));
            }
            out.push_str(&text[index..index + stretch]);
            index += stretch;
            previous = out.chars().next_back();
            copies = 1;
            continue;
        }
        let original = &text[index..index + raw.len_utf8()];
        index += original.len();
        let mut class = classify(raw);
        if class == CharClass::Separator && is_invisible(raw) {
            continue;
        }
        let c = match raw {
            // Sara e typed twice looks exactly like sara ae; nikhahit + sara aa, like sara am.
            '\u{0E40}' | '\u{0E4D}' => {
                let (second, combined) = if raw == '\u{0E40}' {
                    ('\u{0E40}', '\u{0E41}')
                } else {
                    ('\u{0E32}', '\u{0E33}')
                };
                if char_at(text, index) == Some(second) {
                    index += second.len_utf8();
                    combined
                } else {
                    raw
                }
            }
            '๐'..='๙' => {
                class = CharClass::Digit;
                char::from(b'0' + (raw as u32 - '๐' as u32) as u8)
            }
            // Thousands separators ("50,000") must not split a number.
            ',' if previous.is_some_and(|p| p.is_ascii_digit())
                && char_at(text, index).is_some_and(is_digit) =>
            {
                continue;
            }
            _ => raw,
        };
        if let Some((start, run_class)) = run
            && run_class != class
        {
            runs.push((start, out.len(), run_class));
            run = None;
            previous = None;
        }
        let c = match class {
            CharClass::Separator => continue,
            // Thai has no case; only other letters go through the Unicode case tables.
            CharClass::Letter if c.is_uppercase() => {
                let mut lower = c.to_lowercase();
                match (lower.next(), lower.next()) {
                    (Some(single), None) => single,
                    _ => c,
                }
            }
            _ => c,
        };
        // A doubled letter occurs in real words ("นกกระจอก"), a tripled one does not; a
        // doubled vowel or tone mark does not either ("ค่าา" draws out "ค่า").
        if Some(c) == previous && is_thai_vowel_or_mark(c) {
            continue;
        }
        if Some(c) == previous && class != CharClass::Digit {
            copies += 1;
            if copies == 3 {
                out.pop();
            }
            if copies >= 3 {
                continue;
            }
        } else {
            copies = 1;
        }
        if run.is_none() {
            run = Some((out.len(), class));
        }
        if c == raw {
            out.push_str(original);
        } else {
            out.push(c);
        }
        previous = Some(c);
    }
    if let Some((start, class)) = run {
        runs.push((start, out.len(), class));
    }
    Normalised { text: out, runs }
}

/// A Thai vowel sign or tone mark, not a consonant: nothing Thai spells it twice in a row.
fn is_thai_vowel_or_mark(c: char) -> bool {
    matches!(c, '\u{0E30}'..='\u{0E3A}' | '\u{0E40}'..='\u{0E45}' | '\u{0E47}'..='\u{0E4E}')
}

/// How many bytes at the start of `bytes` are Thai letters that [`normalise`] keeps as they
/// are: not a digit, ฯ or ๆ, not a letter it may combine with the next, and no letter the same
/// as the one before it (`previous` for the first).
fn plain_thai_stretch(bytes: &[u8], mut previous: Option<char>) -> usize {
    let mut length = 0;
    while let [0xE0, middle @ (0xB8 | 0xB9), last, ..] = bytes[length..] {
        let code = (u32::from(middle & 0x3F) << 6) | u32::from(last & 0x3F);
        // Everything Thai but sara e (0E40) and nikhahit (0E4D), which may combine with the
        // next letter, and ฯ, ๆ, ฿, the digits and unassigned code points.
        let plain = matches!(code,
            0x0E01..=0x0E2E | 0x0E30..=0x0E3A | 0x0E41..=0x0E45 | 0x0E47..=0x0E4C | 0x0E4E);
        let letter = char::from_u32(code);
        if !plain || letter == previous {
            break;
        }
        previous = letter;
        length += 3;
    }
    length
}

/// The character starting at byte `index` of `text`. Thai letters and ASCII, nearly all of
/// what the bot reads, are decoded directly from their bytes.
fn char_at(text: &str, index: usize) -> Option<char> {
    let bytes = text.as_bytes();
    match *bytes.get(index)? {
        byte @ 0..=0x7F => Some(char::from(byte)),
        0xE0 if matches!(bytes.get(index + 1), Some(0xB8 | 0xB9)) => {
            let middle = u32::from(bytes[index + 1] & 0x3F);
            let last = u32::from(bytes[index + 2] & 0x3F);
            char::from_u32((middle << 6) | last)
        }
        _ => text.get(index..)?.chars().next(),
    }
}

/// Zero-width characters, bidirectional controls and the like: they change nothing a reader
/// sees, so they must not change what a word is.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206F}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}')
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CharClass {
    Thai,
    Digit,
    Letter,
    Separator,
}

fn classify(c: char) -> CharClass {
    match c {
        // ฯ (abbreviation mark) and ๆ (repetition mark) behave like punctuation.
        '\u{0E2F}' | '\u{0E46}' => CharClass::Separator,
        '\u{0E01}'..='\u{0E3A}' | '\u{0E40}'..='\u{0E4E}' => CharClass::Thai,
        '0'..='9' => CharClass::Digit,
        _ if c.is_alphabetic() => CharClass::Letter,
        _ => CharClass::Separator,
    }
}

/// A Thai letter as its offset from the start of the Thai block, the form the segmenter
/// works on.
const fn thai(letter: char) -> u8 {
    (letter as u32 - THAI_FIRST) as u8
}

/// Vowels and marks written after a consonant: no Thai word starts with one.
fn cannot_start_word(letter: u8) -> bool {
    matches!(letter,
        l if (thai('\u{0E30}')..=thai('\u{0E3A}')).contains(&l)
            || l == thai('\u{0E45}')
            || (thai('\u{0E47}')..=thai('\u{0E4E}')).contains(&l))
}

/// Vowels written before the consonant they follow in speech: a word never ends on one.
fn is_leading_vowel(letter: u8) -> bool {
    (thai('\u{0E40}')..=thai('\u{0E44}')).contains(&letter)
}

/// The word list as a compact letter trie: about 230,000 nodes of 8 bytes (under 2 MB), with
/// each node's children stored side by side and sorted, so that finding every dictionary word
/// that starts at a position costs one short binary search per letter. The first two levels,
/// where every walk starts and the fan-out is widest, are a direct table instead.
struct Dictionary {
    nodes: Vec<TrieNode>,
    /// The node of each two-letter prefix, by [`pair_index`]; 0 (the root) where none exists.
    pair_nodes: Vec<u32>,
}

#[derive(Debug, Clone, Copy)]
struct TrieNode {
    first_child: u32,
    child_count: u8,
    /// The letter leading here from the parent, as an offset from the start of the Thai block.
    letter: u8,
    /// Whether the letters from the root to here spell a dictionary word.
    is_word: bool,
}

const THAI_FIRST: u32 = 0x0E01;

const THAI_LETTER_COUNT: usize = 0x0E4E - 0x0E01 + 1;

/// A Thai letter as an offset from the start of the Thai block; `None` outside it.
fn letter_offset(letter: u32) -> Option<u8> {
    letter
        .checked_sub(THAI_FIRST)
        .filter(|&offset| (offset as usize) < THAI_LETTER_COUNT)
        .map(|offset| offset as u8)
}

fn pair_index(first: u8, second: u8) -> usize {
    usize::from(first) * THAI_LETTER_COUNT + usize::from(second)
}

/// The code point of the `position`-th letter of a dictionary word, 0 past its end. Every
/// dictionary letter is Thai, hence three bytes of UTF-8, so no decoding from the start.
fn letter_at(word: &str, position: usize) -> u32 {
    match word.as_bytes().get(3 * position..3 * position + 3) {
        Some(&[lead, middle, last]) => {
            (u32::from(lead & 0x0F) << 12)
                | (u32::from(middle & 0x3F) << 6)
                | u32::from(last & 0x3F)
        }
        _ => 0,
    }
}

impl Dictionary {
    fn shared() -> &'static Dictionary {
        static SHARED: OnceLock<Dictionary> = OnceLock::new();
        SHARED.get_or_init(|| {
            let mut words: Vec<&'static str> = THAI_WORDS
                .lines()
                .chain(OFFICE_WORDS.lines())
                // The lexicon's words, so that slang and misspellings stay one word.
                .chain(super::lexicon::pairs().map(|(word, _)| word))
                .map(str::trim)
                // Entries with dots or spaces (abbreviations, idioms) can never match
                // normalised text; single letters would explain away any unknown word.
                .filter(|word| word.chars().count() >= 2)
                .filter(|word| word.chars().all(|c| classify(c) == CharClass::Thai))
                .collect();
            words.sort_unstable();
            words.dedup();
            Dictionary::from_sorted(&words)
        })
    }

    /// Builds the trie breadth first, so that the children of a node get consecutive slots.
    fn from_sorted(words: &[&str]) -> Dictionary {
        let root = TrieNode {
            first_child: 0,
            child_count: 0,
            letter: 0,
            is_word: false,
        };
        let mut nodes = vec![root];
        // (node, range of `words` sharing its prefix, prefix length in letters)
        let mut pending = VecDeque::from([(0, 0, words.len(), 0)]);
        while let Some((node, mut low, high, depth)) = pending.pop_front() {
            // The prefix itself, if it is a word, sorts before the longer words.
            if low < high && words[low].len() == 3 * depth {
                nodes[node].is_word = true;
                low += 1;
            }
            let first_child = nodes.len();
            while low < high {
                let letter = letter_at(words[low], depth);
                let end =
                    low + words[low..high].partition_point(|word| letter_at(word, depth) == letter);
                nodes.push(TrieNode {
                    first_child: 0,
                    child_count: 0,
                    letter: letter_offset(letter).unwrap_or_default(),
                    is_word: false,
                });
                pending.push_back((nodes.len() - 1, low, end, depth + 1));
                low = end;
            }
            nodes[node].first_child = first_child as u32;
            nodes[node].child_count = (nodes.len() - first_child) as u8;
        }
        let mut dictionary = Dictionary {
            nodes,
            pair_nodes: vec![0; THAI_LETTER_COUNT * THAI_LETTER_COUNT],
        };
        for first in 0..THAI_LETTER_COUNT as u8 {
            for second in 0..THAI_LETTER_COUNT as u8 {
                let pair = dictionary
                    .child(0, first)
                    .and_then(|node| dictionary.child(node, second));
                if let Some(node) = pair {
                    dictionary.pair_nodes[pair_index(first, second)] = node as u32;
                }
            }
        }
        dictionary
    }

    fn child(&self, node: usize, letter: u8) -> Option<usize> {
        let TrieNode {
            first_child,
            child_count,
            ..
        } = self.nodes[node];
        let first_child = first_child as usize;
        let children = &self.nodes[first_child..first_child + usize::from(child_count)];
        // Most nodes have a handful of children, where a scan beats a binary search.
        let position = if children.len() <= 8 {
            children.iter().position(|child| child.letter == letter)?
        } else {
            children
                .binary_search_by_key(&letter, |child| child.letter)
                .ok()?
        };
        Some(first_child + position)
    }

    /// Cuts a run of Thai letters into words, each flagged as known (in the dictionary) or
    /// not, and appends their byte ranges in `run` to `words`; consecutive unknown pieces are
    /// joined. With `exclude_whole`, the run itself is not accepted as one word, which is how
    /// a compound is taken apart.
    fn split_thai(
        &self,
        run: &str,
        exclude_whole: bool,
        scratch: &mut Scratch,
        words: &mut Vec<(usize, usize, bool)>,
    ) {
        let Scratch {
            letters,
            can_cut,
            next_cut,
            best,
            pieces,
        } = scratch;
        // Thai letters are three bytes of UTF-8 each: letter i is at byte 3 * i.
        letters.clear();
        letters.extend(run.as_bytes().chunks_exact(3).map(|bytes| {
            // U+0E00..U+0E7F: the lead byte carries no bits of the code point.
            let code = (u32::from(bytes[1] & 0x3F) << 6) | u32::from(bytes[2] & 0x3F);
            (code - THAI_FIRST) as u8
        }));
        let letter_count = letters.len();

        can_cut.clear();
        can_cut.extend((0..=letter_count).map(|at| {
            at == 0
                || at == letter_count
                || (!cannot_start_word(letters[at]) && !is_leading_vowel(letters[at - 1]))
        }));
        next_cut.clear();
        next_cut.resize(letter_count, letter_count);
        let mut following_cut = letter_count;
        for at in (0..letter_count).rev() {
            next_cut[at] = following_cut;
            if can_cut[at] {
                following_cut = at;
            }
        }

        best.clear();
        best.resize(letter_count + 1, Step::UNREACHED);
        best[0] = Step::START;
        for start in 0..letter_count {
            let reached = best[start];
            if reached.words == Step::UNREACHED.words || !can_cut[start] {
                continue;
            }
            let mut offer = |end: usize, known: bool| {
                let length = (end - start) as u32;
                let candidate = Step {
                    unknown_letters: reached.unknown_letters + if known { 0 } else { length },
                    words: reached.words + 1,
                    squared_lengths: reached.squared_lengths.saturating_add(length * length),
                    from: start as u32,
                    known,
                };
                if candidate.cost() < best[end].cost() {
                    best[end] = candidate;
                }
            };
            self.for_each_word_end(letters, start, |end| {
                let whole = start == 0 && end == letter_count;
                if can_cut[end] && !(exclude_whole && whole) {
                    offer(end, true);
                }
            });
            offer(next_cut[start], false);
        }

        pieces.clear();
        let mut end = letter_count;
        while end > 0 {
            let step = best[end];
            pieces.push((step.from as usize, end, step.known));
            end = step.from as usize;
        }
        let mut unknown_from: Option<usize> = None;
        for &(from, to, known) in pieces.iter().rev() {
            if known {
                if let Some(unknown) = unknown_from.take() {
                    words.push((3 * unknown, 3 * from, false));
                }
                words.push((3 * from, 3 * to, true));
            } else if unknown_from.is_none() {
                unknown_from = Some(from);
            }
        }
        if let Some(unknown) = unknown_from {
            words.push((3 * unknown, run.len(), false));
        }
    }

    /// Calls `found` with each position in `letters` where a dictionary word starting at
    /// `start` ends, shortest first.
    fn for_each_word_end(&self, letters: &[u8], start: usize, mut found: impl FnMut(usize)) {
        // Every dictionary word has at least two letters.
        let Some(&[first, second]) = letters.get(start..start + 2) else {
            return;
        };
        let mut node = self.pair_nodes[pair_index(first, second)] as usize;
        if node == 0 {
            return;
        }
        if self.nodes[node].is_word {
            found(start + 2);
        }
        for (end, &letter) in letters.iter().enumerate().skip(start + 2) {
            match self.child(node, letter) {
                Some(child) => node = child,
                None => break,
            }
            if self.nodes[node].is_word {
                found(end + 1);
            }
        }
    }
}

/// Buffers reused from one run to the next, so that cutting a long text into words does
/// not allocate per run.
#[derive(Default)]
struct Scratch {
    /// The run's letters as offsets from the start of the Thai block.
    letters: Vec<u8>,
    can_cut: Vec<bool>,
    /// For each position, the next position after it where a word may start.
    next_cut: Vec<usize>,
    best: Vec<Step>,
    pieces: Vec<(usize, usize, bool)>,
}

/// The best way found so far to reach a position in a run.
#[derive(Debug, Clone, Copy)]
struct Step {
    unknown_letters: u32,
    words: u32,
    /// Between cuts with as many words, the one with more even word lengths is more often
    /// right ("บอก|บอท|ว่า", not "บอก|บอ|ทว่า"): the MMSEG tie-break, smallest variance.
    squared_lengths: u32,
    from: u32,
    known: bool,
}

impl Step {
    const START: Step = Step {
        unknown_letters: 0,
        words: 0,
        squared_lengths: 0,
        from: 0,
        known: true,
    };
    const UNREACHED: Step = Step {
        unknown_letters: u32::MAX,
        words: u32::MAX,
        squared_lengths: u32::MAX,
        from: 0,
        known: false,
    };

    /// Fewest unexplained letters first, then fewest words, then most even lengths.
    fn cost(&self) -> (u32, u32, u32) {
        (self.unknown_letters, self.words, self.squared_lengths)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_a_simple_sentence() {
        assert_eq!(
            segment("บริจาคเงินให้โรงเรียน"),
            ["บริจาค", "เงิน", "ให้", "โรงเรียน"]
        );
    }

    #[test]
    fn keeps_office_terms_whole() {
        assert_eq!(
            segment("ขอใบอนุโมทนาบัตรจากสพป.ได้ไหม"),
            ["ขอ", "ใบอนุโมทนาบัตร", "จาก", "สพป", "ได้", "ไหม"]
        );
        assert_eq!(segment("แจ้งเบาะแสการทุจริต"), ["แจ้งเบาะแส", "การ", "ทุจริต"]);
    }

    #[test]
    fn prefers_even_word_lengths_between_equal_cuts() {
        assert_eq!(
            segment("บอกบอทว่าบริจาคแล้ว"),
            ["บอก", "บอท", "ว่า", "บริจาค", "แล้ว"]
        );
    }

    #[test]
    fn separates_scripts_digits_and_punctuation() {
        assert_eq!(
            segment("บริจาค ๕๐,๐๐๐ บาท (Donation!)"),
            ["บริจาค", "50000", "บาท", "donation"]
        );
        assert_eq!(segment("ร้องเรียน/ร้องทุกข์"), ["ร้องเรียน", "ร้องทุกข์"]);
    }

    #[test]
    fn ignores_invisible_characters_and_repeated_letters() {
        assert_eq!(segment("บริ\u{200B}จาค\u{200F}เงิน"), segment("บริจาคเงิน"));
        assert_eq!(segment("ทุนนนนน"), segment("ทุน"));
    }

    /// A vowel or tone mark is never doubled in a Thai word: typed twice or more, it draws the
    /// word out ("ค่าา", "นะะะ") and is kept once, so "ค่าา" is not read as a slip for "ค่าย".
    #[test]
    fn keeps_a_drawn_out_vowel_once() {
        assert_eq!(normalise("สวัสดีค่าา").text, "สวัสดีค่า");
        assert_eq!(normalise("ขอบคุณนะะะ").text, "ขอบคุณนะ");
        assert_eq!(normalise("ไม่่รู้").text, "ไม่รู้");
        assert_eq!(normalise("นกกระจอก").text, "นกกระจอก");
    }

    #[test]
    fn normalises_text_into_runs() {
        let normalised = normalise("ทุนนน ๑,๒๐๐ บาท\u{200B}ค่ะ!! Hello กก");
        assert_eq!(normalised.text, "ทุน1200บาทค่ะhelloกก");
        let runs: Vec<&str> = normalised
            .runs
            .iter()
            .map(|&(start, end, _)| &normalised.text[start..end])
            .collect();
        assert_eq!(runs, ["ทุน", "1200", "บาทค่ะ", "hello", "กก"]);
    }

    #[test]
    fn unifies_look_alike_spellings() {
        assert_eq!(segment("เเจ้ง"), segment("แจ้ง"));
        assert_eq!(segment("ทํา"), segment("ทำ"));
    }

    #[test]
    fn joins_unknown_pieces_into_one_word() {
        let tokens = Tokenizer::default().tokenize("ฏฆฬฏฆฬ");
        let tokens: Vec<Token> = tokens.iter().collect();
        assert_eq!(tokens.len(), 1, "{tokens:?}");
        assert_eq!(tokens[0].kind, TokenKind::ThaiUnknown);
    }

    #[test]
    fn never_cuts_inside_a_syllable() {
        for word in segment("เด็กนักเรียนได้รับทุนการศึกษาแล้วค่ะ")
        {
            let first = word.chars().next().unwrap();
            assert!(!cannot_start_word(thai(first)), "{word}");
            let last = word.chars().last().unwrap();
            assert!(!is_leading_vowel(thai(last)), "{word}");
        }
    }

    #[test]
    fn takes_compounds_apart() {
        let parts = compound_parts("ทุนการศึกษา");
        for part in ["ทุน", "การศึกษา", "ศึกษา"] {
            assert!(
                parts.iter().any(|p| p == part),
                "{part} missing from {parts:?}"
            );
        }
        assert!(compound_parts("ทุน").is_empty());
    }

    #[test]
    fn survives_hostile_input() {
        let long = "ก".repeat(4096);
        let mixed = "😀\u{202E}ท\u{0E31}\u{0E31}\u{0E48}ุ ُ ١٢ \u{0E4E}\u{0E4E} 𝔘𝔫𝔦";
        for text in ["", " ", "\u{200B}", "ๆๆๆ", "ฯลฯ", mixed, &long, "่่่่", "ะา"]
        {
            let _ = segment(text);
        }
    }
}
