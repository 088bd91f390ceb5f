//! Core messages (Telegram HTML, inline buttons) as LINE messages: plain text with links
//! written out, at most 5,000 characters each, split between paragraphs; buttons as quick
//! replies on the last message.

use serde_json::{Value, json};

use crate::core::{Button, OutMessage};

/// LINE's limits (messaging-api.yml: TextMessage.text, QuickReply.items, action label,
/// PostbackAction.data).
pub const MAX_TEXT: usize = 5000;
pub const MAX_QUICK_REPLIES: usize = 13;
pub const MAX_LABEL: usize = 20;
pub const MAX_POSTBACK_DATA: usize = 300;

/// LINE's limit of a Flex message's alternative text, shown in notifications and chat lists.
pub const MAX_ALT_TEXT: usize = 400;
/// What a Flex bubble's JSON may weigh (LINE refuses a larger one).
const MAX_BUBBLE_BYTES: usize = 30_000;

/// The text messages of `message`, quick replies on the last one; a card is one Flex bubble
/// instead, its buttons inside it. So is a message with more buttons than a quick reply
/// holds (13), so that none is left out.
pub fn text_messages(message: &OutMessage) -> Vec<Value> {
    let text = html_to_text(&message.text);
    let too_many_for_quick_replies = actions(&message.buttons).len() > MAX_QUICK_REPLIES;
    if (message.card.is_some() || too_many_for_quick_replies)
        && let Some(card) = flex_card(&text, &message.buttons)
    {
        return vec![card];
    }
    if too_many_for_quick_replies {
        log::warn!(
            "{} buttons do not fit a Flex bubble; only the first {MAX_QUICK_REPLIES} are offered",
            message.buttons.iter().flatten().count()
        );
    }
    let mut messages: Vec<Value> = split_paragraphs(&text, MAX_TEXT)
        .into_iter()
        .filter(|part| !part.trim().is_empty())
        .map(|part| json!({ "type": "text", "text": part }))
        .collect();
    if let (Some(last), Some(quick)) = (messages.last_mut(), quick_reply(&message.buttons)) {
        last["quickReply"] = quick;
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
        {
            if out[label_start..].trim() != url {
                out.push_str(&format!(" ({url})"));
            }
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

/// Parts of at most `limit` characters: whole paragraphs where they fit, else whole lines,
/// else cut between characters.
pub fn split_paragraphs(text: &str, limit: usize) -> Vec<String> {
    let pieces = text.split("\n\n").flat_map(|paragraph| {
        if paragraph.chars().count() <= limit {
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

/// A line in pieces of at most `limit` characters.
fn cut(line: &str, limit: usize) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    if chars.is_empty() {
        return vec![String::new()];
    }
    chars.chunks(limit).map(|c| c.iter().collect()).collect()
}

/// Joins pieces (each within `limit`) with `separator` into as few parts within `limit` as
/// order allows.
fn pack(pieces: impl IntoIterator<Item = String>, separator: &str, limit: usize) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current: Option<String> = None;
    for piece in pieces {
        current = Some(match current {
            None => piece,
            Some(mut joined)
                if joined.chars().count() + separator.chars().count() + piece.chars().count()
                    <= limit =>
            {
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

/// Inline buttons as quick-reply items: a button press arrives as a postback with the same
/// data as a Telegram callback; a link button opens its address.
fn quick_reply(rows: &[Vec<Button>]) -> Option<Value> {
    let items: Vec<Value> = actions(rows)
        .into_iter()
        .take(MAX_QUICK_REPLIES)
        .map(|action| json!({ "type": "action", "action": action }))
        .collect();
    (!items.is_empty()).then(|| json!({ "items": items }))
}

/// The LINE actions of inline buttons, labels within 20 characters; a button whose data LINE
/// cannot carry is left out.
fn actions(rows: &[Vec<Button>]) -> Vec<Value> {
    rows.iter()
        .flatten()
        .filter_map(|button| match button {
            Button::Callback { label, data } if data.len() <= MAX_POSTBACK_DATA => Some(json!({
                "type": "postback",
                "label": label_of(label),
                "data": data,
                "displayText": label_of(label),
            })),
            Button::Callback { data, .. } => {
                log::warn!("button data of {} bytes is too long for LINE", data.len());
                None
            }
            Button::Url { label, url } => {
                Some(json!({ "type": "uri", "label": label_of(label), "uri": url }))
            }
        })
        .collect()
}

/// A card as a Flex bubble: its first line the header, each further line a wrapped text
/// (a blank line a separator), and its buttons in the footer, a postback each with the same
/// data as a Telegram callback. `None` when it would not fit LINE's limits, and the card goes
/// as text with quick replies.
fn flex_card(text: &str, rows: &[Vec<Button>]) -> Option<Value> {
    let mut lines = text.lines();
    let title = lines.next().filter(|t| !t.trim().is_empty())?;
    let body: Vec<Value> = lines
        .map(|line| match line.trim() {
            "" => json!({ "type": "separator", "margin": "md" }),
            line => json!({ "type": "text", "text": line, "wrap": true, "size": "sm" }),
        })
        .collect();
    let buttons: Vec<Value> = actions(rows)
        .into_iter()
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
    if !buttons.is_empty() {
        bubble["footer"] =
            json!({ "type": "box", "layout": "vertical", "spacing": "sm", "contents": buttons });
    }
    if bubble.to_string().len() > MAX_BUBBLE_BYTES {
        return None;
    }
    let alt_text: String = text.chars().take(MAX_ALT_TEXT).collect();
    Some(json!({ "type": "flex", "altText": alt_text, "contents": bubble }))
}

/// A label within LINE's 20 characters, shortened with an ellipsis.
fn label_of(label: &str) -> String {
    let plain = html_to_text(label);
    if plain.chars().count() <= MAX_LABEL {
        return plain;
    }
    let mut short: String = plain.chars().take(MAX_LABEL - 1).collect();
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
        let messages = text_messages(&message);
        assert_eq!(messages.len(), 1);
        assert_eq!(messages[0]["type"], "flex");
        let footer = messages[0]["contents"]["footer"]["contents"]
            .as_array()
            .unwrap();
        assert_eq!(footer.len(), 20);
        assert_eq!(footer[19]["action"]["data"], "area:19");
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
        let messages = text_messages(&message);
        let items = messages[0]["quickReply"]["items"].as_array().unwrap();
        assert_eq!(items.len(), MAX_QUICK_REPLIES);
        for item in items {
            let label = item["action"]["label"].as_str().unwrap();
            assert!(label.chars().count() <= MAX_LABEL, "{label}");
        }
        assert_eq!(items[3]["action"]["data"], "area:3");
    }
}
