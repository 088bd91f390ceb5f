//! Tracking codes of anonymous filings and case numbers.
//!
//! A tracking code is 16 digits from the operating system's CSPRNG, shown once to the filer.
//! The database keeps only a per-case random salt and an Argon2id hash of it, plus a 16-bit
//! bucket (a domain-separated BLAKE2 digest of the code) so that a lookup verifies the few
//! cases in one bucket instead of every hash. The bucket reveals 16 of the code's 53 bits: a
//! stolen database still leaves ~1.4×10¹¹ Argon2 guesses per case.

use argon2::{Algorithm, Argon2, Params, Version};
use blake2::{Blake2b512, Digest};

use crate::thai::{is_digit, normalize_digits};

pub const CODE_DIGITS: usize = 16;
const CODE_SPACE: u64 = 10_000_000_000_000_000;
const SALT_BYTES: usize = 16;
const HASH_BYTES: usize = 32;
/// 65,536 buckets: even 100,000 cases leave about one anonymous case per bucket, so a lookup
/// costs about one Argon2 verification.
const BUCKET_BITS: u32 = 16;
/// Buckets are stored above this value; below it are the 12-bit buckets of codes issued
/// before buckets widened (the top 12 bits of the same digest), still found by lookups.
const LEGACY_BUCKETS: i64 = 1 << 12;

/// Argon2id cost, stored with each hash so it can be raised later without losing old cases.
/// OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): about 50–100 ms per verification
/// on a small server (`cargo bench --bench complaints` prints it). Each verification runs on
/// the store thread, so a higher cost would hold up every other update for as long.
pub const COST: HashCost = HashCost {
    memory_kib: 19 * 1024,
    passes: 2,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HashCost {
    pub memory_kib: u32,
    pub passes: u32,
}

impl HashCost {
    /// Stored next to the hash: `argon2id:m=32768,t=3,p=1`.
    pub fn encode(self) -> String {
        format!("argon2id:m={},t={},p=1", self.memory_kib, self.passes)
    }

    pub fn decode(text: &str) -> Option<HashCost> {
        let rest = text.strip_prefix("argon2id:m=")?;
        let (memory, rest) = rest.split_once(",t=")?;
        let passes = rest.strip_suffix(",p=1")?;
        Some(HashCost {
            memory_kib: memory.parse().ok()?,
            passes: passes.parse().ok()?,
        })
    }
}

/// A freshly generated code with what the database keeps of it.
pub struct NewCode {
    /// The 16 digits, for the filer's eyes only.
    pub digits: String,
    pub bucket: i64,
    pub salt: Vec<u8>,
    pub hash: Vec<u8>,
    pub cost: HashCost,
}

#[derive(Debug)]
pub enum CodeError {
    Randomness,
    Hashing,
}

/// Draws a uniformly random 16-digit code and hashes it.
pub fn generate() -> Result<NewCode, CodeError> {
    // Rejection sampling keeps every code equally likely.
    let limit = u64::MAX - u64::MAX % CODE_SPACE;
    let value = loop {
        let mut bytes = [0u8; 8];
        getrandom::fill(&mut bytes).map_err(|_| CodeError::Randomness)?;
        let candidate = u64::from_le_bytes(bytes);
        if candidate < limit {
            break candidate % CODE_SPACE;
        }
    };
    let digits = format!("{value:0width$}", width = CODE_DIGITS);
    let mut salt = vec![0u8; SALT_BYTES];
    getrandom::fill(&mut salt).map_err(|_| CodeError::Randomness)?;
    let hash = hash(&digits, &salt, COST).ok_or(CodeError::Hashing)?;
    Ok(NewCode {
        bucket: bucket(&digits),
        digits,
        salt,
        hash,
        cost: COST,
    })
}

/// Reads a code as typed: Thai digits, spaces and dashes allowed ("1234 5678-9012 3456").
pub fn parse(text: &str) -> Option<String> {
    let digits: String = normalize_digits(text)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    (digits.len() == CODE_DIGITS && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

/// Groups of four, easier to copy by hand.
pub fn display(digits: &str) -> String {
    digits
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The bucket stored with a new code.
pub fn bucket(digits: &str) -> i64 {
    LEGACY_BUCKETS + i64::from(bucket_digest(digits) >> (16 - BUCKET_BITS))
}

/// The bucket a code issued before the widening was stored under.
pub fn legacy_bucket(digits: &str) -> i64 {
    i64::from(bucket_digest(digits) >> 4)
}

fn bucket_digest(digits: &str) -> u16 {
    let digest = Blake2b512::new_with_prefix(b"khetbot complaint code bucket\0")
        .chain_update(digits.as_bytes())
        .finalize();
    u16::from_be_bytes([digest[0], digest[1]])
}

pub fn hash(digits: &str, salt: &[u8], cost: HashCost) -> Option<Vec<u8>> {
    let params = Params::new(cost.memory_kib, cost.passes, 1, Some(HASH_BYTES)).ok()?;
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    let mut out = vec![0u8; HASH_BYTES];
    argon
        .hash_password_into(digits.as_bytes(), salt, &mut out)
        .ok()?;
    Some(out)
}

/// Whether `digits` is the code behind `expected`; compares in constant time.
pub fn verify(digits: &str, salt: &[u8], expected: &[u8], cost: HashCost) -> bool {
    let Some(actual) = hash(digits, salt, cost) else {
        return false;
    };
    actual.len() == expected.len()
        && actual
            .iter()
            .zip(expected)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// A case number: `ร-2569-0007` (complaints) or `ค-2569-0012` (requests), per fiscal year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseNumber {
    pub prefix: char,
    pub fiscal_year: i32,
    pub seq: i64,
}

impl CaseNumber {
    pub fn format(self) -> String {
        format!("{}-{}-{:04}", self.prefix, self.fiscal_year, self.seq)
    }

    /// Accepts `ร-2569-0007`, `ร2569/7`, `ร 2569-7` and Thai digits.
    pub fn parse(text: &str) -> Option<CaseNumber> {
        let text = normalize_digits(text.trim());
        let mut chars = text.chars();
        let prefix = chars.next()?;
        if prefix != 'ร' && prefix != 'ค' {
            return None;
        }
        let rest = chars.as_str().trim_start_matches([' ', '-', '.']);
        let (year, seq) = rest.split_once(['-', '/', ' '])?;
        let fiscal_year: i32 = year.parse().ok()?;
        let seq: i64 = seq.trim().parse().ok()?;
        ((2400..=2700).contains(&fiscal_year) && seq > 0).then_some(CaseNumber {
            prefix,
            fiscal_year,
            seq,
        })
    }
}

/// Splits `ร-2569-0007 the rest` into the case number and the rest.
pub fn split_case_number(args: &str) -> Option<(CaseNumber, &str)> {
    let args = args.trim();
    let end = args.find(char::is_whitespace).unwrap_or(args.len());
    let number = CaseNumber::parse(&args[..end])?;
    Some((number, args[end..].trim()))
}

/// The code (16 digits, possibly typed in groups of four) or the case number `args` starts
/// with, and what follows it.
pub fn split_key(args: &str) -> (&str, &str) {
    let after = |end: usize| args[end..].trim_start_matches(is_key_separator);
    let mut digits = 0;
    for (i, c) in args.char_indices() {
        if is_digit(c) {
            digits += 1;
            if digits == CODE_DIGITS {
                let end = i + c.len_utf8();
                return (&args[..end], after(end).trim_end());
            }
        } else if !(c == ' ' || c == '-') {
            break;
        }
    }
    let end = args.find(is_key_separator).unwrap_or(args.len());
    (&args[..end], after(end).trim_end())
}

/// What people put between two codes or case numbers typed on one line: spaces, new lines and
/// these marks, or the words of [`KEY_SEPARATOR_WORDS`].
fn is_key_separator(c: char) -> bool {
    c.is_whitespace() || [',', ';', '、', '&'].contains(&c)
}
const KEY_SEPARATOR_WORDS: [&str; 3] = ["และ", "กับ", "and"];

/// Whether `key` is a tracking code or a case number, as typed.
pub fn is_key(key: &str) -> bool {
    parse(key).is_some() || CaseNumber::parse(key).is_some()
}

/// A tracking code typed among other words ("เจ้าหน้าที่อ่านเรื่อง 1234 5678 9012 3456 หรือยังคะ"),
/// as typed: the first run of 16 digits (in groups or not) with no digit right before or
/// after it.
pub fn code_within(text: &str) -> Option<&str> {
    let mut previous_is_digit = false;
    for (at, c) in text.char_indices() {
        let starts_here = is_digit(c) && !previous_is_digit;
        previous_is_digit = is_digit(c);
        if !starts_here {
            continue;
        }
        let (key, after) = split_key(&text[at..]);
        if parse(key).is_some() && !after.starts_with(is_digit) {
            return Some(key);
        }
    }
    None
}

/// The codes and case numbers of a line that holds nothing else, in order: one, or several
/// separated by commas, new lines, spaces or "และ" (someone who filed twice pastes both).
pub fn keys(text: &str) -> Option<Vec<&str>> {
    let mut keys = Vec::new();
    let mut rest = text;
    loop {
        rest = without_separators(rest);
        if rest.is_empty() {
            return (!keys.is_empty()).then_some(keys);
        }
        let (key, after) = split_key(rest);
        if !is_key(key) {
            return None;
        }
        keys.push(key);
        rest = after;
    }
}

fn without_separators(mut text: &str) -> &str {
    loop {
        let trimmed = text.trim_start_matches(is_key_separator);
        let trimmed = KEY_SEPARATOR_WORDS
            .iter()
            .find_map(|word| trimmed.strip_prefix(word))
            .unwrap_or(trimmed);
        if trimmed.len() == text.len() {
            return text;
        }
        text = trimmed;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHEAP: HashCost = HashCost {
        memory_kib: 64,
        passes: 1,
    };

    #[test]
    fn codes_are_sixteen_digits_and_differ() {
        let a = generate().unwrap();
        let b = generate().unwrap();
        assert_eq!(a.digits.len(), 16);
        assert!(a.digits.bytes().all(|c| c.is_ascii_digit()));
        assert_ne!(a.digits, b.digits);
        assert_ne!(a.salt, b.salt);
        assert!(verify(&a.digits, &a.salt, &a.hash, a.cost));
        assert!(!verify(&b.digits, &a.salt, &a.hash, a.cost));
        assert_eq!(a.bucket, bucket(&a.digits));
        assert!((LEGACY_BUCKETS..LEGACY_BUCKETS + 65_536).contains(&a.bucket));
        assert_eq!(legacy_bucket(&a.digits), (a.bucket - LEGACY_BUCKETS) >> 4);
    }

    #[test]
    fn verification_needs_the_same_salt_and_cost() {
        let salt = [7u8; 16];
        let hashed = hash("1234567890123456", &salt, CHEAP).unwrap();
        assert!(verify("1234567890123456", &salt, &hashed, CHEAP));
        assert!(!verify("1234567890123457", &salt, &hashed, CHEAP));
        assert!(!verify("1234567890123456", &[8u8; 16], &hashed, CHEAP));
        assert_eq!(HashCost::decode(&COST.encode()), Some(COST));
        assert_eq!(HashCost::decode("scrypt"), None);
    }

    #[test]
    fn a_code_is_found_among_other_words() {
        assert_eq!(
            code_within("เจ้าหน้าที่อ่านเรื่อง 1234 5678 9012 3456 หรือยังคะ"),
            Some("1234 5678 9012 3456")
        );
        assert_eq!(
            code_within("รหัส๑๒๓๔๕๖๗๘๙๐๑๒๓๔๕๖ค่ะ"),
            Some("๑๒๓๔๕๖๗๘๙๐๑๒๓๔๕๖")
        );
        assert_eq!(code_within("โอน 5,000 บาท เมื่อ 10.30 น."), None);
        assert_eq!(code_within("เลขบัญชี 12345678901234567"), None);
    }

    #[test]
    fn typed_codes_are_normalised() {
        assert_eq!(
            parse("1234 5678-9012 3456").as_deref(),
            Some("1234567890123456")
        );
        assert_eq!(
            parse("๑๒๓๔๕๖๗๘๙๐๑๒๓๔๕๖").as_deref(),
            Some("1234567890123456")
        );
        assert_eq!(parse("123"), None);
        assert_eq!(parse("abcd567890123456"), None);
        assert_eq!(display("1234567890123456"), "1234 5678 9012 3456");
    }

    #[test]
    fn case_numbers_read_in_the_forms_people_type() {
        let seven = CaseNumber {
            prefix: 'ร',
            fiscal_year: 2569,
            seq: 7,
        };
        assert_eq!(seven.format(), "ร-2569-0007");
        for typed in ["ร-2569-0007", "ร2569/7", "ร-๒๕๖๙-๐๐๐๗", " ร 2569-7 "]
        {
            assert_eq!(CaseNumber::parse(typed), Some(seven), "{typed}");
        }
        assert_eq!(CaseNumber::parse("ค-2569-0012").unwrap().prefix, 'ค');
        assert_eq!(CaseNumber::parse("ก-2569-1"), None);
        assert_eq!(CaseNumber::parse("ร-2569-0"), None);
        assert_eq!(CaseNumber::parse("ร-25690-1"), None);
        let (number, rest) = split_case_number("ร-2569-0007 ขอบคุณค่ะ").unwrap();
        assert_eq!((number, rest), (seven, "ขอบคุณค่ะ"));
    }

    #[test]
    fn a_line_of_several_codes_is_read_as_each() {
        let one = "1234 5678 9012 3456";
        let two = "6543210987654321";
        for line in [
            format!("{one}, {two}"),
            format!("{one}\n{two}"),
            format!("{one} {two}"),
            format!("{one} และ {two}"),
            format!("{one},{two}."),
        ] {
            assert_eq!(
                keys(line.trim_end_matches('.')),
                Some(vec![one, two]),
                "{line}"
            );
        }
        assert_eq!(
            keys("ร-2569-0007, ค-2569-0012"),
            Some(vec!["ร-2569-0007", "ค-2569-0012"])
        );
        assert_eq!(keys(one), Some(vec![one]));
        assert_eq!(keys(&format!("{one} ขอบคุณค่ะ")), None);
        assert_eq!(keys("1234 5678 9012 3456 7"), None);
        assert_eq!(keys("และ"), None);
        // A follow-up's key ends at a comma too.
        assert_eq!(
            split_key("ร-2569-0007, มีรูปเพิ่มค่ะ"),
            ("ร-2569-0007", "มีรูปเพิ่มค่ะ")
        );
    }
}
