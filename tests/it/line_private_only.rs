//! A private-only command typed in a LINE group, in a process that also runs Telegram (so the
//! core knows the bot's Telegram username): the answer must not offer a Telegram link, which
//! opens a chat on the other messenger; it says to write to the bot one to one instead. The
//! same for a complaint started in a group.

use crate::support::fake_line::Delivered;
use crate::support::line_app::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_private_only_command_in_a_line_group_offers_no_telegram_link() {
    let mut app = spawn_line_app().await;
    app.core.set_bot_username("khetbot_test_bot".into());
    app.register_staff_group().await;
    app.in_staff_group(&staff(), "แจ้งบริจาค").await;
    let no_telegram_link = |sent: Delivered| {
        let message = sent.message.to_string();
        assert!(
            !message.contains("t.me"),
            "a Telegram link offered on LINE: {message}"
        );
    };
    no_telegram_link(app.line.wait_for_text(&staff_group(), "แชทส่วนตัว").await);
    // The same for a complaint started in the group; with no button to press, the text does
    // not speak of one (it said "กดปุ่มด้านล่าง" with nothing below): it says how to open the
    // private chat and what to type there.
    app.in_staff_group(&staff(), "ร้องเรียน").await;
    let warned = app.line.wait_for_text(&staff_group(), "กรุณาอย่าพิมพ์").await;
    let message = warned.message.to_string();
    assert!(
        !message.contains("ปุ่มด้านล่าง") && message.contains("แล้วพิมพ์ ร้องเรียน"),
        "{message}"
    );
    no_telegram_link(warned);
    app.stop().await;
}
