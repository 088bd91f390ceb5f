//! Daily-use inputs that got no answer, or an answer that did not say what to do next: each
//! is answered with what the person can do here.

use khetbot::core::Input;

use crate::support::harness::*;

/// `ยกเลิก` with nothing open: said so, with what this person can do in this chat.
#[tokio::test]
async fn cancel_with_nothing_open_says_what_can_be_done_here() {
    let h = Harness::new().await;
    let answer = h.reply(&Person::public(), Place::Private, "ยกเลิก").await;
    assert!(answer.text.contains("ไม่มีขั้นตอนที่ทำค้างอยู่"), "{}", answer.text);
    assert!(
        answer
            .buttons
            .iter()
            .any(|(_, data)| data.starts_with("core:menu:")),
        "the menu of what can be done here: {:?}",
        answer.buttons
    );
    // A staff member privately: the menu has the staff's things.
    let staff = h.reply(&Person::staff(), Place::Private, "/cancel").await;
    assert!(
        staff
            .buttons
            .iter()
            .any(|(_, data)| data == "core:menu:donations"),
        "{:?}",
        staff.buttons
    );
    // In a registered group: one line, with how to see what the group can do.
    let group = h.reply(&Person::staff(), Place::Staff, "ยกเลิก").await;
    assert!(
        group.text.contains("ไม่มีขั้นตอนที่ทำค้างอยู่") && group.text.contains("เมนู"),
        "{}",
        group.text
    );
    // In English.
    h.send(&Person::public(), Place::Private, "/lang en").await;
    let english = h.reply(&Person::public(), Place::Private, "cancel").await;
    assert!(
        english.text.contains("nothing in progress") && !english.buttons.is_empty(),
        "{english:?}"
    );
    // A group the bot does not serve: not the bot's to answer.
    assert!(
        h.send(&Person::staff(), Place::OtherGroup, "ยกเลิก")
            .await
            .is_empty()
    );
}

/// The letters of `description` the command word does not account for (the longest common
/// subsequence taken out): a description that only repeats its command word has few.
fn letters_beyond(description: &str, word: &str) -> usize {
    let a: Vec<char> = description
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    let b: Vec<char> = word
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    let mut row = vec![0usize; b.len() + 1];
    for x in &a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + 1
            } else {
                row[j + 1].max(row[j])
            };
            diagonal = above;
        }
    }
    a.len() - row[b.len()]
}

/// The near-miss hint names the closest command and what it does: a description that only
/// repeats the command word (`ยอดบริจาค — ยอดบริจาค`) says nothing. Every command, both
/// languages.
#[test]
fn every_command_description_says_more_than_its_command_word() {
    let locales = khetbot::i18n::Locales::load();
    let mut echoes = Vec::new();
    for capability in khetbot::capabilities() {
        for spec in capability.commands {
            let key = format!("{}.cmd_{}", capability.area, spec.name);
            for lang in [khetbot::i18n::Lang::Th, khetbot::i18n::Lang::En] {
                let description = locales.text(lang, &key, &[]);
                // What the brackets add (who may use it) is no description.
                let plain: String = description
                    .split(['(', ')'])
                    .step_by(2)
                    .collect::<Vec<_>>()
                    .join(" ");
                let name = spec.name.replace('_', " ");
                for word in spec.thai.iter().copied().chain([name.as_str()]) {
                    if letters_beyond(&plain, word) < 5 {
                        echoes.push(format!("{key} ({lang:?}) = «{description}» ~ «{word}»"));
                    }
                }
            }
        }
    }
    assert!(echoes.is_empty(), "{}", echoes.join("\n"));
}

/// `ยอดบริจก` is answered with the command and what it does, not the command twice.
#[tokio::test]
async fn the_near_miss_hint_for_donation_totals_says_what_it_does() {
    let h = Harness::new().await;
    let hint = h.reply(&Person::staff(), Place::Staff, "ยอดบริจก").await;
    assert!(!hint.text.contains("ยอดบริจาค — ยอดบริจาค"), "{}", hint.text);
    assert!(hint.text.contains("ยอดบริจาค — "), "{}", hint.text);
}

/// Staff type `line` as message `message_id` of the staff group; the button of the answer
/// whose label holds `label` is pressed; the deadline it adds is recorded. Then the message is
/// edited: the answer to the edit.
async fn add_by_button_then_edit(h: &Harness, line: &str, message_id: i64, label: &str) -> String {
    let staff = Person::staff();
    let mut typed = h.event(&staff, Place::Staff, Input::Text(line.into()));
    typed.message_id = Some(message_id);
    let asked = h.handle(typed).await;
    let button = asked
        .iter()
        .find(|s| s.chat_id == STAFF_GROUP)
        .expect("an answer with buttons")
        .button(label);
    let done = h.press(&staff, Place::Staff, &button).await;
    assert!(
        done.iter().any(|s| s.text.contains("บันทึกกำหนดการแล้ว")),
        "{done:?}"
    );
    let mut edited = h.event(
        &staff,
        Place::Staff,
        Input::Edited {
            text: format!("{line} (แก้)"),
        },
    );
    edited.message_id = Some(message_id);
    texts_to(&h.handle(edited).await, STAFF_GROUP).join("\n")
}

/// A deadline added after choosing its date with a button: an edit of the command typed is
/// answered with that deadline, as when the date needed no choice.
#[tokio::test]
async fn a_deadline_added_after_a_date_choice_is_noted_for_edits() {
    let h = Harness::new().await;
    let answer =
        add_by_button_then_edit(&h, "เพิ่มกำหนดการ ศุกร์หน้า ส่งรายงาน", 501, "26 มิ.ย. 2569").await;
    assert!(
        answer.contains("ไม่เปลี่ยนกำหนดการที่เพิ่มไปแล้ว") && answer.contains("เลื่อน 1"),
        "{answer}"
    );
}

/// The same after a near-miss's button or a held line's "run": the line the person typed is
/// the one that made the record, so an edit of it names the record.
#[tokio::test]
async fn a_deadline_added_from_a_near_miss_button_is_noted_for_edits() {
    let h = Harness::new().await;
    let answer = add_by_button_then_edit(&h, "เพิ่มกำหนดกร 30 มิ.ย. 2569 ส่งรายงาน", 601, "ใช่").await;
    assert!(answer.contains("ไม่เปลี่ยนกำหนดการที่เพิ่มไปแล้ว"), "{answer}");
}

/// What the bot answers `line` in `place` (its messages to that chat, in order).
async fn answered(h: &Harness, who: &Person, place: Place, line: &str) -> Vec<String> {
    let chat_id = h.event(who, place, Input::Text(String::new())).chat.id;
    texts_to(&h.send(who, place, line).await, chat_id)
}

/// A command word with its argument glued on (`ยอดบริจาคปีนี้`) is that command with that
/// argument, wherever the argument is unmistakable; chat that only starts like a command word
/// stays chat.
#[tokio::test]
async fn a_command_word_glued_to_its_argument_is_the_command() {
    let h = Harness::new().await;
    let (staff, officer) = (Person::staff(), Person::officer());
    for (who, place, glued, spaced) in [
        (&staff, Place::Staff, "ยอดบริจาคปีนี้", "ยอดบริจาค ปีนี้"),
        (&staff, Place::Staff, "สรุปยอดบริจาคเดือนนี้", "ยอดบริจาค เดือนนี้"),
        (
            &staff,
            Place::Staff,
            "ยอดบริจาคปีงบ 2569",
            "ยอดบริจาค ปีงบ 2569",
        ),
        (&staff, Place::Staff, "ปฏิทินสัปดาห์นี้", "ปฏิทิน สัปดาห์นี้"),
        (&staff, Place::Staff, "สรุปทุนปีงบ 2569", "สรุปทุน ปีงบ 2569"),
        (
            &officer,
            Place::Officers,
            "สรุปเรื่องร้องเรียนปีนี้",
            "สรุปเรื่องร้องเรียน ปีนี้",
        ),
        (
            &officer,
            Place::Officers,
            "ดูเรื่องร-2569-0001",
            "ดูเรื่อง ร-2569-0001",
        ),
    ] {
        let expected = answered(&h, who, place, spaced).await;
        assert!(!expected.is_empty(), "{spaced}");
        assert_eq!(answered(&h, who, place, glued).await, expected, "{glued}");
    }
    let added = answered(&h, &staff, Place::Staff, "เพิ่มกำหนดการพรุ่งนี้ ส่งรายงานการเงิน").await;
    assert!(
        added
            .iter()
            .any(|t| t.contains("บันทึกกำหนดการแล้ว") && t.contains("16 มิ.ย. 2569")),
        "{added:?}"
    );
    for chat in [
        "ปฏิทินปีนี้สวยมาก",
        "เสร็จแล้วค่ะ",
        "ยอดบริจาคเยอะมาก",
        "โรงเรียนบ้านนาจัดงานวันเด็ก",
        "บริจาคเงินได้ที่ไหน",
    ] {
        assert!(
            answered(&h, &staff, Place::Staff, chat).await.is_empty(),
            "{chat}"
        );
    }
}

/// English command words reach the commands (in English for someone who never chose a
/// language), not the Q&A; in groups, only from people who chose English.
#[tokio::test]
async fn english_command_words_reach_the_commands() {
    let h = Harness::new().await;
    let public = Person::public();
    let help = h.reply(&public, Place::Private, "help").await;
    assert!(
        help.text.contains("Choose a topic")
            && help
                .buttons
                .iter()
                .any(|(_, d)| d.starts_with("core:menu:")),
        "{help:?}"
    );
    for (english, slash) in [
        ("Help", "/help"),
        ("complain", "/complain"),
        ("status", "/track"),
        ("my donations", "/my_donations"),
        ("report a donation", "/report_donation"),
    ] {
        let expected = answered(&h, &public, Place::Private, slash).await;
        h.send(&public, Place::Private, "ยกเลิก").await;
        let got = answered(&h, &public, Place::Private, english).await;
        h.send(&public, Place::Private, "ยกเลิก").await;
        assert!(!got.is_empty(), "{english}");
        // Said in English by someone who never chose: the answer is in English.
        assert!(got.iter().all(|t| !t.contains("ค่ะ")), "{english}: {got:?}");
        assert_eq!(
            got.len(),
            expected.len(),
            "{english}: {got:?} / {expected:?}"
        );
    }
    // A Thai-speaking member in the staff group: English words are chat.
    let staff = Person::staff();
    assert!(answered(&h, &staff, Place::Staff, "help").await.is_empty());
    assert!(
        answered(&h, &staff, Place::Staff, "donate 500")
            .await
            .is_empty()
    );
    // An English-speaking member: the command, in English.
    h.send(&staff, Place::Staff, "/lang en").await;
    let expected = answered(&h, &staff, Place::Staff, "/donate 500").await;
    h.send(&staff, Place::Staff, "cancel").await;
    let donated = answered(&h, &staff, Place::Staff, "donate 500").await;
    assert_eq!(donated, expected);
    h.send(&staff, Place::Staff, "cancel").await;
    assert_eq!(
        answered(&h, &staff, Place::Staff, "deadlines").await,
        answered(&h, &staff, Place::Staff, "/calendar").await
    );
    // A word that only starts like one is no command word.
    assert!(
        answered(&h, &staff, Place::Staff, "helpful tip for today")
            .await
            .is_empty()
    );
    // A sentence is no command: a question, for the Q&A.
    assert!(
        answered(&h, &staff, Place::Staff, "help me with the report")
            .await
            .is_empty()
    );
    let question = answered(
        &h,
        &public,
        Place::Private,
        "status of my scholarship application?",
    )
    .await;
    let usage = answered(&h, &public, Place::Private, "/track").await;
    assert_ne!(question, usage, "a question, not the tracking command");
    // Thai replies name the Thai command word, which works on every messenger.
    let usage = usage.join("\n");
    assert!(
        usage.contains("ติดตาม 1234 5678 9012 3456") && !usage.contains("/track"),
        "{usage}"
    );
}

/// The words of a case card's buttons typed by an officer with the case number do what the
/// button does: the same checks (officers only, a move the status allows), the same record in
/// the case's history, the same card kept up to date; the text a button asks for may follow
/// the number or is asked for. The word alone is answered with how to type it.
#[tokio::test]
async fn an_officer_typing_a_case_card_button_does_what_the_button_does() {
    use crate::complaints_support::{Filing, file};
    let h = Harness::new().await;
    let filer = Person::new(845_001, "ผู้แจ้ง", &[]);
    let filed = file(&h, &filer, &Filing::tipoff(&["ครูเวรไม่อยู่เวรกลางคืน"])).await;
    let case = filed.case.clone();
    let officer = Person::officer();

    let acknowledged = h
        .send(&officer, Place::Officers, &format!("รับเรื่อง {case}"))
        .await;
    let said = texts_to(&acknowledged, OFFICERS_GROUP).join("\n");
    assert!(said.contains(&case) && said.contains("รับเรื่องแล้ว"), "{said}");
    // Again: the status no longer allows it, and the valid moves are named.
    let again = h
        .reply(&officer, Place::Officers, &format!("รับเรื่อง {case}"))
        .await;
    assert!(again.text.contains("เปลี่ยนสถานะเรื่อง"), "{}", again.text);

    // Without the agency it is asked for, as the button does; the answer forwards the case.
    let asked = h
        .reply(&officer, Place::Officers, &format!("ส่งต่อ {case}"))
        .await;
    assert!(asked.text.contains("หน่วยงาน"), "{}", asked.text);
    let forwarded = crate::complaints_support::officer_answers_prompt(
        &h,
        &officer,
        "สำนักงานศึกษาธิการจังหวัด",
        "ส่งต่อเรื่อง",
    )
    .await;
    assert!(
        forwarded.iter().any(|s| s.text.contains("ส่งต่อหน่วยงานอื่น")),
        "{forwarded:?}"
    );
    // With the outcome after the number it is shown back to check, as after the button.
    let check = h
        .reply(
            &officer,
            Place::Officers,
            &format!("ปิดเรื่อง {case} ตรวจสอบแล้ว จัดเวรใหม่เรียบร้อย"),
        )
        .await;
    assert!(
        check.text.contains("ตรวจสอบก่อนปิดเรื่อง") && check.text.contains("จัดเวรใหม่เรียบร้อย"),
        "{}",
        check.text
    );
    let closed = h
        .press(&officer, Place::Officers, &check.button("ปิดเรื่อง"))
        .await;
    assert!(
        closed.iter().any(|s| s.text.contains("ดำเนินการเสร็จสิ้น")),
        "{closed:?}"
    );
    let history = h
        .reply(&officer, Place::Officers, &format!("ดูเรื่อง {case}"))
        .await;
    assert!(
        history.text.contains("สำนักงานศึกษาธิการจังหวัด")
            && history.text.contains("จัดเวรใหม่เรียบร้อย")
            && history.text.contains(&officer.name),
        "{}",
        history.text
    );

    // Only officers.
    let staff = h
        .reply(&Person::staff(), Place::Staff, &format!("รับเรื่อง {case}"))
        .await;
    assert!(staff.text.contains("เจ้าหน้าที่รับเรื่อง"), "{}", staff.text);
    // The word alone: how to type it.
    let usage = h.reply(&officer, Place::Officers, "รับเรื่อง").await;
    assert!(usage.text.contains("รับเรื่อง ร-2569-0007"), "{}", usage.text);
    // Chat that starts with the word stays chat.
    assert!(
        h.send(&officer, Place::Officers, "ส่งต่อ ฝ่ายกฎหมายแล้วนะคะ")
            .await
            .is_empty()
    );
}

/// The words of a donor report card's buttons typed by staff with the report's code do what
/// the button does, by the same checks; `ขอข้อมูลเพิ่ม`, a word of both cards, reaches the
/// card of the group it is typed in.
#[tokio::test]
async fn staff_typing_a_donor_report_card_button_does_what_the_button_does() {
    use crate::donations::donor_reports_a_transfer;
    let h = Harness::new().await;
    let staff = Person::staff();
    let donor = Person::public();
    donor_reports_a_transfer(&h, &donor).await;
    // Decided in the staff group only, as the button is.
    let private = h.reply(&staff, Place::Private, "ยืนยันรับ R1").await;
    assert!(private.text.contains("กลุ่มบุคลากร"), "{}", private.text);
    let confirmed = h.send(&staff, Place::Staff, "ยืนยันรับ R1").await;
    let said = texts_to(&confirmed, STAFF_GROUP).join("\n");
    assert!(said.contains("R1") && said.contains("1/2569"), "{said}");
    assert!(
        texts_to(&confirmed, donor.id)
            .iter()
            .any(|t| t.contains("1/2569")),
        "the donor gets the proof: {confirmed:?}"
    );
    let again = h.reply(&staff, Place::Staff, "ขอข้อมูลเพิ่ม R1 ขอสลิป").await;
    assert!(again.text.contains("ดำเนินการไปแล้ว"), "{}", again.text);
    let unknown = h.reply(&staff, Place::Staff, "ยืนยันรับ R99").await;
    assert!(unknown.text.contains("R99"), "{}", unknown.text);
    // A code typed in Thai digits is the same code.
    let thai_digits = h.reply(&staff, Place::Staff, "ยืนยันรับ R๙๙").await;
    assert!(thai_digits.text.contains("R99"), "{}", thai_digits.text);

    // Refused with the reason typed after the code: shown back with the gift first (a
    // mistyped code would refuse another donor's report), then the donor reads it.
    let second = Person::new(42, "ผู้บริจาคสอง", &[]);
    donor_reports_a_transfer(&h, &second).await;
    let check = h
        .reply(&staff, Place::Staff, "ปฏิเสธ R2 ยอดไม่ตรงกับบัญชีของสำนักงาน")
        .await;
    assert!(
        check.text.contains("ตรวจสอบก่อนส่ง")
            && check.text.contains("2,500.00 บาท")
            && check.text.contains("ยอดไม่ตรงกับบัญชีของสำนักงาน"),
        "{}",
        check.text
    );
    let refused = h
        .press(&staff, Place::Staff, &check.button("ส่งและปฏิเสธ"))
        .await;
    assert!(
        texts_to(&refused, second.id)
            .iter()
            .any(|t| t.contains("ยอดไม่ตรงกับบัญชีของสำนักงาน")),
        "{refused:?}"
    );
    // The word alone: how to type it; chat after it stays chat.
    let usage = h.reply(&staff, Place::Staff, "ยืนยันรับ").await;
    assert!(usage.text.contains("ยืนยันรับ R12"), "{}", usage.text);
    assert!(
        h.send(&staff, Place::Staff, "ปฏิเสธ ไม่ได้หรอกค่ะ")
            .await
            .is_empty()
    );
    // The officers' ขอข้อมูลเพิ่ม is theirs.
    let officers = h
        .reply(&Person::officer(), Place::Officers, "ขอข้อมูลเพิ่ม")
        .await;
    assert!(officers.text.contains("ร-2569-0007"), "{}", officers.text);
}

/// The words of a reminder card's buttons typed with the deadline's number: `เสร็จแล้ว 1`
/// marks it done, `เลื่อน 1 2 วัน` moves it by days as ⏰ เลื่อน 1 วัน does; `เลื่อน 1 วัน`
/// (the button's words, no number) is answered with how to type it.
#[tokio::test]
async fn staff_typing_a_reminder_card_button_does_what_the_button_does() {
    let h = Harness::new().await;
    let staff = Person::staff();
    h.send(&staff, Place::Staff, "เพิ่มกำหนดการ 30 มิ.ย. 2569 ส่งรายงาน")
        .await;
    let moved = h.reply(&staff, Place::Staff, "เลื่อน 1 2 วัน").await;
    assert!(
        moved.text.contains("30 มิ.ย. 2569") && moved.text.contains("2 ก.ค. 2569"),
        "{}",
        moved.text
    );
    let how = h.reply(&staff, Place::Staff, "เลื่อน 1 วัน").await;
    assert!(how.text.contains("เลื่อน 12 1 วัน"), "{}", how.text);
    let done = h.reply(&staff, Place::Staff, "เสร็จแล้ว 1").await;
    assert!(done.text.contains("ส่งรายงาน"), "{}", done.text);
    let listed = h.reply(&staff, Place::Staff, "กำหนดการ 1").await;
    assert!(listed.text.contains("เสร็จ"), "{}", listed.text);
}

/// The heading over texts joined for a busy group says what they hold: plain texts lose
/// nothing, so it does not speak of buttons or proofs of donation; texts whose buttons were
/// left off are told how to get what the buttons gave, by the capability whose buttons they
/// were.
#[tokio::test]
async fn the_joined_heading_speaks_of_buttons_only_when_some_were_left_off() {
    use khetbot::core::{Button, OutMessage};
    let h = Harness::new().await;
    let plain = h.core.join_owed(vec![
        OutMessage::text("ตั้งค่าเป็นภาษาไทยแล้วค่ะ"),
        OutMessage::text("บันทึกกำหนดการแล้วค่ะ"),
    ]);
    assert!(plain.text.contains("ข้อความเดียว"), "{}", plain.text);
    assert!(
        !plain.text.contains("ใบอนุโมทนา") && !plain.text.contains("ปุ่ม"),
        "{}",
        plain.text
    );
    let with_buttons = OutMessage::text("สำเนาหลักฐานการบริจาค เลขที่ 3/2569")
        .with_buttons(vec![vec![Button::Callback {
            label: "ใบอนุโมทนาบัตร".into(),
            data: "donations:cert:3:c".into(),
        }]])
        .joinable();
    let joined = h
        .core
        .join_owed(vec![OutMessage::text("ตั้งค่าเป็นภาษาไทยแล้วค่ะ"), with_buttons]);
    assert!(
        joined.text.contains("ปุ่ม") && joined.text.contains("ใบอนุโมทนา 12/2569"),
        "{}",
        joined.text
    );
}

/// `วันหยุด` lists the coming holidays of this fiscal year and says how to see the next one;
/// a fiscal year or period after it lists that. In English the holidays have their English
/// names.
#[tokio::test]
async fn holidays_list_this_fiscal_year_in_the_persons_language() {
    let h = Harness::new().await;
    let public = Person::public();
    // 15 มิ.ย. 2569: fiscal year 2569 ends on 30 ก.ย. 2569.
    let list = h.reply(&public, Place::Private, "วันหยุด").await;
    assert!(list.text.contains("12 ส.ค. 2569"), "{}", list.text);
    assert!(!list.text.contains("5 ธ.ค. 2569"), "{}", list.text);
    assert!(list.text.contains("วันหยุด ปีงบ 2570"), "{}", list.text);
    let next = h.reply(&public, Place::Private, "วันหยุด ปีงบ 2570").await;
    assert!(
        next.text.contains("5 ธ.ค. 2569") && !next.text.contains("12 ส.ค. 2569"),
        "{}",
        next.text
    );
    assert_eq!(
        h.reply(&public, Place::Private, "วันหยุดปีงบ 2570").await.text,
        next.text
    );
    let every = h.reply(&Person::staff(), Place::Staff, "วันหยุดทั้งหมด").await;
    assert!(
        every.text.contains("5 ธ.ค. 2569") && every.text.contains("12 ส.ค. 2569"),
        "{}",
        every.text
    );
    h.send(&public, Place::Private, "/lang en").await;
    let english = h.reply(&public, Place::Private, "/holidays ปีงบ 2570").await;
    assert!(
        english.text.contains("Constitution Day"),
        "{}",
        english.text
    );
    assert!(!english.text.contains("วันรัฐธรรมนูญ"), "{}", english.text);
}

/// A year alone (`วันหยุด 2570`) is the calendar year, and says how to ask for the fiscal
/// one; typed in a group it was not answered at all. An unreadable date there is told how to
/// type it, while chat that starts with the word stays chat.
#[tokio::test]
async fn a_year_alone_lists_that_calendar_years_holidays_in_a_group_too() {
    let h = Harness::new().await;
    let staff = Person::staff();
    let year = h.reply(&staff, Place::Staff, "วันหยุด 2570").await;
    assert!(
        year.text.contains("1 ม.ค. 2570") && year.text.contains("31 ธ.ค. 2570"),
        "{}",
        year.text
    );
    assert!(!year.text.contains("10 ธ.ค. 2569"), "{}", year.text);
    assert!(year.text.contains("วันหยุด ปีงบ 2570"), "{}", year.text);
    assert_eq!(
        h.reply(&staff, Place::Staff, "วันหยุด ปี 2570").await.text,
        year.text
    );
    let unreadable = h.reply(&staff, Place::Staff, "วันหยุด 45 ธค").await;
    assert!(unreadable.text.contains("วันหยุด ปีงบ"), "{}", unreadable.text);
    let chat = h.send(&staff, Place::Staff, "วันหยุดนี้ไปไหนกัน").await;
    assert!(chat.is_empty(), "{chat:?}");
}

/// A dialogue started with English words by someone who chose no language goes on in
/// English (the language is kept with the dialogue, in memory only).
#[tokio::test]
async fn a_dialogue_started_in_english_goes_on_in_english() {
    let h = Harness::new().await;
    let public = Person::public();
    let first = h.reply(&public, Place::Private, "complain").await;
    let (_, data) = first
        .buttons
        .first()
        .expect("the first step's choices")
        .clone();
    let next = h.press(&public, Place::Private, &data).await;
    let said = texts_to(&next, public.id).join("\n");
    // The next step's question, in English (it was asked in Thai).
    let thai_letters = said
        .chars()
        .filter(|c| ('\u{0E01}'..='\u{0E4F}').contains(c))
        .count();
    assert!(!said.is_empty() && thai_letters == 0, "{said}");
    // Cancelled, the person is back to Thai, which they never changed.
    h.send(&public, Place::Private, "ยกเลิก").await;
    let thai = h.reply(&public, Place::Private, "เมนู").await;
    assert!(thai.text.contains("สวัสดี"), "{}", thai.text);
}

/// Everyday command words followed by chat, in a group whose members may not use that
/// command, stay chat: no refusal is posted for them (`เลื่อน ประชุมไปวันศุกร์` among the
/// principals, `ส่งต่อ ให้ผอ.ด้วยนะ` among the staff).
#[tokio::test]
async fn chat_starting_with_a_command_word_gets_no_refusal_in_any_group() {
    let h = Harness::new().await;
    for (who, place, chat) in [
        (
            Person::principal(),
            Place::Principals,
            "เลื่อน ประชุมไปวันศุกร์นะคะ",
        ),
        (Person::principal(), Place::Principals, "ปฏิเสธ ไม่ได้หรอกค่ะ"),
        (Person::staff(), Place::Staff, "ส่งต่อ ให้ผอ.ด้วยนะคะ"),
        (Person::staff(), Place::Staff, "รับเรื่อง ไว้แล้วค่ะ"),
        (Person::officer(), Place::Officers, "ยืนยันรับ แล้วนะคะ"),
        (Person::officer(), Place::Officers, "เลื่อน ประชุมไปก่อน"),
    ] {
        assert!(h.send(&who, place, chat).await.is_empty(), "{chat}");
    }
    // With a number, it is the command, refused where it is not allowed.
    let refused = h
        .reply(
            &Person::principal(),
            Place::Principals,
            "เลื่อน 1 5 ก.ค. 2569",
        )
        .await;
    assert!(refused.text.contains("บุคลากร"), "{}", refused.text);
}

/// A Thai text that tells people to type a command gives its Thai word: a LINE user, or a
/// Thai one on Telegram, types `ตั้งค่ากลุ่ม`, `ใบอนุโมทนา` or `ภาษา ไทย`, not `/setgroup`,
/// `/receipt` or `/lang th`. The slash command may stand beside the Thai word, not alone.
#[test]
fn thai_texts_that_name_a_command_give_its_thai_word() {
    let locales = khetbot::i18n::Locales::load();
    let slash = regex::Regex::new(r"(?:^|[\s(:,])/([a-z_]+)").expect("valid pattern");
    let mut alone = Vec::new();
    for key in locales.keys(khetbot::i18n::Lang::Th) {
        // The console's own commands (/as, /clock) are for developers, not commands of the bot.
        if key.starts_with("console.") {
            continue;
        }
        let text = locales.template(khetbot::i18n::Lang::Th, key);
        for name in slash.captures_iter(text).map(|c| c[1].to_string()) {
            let spec = khetbot::capabilities()
                .into_iter()
                .flat_map(|c| c.commands.iter())
                .find(|spec| spec.name == name && !spec.thai.is_empty());
            if let Some(spec) = spec
                && !spec.thai.iter().any(|word| text.contains(word))
            {
                alone.push(format!("{key}: /{name} without {:?}", spec.thai));
            }
        }
    }
    assert!(alone.is_empty(), "{}", alone.join("\n"));
}

/// After an answer people say "okay", laugh or send a thumbs-up: a short acknowledgement with
/// what to do next, not "sorry, I did not understand" over the whole menu, and not a Q&A search
/// ("555" was answered with the O-NET colour groups as the nearest question). A line that goes
/// on to ask something is still a question.
#[tokio::test]
async fn an_okay_a_laugh_or_a_thumbs_up_is_acknowledged() {
    let h = Harness::new().await;
    let parent = Person::public();
    for said in [
        "โอเคค่ะ",
        "ok",
        "ครับ",
        "รับทราบครับ",
        "ได้ค่ะ",
        "เข้าใจแล้วค่ะ",
        "อ๋อ ค่ะ",
        "555",
        "55555+",
        "ฮ่าๆๆ",
        "👍",
        "😂😂",
    ] {
        let reply = h.reply(&parent, Place::Private, said).await;
        // In English when typed in English by someone who chose no language.
        let next = if said.chars().any(|c| c.is_ascii_alphabetic()) {
            "Type another question any time"
        } else {
            "มีเรื่องอื่นพิมพ์ถามได้เลย"
        };
        assert!(
            reply.text.contains(next)
                && !reply.text.contains("ยังไม่เข้าใจ")
                && !reply.text.contains("ไม่แน่ใจ")
                && reply.buttons.is_empty(),
            "{said}: {reply:?}"
        );
    }
    let question = h
        .reply(&parent, Place::Private, "โอเคค่ะ แล้วโอนเงินบริจาคเข้าบัญชีไหนคะ")
        .await;
    assert!(
        !question.text.contains("มีเรื่องอื่นพิมพ์ถามได้เลย"),
        "{question:?}"
    );
    h.send(&parent, Place::Private, "/lang en").await;
    let english = h.reply(&parent, Place::Private, "okay").await;
    assert!(
        english.text.contains("Type another question"),
        "{english:?}"
    );
}

/// A command refused here is named as the reader types it: `ใบอนุโมทนา` from a donor was
/// refused as "คำสั่ง /receipt …"; a director's `บริจาค …` in the principals' group was told
/// /donate is for the staff group, when their own gift is reported privately.
#[tokio::test]
async fn a_refused_command_is_named_in_thai_and_a_director_s_gift_is_pointed_to_the_private_chat() {
    let h = Harness::new().await;
    let refused = h
        .reply(&Person::public(), Place::Private, "ใบอนุโมทนา 1/2569")
        .await;
    assert!(
        refused.text.contains("คำสั่ง ใบอนุโมทนา") && !refused.text.contains("/receipt"),
        "{}",
        refused.text
    );
    let pointed = h
        .reply(
            &Person::principal(),
            Place::Principals,
            "บริจาค 5000 จาก ผอ.สมหมาย เพื่อ ทุนการศึกษา",
        )
        .await;
    assert!(
        pointed.text.contains("แชทส่วนตัว")
            && pointed.text.contains("พิมพ์ บริจาค")
            && !pointed.text.contains("/donate"),
        "{}",
        pointed.text
    );
}
