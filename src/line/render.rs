//! Core messages (Telegram HTML, inline buttons) as LINE messages: plain text with links
//! written out, at most 5,000 characters each as LINE counts them (UTF-16 code units), split
//! between paragraphs; buttons as quick replies on the last message, or in Flex bubbles where
//! a quick reply cannot hold them.

use serde_json::{Value, json};
use unicode_segmentation::UnicodeSegmentation;

use crate::core::{Button, OutMessage};

/// LINE's limits (messaging-api.yml: TextMessage.text, QuickReply.items, action label,
/// PostbackAction.data).
pub const MAX_TEXT: usize = 5000;
pub const MAX_QUICK_REPLIES: usize = 13;
pub const MAX_LABEL: usize = 20;
pub const MAX_POSTBACK_DATA: usize = 300;
/// URIAction.uri.
const MAX_URI: usize = 1000;
/// PostbackAction.displayText: what the chat shows as the person's message on a press.
const MAX_DISPLAY_TEXT: usize = 300;

/// LINE's limit of a Flex message's alternative text, shown in notifications and chat lists.
pub const MAX_ALT_TEXT: usize = 400;
/// What a Flex bubble's JSON may weigh (LINE refuses a larger one).
const MAX_BUBBLE_BYTES: usize = 30_000;

/// The LINE messages of `message`: `attachment` (its file as LINE shows it) first, then its
/// text; a card is one Flex bubble instead, its buttons inside it. Its buttons go as quick
/// replies on the last message while a quick reply holds them (13); more go in a Flex bubble
/// with the text, or, where the text does not fit one (too large, or no text at all beside a
/// file), in Flex bubbles of their own after it: none is left out.
pub fn line_messages(attachment: Option<Value>, message: &OutMessage) -> Vec<Value> {
    // A card's buttons are the bot's own short actions, laid out in its bubble: cut, not
    // numbered into its text.
    let labels = Labels::of(&message.buttons, message.card.is_none());
    let text = labels.listed_in(&html_to_text(&message.text));
    let actions = actions(&message.buttons, &labels);
    let too_many_for_quick_replies = actions.len() > MAX_QUICK_REPLIES;
    let mut messages: Vec<Value> = attachment.into_iter().collect();
    if (message.card.is_some() || too_many_for_quick_replies)
        && let Some(card) = flex_card(&text, &actions)
    {
        messages.push(card);
        return messages;
    }
    messages.extend(
        split_paragraphs(&text, MAX_TEXT)
            .into_iter()
            .filter(|part| !part.trim().is_empty())
            .map(|part| json!({ "type": "text", "text": part })),
    );
    match (messages.last_mut(), too_many_for_quick_replies) {
        (Some(last), false) => {
            if let Some(quick) = quick_reply(actions) {
                last["quickReply"] = quick;
            }
        }
        _ => messages.extend(button_bubbles(actions)),
    }
    messages
}

/// Telegram HTML as plain text: tags dropped, a link written as "label (url)" unless the
/// label is the address, entities decoded.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut link: Option<String> = None;
    let mut label_start = 0;
    while let Some(open) = rest.find('<') {
        out.push_str(&decode(&rest[..open]));
        let Some(close) = rest[open..].find('>') else {
            out.push_str(&decode(&rest[open..]));
            rest = "";
            break;
        };
        let tag = &rest[open + 1..open + close];
        if let Some(href) = tag
            .strip_prefix("a href=\"")
            .and_then(|t| t.split('"').next())
        {
            link = Some(decode(href));
            label_start = out.len();
        } else if tag == "/a"
            && let Some(url) = link.take()
            && out[label_start..].trim() != url
        {
            out.push_str(&format!(" ({url})"));
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(&decode(rest));
    out
}

fn decode(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Parts of at most `limit` characters as LINE counts them (UTF-16 code units: an emoji is
/// two): whole paragraphs where they fit, else whole lines, else cut between characters.
pub fn split_paragraphs(text: &str, limit: usize) -> Vec<String> {
    let pieces = text.split("\n\n").flat_map(|paragraph| {
        if units(paragraph) <= limit {
            vec![paragraph.to_string()]
        } else {
            pack(
                paragraph.split('\n').flat_map(|line| cut(line, limit)),
                "\n",
                limit,
            )
        }
    });
    pack(pieces, "\n\n", limit)
}

/// The length of `text` as LINE counts a text message's (developers.line.biz,
/// text-character-count): in UTF-16 code units.
fn units(text: &str) -> usize {
    text.encode_utf16().count()
}

/// A line in pieces of at most `limit` UTF-16 code units, cut between characters.
fn cut(line: &str, limit: usize) -> Vec<String> {
    let mut pieces = vec![String::new()];
    let mut length = 0;
    for character in line.chars() {
        if length + character.len_utf16() > limit {
            pieces.push(String::new());
            length = 0;
        }
        length += character.len_utf16();
        pieces
            .last_mut()
            .expect("one piece at least")
            .push(character);
    }
    pieces
}

/// Joins pieces (each within `limit`) with `separator` into as few parts within `limit` as
/// order allows.
fn pack(pieces: impl IntoIterator<Item = String>, separator: &str, limit: usize) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current: Option<String> = None;
    for piece in pieces {
        current = Some(match current {
            None => piece,
            Some(mut joined) if units(&joined) + units(separator) + units(&piece) <= limit => {
                joined.push_str(separator);
                joined.push_str(&piece);
                joined
            }
            Some(full) => {
                parts.push(full);
                piece
            }
        });
    }
    parts.extend(current);
    parts
}

/// Inline buttons (at most [`MAX_QUICK_REPLIES`]) as quick-reply items: a button press
/// arrives as a postback with the same data as a Telegram callback; a link button opens its
/// address.
fn quick_reply(actions: Vec<Value>) -> Option<Value> {
    let items: Vec<Value> = actions
        .into_iter()
        .map(|action| json!({ "type": "action", "action": action }))
        .collect();
    (!items.is_empty()).then(|| json!({ "items": items }))
}

/// The LINE actions of inline buttons, with the labels of `labels`; a press shows the whole
/// label in the chat. A button whose data or link LINE cannot carry is left out (logged).
fn actions(rows: &[Vec<Button>], labels: &Labels) -> Vec<Value> {
    rows.iter()
        .flatten()
        .zip(&labels.shown)
        .filter_map(|(button, shown)| match button {
            Button::Callback { label, data } if data.len() <= MAX_POSTBACK_DATA => Some(json!({
                "type": "postback",
                "label": shown,
                "data": data,
                "displayText": html_to_text(label).chars().take(MAX_DISPLAY_TEXT).collect::<String>(),
            })),
            Button::Callback { data, .. } => {
                log::warn!("button data of {} bytes is too long for LINE", data.len());
                None
            }
            Button::Url { url, .. } if url.len() <= MAX_URI => {
                Some(json!({ "type": "uri", "label": shown, "uri": url }))
            }
            Button::Url { url, .. } => {
                log::warn!("a link of {} bytes is too long for LINE", url.len());
                None
            }
        })
        .collect()
}

/// What LINE shows of each button, and the labels it could not show whole. LINE cuts a label
/// at 20 grapheme clusters; a Thai question cut there is unreadable, and several cut ones
/// look alike. So a label too long is numbered (`2. บริจาคเป็นสิ่งข…`) and the message lists it
/// in full under the same number (unless `numbered` is false: then it is only cut).
struct Labels {
    /// Per button, in order.
    shown: Vec<String>,
    /// `2. บริจาคเป็นสิ่งของแทนเงินได้ไหม`, one per label cut.
    listed: Vec<String>,
}

impl Labels {
    fn of(rows: &[Vec<Button>], numbered: bool) -> Labels {
        let mut labels = Labels {
            shown: Vec::new(),
            listed: Vec::new(),
        };
        for button in rows.iter().flatten() {
            let (Button::Callback { label, .. } | Button::Url { label, .. }) = button;
            let plain = html_to_text(label);
            if clusters(&plain) <= MAX_LABEL {
                labels.shown.push(plain);
                continue;
            }
            if !numbered {
                labels.shown.push(shortened(&plain));
                continue;
            }
            let number = labels.listed.len() + 1;
            labels.shown.push(shortened(&format!("{number}. {plain}")));
            labels.listed.push(format!("{number}. {plain}"));
        }
        labels
    }

    /// `text` with the labels cut listed in full: after the paragraph that leads into the
    /// buttons (the last one ending with a colon), else at the end.
    fn listed_in(&self, text: &str) -> String {
        if self.listed.is_empty() {
            return text.to_string();
        }
        let list = self.listed.join("\n");
        let mut paragraphs: Vec<&str> = text.split("\n\n").collect();
        match paragraphs
            .iter()
            .rposition(|paragraph| paragraph.trim_end().ends_with(':'))
        {
            Some(lead_in) => paragraphs.insert(lead_in + 1, &list),
            None => paragraphs.push(&list),
        }
        paragraphs.join("\n\n")
    }
}

/// Legacy grapheme clusters: never fewer than the extended clusters LINE counts labels in,
/// so a label within the limit by this count is within it by LINE's.
fn clusters(text: &str) -> usize {
    text.graphemes(false).count()
}

/// A card as a Flex bubble: its first line the header, each further line a wrapped text
/// (a blank line a separator), and its buttons in the footer, a postback each with the same
/// data as a Telegram callback. `None` when it has no text or would not fit LINE's limits:
/// then the text goes as text messages.
fn flex_card(text: &str, actions: &[Value]) -> Option<Value> {
    let text = text.trim_start();
    let mut lines = text.lines();
    let title = lines.next()?;
    let body: Vec<Value> = lines
        .map(|line| match line.trim() {
            "" => json!({ "type": "separator", "margin": "md" }),
            line => json!({ "type": "text", "text": line, "wrap": true, "size": "sm" }),
        })
        .collect();
    let mut bubble = json!({
        "type": "bubble",
        "header": {
            "type": "box",
            "layout": "vertical",
            "contents": [{ "type": "text", "text": title, "weight": "bold", "wrap": true }],
        },
    });
    if !body.is_empty() {
        bubble["body"] =
            json!({ "type": "box", "layout": "vertical", "spacing": "sm", "contents": body });
    }
    flex_message(text, bubble, actions)
}

/// Buttons a quick reply cannot hold, after the text they belong to: Flex bubbles of
/// buttons only, as many as LINE's bubble size needs. The alt text (notifications, chat
/// list) names their labels.
fn button_bubbles(actions: Vec<Value>) -> Vec<Value> {
    if actions.is_empty() {
        return Vec::new();
    }
    let labels: Vec<&str> = actions
        .iter()
        .filter_map(|action| action["label"].as_str())
        .collect();
    if let Some(bubble) = flex_message(&labels.join(" · "), json!({ "type": "bubble" }), &actions)
    {
        return vec![bubble];
    }
    // A button is far smaller than a bubble (its data, text and link are bounded): halves
    // fit, in the end.
    if actions.len() == 1 {
        log::warn!("a button larger than a Flex bubble is left out");
        return Vec::new();
    }
    let mut first = actions;
    let second = first.split_off(first.len() / 2);
    let mut bubbles = button_bubbles(first);
    bubbles.extend(button_bubbles(second));
    bubbles
}

/// `bubble` with `actions` as buttons in its footer, as a Flex message whose alt text is
/// `alt_text`; `None` when larger than LINE takes.
fn flex_message(alt_text: &str, mut bubble: Value, actions: &[Value]) -> Option<Value> {
    let buttons: Vec<Value> = actions
        .iter()
        .enumerate()
        .map(|(index, action)| {
            json!({
                "type": "button",
                "style": if index == 0 { "primary" } else { "secondary" },
                "height": "sm",
                "action": action,
            })
        })
        .collect();
    if !buttons.is_empty() {
        bubble["footer"] =
            json!({ "type": "box", "layout": "vertical", "spacing": "sm", "contents": buttons });
    }
    if bubble.to_string().len() > MAX_BUBBLE_BYTES {
        return None;
    }
    let alt_text: String = alt_text.chars().take(MAX_ALT_TEXT).collect();
    Some(json!({ "type": "flex", "altText": alt_text, "contents": bubble }))
}

/// A label within LINE's 20 grapheme clusters, shortened with an ellipsis.
fn shortened(label: &str) -> String {
    let mut short: String = label.graphemes(false).take(MAX_LABEL - 1).collect();
    short.push('…');
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_clean_text_with_links_kept() {
        assert_eq!(
            html_to_text(
                "<b>ยอด</b> 1,000 &lt;บาท&gt; &amp; <a href=\"https://x.go.th/a?b=1&amp;c=2\">ดูรายละเอียด</a>"
            ),
            "ยอด 1,000 <บาท> & ดูรายละเอียด (https://x.go.th/a?b=1&c=2)"
        );
        assert_eq!(
            html_to_text("<a href=\"https://x.go.th\">https://x.go.th</a>"),
            "https://x.go.th"
        );
    }

    #[test]
    fn long_texts_split_on_paragraphs_within_the_limit() {
        let paragraph = "ก".repeat(3000);
        let text = format!("{paragraph}\n\n{paragraph}\n\nสั้น");
        let parts = split_paragraphs(&text, MAX_TEXT);
        assert_eq!(parts, vec![paragraph.clone(), format!("{paragraph}\n\nสั้น")]);
        let huge = "ข".repeat(12_000);
        let parts = split_paragraphs(&huge, MAX_TEXT);
        assert!(parts.iter().all(|p| p.chars().count() <= MAX_TEXT));
        assert_eq!(parts.concat(), huge);
    }

    #[test]
    fn long_texts_split_within_the_limit_as_line_counts_it_in_utf16_units() {
        // An emoji is two UTF-16 code units: LINE counts it as two characters.
        let line = format!("⚠️🔒 {}", "ก".repeat(90));
        let text = vec![line; 120].join("\n");
        let parts = split_paragraphs(&text, MAX_TEXT);
        assert!(parts.len() > 1);
        for part in &parts {
            assert!(
                part.encode_utf16().count() <= MAX_TEXT,
                "{}",
                part.encode_utf16().count()
            );
        }
        assert_eq!(parts.join("\n"), text);
        let emoji_only = "🍎".repeat(3000);
        let parts = split_paragraphs(&emoji_only, MAX_TEXT);
        assert!(parts.iter().all(|p| p.encode_utf16().count() <= MAX_TEXT));
        assert_eq!(
            parts.concat(),
            emoji_only,
            "never between the halves of an emoji"
        );
    }

    #[test]
    fn a_link_longer_than_line_takes_is_left_out_and_the_other_buttons_kept() {
        let mut buttons = many_buttons(14, 1);
        buttons.push(vec![Button::Url {
            label: "เปิดลิงก์".into(),
            url: format!("https://x.go.th/{}", "a".repeat(MAX_URI)),
        }]);
        let messages = line_messages(None, &OutMessage::text("").with_buttons(buttons));
        assert_eq!(offered(&messages).len(), 14);
        assert!(!messages.iter().any(|m| m.to_string().contains("aaaa")));
    }

    #[test]
    fn more_buttons_than_quick_replies_hold_go_in_a_flex_bubble_every_one() {
        let buttons = vec![
            (0..20)
                .map(|i| Button::Callback {
                    label: format!("ตัวเลือก {i}"),
                    data: format!("area:{i}"),
                })
                .collect(),
        ];
        let message = OutMessage::text("เลือกเขต\nกดเลือกได้เลย").with_buttons(buttons);
        let messages = line_messages(None, &message);
        assert_eq!(messages.len(), 1);
        assert_eq!(messages[0]["type"], "flex");
        let footer = messages[0]["contents"]["footer"]["contents"]
            .as_array()
            .unwrap();
        assert_eq!(footer.len(), 20);
        assert_eq!(footer[19]["action"]["data"], "area:19");
    }

    /// The postback data of `messages`, in order: quick replies and bubbles' buttons.
    fn offered(messages: &[Value]) -> Vec<String> {
        messages
            .iter()
            .flat_map(|message| {
                let quick = message["quickReply"]["items"].as_array().cloned();
                let footer = message["contents"]["footer"]["contents"]
                    .as_array()
                    .cloned();
                quick.into_iter().chain(footer).flatten()
            })
            .map(|item| item["action"]["data"].as_str().unwrap().to_string())
            .collect()
    }

    fn many_buttons(count: usize, data_len: usize) -> Vec<Vec<Button>> {
        (0..count)
            .map(|i| {
                callback(
                    &format!("ตัวเลือก {i}"),
                    &format!("{i}:{}", "x".repeat(data_len)),
                )
            })
            .collect()
    }

    #[test]
    fn buttons_that_do_not_fit_the_texts_bubble_follow_it_in_bubbles_of_their_own() {
        // A text too large for one bubble, with more buttons than a quick reply holds.
        let text = format!("รายการ\n{}", "ก".repeat(12_000));
        let message = OutMessage::text(text).with_buttons(many_buttons(20, 10));
        let messages = line_messages(None, &message);
        assert_eq!(messages[0]["type"], "text");
        assert_eq!(offered(&messages).len(), 20, "{messages:?}");
        let last = messages.last().unwrap();
        assert_eq!(last["type"], "flex");
        assert!(last["contents"].to_string().len() <= MAX_BUBBLE_BYTES);
        assert!(
            last["altText"]
                .as_str()
                .unwrap()
                .starts_with("ตัวเลือก 0 · ตัวเลือก 1")
        );

        // Buttons that together weigh more than a bubble: several bubbles, each within it.
        let message = OutMessage::text("").with_buttons(many_buttons(120, 290));
        let messages = line_messages(None, &message);
        assert!(messages.len() > 1);
        assert!(
            messages
                .iter()
                .all(|m| m["contents"].to_string().len() <= MAX_BUBBLE_BYTES)
        );
        let expected: Vec<String> = (0..120)
            .map(|i| format!("{i}:{}", "x".repeat(290)))
            .collect();
        assert_eq!(offered(&messages), expected, "every button, in order");
    }

    #[test]
    fn a_file_without_text_carries_its_quick_replies_or_is_followed_by_its_buttons() {
        let file = json!({ "type": "image", "originalContentUrl": "https://x", "previewImageUrl": "https://x" });
        let few = OutMessage::text("").with_buttons(many_buttons(3, 1));
        let messages = line_messages(Some(file.clone()), &few);
        assert_eq!(messages.len(), 1);
        assert_eq!(offered(&messages).len(), 3);
        let many = OutMessage::text("").with_buttons(many_buttons(14, 1));
        let messages = line_messages(Some(file), &many);
        assert_eq!(messages[0]["type"], "image");
        assert!(messages[0].get("quickReply").is_none());
        assert_eq!(offered(&messages).len(), 14);
    }

    #[test]
    fn buttons_become_at_most_thirteen_quick_replies_with_short_labels() {
        let buttons = vec![
            (0..13)
                .map(|i| Button::Callback {
                    label: format!("ตัวเลือกที่ยาวมากเกินยี่สิบตัวอักษร {i}"),
                    data: format!("area:{i}"),
                })
                .collect(),
        ];
        let message = OutMessage::text("เลือก").with_buttons(buttons);
        let messages = line_messages(None, &message);
        let items = messages[0]["quickReply"]["items"].as_array().unwrap();
        assert_eq!(items.len(), MAX_QUICK_REPLIES);
        for item in items {
            let label = item["action"]["label"].as_str().unwrap();
            assert!(clusters(label) <= MAX_LABEL, "{label}");
        }
        assert_eq!(items[3]["action"]["data"], "area:3");
    }

    fn callback(label: &str, data: &str) -> Vec<Button> {
        vec![Button::Callback {
            label: label.into(),
            data: data.into(),
        }]
    }

    #[test]
    fn labels_too_long_are_numbered_and_listed_in_full_under_the_lead_in() {
        let message = OutMessage::text(
            "ขออภัยค่ะ บอทยังไม่แน่ใจ\n\nคำถามที่ใกล้เคียงที่สุด ลองกดดูค่ะ:\n\nหากไม่ตรง กด ส่งคำถามถึงเจ้าหน้าที่",
        )
        .with_buttons(vec![
            callback("บริจาคเงินให้สำนักงานเขตได้อย่างไร", "faq:show:1"),
            callback("บริจาคเป็นสิ่งของแทนเงินได้ไหม", "faq:show:2"),
            callback("ส่งคำถามถึงเจ้าหน้าที่", "faq:esc:1"),
        ]);
        let messages = line_messages(None, &message);
        assert_eq!(messages.len(), 1);
        assert_eq!(
            messages[0]["text"],
            "ขออภัยค่ะ บอทยังไม่แน่ใจ\n\nคำถามที่ใกล้เคียงที่สุด ลองกดดูค่ะ:\n\n\
             1. บริจาคเงินให้สำนักงานเขตได้อย่างไร\n2. บริจาคเป็นสิ่งของแทนเงินได้ไหม\n\n\
             หากไม่ตรง กด ส่งคำถามถึงเจ้าหน้าที่"
        );
        let items = messages[0]["quickReply"]["items"].as_array().unwrap();
        let labels: Vec<&str> = items
            .iter()
            .map(|item| item["action"]["label"].as_str().unwrap())
            .collect();
        assert!(labels[0].starts_with("1. บริจาคเงิน"), "{labels:?}");
        assert!(labels[1].starts_with("2. บริจาคเป็น"), "{labels:?}");
        // Within LINE's 20 clusters, and longer than 20 code points would have allowed.
        assert!(labels.iter().all(|label| clusters(label) <= MAX_LABEL));
        assert!(labels[0].chars().count() > MAX_LABEL, "{}", labels[0]);
        // A label that fits is left alone, unnumbered.
        assert_eq!(labels[2], "ส่งคำถามถึงเจ้าหน้าที่");
        // A press shows the whole question in the chat.
        assert_eq!(
            items[1]["action"]["displayText"],
            "บริจาคเป็นสิ่งของแทนเงินได้ไหม"
        );
    }

    #[test]
    fn a_cards_long_label_is_cut_not_numbered() {
        let message = OutMessage::text("หลักฐานการรับบริจาค\nเลขที่ 1/2569")
            .with_buttons(vec![callback(
                "ใบอนุโมทนาบัตร (รูปภาพ + PDF) ฉบับเต็ม",
                "donations:cert:1:o",
            )])
            .as_card("donation:1");
        let messages = line_messages(None, &message);
        let bubble = messages[0]["contents"].to_string();
        assert!(!bubble.contains("1. "), "{bubble}");
        let label = messages[0]["contents"]["footer"]["contents"][0]["action"]["label"]
            .as_str()
            .unwrap();
        assert!(label.starts_with("ใบอนุโมทนาบัตร"), "{label}");
        assert!(clusters(label) <= MAX_LABEL, "{label}");
    }

    #[test]
    fn a_flex_bubble_lists_its_labels_too_long_in_its_body() {
        let buttons = (0..15)
            .map(|i| {
                callback(
                    &format!("คำถามที่ยาวมากจนเกินป้ายของไลน์ ข้อที่ {i}"),
                    &format!("faq:show:{i}"),
                )
            })
            .collect();
        let message = OutMessage::text("คำถามในหมวดนี้:").with_buttons(buttons);
        let messages = line_messages(None, &message);
        assert_eq!(messages[0]["type"], "flex");
        let body = messages[0]["contents"]["body"].to_string();
        assert!(
            body.contains("15. คำถามที่ยาวมากจนเกินป้ายของไลน์ ข้อที่ 14"),
            "{body}"
        );
        let footer = messages[0]["contents"]["footer"]["contents"]
            .as_array()
            .unwrap();
        assert!(
            footer[14]["action"]["label"]
                .as_str()
                .unwrap()
                .starts_with("15. ")
        );
    }
}
