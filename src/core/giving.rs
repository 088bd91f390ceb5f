//! How to give money to the office: its account and a PromptPay QR code, from configuration
//! (`KHETBOT_BANK_*`, `KHETBOT_PROMPTPAY_ID`). Shared by the donations capability (the
//! public's donate flow, `วิธีบริจาค`) and the Q&A (`{donation_account}` in answers). When
//! nothing is configured, nothing is shown.

use super::{Attachment, Ctx, OutMessage};
use crate::config::Giving;
use crate::documents::promptpay;
use crate::documents::qr::qr_png;
use crate::i18n::{Arg, Lang};

/// The account as Telegram HTML lines: holder, bank and number, PromptPay id.
pub fn account_html(ctx: &Ctx, lang: Lang, giving: &Giving) -> String {
    let text = |key: &str, args: &[(&str, Arg)]| ctx.env.locales.text(lang, key, args);
    let mut lines = vec![text(
        "core.giving_account_name",
        &[("name", Arg::from(&giving.account_name))],
    )];
    if let Some(bank) = &giving.bank {
        lines.push(text(
            "core.giving_bank",
            &[
                ("bank", Arg::from(&bank.bank_name)),
                ("number", Arg::from(&bank.number)),
            ],
        ));
    }
    if let Some(id) = &giving.promptpay {
        lines.push(text(
            "core.giving_promptpay",
            &[("id", Arg::from(id.display()))],
        ));
    }
    lines.join("\n")
}

/// The message that explains giving: the account, with the PromptPay QR as a photo when a
/// PromptPay id is set. `None` when the office has not configured an account.
pub fn giving_message(ctx: &Ctx) -> Option<OutMessage> {
    let giving = ctx.env.config.office.giving.as_ref()?;
    let mut text = vec![
        ctx.t("core.giving_title", &[]),
        account_html(ctx, ctx.lang, giving),
    ];
    let qr = giving
        .promptpay
        .as_ref()
        .and_then(|id| match qr_png(&promptpay::payload(id)) {
            Ok(qr) => Some(qr),
            Err(error) => {
                log::error!("PromptPay QR not drawn: {error}");
                None
            }
        });
    if qr.is_some() {
        text.push(ctx.t("core.giving_scan", &[]));
    }
    text.push(ctx.t("core.giving_report", &[]));
    let message = OutMessage::text(text.join("\n"));
    Some(match qr {
        Some(qr) => message.with_attachment(Attachment::File {
            name: "promptpay.png".into(),
            mime: "image/png".into(),
            bytes: qr,
        }),
        None => message,
    })
}
