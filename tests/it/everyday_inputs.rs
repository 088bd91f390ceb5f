//! Natural inputs found misbehaving while using the bot as each role, each answered as a
//! person would expect.

use crate::support::harness::*;

/// Donation 1 of the fiscal year, recorded by the staff.
async fn record_a_donation(h: &Harness) {
    h.send(
        &Person::staff(),
        Place::Staff,
        "บริจาค 500 จาก นายดำ เพื่อ ทุนการศึกษา",
    )
    .await;
}

#[tokio::test]
async fn a_purpose_typed_as_its_own_button_reads_is_understood() {
    let h = Harness::new().await;
    // The school's purpose: which school is asked next, not which purpose.
    for line in [
        "บริจาค 2,000 บาท จาก บริษัท ก ไก่ จำกัด เพื่อ สนับสนุนโรงเรียน",
        "บริจาค 2,000 บาท จาก บริษัท ก ไก่ จำกัด เพื่อสนับสนุนโรงเรียน",
        "บริจาค 500 จาก นายเอ เพื่อ สนับสนุนสถานศึกษา",
    ] {
        let asked = h.reply(&Person::staff(), Place::Staff, line).await;
        assert!(asked.text.contains("โรงเรียนใด"), "{line}: {}", asked.text);
        h.send(&Person::staff(), Place::Staff, "ยกเลิก").await;
    }
    // With the school named, the school is looked up (this test's list has none).
    let looked_up = h
        .reply(
            &Person::staff(),
            Place::Staff,
            "บริจาค 300 จาก นายบี เพื่อ สนับสนุน โรงเรียนบ้านนา",
        )
        .await;
    assert!(
        looked_up.text.contains("โรงเรียนบ้านนา") && !looked_up.text.contains("วัตถุประสงค์"),
        "{}",
        looked_up.text
    );
}

#[tokio::test]
async fn thanks_in_a_private_chat_get_a_welcome_not_a_faq_entry() {
    let h = Harness::new().await;
    for thanks in [
        "ขอบคุณค่ะ",
        "ขอบคุณมากครับ",
        "ขอบคุณนะคะ",
        "ขอบคุณค่าาา",
        "thank you",
        "Thanks!",
        // Saying what for (the proof just received) used to be answered with the proof entry.
        "ขอบคุณสำหรับใบอนุโมทนาบัตรค่ะ",
        "ขอบคุณที่ส่งใบเสร็จมาให้นะคะ",
        "thanks for the receipt",
        "ขอบคุณสำหรับความช่วยเหลือค่ะ",
    ] {
        let answer = h.reply(&Person::public(), Place::Private, thanks).await;
        // In English when typed in English by someone who chose no language.
        let welcome = if thanks.is_ascii() {
            "You are welcome"
        } else {
            "ยินดี"
        };
        assert!(answer.text.contains(welcome), "{thanks}: {}", answer.text);
        assert!(!answer.text.contains("หมวด:"), "{thanks}: {}", answer.text);
    }
    // Thanks followed by a question are a question.
    let answer = h
        .reply(
            &Person::public(),
            Place::Private,
            "ขอบคุณที่ตอบค่ะ แล้วบริจาคแล้วจะได้ใบเสร็จไหมคะ",
        )
        .await;
    assert!(!answer.text.starts_with("ยินดี"), "{}", answer.text);
    // Thanks that go on to a problem or to what staff asked for are no small talk.
    for more in [
        "ขอบคุณสำหรับใบเสร็จค่ะ แต่ชื่อสะกดผิด",
        "ขอบคุณที่แจ้งนะคะ โอนจากกรุงไทย 10.30 น. ค่ะ",
        "thanks for the receipt but the amount is wrong",
    ] {
        let answer = h.reply(&Person::public(), Place::Private, more).await;
        assert!(!answer.text.starts_with("ยินดี"), "{more}: {}", answer.text);
    }
    // In a group, thanks are chatter.
    assert!(
        h.send(&Person::staff(), Place::Staff, "ขอบคุณค่ะ")
            .await
            .is_empty()
    );
}

/// A greeting with its particle drawn out, as people type in chat, is a greeting: it was taken
/// for a question and answered with the entry on English camps ("ค่าา" read as "ค่าย").
#[tokio::test]
async fn a_drawn_out_greeting_gets_the_menu_not_a_faq_entry() {
    let h = Harness::new().await;
    for greeting in ["สวัสดีค่าา", "หวัดดีจ้าาา", "สวัสดีครับบบ"]
    {
        let answer = h.reply(&Person::public(), Place::Private, greeting).await;
        assert!(
            answer.text.contains("สวัสดีค่ะ"),
            "{greeting}: {}",
            answer.text
        );
        assert!(
            !answer.text.contains("หมวด:"),
            "{greeting}: {}",
            answer.text
        );
    }
}

#[tokio::test]
async fn a_deadline_on_a_day_off_says_so_with_the_command_for_the_working_day_before() {
    let h = Harness::new().await;
    // Monday 15 June 2569 today; Saturday the 20th.
    let added = h
        .reply(
            &Person::staff(),
            Place::Staff,
            "เพิ่มกำหนดการ 20 มิ.ย. 2569 ส่งแบบสำรวจ",
        )
        .await;
    assert!(added.text.contains("วันหยุดของสำนักงาน"), "{}", added.text);
    assert!(added.text.contains("เลื่อน 1 19 มิ.ย. 2569"), "{}", added.text);
    let moved = h
        .reply(&Person::staff(), Place::Staff, "เลื่อน 1 19 มิ.ย. 2569")
        .await;
    assert!(!moved.text.contains("วันหยุดของสำนักงาน"), "{}", moved.text);
    // Moved onto a Sunday: said again.
    let moved = h
        .reply(&Person::staff(), Place::Staff, "เลื่อน 1 21 มิ.ย. 2569")
        .await;
    assert!(moved.text.contains("วันหยุดของสำนักงาน"), "{}", moved.text);
    // A working day: nothing said.
    let added = h
        .reply(
            &Person::staff(),
            Place::Staff,
            "เพิ่มกำหนดการ 18 มิ.ย. 2569 ประชุม",
        )
        .await;
    assert!(!added.text.contains("วันหยุด"), "{}", added.text);
}

#[tokio::test]
async fn empty_reports_read_cleanly() {
    let h = Harness::new().await;
    let totals = h
        .reply(&Person::principal(), Place::Principals, "ยอดบริจาค")
        .await;
    // The period ends with its year: a space before the particle, not "2569ค่ะ".
    assert!(totals.text.contains("ปีงบประมาณ 2569 ค่ะ"), "{}", totals.text);
    let summary = h
        .reply(&Person::officer(), Place::Officers, "สรุปเรื่องร้องเรียน")
        .await;
    assert!(
        !summary.text.contains("ตามสถานะ"),
        "no heading over nothing: {}",
        summary.text
    );
}

#[tokio::test]
async fn a_donors_slip_sent_before_it_is_asked_for_is_kept_and_a_captionless_photo_answers_nothing()
{
    let h = Harness::new().await;
    let donor = Person::public();
    let kind = h
        .send(&donor, Place::Private, "แจ้งบริจาค")
        .await
        .into_iter()
        .rfind(|s| !s.buttons.is_empty())
        .unwrap();
    h.press(&donor, Place::Private, &kind.button("เงิน")).await;
    let asked = h.reply(&donor, Place::Private, "500").await;
    let asked = h
        .press(&donor, Place::Private, &asked.button("ทุนการศึกษา"))
        .await;
    assert!(asked.last().unwrap().text.contains("ชื่อผู้บริจาค"), "{asked:?}");
    // The slip, sent while the donor's name is asked for.
    let kept = h
        .send_photo(&donor, Place::Private, "SLIP-EARLY", None)
        .await;
    let texts: Vec<&str> = kept.iter().map(|s| s.text.as_str()).collect();
    assert!(texts.iter().any(|t| t.contains("ได้รับรูปแล้ว")), "{texts:?}");
    assert!(
        texts.iter().any(|t| t.contains("ชื่อผู้บริจาค")),
        "the name is asked again: {texts:?}"
    );
    h.send(&donor, Place::Private, "นายสมศักดิ์ ใจบุญ").await;
    let method = h
        .send(&donor, Place::Private, "ไม่ระบุ")
        .await
        .into_iter()
        .rfind(|s| !s.buttons.is_empty())
        .unwrap();
    let next = h
        .press(&donor, Place::Private, &method.button("โอนเงิน"))
        .await;
    // The photo step is not asked: the slip is already there.
    let next = next.last().unwrap();
    assert!(!next.text.contains("ส่งรูปสลิป"), "{}", next.text);

    // Staff recording in a group: a photo without a caption is not taken for the donor's name.
    let staff = Person::staff();
    let asked = h
        .reply(&staff, Place::Staff, "บริจาค 500 บาท เพื่อ สำนักงาน")
        .await;
    assert!(asked.text.contains("ผู้บริจาคคือใคร"), "{}", asked.text);
    let again = h.send_photo(&staff, Place::Staff, "PHOTO-1", None).await;
    let texts: Vec<&str> = again.iter().map(|s| s.text.as_str()).collect();
    assert!(
        texts.iter().any(|t| t.contains("ตอบคำถามนี้ไม่ได้")),
        "{texts:?}"
    );
    assert!(texts.iter().any(|t| t.contains("ผู้บริจาคคือใคร")), "{texts:?}");
}

#[tokio::test]
async fn a_register_number_after_a_filler_word_is_read() {
    let h = Harness::new().await;
    record_a_donation(&h).await;
    for typed in ["ใบอนุโมทนา ที่ 1/2569", "ใบอนุโมทนา #1"]
    {
        let copy = h.reply(&Person::staff(), Place::Staff, typed).await;
        assert!(copy.text.contains("เลขที่ 1/2569"), "{typed}: {}", copy.text);
    }
}

#[tokio::test]
async fn the_totals_asked_for_as_a_summary_are_the_totals() {
    let h = Harness::new().await;
    record_a_donation(&h).await;
    for (who, place, typed) in [
        (Person::staff(), Place::Staff, "สรุปยอด"),
        (Person::principal(), Place::Principals, "สรุปยอดบริจาค เดือนนี้"),
        // The register asked for by name (there was no answer in the group).
        (Person::staff(), Place::Staff, "ทะเบียนบริจาค"),
        (Person::staff(), Place::Staff, "รายการบริจาคปีนี้"),
    ] {
        let totals = h.reply(&who, place, typed).await;
        assert!(
            totals.text.contains("500.00 บาท"),
            "{typed}: {}",
            totals.text
        );
    }
}

#[tokio::test]
async fn a_tracking_code_or_case_number_pasted_alone_is_tracked() {
    use crate::complaints_support::*;
    let h = Harness::new().await;
    let anonymous = filer(7_201);
    let filed = file(&h, &anonymous, &Filing::tipoff(&["ครูมาสายทุกวัน"])).await;
    let code = filed.code.unwrap();
    let view = h.reply(&anonymous, Place::Private, &code).await;
    assert!(view.text.contains(&filed.case), "{}", view.text);
    assert!(!view.via_outbox, "said directly, as /track is");

    let named = filer(7_202);
    let filed = file(&h, &named, &Filing::information_request()).await;
    let view = h.reply(&named, Place::Private, &filed.case).await;
    assert!(view.text.contains("ความเป็นมาของเรื่อง"), "{}", view.text);
}

#[tokio::test]
async fn a_command_word_said_politely_in_a_private_chat_is_the_command() {
    let h = Harness::new().await;
    let who = Person::public();
    let started = h.send(&who, Place::Private, "ร้องเรียนค่ะ").await;
    assert!(
        started.iter().any(|s| s.text.contains("เลือกประเภทเรื่อง")),
        "{started:?}"
    );
    let cancelled = h.reply(&who, Place::Private, "ยกเลิกค่ะ").await;
    assert!(cancelled.text.contains("ยกเลิก"), "{}", cancelled.text);
    let menu = h.reply(&who, Place::Private, "เมนูครับ").await;
    assert!(
        !menu.text.contains("หมวด:"),
        "the menu, not a Q&A entry: {}",
        menu.text
    );
    assert!(!menu.buttons.is_empty());
    // A command word that itself ends like a particle.
    let status = h.reply(&Person::officer(), Place::Private, "สถานะค่ะ").await;
    assert!(status.text.contains("สถานะ เลขเรื่อง"), "{}", status.text);
    // In a group, a command word with a particle is a colleague's chat.
    assert!(
        h.send(&Person::staff(), Place::Staff, "เสร็จค่ะ")
            .await
            .is_empty()
    );
    assert!(
        h.send(&Person::staff(), Place::Staff, "เลื่อนนะคะ")
            .await
            .is_empty()
    );
}

/// A command asked for with nothing more than a way of asking after it ("บริจาค หน่อยครับ",
/// "แจ้งบริจาค ได้ไหมคะ"): the staff's was refused as an amount that is not a number, the
/// donor's was told its details could not be read, the filer's "ได้ไหมคะ" was kept as the
/// story. Each now starts as the command alone does.
#[tokio::test]
async fn a_command_asked_for_politely_with_a_space_is_the_command_alone() {
    let h = Harness::new().await;
    let staff = h
        .send(&Person::staff(), Place::Staff, "บริจาค หน่อยครับ")
        .await;
    assert!(
        staff.iter().any(|s| s.text.contains("จำนวนเงินเท่าไร")),
        "{staff:?}"
    );
    h.send(&Person::staff(), Place::Staff, "ยกเลิก").await;
    let donor = h
        .send(&Person::public(), Place::Private, "แจ้งบริจาค ได้ไหมคะ")
        .await;
    assert!(
        donor.iter().all(|s| !s.text.contains("อ่านรายละเอียด"))
            && donor.iter().any(|s| s.text.contains("เงินหรือสิ่งของ")),
        "{donor:?}"
    );
    h.send(&Person::public(), Place::Private, "ยกเลิก").await;
    let filer = h
        .reply(&Person::public(), Place::Private, "ร้องเรียน ด้วยนะครับ")
        .await;
    assert!(
        !filer.text.contains("เก็บเรื่อง") && filer.text.contains("เลือกประเภทเรื่อง"),
        "{}",
        filer.text
    );
}

/// "กำหนดการ" alone, or with a period ("กำหนดการเดือนนี้"), is how staff ask for the deadlines:
/// it asked for a deadline's number ("deadlines" in English showed them). Now it shows the
/// calendar, as ปฏิทิน does; with a number it is still that deadline's details.
#[tokio::test]
async fn deadlines_asked_for_without_a_number_are_the_calendar() {
    let h = Harness::new().await;
    let staff = Person::staff();
    h.send(&staff, Place::Staff, "เพิ่มกำหนดการ 25 มิ.ย. ส่งรายงานผลสัมฤทธิ์")
        .await;
    for asked in ["กำหนดการ", "กำหนดการเดือนนี้", "กำหนดการ เดือนนี้"]
    {
        let listed = h.reply(&staff, Place::Staff, asked).await;
        assert!(
            listed.text.contains("📅 กำหนดการ") && listed.text.contains("#1 ส่งรายงานผลสัมฤทธิ์"),
            "{asked}: {}",
            listed.text
        );
    }
    let details = h.reply(&staff, Place::Staff, "กำหนดการ 1").await;
    assert!(
        details.text.contains("ส่งรายงานผลสัมฤทธิ์") && !details.text.contains("📅 กำหนดการ"),
        "{}",
        details.text
    );
}

/// "อยากร้องเรียนค่ะ" (I would like to complain), "ผมขอแจ้งเบาะแสหน่อยครับ", "แจ้งเรื่องร้องเรียนค่ะ":
/// a wish for a main command and nothing more was a Q&A "not sure" (with a button to start it, or
/// none). It is the command, as the command word with "ได้ไหมคะ" is. A wish with more to it stays
/// a question, with the button; "ไม่อยากร้องเรียน" wishes nothing.
#[tokio::test]
async fn a_wish_for_a_command_and_nothing_more_starts_it() {
    let h = Harness::new().await;
    let who = Person::public();
    for typed in [
        "อยากร้องเรียนค่ะ",
        "ผมขอแจ้งเบาะแสหน่อยครับ",
        "แจ้งเรื่องร้องเรียนค่ะ",
        "ต้องการร้องเรียน",
    ] {
        let started = h.reply(&who, Place::Private, typed).await;
        assert!(
            started.text.contains("เลือกประเภทเรื่อง"),
            "{typed}: {}",
            started.text
        );
        h.send(&who, Place::Private, "ยกเลิก").await;
    }
    for typed in ["อยากร้องเรียนครูที่ตีลูกต้องทำยังไงคะ", "ไม่อยากร้องเรียนค่ะ"]
    {
        let asked = h.reply(&who, Place::Private, typed).await;
        assert!(
            !asked.text.contains("เลือกประเภทเรื่อง"),
            "{typed}: {}",
            asked.text
        );
    }
}

/// An amount alone in a private chat ("2,000", "500 บาทค่ะ") is how a donor starts to say what
/// they gave; it was a Q&A "not sure". Now the bot asks whether they are reporting that gift,
/// with a button that begins the report with the amount filled in; nothing starts by itself.
#[tokio::test]
async fn an_amount_alone_offers_to_report_that_gift() {
    let h = Harness::new().await;
    let donor = Person::public();
    let offer = h.reply(&donor, Place::Private, "2,000").await;
    assert!(offer.text.contains("2,000.00 บาท"), "{}", offer.text);
    let started = h
        .press(&donor, Place::Private, &offer.button("2,000.00"))
        .await;
    let asked = started.last().expect("a question");
    assert!(asked.text.contains("วัตถุประสงค์"), "{}", asked.text);
    h.send(&donor, Place::Private, "ยกเลิก").await;
    let polite = h.reply(&donor, Place::Private, "500 บาทค่ะ").await;
    assert!(polite.text.contains("500.00 บาท"), "{}", polite.text);
    // Said as the report itself: the words that only introduce an amount are set aside.
    for (said, amount) in [
        ("โอนไป 3,000 บาทค่ะ", "3,000.00 บาท"),
        ("บริจาคไป ๕๐๐ ครับ", "500.00 บาท"),
        ("โอนแล้วค่ะ 500 บาท", "500.00 บาท"),
        ("เพิ่งโอนไปค่ะ 1,200 บาท", "1,200.00 บาท"),
        ("โอนแล้วนะคะ ๓๐๐ บาท", "300.00 บาท"),
    ] {
        let offer = h.reply(&donor, Place::Private, said).await;
        assert!(offer.text.contains(amount), "{said}: {}", offer.text);
    }
    // Staff's amounts are theirs to record; a question with an amount stays a question.
    let staff = h.reply(&Person::staff(), Place::Private, "2,000").await;
    assert!(!staff.text.contains("2,000.00"), "{}", staff.text);
    let asked = h
        .reply(&donor, Place::Private, "บริจาค 500 ได้ใบเสร็จไหม")
        .await;
    assert!(!asked.text.contains("500.00"), "{}", asked.text);
}

/// "รับบริจาค 500 จากนายเอ", "บันทึกบริจาค 1000 นางบี": how staff say they record a gift; the bot
/// did not know the words and asked whether บริจาค was meant. Now they are the record itself.
#[tokio::test]
async fn staff_record_a_gift_in_their_own_words() {
    let h = Harness::new().await;
    let staff = Person::staff();
    for (typed, donor) in [
        ("รับบริจาค 500 จากนายเอ ทุนการศึกษา", "นายเอ"),
        ("บันทึกบริจาค 1000 นางบี ทุนการศึกษา", "นางบี"),
    ] {
        let reply = h.reply(&staff, Place::Staff, typed).await;
        assert!(
            reply.text.contains("ตรวจสอบก่อนบันทึก") && reply.text.contains(donor),
            "{typed}: {}",
            reply.text
        );
        h.send(&staff, Place::Staff, "ยกเลิก").await;
    }
    // Colleagues' talk that begins with the words stays talk.
    let talk = h.send(&staff, Place::Staff, "รับบริจาคที่ไหนนะ").await;
    assert!(talk.is_empty(), "{talk:?}");
}

/// Staff asking the bot in private what is due ("ใกล้ครบกำหนดอะไรบ้าง", "งานที่ต้องส่งสัปดาห์หน้า
/// มีอะไรบ้างครับ") were answered by the Q&A, not sure: now it is their calendar, of the period
/// named if any. The same words from someone the calendar does not serve stay a question.
#[tokio::test]
async fn staff_asking_what_is_due_in_their_own_words_get_the_calendar() {
    let h = Harness::new().await;
    let staff = Person::staff();
    h.send(&staff, Place::Staff, "เพิ่มกำหนดการ 25 มิ.ย. ส่งรายงานผลสัมฤทธิ์")
        .await;
    for asked in [
        "ใกล้ครบกำหนดอะไรบ้าง",
        "งานที่ต้องส่งสัปดาห์หน้ามีอะไรบ้างครับ",
        "เดือนนี้มีเดดไลน์อะไรบ้างคะ",
        "any deadlines this month?",
        // The words apart, or a due word alone: a question too.
        "มีงานอะไรต้องส่งบ้าง",
        "งานไหนต้องส่งก่อนคะ",
        "งานค้าง",
        "เดดไลน์ครับ",
    ] {
        let listed = h.reply(&staff, Place::Private, asked).await;
        assert!(
            listed.text.contains("#1 ส่งรายงานผลสัมฤทธิ์"),
            "{asked}: {}",
            listed.text
        );
    }
    // The period named is read: this week (15–21 June) has nothing due.
    let week = h
        .reply(&staff, Place::Private, "งานที่ต้องส่งสัปดาห์นี้มีอะไรบ้างครับ")
        .await;
    assert!(
        week.text.contains("📅") && !week.text.contains("#1 ส่งรายงานผลสัมฤทธิ์"),
        "{}",
        week.text
    );
    let public = h
        .reply(&Person::public(), Place::Private, "ใกล้ครบกำหนดอะไรบ้าง")
        .await;
    assert!(!public.text.contains("📅"), "{}", public.text);
}

/// A command someone may not use was refused with where it works and nothing they could do:
/// a donor asking for "ใบอนุโมทนาบัตร" is pointed to การบริจาคของฉัน, where their proofs are; a
/// filer typing an officer's "สถานะ" to ติดตาม; anything else to the menu.
#[tokio::test]
async fn a_refused_command_says_what_to_do_instead() {
    let h = Harness::new().await;
    let donor = Person::public();
    let proof = h.reply(&donor, Place::Private, "ใบอนุโมทนาบัตร").await;
    assert!(
        proof.text.contains("ใช้ได้ในกลุ่มบุคลากร") && proof.text.contains("พิมพ์ การบริจาคของฉัน"),
        "{}",
        proof.text
    );
    let status = h.reply(&donor, Place::Private, "สถานะ ร-2569-0001").await;
    assert!(status.text.contains("พิมพ์ ติดตาม"), "{}", status.text);
    // A staff part of a command anyone may use, refused by the command itself, the same way.
    let add_school = h.reply(&donor, Place::Private, "โรงเรียน เพิ่ม บ้านนา").await;
    assert!(
        add_school.text.contains("ใช้ได้ในกลุ่มบุคลากร")
            && add_school.text.contains("พิมพ์ เมนู เพื่อดูสิ่งที่คุณใช้ได้"),
        "{}",
        add_school.text
    );
    let export = h.reply(&donor, Place::Private, "ส่งออกทะเบียน").await;
    assert!(
        export.text.contains("พิมพ์ เมนู เพื่อดูสิ่งที่คุณใช้ได้"),
        "{}",
        export.text
    );
    // In the principals' group the donor's own list is private: the menu, not it.
    let principal = h
        .reply(&Person::principal(), Place::Principals, "ใบอนุโมทนา 1/2569")
        .await;
    assert!(
        principal.text.contains("เมนู") && !principal.text.contains("การบริจาคของฉัน"),
        "{}",
        principal.text
    );
}

/// "language en" is how an English reader asks for English; it was a question for the Q&A
/// ("not sure"), as English words followed by words are. "ภาษาอังกฤษ", the command word with
/// the language glued on, was not the command either. Both now set the language.
#[tokio::test]
async fn a_language_asked_for_in_words_is_set() {
    let h = Harness::new().await;
    let who = Person::public();
    let set = h.reply(&who, Place::Private, "language en").await;
    assert!(set.text.contains("Language set to English"), "{}", set.text);
    let back = h.reply(&who, Place::Private, "Language Thai").await;
    assert!(back.text.contains("ภาษาไทย"), "{}", back.text);
    let glued = h.reply(&who, Place::Private, "ภาษาอังกฤษ").await;
    assert!(
        glued.text.contains("Language set to English"),
        "{}",
        glued.text
    );
    // A language followed by nothing but a way of asking.
    let asked = h
        .reply(&who, Place::Private, "language english please")
        .await;
    assert!(
        asked.text.contains("Language set to English"),
        "{}",
        asked.text
    );
    let polite = h.reply(&who, Place::Private, "ภาษาไทยค่ะ").await;
    assert!(polite.text.contains("ภาษาไทย"), "{}", polite.text);
    let asked = h.reply(&who, Place::Private, "ภาษา อังกฤษ หน่อยครับ").await;
    assert!(
        asked.text.contains("Language set to English"),
        "{}",
        asked.text
    );
    // Other English words after a command word still make a question.
    let question = h
        .reply(&who, Place::Private, "language of the certificate?")
        .await;
    assert!(!question.text.contains("Language set"), "{}", question.text);
}

/// A quarter that does not exist ("ไตรมาส 5") was answered with an example that showed
/// "{this_fiscal_year}" as typed: the example's year was filled only in texts that also named
/// another year. Now it names the fiscal year running.
#[tokio::test]
async fn a_quarter_that_does_not_exist_gets_an_example_of_this_fiscal_year() {
    let h = Harness::new().await;
    let refused = h
        .reply(&Person::staff(), Place::Staff, "ยอดบริจาค ไตรมาส 5")
        .await;
    assert!(
        refused.text.contains("ไตรมาส 2 ปีงบ 2569") && !refused.text.contains('{'),
        "{}",
        refused.text
    );
}

/// Usage examples of a fiscal year named 2569 whatever the day: in December, with 2570
/// running, staff were shown last year's as the example. Now they name the one running.
#[tokio::test]
async fn usage_examples_name_the_fiscal_year_running() {
    let h = Harness::new().await;
    h.clock.set(bangkok(2026, 12, 7, 9, 0));
    for typed in ["ส่งออกทะเบียน ปีหน้าโน้น", "สรุปทุน ปีหน้าโน้น"]
    {
        let usage = h.reply(&Person::staff(), Place::Staff, typed).await;
        assert!(
            usage.text.contains("ปีงบ 2570") && !usage.text.contains("ปีงบ 2569"),
            "{typed}: {}",
            usage.text
        );
    }
}

/// Someone who filed twice pastes both codes after `ติดตาม` (or alone), with a comma, a new
/// line or only spaces between them: each case is shown, and a code that matches nothing is
/// said to by its place in the line (never echoed: the reply is stored until it is sent).
#[tokio::test]
async fn several_tracking_codes_in_one_line_are_each_tracked() {
    use crate::complaints_support::*;
    let h = Harness::new().await;
    let anonymous = filer(7_203);
    let first = file(&h, &anonymous, &Filing::tipoff(&["ครูมาสายทุกวัน"])).await;
    let second = file(&h, &anonymous, &Filing::tipoff(&["ผอ.ไม่อยู่โรงเรียน"])).await;
    let (one, two) = (first.code.unwrap(), second.code.unwrap());
    for line in [
        format!("ติดตาม {one}, {two}"),
        format!("ติดตาม {one}\n{two}"),
        format!("ติดตาม {one} {two}"),
        format!("{one} และ {two}"),
    ] {
        let views = h.send(&anonymous, Place::Private, &line).await;
        assert_eq!(views.len(), 2, "{line}: {views:?}");
        assert!(views[0].text.contains(&first.case), "{line}: {views:?}");
        assert!(views[1].text.contains(&second.case), "{line}: {views:?}");
    }
    let line = format!("ติดตาม {one}, 0000 0000 0000 0001");
    let replies = h.send(&anonymous, Place::Private, &line).await;
    assert_eq!(replies.len(), 2, "{replies:?}");
    assert!(replies[0].text.contains(&first.case), "{replies:?}");
    assert!(replies[1].text.contains("รหัสที่ 2"), "{replies:?}");
    assert!(!replies[1].text.contains("0001"), "{replies:?}");
}

/// Someone who chose English reads dates with English month names (Buddhist Era years, as
/// every date the bot shows): a receipt said "date 5 ธ.ค. 2569" in the middle of English.
#[tokio::test]
async fn dates_in_english_texts_have_english_month_names() {
    let h = Harness::new().await;
    let staff = Person::staff();
    h.send(&staff, Place::Private, "/lang en").await;
    let receipt = h
        .reply(
            &staff,
            Place::Staff,
            "/donate 1,000 from John Smith for scholarship",
        )
        .await;
    assert!(
        receipt.text.contains("Proof of donation"),
        "{}",
        receipt.text
    );
    let thai_months: Vec<_> = (1..=12).map(khetbot::thai::month_abbr).collect();
    assert!(
        !thai_months.iter().any(|month| receipt.text.contains(month)),
        "{}",
        receipt.text
    );
    let english_months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    assert!(
        english_months
            .iter()
            .any(|month| receipt.text.contains(&format!(" {month} 25"))),
        "{}",
        receipt.text
    );
}

/// The register's periods in English: "fiscal year 2569", not "ปีงบประมาณ 2569" in the middle
/// of an English report.
#[tokio::test]
async fn periods_in_english_texts_are_named_in_english() {
    let h = Harness::new().await;
    let staff = Person::staff();
    h.send(&staff, Place::Private, "/lang en").await;
    h.send(
        &staff,
        Place::Staff,
        "/donate 1,000 from John Smith for scholarship",
    )
    .await;
    let report = h.reply(&staff, Place::Staff, "/donations").await;
    assert!(report.text.contains("fiscal year 2569"), "{}", report.text);
    assert!(!report.text.contains("ปีงบประมาณ"), "{}", report.text);
    let quarter = h.reply(&staff, Place::Staff, "/donations ไตรมาส 3").await;
    assert!(
        quarter.text.contains("Q3 of fiscal year 2569"),
        "{}",
        quarter.text
    );
    let month = h.reply(&staff, Place::Staff, "/donations มิ.ย. 2569").await;
    assert!(month.text.contains("June 2569"), "{}", month.text);
    // One gift is one record, from one donor.
    assert!(
        report
            .text
            .contains("1 record from 1 donor and 0 anonymous gifts"),
        "{}",
        report.text
    );
    assert!(!report.text.contains("1 records"), "{}", report.text);
}

/// A period asked for the polite way is read without its particle: `ยอดบริจาค ปีงบ 2569 ค่ะ`
/// and `ปฏิทิน เดือนนี้ครับ` were refused as periods the bot could not read.
#[tokio::test]
async fn a_period_asked_politely_is_read() {
    let h = Harness::new().await;
    record_a_donation(&h).await;
    let totals = h
        .reply(&Person::staff(), Place::Staff, "ยอดบริจาค ปีงบ 2569 ค่ะ")
        .await;
    assert!(
        totals.text.contains("500.00") && !totals.text.contains("ไม่ออก"),
        "{}",
        totals.text
    );
    let calendar = h
        .reply(&Person::staff(), Place::Staff, "ปฏิทิน เดือนนี้ครับ")
        .await;
    assert!(!calendar.text.contains("อ่านช่วงเวลาไม่"), "{}", calendar.text);
}

/// A particle closing a part in the middle of a staff line is no part of it: the donor of
/// `… จาก นายสมชาย ใจดีค่ะ เพื่อ ทุนการศึกษา` is นายสมชาย ใจดี (the proof printed "ใจดีค่ะ"),
/// and `… แจ้ง ผู้บริหาร ค่ะ` tells the principals (the deadline was titled "ส่งรายงาน แจ้ง
/// ผู้บริหาร ค่ะ" and told the staff group only).
#[tokio::test]
async fn a_particle_closing_a_part_of_a_staff_line_is_not_kept() {
    let h = Harness::new().await;
    let proof = h
        .reply(
            &Person::staff(),
            Place::Staff,
            "บริจาค 100 จาก นายสมชาย ใจดีค่ะ เพื่อ ทุนการศึกษา",
        )
        .await;
    assert!(
        proof.text.contains("ได้รับจาก: นายสมชาย ใจดี\n"),
        "{}",
        proof.text
    );
    let added = h
        .reply(
            &Person::staff(),
            Place::Staff,
            "เพิ่มกำหนดการ 30 มิ.ย. 2569 ส่งรายงานผลการจัดสรรทุนค่ะ แจ้ง ผู้บริหาร ค่ะ",
        )
        .await;
    assert!(
        added.text.contains("#1 ส่งรายงานผลการจัดสรรทุน\n")
            && added.text.contains("แจ้งเตือนในกลุ่มผู้บริหาร"),
        "{}",
        added.text
    );
}

/// "ไม่มีเครือข่าย" typed at the network step was looked up as a network's name ("ไม่พบ
/// เครือข่ายไม่มีเครือข่าย"), with a button to add it to the list: what the step's ไม่ระบุ button
/// says, in words, is that button.
#[tokio::test]
async fn no_network_said_in_words_is_the_no_network_button() {
    let h = Harness::new().await;
    let staff = Person::staff();
    for none in ["ไม่มีเครือข่ายครับ", "ไม่ทราบค่ะ", "ไม่ได้อยู่ในเครือข่ายไหน"]
    {
        h.send(&staff, Place::Staff, "บริจาค").await;
        let purpose = h.reply(&staff, Place::Staff, "1500").await;
        h.press(&staff, Place::Staff, &purpose.button("ทุนการศึกษา"))
            .await;
        let network = h.reply(&staff, Place::Staff, "นายสมชาย ใจดี").await;
        assert!(network.text.contains("เครือข่าย"), "{}", network.text);
        let next = h.reply(&staff, Place::Staff, none).await;
        assert!(
            !next.text.contains("ไม่พบ") && !next.text.contains("เครือข่าย"),
            "{none}: {}",
            next.text
        );
        h.send(&staff, Place::Staff, "ยกเลิก").await;
    }
}

/// "ไม่ทราบค่ะ" typed where the school supported is asked was looked up as a school's name, with
/// a button to add "โรงเรียนไม่ทราบ" to the list (staff) or to use it as typed (a donor): a gift to
/// a school needs the school, so the step says so and asks again.
#[tokio::test]
async fn no_school_said_in_words_is_told_that_a_school_gift_needs_one() {
    let h = Harness::new().await;
    for (who, place, start) in [
        (Person::staff(), Place::Staff, "บริจาค"),
        (Person::public(), Place::Private, "แจ้งบริจาค"),
    ] {
        h.send(&who, place, start).await;
        if start == "แจ้งบริจาค" {
            h.send(&who, place, "เงิน").await;
        }
        let purpose = h.reply(&who, place, "1500").await;
        let school = h.press(&who, place, &purpose.button("สนับสนุนโรงเรียน")).await;
        assert!(
            school.iter().any(|sent| sent.text.contains("โรงเรียนใด")),
            "{school:?}"
        );
        let again = h.reply(&who, place, "ไม่ทราบค่ะ").await;
        assert!(
            again.text.contains("ต้องระบุโรงเรียน") && !again.text.contains("ไม่พบ"),
            "{start}: {}",
            again.text
        );
        assert!(
            again
                .buttons
                .iter()
                .all(|(label, _)| !label.contains("ไม่ทราบ")),
            "{start}: {:?}",
            again.buttons
        );
        h.send(&who, place, "ยกเลิก").await;
    }
}
