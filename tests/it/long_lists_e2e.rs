//! Lists and captions past Telegram's limits (issue 15, item 8), through the real dispatcher
//! and the fake Bot API, which refuses a text over 4,096 or a caption over 1,024 characters
//! as Telegram does: every part arrives, none too long, nothing lost.

use crate::support::app::*;
use crate::support::harness::*;

const MAX_TEXT: usize = 4096;
const MAX_CAPTION: usize = 1024;

/// Characters as Telegram counts them once the HTML is parsed (UTF-16 code units).
fn visible_len(html: &str) -> usize {
    khetbot::i18n::html_to_plain(html).encode_utf16().count()
}

/// `คำถามทั้งหมด` with the seeded questions and thirty long ones added by staff: well past one
/// message, it arrives in several, each within the limit, with every question in one of them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_of_all_questions_past_4096_characters_arrives_whole_in_parts() {
    let mut app = spawn_app_with(|c| c.throttle = false).await;
    let staff = user(&Person::staff());
    let added: Vec<String> = (1..=30)
        .map(|n| {
            format!(
                "ขั้นตอนที่ {n} ของการยื่นเอกสารขอรับทุนการศึกษาประจำปีสำหรับนักเรียนในสังกัดต้องเตรียมเอกสารอะไรบ้าง"
            )
        })
        .collect();
    for question in &added {
        app.tg.push_text(
            &staff_chat(),
            &staff,
            &format!("เพิ่มคำถาม หมวด ทุนการศึกษา {question} = ติดต่อกลุ่มส่งเสริมการจัดการศึกษาค่ะ"),
        );
    }
    app.tg
        .wait_for("thirty questions added", WAIT, |_| {
            app.tg.count_sent_containing(STAFF_GROUP, "เพิ่มคำถามเลขที่") >= added.len()
        })
        .await;
    let before = app.tg.sent_texts(STAFF_GROUP).len();
    app.tg.push_text(&staff_chat(), &staff, "คำถามทั้งหมด");
    app.wait_for_text(STAFF_GROUP, "ลบด้วย ลบคำถาม").await;
    // The whole list: from its title to the last added question.
    let parts: Vec<String> = app.tg.sent_texts(STAFF_GROUP).split_off(before);
    let title = parts
        .iter()
        .position(|p| p.contains("คำถามทั้งหมด</b>"))
        .expect("the list's title");
    let parts = &parts[title..];
    assert!(parts.len() >= 2, "one message only: {parts:#?}");
    let total: usize = parts.iter().map(|p| visible_len(p)).sum();
    assert!(total > MAX_TEXT, "the list is only {total} characters");
    for part in parts {
        assert!(
            visible_len(part) <= MAX_TEXT,
            "{} characters",
            visible_len(part)
        );
    }
    let all = parts.join("\n");
    for n in [1, 15, 29] {
        assert!(
            all.contains(&format!("ขั้นตอนที่ {n} ของ")),
            "question {n} missing"
        );
    }
    app.stop().await;
}

/// `ยอดบริจาค` goes out as the networks' chart with the report as its caption; with thirty
/// networks the report passes 1,024 characters, so the chart goes alone and the report follows
/// as a message: no caption over the limit, the whole report delivered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_donations_report_past_a_caption_follows_its_chart_whole() {
    let networks = [
        "ตะโหมด",
        "ทุ่งธงทอง",
        "บูรพาป่าบอน",
        "สองเกาะ",
        "รังสีตรีมิตร",
        "พันธปัญญา",
        "ควนขนุนหานโพธิ์",
        "มิตรภาพเขาชัยสน",
        "ไพรวัลย์/คีรีรัตน์",
        "ป่าพะยอมร่วมใจ",
        "ศรีบรรพตพัฒนา",
        "ศรีนครินทร์สามัคคี",
        "บางแก้วก้าวหน้า",
        "กงหราร่วมพัฒนา",
        "ปากพะยูนริมเล",
        "เขาย่าสามัคคี",
        "ทะเลน้อยร่วมใจ",
        "แหลมโตนดพัฒนา",
        "นาท่อมก้าวไกล",
        "ลำปำริมทะเลสาบ",
    ];
    let mut app = spawn_app_with(|c| c.throttle = false).await;
    let staff = user(&Person::staff());
    // The first nine are the seeded networks; the others are added as staff would.
    for network in &networks[9..] {
        let before = app.tg.sent_texts(STAFF_GROUP).len();
        app.tg
            .push_text(&staff_chat(), &staff, &format!("เครือข่าย เพิ่ม {network}"));
        app.tg
            .wait_for("the network to be added", WAIT, |_| {
                app.tg.sent_texts(STAFF_GROUP).len() > before
            })
            .await;
    }
    for (index, network) in networks.iter().enumerate() {
        app.tg.push_text(
            &staff_chat(),
            &staff,
            &format!("บริจาค 12,500 บาท จาก เครือข่าย{network} เพื่อ สำนักงาน"),
        );
        // One receipt at a time: each is a PDF, and the wait is per message.
        app.wait_for_text(STAFF_GROUP, &format!("{}/2569", index + 1))
            .await;
    }
    let calls_before = app.tg.calls().len();
    app.tg.push_text(&staff_chat(), &staff, "ยอดบริจาค ปีงบ 2569");
    let report = app.wait_for_text(STAFF_GROUP, "รวมทั้งสิ้น").await;
    assert!(
        visible_len(&report) > MAX_CAPTION,
        "{}",
        visible_len(&report)
    );
    assert!(visible_len(&report) <= MAX_TEXT);
    let plain = khetbot::i18n::html_to_plain(&report);
    for network in networks {
        assert!(plain.contains(network), "{network} missing: {plain}");
    }
    let charts: Vec<_> = app.tg.calls()[calls_before..]
        .iter()
        .filter(|call| ["sendPhoto", "sendDocument"].contains(&call.method.as_str()))
        .cloned()
        .collect();
    assert_eq!(charts.len(), 1, "the chart is sent once");
    let caption = charts[0].params["caption"].as_str().unwrap_or_default();
    assert!(visible_len(caption) <= MAX_CAPTION);
    app.stop().await;
}
