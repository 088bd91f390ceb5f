//! The default rich menu of one-to-one chats: created once at start-up, with an image, and
//! every area sends a text the bot understands.

use crate::support::fake_line::user_source;
use crate::support::line_app::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_default_rich_menu_is_created_once_and_each_area_is_understood() {
    let mut app = spawn_line_app().await;
    let mut menus = app.line.rich_menus();
    for _ in 0..500 {
        if menus.1.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        menus = app.line.rich_menus();
    }
    let (created, default) = menus;
    assert_eq!((created.len(), default), (1, Some(0)));
    let (menu, image) = &created[0];
    assert!(image.starts_with(b"\x89PNG"));
    let areas = menu["areas"].as_array().unwrap();
    let labels: Vec<&str> = areas
        .iter()
        .map(|a| a["action"]["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        ["ถามตอบ", "ร้องเรียน/แจ้งเบาะแส", "แจ้งบริจาค", "ติดตามเรื่อง"]
    );

    let someone = crate::support::fake_line::user_id(0x77);
    for area in areas {
        let text = area["action"]["text"].as_str().unwrap();
        let before = app.line.delivered_to(&someone).len();
        app.send(&[app.line.text(user_source(&someone), text)])
            .await;
        let mut answer = None;
        for _ in 0..500 {
            answer = app.line.delivered_to(&someone).get(before).cloned();
            if answer.is_some() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        let answer = answer.unwrap_or_else(|| panic!("no answer to {text}"));
        assert!(
            !answer.text().contains("ยังไม่เข้าใจ"),
            "{text} is not understood: {}",
            answer.text()
        );
        app.send(&[app.line.text(user_source(&someone), "ยกเลิก")])
            .await;
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }

    app.restart().await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(app.line.rich_menus().0.len(), 1, "not created again");
    app.stop().await;
}
