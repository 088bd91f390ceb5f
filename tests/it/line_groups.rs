//! LINE groups: the bot greets a group it joins with how to register it, and in a one-to-one
//! chat a person's roles are their membership of the registered LINE groups, looked up anew
//! when they leave one.

use crate::support::fake_line::user_source;
use crate::support::line_app::*;
use serde_json::json;

const DONATION: &str = "บริจาค 100 บาท จาก นายดำ เพื่อ สำนักงาน";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_joined_group_is_told_how_to_register_and_roles_follow_membership() {
    let mut app = spawn_line_app().await;
    let join = app.line.event(
        json!({ "type": "group", "groupId": staff_group() }),
        "join",
        ("mode", json!("active")),
    );
    app.send(&[join]).await;
    app.line
        .wait_for_text(&staff_group(), "ตั้งค่ากลุ่ม บุคลากร")
        .await;
    app.register_staff_group().await;

    // A member of the staff group may record a donation privately.
    let recorded = app
        .step(&staff(), app.line.text(user_source(&staff()), DONATION))
        .await;
    assert!(
        recorded.text().contains("เลขที่ 1/2569"),
        "{}",
        recorded.text()
    );

    // They leave the group: LINE says so, and the bot asks again.
    app.line.remove_member(&staff_group(), &staff());
    let left = app.line.event(
        json!({ "type": "group", "groupId": staff_group() }),
        "memberLeft",
        (
            "left",
            json!({ "members": [{ "type": "user", "userId": staff() }] }),
        ),
    );
    app.send(&[left]).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let as_public = app
        .step(&staff(), app.line.text(user_source(&staff()), DONATION))
        .await;
    assert!(!as_public.text().contains("เลขที่"), "{}", as_public.text());
    // No longer staff: the same words start a donor's own report instead.
    assert!(
        as_public.text().contains("ขอบคุณที่ร่วมบริจาค"),
        "{}",
        as_public.text()
    );
    app.stop().await;
}
