//! Buttons on LINE within its limits: a quick reply holds 13 items, so a message with more
//! keeps every button in a Flex bubble, also when it carries a file and no text of its own
//! (found in review: such a message lost every button). The fake LINE platform refuses any
//! message beyond LINE's limits.

use std::time::{Duration, Instant};

use khetbot::core::{Attachment, Button, Effect, OutMessage, Persist, outbox};

use crate::support::fake_line::Delivered;
use crate::support::line_app::*;

/// Owes `message` to the LINE chat `chat`, as a capability's outbox row.
pub async fn owe(app: &LineApp, chat: &str, message: OutMessage) {
    let chat_id = khetbot::line::core_id(chat);
    let now = app.core.now();
    let effect = Effect::Send { chat_id, message };
    app.core
        .store()
        .run(move |conn, _| outbox::persist(conn, vec![(effect, Persist::Outbox)], now))
        .await
        .expect("the store runs")
        .expect("the row is written");
}

/// `count` buttons, one a row.
fn buttons(count: usize) -> Vec<Vec<Button>> {
    (1..=count)
        .map(|i| {
            vec![Button::Callback {
                label: format!("เครือข่าย {i}"),
                data: format!("test:pick:{i}"),
            }]
        })
        .collect()
}

/// The postback data offered by the messages delivered to `chat`, waiting until there are
/// `count`.
async fn offered(app: &LineApp, chat: &str, count: usize) -> (Vec<Delivered>, Vec<String>) {
    let deadline = Instant::now() + WAIT;
    loop {
        let delivered = app.line.delivered_to(chat);
        let data: Vec<String> = delivered
            .iter()
            .flat_map(|d| d.postbacks())
            .map(|(_, data)| data)
            .collect();
        if data.len() >= count {
            return (delivered, data);
        }
        assert!(
            Instant::now() < deadline,
            "{} of {count} buttons; refused: {:?}; pushes: {:?} ({} delivered in all); delivered: {delivered:#?}",
            data.len(),
            app.line.beyond_limits(),
            app.line.push_requests(),
            app.line.delivered().len()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_without_text_keeps_more_buttons_than_a_quick_reply_holds() {
    let mut app = spawn_line_app().await;
    let file = Attachment::File {
        name: "ทะเบียนรับบริจาค.csv".into(),
        mime: "text/csv".into(),
        bytes: b"no,amount\n1,100.00\n".to_vec(),
    };
    owe(
        &app,
        &admin(),
        OutMessage::text("")
            .with_attachment(file)
            .with_buttons(buttons(16)),
    )
    .await;
    let (delivered, data) = offered(&app, &admin(), 16).await;
    let expected: Vec<String> = (1..=16).map(|i| format!("test:pick:{i}")).collect();
    assert_eq!(data, expected, "every button, in order");
    assert!(
        delivered[0].text().contains("ทะเบียนรับบริจาค.csv"),
        "the file first: {delivered:#?}"
    );
    assert!(app.line.beyond_limits().is_empty());
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(app.count("SELECT count(*) FROM outbox"), 0);
    app.stop().await;
}
