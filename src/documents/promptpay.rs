//! The PromptPay payload a Thai banking app reads from a QR code: EMVCo merchant-presented
//! TLV fields (payload format, static initiation, the PromptPay account, country, currency)
//! closed by a CRC-16/CCITT-FALSE over everything before it. Pure: no I/O, no amount (a static
//! code, the giver types the amount).

use crate::thai::normalize_digits;

/// The PromptPay application id (merchant account information, tag 29, sub-tag 00).
const PROMPTPAY_AID: &str = "A000000677010111";

/// Who receives: a mobile number or a 13-digit national / tax id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptPayId {
    /// Ten digits starting with 0, as typed in Thailand (`081-234-5678`).
    Mobile(String),
    /// Thirteen digits (a national id or a juristic person's tax id).
    TaxId(String),
}

impl PromptPayId {
    /// Reads `081-234-5678`, `0812345678`, `1 2345 67890 12 3` (Thai digits too). `None` for
    /// anything else.
    pub fn parse(text: &str) -> Option<PromptPayId> {
        let digits: String = normalize_digits(text)
            .chars()
            .filter(|c| !matches!(c, ' ' | '-'))
            .collect();
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        match digits.len() {
            10 if digits.starts_with('0') => Some(PromptPayId::Mobile(digits)),
            13 => Some(PromptPayId::TaxId(digits)),
            _ => None,
        }
    }

    /// The id as people read it: `081-234-5678`, `1-2345-67890-12-3`.
    pub fn display(&self) -> String {
        match self {
            PromptPayId::Mobile(d) => format!("{}-{}-{}", &d[..3], &d[3..6], &d[6..]),
            PromptPayId::TaxId(d) => format!(
                "{}-{}-{}-{}-{}",
                &d[..1],
                &d[1..5],
                &d[5..10],
                &d[10..12],
                &d[12..]
            ),
        }
    }

    /// Sub-tag and value inside tag 29: mobiles go international without the leading 0,
    /// zero-padded to 13 digits (`0066812345678`).
    fn account_field(&self) -> String {
        match self {
            PromptPayId::Mobile(d) => tlv("01", &format!("0066{}", &d[1..])),
            PromptPayId::TaxId(d) => tlv("02", d),
        }
    }
}

/// The full payload text to encode in the QR code.
pub fn payload(id: &PromptPayId) -> String {
    let account = tlv("00", PROMPTPAY_AID) + &id.account_field();
    let mut text = String::new();
    text.push_str(&tlv("00", "01"));
    text.push_str(&tlv("01", "11"));
    text.push_str(&tlv("29", &account));
    text.push_str(&tlv("58", "TH"));
    text.push_str(&tlv("53", "764"));
    text.push_str("6304");
    let crc = crc16_ccitt(text.as_bytes());
    text.push_str(&format!("{crc:04X}"));
    text
}

/// Tag, two-digit length, value. Values here are ASCII, so bytes are characters.
fn tlv(tag: &str, value: &str) -> String {
    format!("{tag}{:02}{value}", value.len())
}

/// CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF, no reflection), as EMVCo requires.
pub fn crc16_ccitt(bytes: &[u8]) -> u16 {
    bytes.iter().fold(0xFFFF_u16, |crc, &byte| {
        (0..8).fold(crc ^ (u16::from(byte) << 8), |crc, _| {
            if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            }
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_crc_is_ccitt_false() {
        // The standard check value of CRC-16/CCITT-FALSE.
        assert_eq!(crc16_ccitt(b"123456789"), 0x29B1);
    }

    /// Payloads published with the dtinth/promptpay-qr and farzai/promptpay-qr libraries.
    #[test]
    fn payloads_match_published_examples() {
        let cases = [
            (
                "000-000-0000",
                "00020101021129370016A000000677010111011300660000000005802TH530376463048956",
            ),
            (
                "089-999-9999",
                "00020101021129370016A000000677010111011300668999999995802TH53037646304FE29",
            ),
            (
                "1234567890123",
                "00020101021129370016A000000677010111021312345678901235802TH53037646304EC40",
            ),
        ];
        for (id, expected) in cases {
            let id = PromptPayId::parse(id).unwrap();
            assert_eq!(payload(&id), expected);
        }
    }

    #[test]
    fn only_mobiles_and_thirteen_digit_ids_are_read() {
        assert_eq!(
            PromptPayId::parse("๐๘๑-๒๓๔-๕๖๗๘"),
            Some(PromptPayId::Mobile("0812345678".into()))
        );
        assert_eq!(
            PromptPayId::parse("0812345678").unwrap().display(),
            "081-234-5678"
        );
        assert_eq!(
            PromptPayId::parse("1 2345 67890 12 3").unwrap().display(),
            "1-2345-67890-12-3"
        );
        for wrong in ["", "12345", "1812345678", "08123456789", "081234567x"] {
            assert_eq!(PromptPayId::parse(wrong), None, "{wrong}");
        }
    }
}
