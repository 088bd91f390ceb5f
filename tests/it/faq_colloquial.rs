//! The Q&A on everyday questions as parents, teachers, directors, donors, southerners and
//! English speakers type them (tests/data/faq_colloquial_{dev,test}.toml, issue 19).
//! The lexicon and the answer / choose / not-sure thresholds were tuned on the dev half only
//! (the calibration on two thirds of it, checked on the third held out); the test half is
//! scored, never tuned on, and may be empty until it is added. Run with `--nocapture` to see
//! the reports.

#[path = "faq_colloquial/scoring.rs"]
pub mod scoring;

use crate::support::harness::{Harness, Person, Place};
use khetbot::faq::matcher::CALIBRATION;
use scoring::{
    cross_fitted_rankings, dev_half, dev_parts, score, score_rankings, shipped_entries,
    shipped_matcher, test_half,
};

/// What the dev set (8,563 questions: 6,798 in scope, 1,765 out of scope) scored with the committed
/// entries, lexicon, classifier and calibration: a change that answers fewer of its questions
/// right, ranks fewer right first, shows fewer right entries or answers more wrongly in or out
/// of scope, fails here. The in-scope questions of its tuned part (two thirds, `dev_parts`) are
/// phrasings of the entries (data/faq.toml; since migration 065 an existing database takes them
/// at its next start whenever they change), so that
/// part is scored cross-fitted: each third of it by a matcher (and classifier) built without its
/// questions. The calibration was fitted there and its threshold chosen with the third held out:
/// 79.4% / 84.5% answered right, 6 / 0 answered wrong, no out-of-scope question answered;
/// top-1 97.4% / 98.4%.
const DEV_ANSWERED_RIGHT: usize = 5512;
/// All six in the tuned part (the rule allows 1% of its in-scope questions, 46), each
/// answered with a sibling entry that shares its words, the right one second: "งานชุมชน
/// เข้มแข็งมีขั้นตอนไหม" (does the strong-community work have steps) with the work's objectives;
/// "ใครเป็นคนเลือกเด็กที่จะได้ทุนที่บริษัทเราให้ครับ" (who chooses the children) with who may have
/// a scholarship; "แจ้งเบาะแษทุจริต" (a typo of reporting corruption) with its forms and "what
/// kinds of corruption can i report" with how to report it; since the forty-first half's fold
/// (threshold 3.6), "แจ้งเบาะแสไปแล้ว เปิ้นจะฮู้ก่อว่าเป็นข้าเจ้า" (northern: will they know it
/// was me) with how to report, not anonymity, and "มีบริษัทอยากช่วยสร้างห้องน้ำให้โรงเรียนผม
/// ต้องประสานกับเขตยังไงครับ" (a company's toilets for a school) with giving to the office's
/// development. Who gave ("เงินพัฒนาสำนักงานเขต
/// ใผบริจาคพ่อง") is no longer answered with what gifts to the office are for, nor a sum recorded
/// wrongly ("โอนไป 5,000 แต่แจ้งในบอทเป็น 500") with how to report a gift, nor a gift for
/// disadvantaged children that names no school with giving to a school (whose subject words
/// are a school's). The held-out third has none at this threshold (3.6); up to 3.5 it had
/// one, which raised it from 2.0: "ละอ่อนบ้านเฮาตุ๊กขนาด อยากหื้อได้ทุนเรียน ยะจะใดเจ้า"
/// (northern: our children are very poor, how do they get a scholarship) with who may have
/// one. A complaint
/// naming no teacher or staff ("อยากคอมเพลนโรงเรียนค่ะ") is no longer answered with the entry on
/// complaints about them, nor a scholarship asked for with how to give one ("ทุนการศึกษาเด็กยากจน
/// จะขอจะใดเจ้า"): those entries name their subject words (data/faq.toml's `subject`), as do
/// the entries on applying for a scholarship and who may have one (a ทุน, a scholarship).
const DEV_ANSWERED_WRONG: usize = 6;
const DEV_TOP1: usize = 6644;
const DEV_RIGHT_SHOWN: usize = 6769;
/// None, in either part: the near misses that asked a day of an entry that names only months
/// ("ประชุมผู้บริหารสถานศึกษาเดือนนี้วันที่เท่าไหร่ครับ"), a term's length of one that names none
/// ("กรรมการสถานศึกษาขั้นพื้นฐานอยู่ในวาระคราวละกี่ปีครับ"), an amount of one that names none
/// ("ค่ารถนุ้ยโรงเรียนคู่ขนานได้เดือนละเท่าใด"), a degree ("สอบครูผู้ช่วยต้องจบหยังมาแหน่"), a
/// named school's results, an amount of an answer whose only "baht" is in บทบาท (a role:
/// "ค่าตอบแทนกรรมการสถานศึกษาได้เต้าใดเจ้า"), a list of schools of one that names none ("12 โรงเรียนที่บริจาค
/// พัฒนาสำนักงาน มีโรงไหนบ้างครับ ขอรายชื่อ") or a year it does not name ("ใบอนุโมทนาบัตรปี
/// 2562 หาย ขอออกใบใหม่ย้อนหลังได้ไหมครับ"), where a thing stands of one that names no place
/// ("ตู้บริจาควันละบาทตั้งไว้ตรงไหนแหละ ชั้นไหร"), the provincial education office's phone
/// ("เบอร์โทรศึกษาธิการจังหวัดพะเยาเบอร์อะหยังเจ้า"), a time that is not the office's
/// ("รถโรงเรียนมาฮับกี่โมงเจ้า", of the entry on visiting the office, whose subject words it
/// lacks), a named school's number ("ครูบุญมีโรงเรียนบ้านหนองบัว ขอเบอร์โทรแหน่"), a child's own
/// results ("คะแนนโอเน็ตลูกดูที่ไหนตะ"), a degree course ("ทุนเรียนต่อปริญญาโทเมืองนอก สมัครที่
/// ไหนแหละ"), a welfare card asked of the scholarship entries ("สมัครบัตรคนจนที่ไหนคะ", no
/// ทุน named) or the basic-education commission's affairs ("ปีที่แล้ว สพฐ. ทั้งประเทศได้เงินบริจาค
/// รวมเท่าไหร่ครับ"), a cash reward for a tip-off ("แจ้งเบาะแสโกงแล้วได้เงินรางวัลนำจับหม้าย") or a count
/// of this year ("ปีนี้เขตมีทุนให้เด็กจักทุน", "ปีนี้มีกี่อัตราเจ้า"), a sum of now of an answer that
/// names none ("ตู้บริจาควันละบาทตอนนี้มียอดสะสมเท่าไหร่แล้ว"), who holds a post
/// ("ผอ.กลุ่มส่งเสริมการจัดการศึกษาเป็นไผเจ้า ชื่ออะหยัง") or where a salary starts ("teacher
/// salary สำหรับครูผู้ช่วยเริ่มที่เท่าไหร่", no ordinal), an amount asked in northeastern words
/// ("เป็นกรรมการสถานศึกษาได้ค่าตอบแทนส่ำได๋"), a sum of last year ("ตู้วันละบาทหนิ ปีที่แล้วได้เงิน
/// กี่บาทแล"), a list of names ("ขอรายจื่อเจ้า"), a rent ("สำนักงานเขตมีห้องประชุมให้เช่าจัด
/// งานบุญบ่"), the asker's own school's colour group ("ปีนี้โรงเรียนผมอยู่กลุ่มสีอะไรใน O-NET"), a
/// count of what the answer does not count ("นักเรียนต่ำกว่ากี่คนถึงจะถูกควบรวมหรือยุบโรงเรียน", of
/// an answer that counts schools) or another area office ("สพป.อุดรธานีเขต 1 เบอร์โทรหยัง", which had this office's number up
/// to 3.5) are held back by
/// [`khetbot::faq::matcher::Hit::asks_beyond_its_answer`]. Thanks asked of the Q&A
/// (`ถาม ขอบคุณมากครับ`) are answered as thanks, as typed alone, before any entry is searched.
const DEV_OUT_OF_SCOPE_ANSWERED: usize = 0;

#[test]
fn the_dev_half_keeps_its_calibrated_figures() {
    let (matcher, keys) = shipped_matcher();
    let (tuned, held_out) = dev_parts();
    let (tuned_scores, tuned_findings) =
        score_rankings(&keys, &tuned, &cross_fitted_rankings(&tuned), &CALIBRATION);
    let (held_scores, held_findings) = score(&matcher, &keys, &held_out);
    let scores = tuned_scores + held_scores;
    let report = format!(
        "dev, tuned on (cross-fitted): {tuned_scores}\n{}\ndev, held out of tuning: \
         {held_scores}\n{}\ndev in all: {scores}",
        tuned_findings.join("\n"),
        held_findings.join("\n")
    );
    println!("{report}");
    assert!(scores.answered_right >= DEV_ANSWERED_RIGHT, "{report}");
    assert!(scores.top1 >= DEV_TOP1, "{report}");
    assert!(scores.right_shown >= DEV_RIGHT_SHOWN, "{report}");
    assert!(scores.answered_wrong <= DEV_ANSWERED_WRONG, "{report}");
    let out_of_scope_answered = scores.out_of_scope - scores.out_not_answered;
    assert_eq!(out_of_scope_answered, DEV_OUT_OF_SCOPE_ANSWERED, "{report}");
}

/// The matcher without the classifier, which answers while one is being fitted, on the dev
/// set (tuned part cross-fitted, as above) under its own calibration: 2075 / 1171 answered right,
/// 2 / 0 wrong, no out-of-scope question answered. It was 2162 / 1209 before the thirty-eighth
/// half was folded in: refitted with it, two out-of-scope questions of the tuned part ("เขตมี
/// รถรับส่งนักเรียนบ่", 4.36; "จะส่งของบริจาคทางไปรษณีย์ ค่าส่งเขตออกให้ไหมครับ", 4.30) held its
/// threshold at 4.4 (4.5 with the thirty-ninth to the forty-first). The answer on reporting
/// one's own gift, reworded to say what the bot asks (not the date: the check shows it, to
/// change), took three of them (from 2077 / 1172); the matcher with the classifier lost none.
#[test]
fn the_matcher_without_the_classifier_keeps_its_calibrated_figures() {
    use khetbot::faq::matcher::{CALIBRATION_WITHOUT_CLASSIFIER, Matcher};
    let (quick, keys) = scoring::shipped_matcher_by(Matcher::without_classifier);
    let (tuned, held_out) = dev_parts();
    let tuned_rankings = scoring::cross_fitted_rankings_by(&tuned, Matcher::without_classifier);
    let held_rankings = scoring::rankings(&quick, &held_out);
    let calibration = &CALIBRATION_WITHOUT_CLASSIFIER;
    let (tuned_scores, _) = score_rankings(&keys, &tuned, &tuned_rankings, calibration);
    let (held_scores, held_findings) =
        score_rankings(&keys, &held_out, &held_rankings, calibration);
    let scores = tuned_scores + held_scores;
    let report = format!(
        "without the classifier: tuned {tuned_scores}\nheld out {held_scores}\n{}",
        held_findings.join("\n")
    );
    println!("{report}");
    assert!(scores.answered_right >= 3246, "{report}");
    assert!(scores.answered_wrong <= 2, "{report}");
    assert_eq!(scores.out_of_scope, scores.out_not_answered, "{report}");
}

/// The held-out test half, scored only: its figures are README's. It is written by someone who
/// has not seen the matcher and added at the end, so while it is empty this only prints "–".
/// Its figures are reported, not pinned: a threshold here would invite tuning on it.
#[test]
fn the_test_half_is_scored() {
    let (matcher, keys) = shipped_matcher();
    let (scores, findings) = score(&matcher, &keys, &test_half());
    println!("test half: {scores}\n{}", findings.join("\n"));
    assert_eq!(scores.in_scope + scores.out_of_scope, test_half().len());
}

/// The shipped entries that name their subject (data/faq.toml's `subject`) are not answered to a
/// question that names none of its words, whatever it shares with them, and are to one that
/// does: each (question, entry, whether it names the subject).
#[test]
fn the_shipped_entries_are_answered_only_about_their_subject() {
    let (matcher, keys) = shipped_matcher();
    for (question, key, about) in [
        ("อยากคอมเพลนโรงเรียนค่ะ", "complaint_teacher", false),
        ("ครูตีลูก คอมเพลนยังไง", "complaint_teacher", true),
        ("ทุนการศึกษาเด็กยากจน จะขอจะใดเจ้า", "scholarship_donate", false),
        ("รถโรงเรียนมาฮับกี่โมงเจ้า", "office_visit", false),
        ("โอนเงินเดือนพนักงานผ่านแอปธนาคารไหนดี", "donate_transfer", false),
        (
            "แอปธนาคารโอนเกินวงเงินต่อวัน เพิ่มลิมิตยังไง",
            "donate_transfer",
            false,
        ),
        ("โอนเงินบริจาคเข้าบัญชีไหนคะ", "donate_transfer", true),
        ("โอนตังให้เขตยังไง", "donate_transfer", true),
    ] {
        let hits = scoring::ranking(&matcher, question);
        let hit = hits
            .iter()
            .find(|hit| keys[&hit.id] == key)
            .unwrap_or_else(|| panic!("\"{question}\" does not rank {key}"));
        assert_eq!(
            hit.asks_beyond_its_answer(),
            !about,
            "\"{question}\" of {key}"
        );
    }
}

#[test]
fn both_halves_name_real_entries_and_are_held_out() {
    let entries = shipped_entries();
    let (dev, test) = (dev_half(), test_half());
    let (tuned, _) = dev_parts();
    assert!(dev.len() + test.len() >= 200);
    let out_of_scope = dev
        .iter()
        .chain(&test)
        .filter(|c| c.expect.is_empty())
        .count();
    assert!(out_of_scope >= 40, "{out_of_scope} out of scope");
    for case in dev.iter().chain(&test) {
        for key in &case.expect {
            assert!(
                entries.iter().any(|entry| &entry.key == key),
                "\"{}\" expects unknown entry {key}",
                case.q
            );
        }
        let copied = entries
            .iter()
            .any(|entry| entry.question == case.q || entry.alt.contains(&case.q));
        let learnt_from = tuned.iter().any(|tuned| tuned.q == case.q);
        assert!(
            learnt_from || !copied,
            "\"{}\" is held out but copied into the entries",
            case.q
        );
        assert!(
            !test.iter().any(|other| other.q == case.q) || !dev.iter().any(|o| o.q == case.q),
            "\"{}\" is in both halves",
            case.q
        );
    }
}

/// The bot replies as the scoring says: an answer, the close entries as buttons, or "not
/// sure" with suggestions, for every dev question asked in a private chat.
#[tokio::test]
async fn the_bot_replies_as_scored() {
    let h = Harness::with_config(|config| config.office.name = scoring::OFFICE.into()).await;
    let (matcher, _) = shipped_matcher();
    let answer_marker = "คำถามเลขที่ ";
    for case in dev_half() {
        let expected = scoring::first_reply(&scoring::ranking(&matcher, &case.q), &CALIBRATION);
        let reply = h
            .reply(
                &Person::public(),
                Place::Private,
                &format!("ถาม {}", case.q),
            )
            .await;
        let answered = reply
            .text
            .rsplit_once(answer_marker)
            .and_then(|(_, rest)| rest.split_whitespace().next()?.parse::<i64>().ok());
        let offered: Vec<i64> = reply
            .buttons
            .iter()
            .filter_map(|(_, data)| data.strip_prefix("faq:a:")?.parse().ok())
            .collect();
        let shown: Vec<i64> = answered.into_iter().chain(offered).collect();
        assert_eq!(answered, expected.answered, "{}: {}", case.q, reply.text);
        assert_eq!(shown, expected.shown, "{}: {}", case.q, reply.text);
        if let khetbot::faq::matcher::Verdict::Choose(_) = expected.verdict {
            assert!(reply.text.contains("ท่านหมายถึงเรื่องไหน"), "{}", reply.text);
        }
    }
}

/// Fits the calibration on the dev half's tuned part and prints it as code for
/// `CALIBRATION`: a logistic regression of "the first entry is right" (out-of-scope questions
/// count as not right) on the ranking's signals, then, for each floor and answer threshold,
/// what it does on the tuned part and on the third held out of tuning (closeness and the share
/// of known words are kept as they are). The one printed last is the setting with the most
/// right answers on the tuned part at no out-of-scope answer (there, in the held-out third,
/// nor among tests/data/faq_eval.toml's out-of-domain messages: the dev figures pin none),
/// at most 1% of its in-scope questions
/// answered wrongly and none of the held-out third's (issue 19 asks for no wrong answer: the
/// third checks it on questions the fit has not seen; so it chooses the threshold too); of
/// equals, the highest floor.
/// `cargo test --test it faq_colloquial::calibrate_on -- --ignored --nocapture`
#[test]
#[ignore = "a calibration tool, not a check"]
fn calibrate_on_the_dev_half() {
    calibrate(khetbot::faq::matcher::Matcher::new, CALIBRATION, 0);
}

/// The same for the matcher without the classifier, which answers while a large knowledge
/// base's classifier, or a changed one's, is being fitted (`CALIBRATION_WITHOUT_CLASSIFIER`);
/// it answers some of the held-out third wrongly at every threshold that answers anything, so
/// there the held-out third is only reported.
/// `cargo test --test it faq_colloquial::calibrate_without -- --ignored --nocapture`
#[test]
#[ignore = "a calibration tool, not a check"]
fn calibrate_without_the_classifier() {
    use khetbot::faq::matcher::{CALIBRATION_WITHOUT_CLASSIFIER, Matcher};
    calibrate(
        Matcher::without_classifier,
        CALIBRATION_WITHOUT_CLASSIFIER,
        usize::MAX,
    );
}

fn calibrate(
    build: fn(&[khetbot::faq::matcher::Document]) -> khetbot::faq::matcher::Matcher,
    shipped_calibration: khetbot::faq::matcher::Calibration,
    held_out_wrong_allowed: usize,
) {
    use khetbot::faq::matcher::{Calibration, SIGNALS, Verdict, signals, verdict_with};
    let (matcher, keys) = scoring::shipped_matcher_by(build);
    let (cases, held_out) = dev_parts();
    let held_out_rankings = scoring::rankings(&matcher, &held_out);
    let rankings = scoring::cross_fitted_rankings_by(&cases, build);
    // The shipped evaluation's messages no entry answers ("ราคาทองวันนี้"): never answered either.
    let shipped: toml::Table =
        toml::from_str(include_str!("../data/faq_eval.toml")).expect("faq_eval.toml parses");
    let out_of_domain: Vec<Vec<_>> = shipped["out_of_domain"]
        .as_array()
        .expect("out_of_domain")
        .iter()
        .filter_map(|message| Some(scoring::ranking(&matcher, message.as_str()?)))
        .collect();
    let examples: Vec<([f32; SIGNALS], f32)> = cases
        .iter()
        .zip(&rankings)
        // Never answered whatever the calibration, so not what it is fitted on.
        .filter(|(_, hits)| {
            hits.first()
                .is_some_and(|best| !best.asks_beyond_its_answer())
        })
        .map(|(case, hits)| {
            let right = case.expect.contains(&keys[&hits[0].id]);
            (signals(hits), f32::from(u8::from(right)))
        })
        .collect();
    let (weights, intercept) = scoring::fit_logistic(&examples);
    let fitted = Calibration {
        weights,
        intercept,
        ..shipped_calibration
    };
    let allowed_wrong = cases
        .iter()
        .filter(|case| !case.expect.is_empty())
        .count()
        .div_ceil(100);
    let mut best: Option<(usize, Calibration)> = None;
    let floors = [0.0, 0.3, 0.42, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
    for (floor, step) in floors
        .into_iter()
        .flat_map(|f| (0..=60).map(move |s| (f, s)))
    {
        let calibration = Calibration {
            floor,
            answer: 0.0 + 0.1 * step as f32,
            ..fitted
        };
        let (tuned, _) = scoring::score_rankings(&keys, &cases, &rankings, &calibration);
        let (held, _) = scoring::score_rankings(&keys, &held_out, &held_out_rankings, &calibration);
        let out_answered = |s: &scoring::Scores| s.out_of_scope - s.out_not_answered;
        println!(
            "floor {:4.2} answer {:5.2}: tuned right {} wrong {} out {} | held right {} wrong {} out {}",
            calibration.floor,
            calibration.answer,
            tuned.answered_right,
            tuned.answered_wrong,
            out_answered(&tuned),
            held.answered_right,
            held.answered_wrong,
            out_answered(&held),
        );
        let acceptable = tuned.answered_wrong <= allowed_wrong
            && out_answered(&tuned) == 0
            && out_answered(&held) == 0
            && held.answered_wrong <= held_out_wrong_allowed
            && out_of_domain
                .iter()
                .all(|hits| verdict_with(hits, &calibration) != Verdict::Answer);
        // Among equals the last: the highest floor, then the highest threshold, the safest.
        if acceptable && best.is_none_or(|(right, _)| tuned.answered_right >= right) {
            best = Some((tuned.answered_right, calibration));
        }
    }
    println!("fitted on {} questions:\n{best:#?}", examples.len());
}
