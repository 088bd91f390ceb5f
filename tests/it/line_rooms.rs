//! LINE rooms (a multi-person chat made without a group, `R…` ids) registered as an office
//! group: in a one-to-one chat, membership of the room is looked up through the room member
//! profile endpoint, as a group's is through the group one (issue 18).

use crate::support::fake_line::user_source;
use crate::support::line_app::*;
use serde_json::json;

fn staff_room() -> String {
    format!("R{:032x}", 7)
}

fn room_source(user: &str) -> serde_json::Value {
    json!({ "type": "room", "roomId": staff_room(), "userId": user })
}

const DONATION: &str = "บริจาค 100 บาท จาก นายดำ เพื่อ สำนักงาน";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_registered_room_gives_its_members_their_role_in_a_one_to_one_chat() {
    let mut app = spawn_line_app().await;
    let member = user_id_of_room_member();
    app.line.add_member(&staff_room(), &admin(), "ผู้ดูแล ระบบ");
    app.line.add_member(&staff_room(), &member, "สมพร ห้องประชุม");
    app.send(&[app.line.text(room_source(&admin()), "ตั้งค่ากลุ่ม บุคลากร")])
        .await;
    app.line
        .wait_for_text(&staff_room(), "ลงทะเบียนกลุ่มนี้เป็น")
        .await;

    // Staff through the room: the donation is recorded from their own chat.
    let recorded = app
        .step(&member, app.line.text(user_source(&member), DONATION))
        .await;
    assert!(
        recorded.text().contains("เลขที่ 1/2569"),
        "{}",
        recorded.text()
    );

    // Someone not in the room is not staff: the same words are their own report.
    let outsider = app
        .step(&public(), app.line.text(user_source(&public()), DONATION))
        .await;
    assert!(!outsider.text().contains("เลขที่"), "{}", outsider.text());
    app.stop().await;
}

fn user_id_of_room_member() -> String {
    crate::support::fake_line::user_id(70)
}
