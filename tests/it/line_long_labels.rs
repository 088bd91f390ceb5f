//! LINE cuts a button's label at 20 grapheme clusters. A not-sure Q&A answer offers whole
//! questions as buttons: on LINE each label too long is numbered, and the message lists the
//! questions in full under the same numbers.

use crate::support::fake_line::{Delivered, user_source};
use crate::support::line_app::*;

/// Every postback whose label LINE would cut is numbered, and the text lists its whole
/// label under that number; returns how many there were.
fn assert_cut_labels_listed(answer: &Delivered) -> usize {
    let text = answer.text();
    // Quick replies, or the buttons of a Flex bubble.
    let quick = answer.message["quickReply"]["items"].as_array().cloned();
    let footer = answer.message["contents"]["footer"]["contents"]
        .as_array()
        .cloned();
    let actions: Vec<serde_json::Value> = quick
        .into_iter()
        .chain(footer)
        .flatten()
        .map(|item| item["action"].clone())
        .filter(|action| action["type"] == "postback")
        .collect();
    let mut numbered = 0;
    for action in &actions {
        let label = action["label"].as_str().unwrap();
        let whole = action["displayText"].as_str().unwrap();
        assert!(label.chars().count() <= 40, "{label}");
        if label == whole {
            continue;
        }
        numbered += 1;
        let number = format!("{numbered}. ");
        assert!(label.starts_with(&number), "{label} is numbered {numbered}");
        assert!(
            text.contains(&format!("{number}{whole}")),
            "the text lists «{whole}» as {numbered}: {text}"
        );
    }
    numbered
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_not_sure_answer_on_line_lists_its_suggested_questions_in_full() {
    let app = spawn_line_app().await;
    let me = public();
    let answer = app
        .step(
            &me,
            app.line.text(user_source(&me), "ลูกโดนครูตีค่ะ แจ้งที่ไหนได้บ้าง"),
        )
        .await;
    assert!(
        assert_cut_labels_listed(&answer) > 0,
        "the suggestions are long questions: {}",
        answer.message
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_question_lists_of_the_faq_menu_on_line_are_readable_too() {
    let app = spawn_line_app().await;
    let me = public();
    let menu = app
        .step(&me, app.line.text(user_source(&me), "คำถามที่พบบ่อย"))
        .await;
    assert_cut_labels_listed(&menu);
    // The first topic's questions.
    let (_, topic) = menu.postbacks().into_iter().next().expect("topics");
    let questions = app
        .step(&me, app.line.postback(user_source(&me), &topic))
        .await;
    assert!(
        assert_cut_labels_listed(&questions) > 0,
        "{}",
        questions.message
    );
}
