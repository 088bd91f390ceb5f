//! The office's identity, from configuration (`KHETBOT_OFFICE_*`, `KHETBOT_SIGNER_*`, the
//! account for gifts): what every capability prints about the office.

use crate::documents::promptpay::PromptPayId;

#[derive(Debug, Clone)]
pub struct Office {
    pub name: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub website: String,
    /// Who signs certificates (the director, not whoever recorded the donation); blank
    /// leaves a dotted space in the brackets for a handwritten name.
    pub signer_name: String,
    /// The signer's position, printed under the name.
    pub signer_title: String,
    /// Where gifts of money go; `None` when not configured, and then nothing is shown.
    pub giving: Option<Giving>,
}

/// The office's account for gifts of money, shown when someone asks how to donate.
#[derive(Debug, Clone, PartialEq)]
pub struct Giving {
    /// The account holder's name, as the giver's bank app shows it before they confirm.
    pub account_name: String,
    pub bank: Option<BankAccount>,
    pub promptpay: Option<PromptPayId>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BankAccount {
    pub bank_name: String,
    pub number: String,
}

impl Office {
    /// The contact details left unset, as the variables that set them: answers leave out
    /// lines that would need them, and the admin is told at start-up and in /status.
    pub fn missing_details(&self) -> Vec<&'static str> {
        [
            ("KHETBOT_OFFICE_PHONE", &self.phone),
            ("KHETBOT_OFFICE_EMAIL", &self.email),
            ("KHETBOT_OFFICE_ADDRESS", &self.address),
        ]
        .into_iter()
        .filter(|(_, value)| value.trim().is_empty())
        .map(|(variable, _)| variable)
        .collect()
    }
}
