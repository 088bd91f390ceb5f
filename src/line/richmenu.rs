//! The default rich menu of one-to-one chats, LINE's counterpart of Telegram's command menu:
//! four areas that send the Thai keyword of ถามตอบ, ร้องเรียน/แจ้งเบาะแส, แจ้งบริจาค and
//! ติดตามเรื่อง as if typed. Created at start-up when the account has no default menu.

use serde_json::{Value, json};

use super::api::Client;
use crate::documents::render::{svg_text, svg_to_png};
use crate::i18n::{Lang, Locales};

const WIDTH: u32 = 2500;
const HEIGHT: u32 = 843;

/// (locale key of the label, the text the area sends: a command keyword of the core).
const AREAS: [(&str, &str); 4] = [
    ("line.menu_faq", "คำถามที่พบบ่อย"),
    ("line.menu_complain", "ร้องเรียน"),
    ("line.menu_donate", "แจ้งบริจาค"),
    ("line.menu_track", "ติดตามเรื่อง"),
];

/// Sets the default rich menu unless one is set; failures are logged, the bot runs on.
pub async fn ensure_default(api: &Client, locales: &Locales) {
    match api.default_rich_menu().await {
        Ok(Some(_)) => return,
        Ok(None) => {}
        Err(e) => {
            log::warn!("cannot read the default rich menu: {e}");
            return;
        }
    }
    let labels: Vec<String> = AREAS
        .iter()
        .map(|(key, _)| locales.text(Lang::Th, key, &[]))
        .collect();
    let image = match svg_to_png(&svg(&labels), WIDTH, HEIGHT) {
        Ok(image) => image,
        Err(e) => {
            log::error!("cannot draw the rich menu: {e}");
            return;
        }
    };
    let menu = request(&labels, &locales.text(Lang::Th, "line.menu_bar", &[]));
    match api.create_default_rich_menu(&menu, image).await {
        Ok(()) => log::info!("default LINE rich menu created"),
        Err(e) => log::warn!("cannot create the default rich menu: {e}"),
    }
}

fn request(labels: &[String], chat_bar: &str) -> Value {
    let width = WIDTH / AREAS.len() as u32;
    let areas: Vec<Value> = AREAS
        .iter()
        .zip(labels)
        .enumerate()
        .map(|(i, ((_, text), label))| {
            json!({
                "bounds": { "x": i as u32 * width, "y": 0, "width": width, "height": HEIGHT },
                "action": {
                    "type": "message",
                    "label": label.chars().take(20).collect::<String>(),
                    "text": text,
                }
            })
        })
        .collect();
    json!({
        "size": { "width": WIDTH, "height": HEIGHT },
        "selected": true,
        "name": "khetbot",
        "chatBarText": chat_bar.chars().take(14).collect::<String>(),
        "areas": areas,
    })
}

fn svg(labels: &[String]) -> String {
    let width = WIDTH / labels.len() as u32;
    let colours = ["#1e6091", "#b23a48", "#2d6a4f", "#7b2cbf"];
    let mut cells = String::new();
    for (i, label) in labels.iter().enumerate() {
        let x = i as u32 * width;
        let centre = x + width / 2;
        cells.push_str(&format!(
            r#"<rect x="{x}" y="0" width="{width}" height="{HEIGHT}" fill="{}" stroke="white" stroke-width="8"/>"#,
            colours[i % colours.len()]
        ));
        // A label with a slash reads better on two lines.
        let lines: Vec<&str> = label.split('/').collect();
        for (n, line) in lines.iter().enumerate() {
            let y = HEIGHT / 2 + 40 + (n as u32 * 130) - (lines.len() as u32 - 1) * 65;
            cells.push_str(&format!(
                r#"<text x="{centre}" y="{y}" font-size="110" fill="white" text-anchor="middle">{}</text>"#,
                svg_text(line)
            ));
        }
    }
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}">{cells}</svg>"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_menu_fits_lines_limits_and_draws() {
        let locales = Locales::load();
        let labels: Vec<String> = AREAS
            .iter()
            .map(|(key, _)| locales.text(Lang::Th, key, &[]))
            .collect();
        let menu = request(&labels, &locales.text(Lang::Th, "line.menu_bar", &[]));
        let areas = menu["areas"].as_array().unwrap();
        assert_eq!(areas.len(), 4);
        let right = &areas[3]["bounds"];
        assert!(right["x"].as_u64().unwrap() + right["width"].as_u64().unwrap() <= WIDTH as u64);
        assert!(menu["chatBarText"].as_str().unwrap().chars().count() <= 14);
        let png = svg_to_png(&svg(&labels), WIDTH, HEIGHT).unwrap();
        assert!(png.starts_with(b"\x89PNG") && png.len() < 1024 * 1024);
    }
}
