//! PyThaiNLP's CC0 Thai word list (data/words_th.txt, see data/README.md), for telling a real
//! word from a slip of the keyboard.

/// One word per line.
pub const THAI_WORDS: &str = include_str!("../../data/words_th.txt");

/// Whether `word` is a Thai dictionary word. A scan of the list: it is asked only about the
/// rare line that resembles a command word, never per message.
pub fn is_thai_word(word: &str) -> bool {
    THAI_WORDS.lines().any(|line| line == word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_words_are_known_and_slips_are_not() {
        for word in ["เพื่อน", "ภาษี", "สถานี", "บริจาค"]
        {
            assert!(is_thai_word(word), "{word}");
        }
        for slip in ["บริจาด", "ยอดบริจก", "เพิ่มกำหนดกาน"]
        {
            assert!(!is_thai_word(slip), "{slip}");
        }
    }
}
