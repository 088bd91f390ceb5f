//! Every command that changes or reveals data, tried from every wrong place, is refused
//! with a polite Thai explanation, and nothing is written.

use crate::support::harness::*;
use khetbot::capabilities;
use khetbot::core::{Access, Role};

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
                // Named as a Thai reader types it: its Thai keyword, else /name.
                let word = spec
                    .thai
                    .first()
                    .map_or_else(|| format!("/{}", spec.name), |w| (*w).to_string());
                assert!(
                    reply.text.contains(&word) && reply.text.contains("ใช้ได้")
                        || reply.text.contains("ผู้ดูแลระบบเท่านั้น")
                        || reply.text.contains("ทำได้เฉพาะบุคลากร"),
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

/// The adapter handles a private text before asking Telegram for the sender's roles, and
/// looks up only the roles the core turns out to need, handling the text again each time.
/// Every command (and some everyday texts) from every kind of person must come out exactly
/// as with all roles known from the start.
#[tokio::test]
async fn a_private_text_is_answered_alike_with_roles_looked_up_only_as_needed() {
    let mut texts: Vec<String> = Vec::new();
    for capability in khetbot::capabilities() {
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
        let mut asked_by_text = Vec::new();
        for text in &texts {
            let expected = known.send(&person, Place::Private, text).await;
            let (got, asked) = unknown.send_looking_up_roles(&person, text).await;
            assert_eq!(
                shown(&got),
                shown(&expected),
                "{} sent {text:?}",
                person.name
            );
            asked_by_text.push((text.as_str(), asked));
            // Each text starts afresh: a command typed into an open dialogue is only held.
            for harness in [&known, &unknown] {
                harness.send(&person, Place::Private, "ยกเลิก").await;
            }
        }
        let asked_for = |text: &str| -> Vec<Vec<Role>> {
            asked_by_text
                .iter()
                .find(|(t, _)| *t == text)
                .map(|(_, asked)| asked.clone())
                .unwrap_or_default()
        };
        // Questions need no roles; recording a donation needs only the staff group.
        assert_eq!(
            asked_for("ถาม บริจาคให้โรงเรียนได้อย่างไร"),
            Vec::<Vec<Role>>::new()
        );
        assert_eq!(
            asked_for("สวัสดีค่ะ อยากทราบเวลาทำการ"),
            Vec::<Vec<Role>>::new()
        );
        assert_eq!(
            asked_for("บริจาค 500 บาท จาก นายทดสอบ เพื่อ ทุนการศึกษา"),
            vec![vec![Role::Staff]],
            "{}",
            person.name
        );
        if !person.roles.is_empty() {
            assert!(
                asked_by_text.iter().any(|(_, asked)| !asked.is_empty()),
                "{}: some commands need roles",
                person.name
            );
        }
    }
}
