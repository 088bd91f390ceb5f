//! Issue 15 item 3 over the fake Bot API: command menus per scope and role. Private chats
//! get the public's commands, each registered group its role's, its administrators also
//! the admins', the admins' private chats everything; Thai and English; registered again
//! when a group is registered elsewhere.

use serde_json::{Value, json};

use crate::support::app::*;
use crate::support::fake_telegram::Chat;
use crate::support::harness::*;

/// The command names of the latest setMyCommands for `scope` in `language` ("" for none).
fn menu(app: &TestApp, scope: &Value, language: &str) -> Option<Vec<String>> {
    app.tg
        .calls_of("setMyCommands")
        .into_iter()
        .rev()
        .find(|c| {
            c.params.get("scope").unwrap_or(&json!({"type": "default"})) == scope
                && c.params["language_code"].as_str().unwrap_or_default() == language
        })
        .map(|c| {
            c.params["commands"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["command"].as_str().unwrap().to_owned())
                .collect()
        })
}

fn chat_scope(kind: &str, chat_id: i64) -> Value {
    json!({ "type": kind, "chat_id": chat_id })
}

fn has(menu: &[String], names: &[&str]) -> bool {
    names.iter().all(|n| menu.iter().any(|m| m == n))
}

fn lacks(menu: &[String], names: &[&str]) -> bool {
    names.iter().all(|n| !menu.iter().any(|m| m == n))
}

async fn wait_for_menu(app: &TestApp, scope: &Value, language: &str) -> Vec<String> {
    app.tg
        .wait_for(&format!("a menu for {scope} {language:?}"), WAIT, |_| {
            menu(app, scope, language).is_some()
        })
        .await;
    menu(app, scope, language).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_scope_gets_the_menu_of_its_role_and_groups_registered_later_get_theirs() {
    let mut app = spawn_app().await;
    let staff_only = [
        "donate",
        "void_donation",
        "allocate",
        "deadline",
        "startwork",
        "faq_add",
        "faq_edit",
        "faq_list",
        "faq_unanswered",
        "faq_post",
    ];
    let officers_only = ["answer", "case_status", "assign", "open_cases", "case"];
    let admin_only = ["setgroup", "status", "groups"];

    for language in ["", "th", "en"] {
        let public = wait_for_menu(&app, &json!({"type": "all_private_chats"}), language).await;
        assert!(
            has(&public, &["start", "complain", "track", "report_donation"]),
            "{public:?}"
        );
        assert!(lacks(&public, &staff_only), "{public:?}");
        assert!(lacks(&public, &officers_only), "{public:?}");
        assert!(lacks(&public, &admin_only), "{public:?}");
        assert!(public.len() < 25, "{public:?}");
        let fallback = wait_for_menu(&app, &json!({"type": "default"}), language).await;
        assert_eq!(fallback, public);
    }
    let staff = wait_for_menu(&app, &chat_scope("chat", STAFF_GROUP), "th").await;
    assert!(has(&staff, &staff_only), "{staff:?}");
    assert!(
        lacks(&staff, &officers_only) && lacks(&staff, &admin_only),
        "{staff:?}"
    );
    let officers = wait_for_menu(&app, &chat_scope("chat", OFFICERS_GROUP), "th").await;
    assert!(has(&officers, &officers_only), "{officers:?}");
    assert!(lacks(&officers, &staff_only), "{officers:?}");
    let principals = wait_for_menu(&app, &chat_scope("chat", PRINCIPALS_GROUP), "th").await;
    assert!(has(&principals, &["calendar", "overdue"]), "{principals:?}");
    // Every group may switch the weekly Q&A post for itself; editing the Q&A is staff's.
    for group in [&staff, &officers, &principals] {
        assert!(has(group, &["faq_weekly"]), "{group:?}");
    }
    assert!(lacks(&principals, &staff_only) && lacks(&principals, &officers_only));
    let staff_admins =
        wait_for_menu(&app, &chat_scope("chat_administrators", STAFF_GROUP), "th").await;
    assert!(has(&staff_admins, &staff_only) && has(&staff_admins, &["setgroup"]));
    let admin = wait_for_menu(&app, &chat_scope("chat", ADMIN_ID), "th").await;
    assert!(has(&admin, &staff_only) && has(&admin, &officers_only) && has(&admin, &admin_only));
    // English descriptions for English speakers.
    let english = app
        .tg
        .calls_of("setMyCommands")
        .into_iter()
        .find(|c| c.params["language_code"] == "en")
        .unwrap();
    let first = english.params["commands"][0]["description"]
        .as_str()
        .unwrap();
    assert!(first.is_ascii(), "{first}");

    // The officers move to a new group: it gets their menu, the old one loses it.
    let new_group = Chat::group(-100_777, "ศูนย์รับเรื่องใหม่");
    app.tg
        .set_chat_member(new_group.id, ADMIN_ID, "administrator");
    app.tg
        .push_text(&new_group, &user(&Person::admin()), "/setgroup officers");
    app.wait_for_text(new_group.id, "เจ้าหน้าที่รับเรื่อง").await;
    let moved = wait_for_menu(&app, &chat_scope("chat", new_group.id), "th").await;
    assert!(has(&moved, &officers_only), "{moved:?}");
    app.tg
        .wait_for("the old officers' group's menu removed", WAIT, |calls| {
            calls.iter().any(|c| {
                c.method.eq_ignore_ascii_case("deleteMyCommands")
                    && c.params["scope"] == chat_scope("chat", OFFICERS_GROUP)
            })
        })
        .await;
    app.stop().await;
}
