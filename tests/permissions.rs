//! Every command that changes or reveals data, tried from every wrong place, is refused
//! with a polite Thai explanation, and nothing is written.

mod support;

use khetbot::core::{Access, Role, capabilities};
use support::harness::*;

/// People and places that hold none of `roles`.
fn outsiders(roles: &[Role]) -> Vec<(Person, Place)> {
    let mut wrong = vec![
        (Person::public(), Place::Private),
        (Person::public(), Place::OtherGroup),
    ];
    for (role, person, place) in [
        (Role::Staff, Person::staff(), Place::Staff),
        (Role::Principals, Person::principal(), Place::Principals),
        (Role::Officers, Person::officer(), Place::Officers),
    ] {
        if !roles.contains(&role) {
            wrong.push((person.clone(), place));
            wrong.push((person, Place::Private));
        }
    }
    wrong
}

fn audit_rows(h: &Harness) -> i64 {
    rusqlite::Connection::open(h.db_path())
        .unwrap()
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .unwrap()
}

#[tokio::test]
async fn restricted_commands_are_refused_from_every_wrong_place() {
    let h = Harness::new().await;
    let mut checked = 0;
    for capability in capabilities() {
        for spec in capability.commands {
            let attempts: Vec<(Person, Place)> = match spec.access {
                Access::Anyone | Access::PrivateOnly => continue,
                Access::Admin => vec![
                    (Person::staff(), Place::Staff),
                    (Person::staff(), Place::Private),
                    (Person::public(), Place::Private),
                    (Person::officer(), Place::Officers),
                ],
                Access::Roles(roles) => outsiders(roles),
            };
            for (person, place) in attempts {
                let before = audit_rows(&h);
                let text = format!("/{} 100 บาท จาก ทดสอบ", spec.name);
                let sent = h.send(&person, place, &text).await;
                let reply = sent.first().unwrap_or_else(|| {
                    panic!(
                        "/{} from {} in {place:?}: no answer",
                        spec.name, person.name
                    )
                });
                assert!(
                    reply.text.contains(&format!("/{}", spec.name)) && reply.text.contains("ใช้ได้")
                        || reply.text.contains("ผู้ดูแลระบบเท่านั้น"),
                    "/{} from {} in {place:?} was not refused: {}",
                    spec.name,
                    person.name,
                    reply.text
                );
                assert_eq!(sent.len(), 1, "a refusal posts nowhere else");
                assert_eq!(audit_rows(&h), before, "a refusal writes nothing");
                checked += 1;
            }
        }
    }
    assert!(checked >= 8, "only {checked} refusals checked");
}

#[tokio::test]
async fn private_only_commands_never_take_details_in_a_group() {
    let h = Harness::new().await;
    for capability in capabilities() {
        for spec in capability
            .commands
            .iter()
            .filter(|s| s.access == Access::PrivateOnly)
        {
            for place in [
                Place::Staff,
                Place::Principals,
                Place::Officers,
                Place::OtherGroup,
            ] {
                let sent = h
                    .send(&Person::staff(), place, &format!("/{}", spec.name))
                    .await;
                let reply = &sent[0];
                assert!(
                    reply.text.contains("ส่วนตัว"),
                    "/{} in {place:?}: {}",
                    spec.name,
                    reply.text
                );
            }
        }
    }
}

/// The adapter handles a private text before asking Telegram for the sender's roles; only
/// if the core needs them are they looked up and the text handled again. Every command (and
/// some everyday texts) from every kind of person must come out exactly as with the roles
/// known from the start.
#[tokio::test]
async fn a_private_text_without_roles_is_answered_as_with_them_or_asks_for_them() {
    let mut texts: Vec<String> = Vec::new();
    for capability in khetbot::core::capabilities() {
        for spec in capability.commands {
            texts.push(format!("/{}", spec.name));
            texts.extend(spec.thai.iter().map(|k| k.to_string()));
        }
    }
    texts.extend(
        [
            "ถาม บริจาคให้โรงเรียนได้อย่างไร",
            "สวัสดีค่ะ อยากทราบเวลาทำการ",
            "บริจาค 500 บาท จาก นายทดสอบ เพื่อ ทุนการศึกษา",
            "ยอดบริจาค ปีงบ 2569",
            "ปฏิทิน",
            "เรื่องค้าง",
            "ยกเลิก",
        ]
        .map(str::to_string),
    );
    let shown = |sent: &[Sent]| -> Vec<(i64, String)> {
        sent.iter().map(|s| (s.chat_id, s.html.clone())).collect()
    };
    for person in [
        Person::staff(),
        Person::principal(),
        Person::officer(),
        Person::public(),
    ] {
        let known = Harness::new().await;
        let unknown = Harness::new().await;
        let mut asked = Vec::new();
        for text in &texts {
            let expected = known.send(&person, Place::Private, text).await;
            let got = match unknown.send_without_roles(&person, text).await {
                Some(sent) => sent,
                None => {
                    asked.push(text.clone());
                    unknown.send(&person, Place::Private, text).await
                }
            };
            assert_eq!(
                shown(&got),
                shown(&expected),
                "{} sent {text:?}",
                person.name
            );
        }
        if person.roles.is_empty() {
            assert!(
                !asked
                    .iter()
                    .any(|t| t.starts_with("ถาม") || t.starts_with("สวัสดี")),
                "questions need no roles: {asked:?}"
            );
        } else {
            assert!(
                !asked.is_empty(),
                "{}: some commands need roles",
                person.name
            );
        }
    }
}
