//! What /start shows: what this person can use here, short, by capability.

use crate::support::harness::*;

fn labels(sent: &Sent) -> Vec<String> {
    sent.buttons
        .iter()
        .map(|(label, _)| label.clone())
        .collect()
}

/// Everything a person sees after pressing every menu button of a /start.
async fn whole_menu(h: &Harness, who: &Person, place: Place) -> (Sent, String) {
    let start = h.reply(who, place, "/start").await;
    let mut everything = start.text.clone();
    for (_, data) in start
        .buttons
        .iter()
        .filter(|(_, d)| d.starts_with("core:menu:"))
    {
        for sent in h.press(who, place, data).await {
            everything.push('\n');
            everything.push_str(&sent.text);
        }
    }
    (start, everything)
}

#[tokio::test]
async fn the_staff_group_gets_a_short_menu_by_capability() {
    let h = Harness::new().await;
    let (start, everything) = whole_menu(&h, &Person::staff(), Place::Staff).await;
    assert!(start.text.lines().count() <= 8, "{}", start.text);
    let labels = labels(&start);
    for area in ["บริจาค", "ร้องเรียน", "ปฏิทิน", "ถาม"]
    {
        assert!(
            labels.iter().any(|l| l.contains(area)),
            "{area}: {labels:?}"
        );
    }
    // Pressing a capability lists its commands for staff.
    assert!(everything.contains("/donate (บริจาค)"), "{everything}");
    assert!(everything.contains("/export (ส่งออกทะเบียน)"), "{everything}");
}

#[tokio::test]
async fn the_public_is_not_offered_the_staffs_recording_commands() {
    let h = Harness::new().await;
    let (start, everything) = whole_menu(&h, &Person::public(), Place::Private).await;
    assert!(
        !labels(&start).iter().any(|l| l.contains("บันทึกรับบริจาค")),
        "{:?}",
        labels(&start)
    );
    assert!(!everything.contains("/donate "), "{everything}");
    assert!(!everything.contains("/donate_item"), "{everything}");
    assert!(
        everything.contains("/report_donation (แจ้งบริจาค)"),
        "{everything}"
    );
    assert!(everything.contains("/complain (ร้องเรียน)"), "{everything}");
}

#[tokio::test]
async fn principals_and_officers_are_not_offered_donate() {
    let h = Harness::new().await;
    for (who, place) in [
        (Person::principal(), Place::Principals),
        (Person::officer(), Place::Officers),
    ] {
        let (_, everything) = whole_menu(&h, &who, place).await;
        assert!(
            !everything.contains("/donate "),
            "{}: {everything}",
            who.name
        );
        assert!(
            !everything.contains("บันทึกรับบริจาค"),
            "{}: {everything}",
            who.name
        );
    }
}

#[tokio::test]
async fn a_greeting_in_a_private_chat_is_greeted() {
    let h = Harness::new().await;
    for hello in ["สวัสดีค่ะ", "สวัสดีครับ", "หวัดดี"]
    {
        let reply = h.reply(&Person::public(), Place::Private, hello).await;
        assert!(!reply.text.contains("ยังไม่เข้าใจ"), "{hello}: {}", reply.text);
        assert!(reply.text.contains("สวัสดีค่ะ"), "{hello}: {}", reply.text);
        assert!(!reply.buttons.is_empty(), "{hello}: the menu comes with it");
    }
    // Someone who chose no language and greets or thanks in English is answered in English;
    // their next Thai line is answered in Thai again.
    for (hello, said) in [("hello", "Hello!"), ("hi, thanks a lot", "")] {
        let reply = h.reply(&Person::public(), Place::Private, hello).await;
        assert_eq!(reply.lang.as_deref(), Some("en"), "{hello}: {}", reply.text);
        assert!(reply.text.contains(said), "{hello}: {}", reply.text);
    }
    let reply = h.reply(&Person::public(), Place::Private, "สวัสดีค่ะ").await;
    assert_eq!(reply.lang.as_deref(), Some("th"), "{}", reply.text);
    // Someone who chose Thai is greeted in Thai whatever they type.
    let thai = Person::new(4242, "สมใจ", &[]);
    h.send(&thai, Place::Private, "ภาษา th").await;
    let reply = h.reply(&thai, Place::Private, "hello").await;
    assert!(reply.text.contains("สวัสดีค่ะ"), "{}", reply.text);
}
