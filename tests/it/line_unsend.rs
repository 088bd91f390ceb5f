//! A photo its sender takes back on LINE (unsend) after filing a tip-off is never shown
//! again: its link stops working and the case shows no file.

use crate::support::fake_line::{group_id, group_source, user_id, user_source};
use crate::support::line_app::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unsent_photo_is_withdrawn_from_the_case_and_its_link() {
    let mut app = spawn_line_app().await;
    let officers = group_id(2);
    let officer = user_id(4);
    app.line.add_member(&officers, &officer, "เจ้าหน้าที่ รับเรื่อง");
    app.line.set_content("9100", b"\xff\xd8\xff photo".to_vec());
    app.register_officers_group(&officers).await;
    let filer = user_id(0xf11e);
    let confirmation = app
        .file_tipoff(&filer, "มีการเรียกเก็บเงินค่าเทอมเกินกำหนด", "9100")
        .await;
    let case = regex::Regex::new(r"[รค]-\d{4}-\d{4}")
        .unwrap()
        .find(&confirmation.text())
        .expect("a case number")
        .as_str()
        .to_string();
    let url = app.image_url(&officers).await;
    assert_eq!(reqwest::get(&url).await.unwrap().status(), 200);
    let images = |app: &LineApp| {
        app.line
            .delivered_to(&officers)
            .iter()
            .filter(|d| d.message["type"] == "image")
            .count()
    };
    // Before it is taken back, the case shows the photo.
    let shown = images(&app);
    app.send(&[app
        .line
        .text(group_source(&officers, &officer), &format!("ดูเรื่อง {case}"))])
        .await;
    for _ in 0..500 {
        if images(&app) > shown {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(images(&app), shown + 1, "the case view shows the photo");

    app.send(&[app.line.unsend(user_source(&filer), "9100")])
        .await;
    let mut status = 200;
    for _ in 0..500 {
        status = reqwest::get(&url).await.unwrap().status().as_u16();
        if status == 404 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(status, 404, "the link of the unsent photo stops working");
    let images_before = images(&app);
    let before = app.line.delivered_to(&officers).len();
    app.send(&[app
        .line
        .text(group_source(&officers, &officer), &format!("ดูเรื่อง {case}"))])
        .await;
    for _ in 0..500 {
        if app.line.delivered_to(&officers).len() > before {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let view = app.line.delivered_to(&officers)[before].clone();
    assert!(view.text().contains(&case), "{}", view.text());
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(
        images(&app),
        images_before,
        "the case shows the photo no more"
    );
    app.stop().await;
}
