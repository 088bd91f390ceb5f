//! Proves the fake Telegram server against the real teloxide client: requests
//! arrive as recorded calls, answers deserialize, long polling confirms and
//! redelivers like Telegram, and injected errors reach the bot as teloxide
//! errors.

use std::time::{Duration, Instant};

use crate::support::fake_telegram::*;
use teloxide::{
    ApiError, RequestError,
    adaptors::throttle::Limits,
    dispatching::{ShutdownToken, UpdateHandler},
    net::Download,
    prelude::*,
    types::{
        ChatMemberKind, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, MessageEntityKind,
        MessageId, ParseMode, UpdateKind, UserId,
    },
};
use tokio::task::JoinHandle;

const WAIT: Duration = Duration::from_secs(10);

fn bot_for(fake: &FakeTelegram) -> Bot {
    Bot::new(FakeTelegram::TOKEN).set_api_url(fake.api_url().parse().expect("fake api url"))
}

fn somchai() -> User {
    User {
        last_name: Some("Jaidee".into()),
        username: Some("somchai".into()),
        language_code: Some("th".into()),
        ..User::new(1001, "Somchai")
    }
}

fn keyboard(data: &str) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new([[InlineKeyboardButton::callback("ตกลง", data)]])
}

/// Replies "echo: <text>" to every message.
fn echo_handler() -> UpdateHandler<RequestError> {
    Update::filter_message().endpoint(|bot: Bot, message: Message| async move {
        let text = message.text().unwrap_or_default();
        bot.send_message(message.chat.id, format!("echo: {text}"))
            .await?;
        respond(())
    })
}

fn spawn_dispatcher(
    bot: Bot,
    handler: UpdateHandler<RequestError>,
) -> (ShutdownToken, JoinHandle<()>) {
    let mut dispatcher = Dispatcher::builder(bot, handler).build();
    let shutdown = dispatcher.shutdown_token();
    (
        shutdown,
        tokio::spawn(async move { dispatcher.dispatch().await }),
    )
}

async fn stop_dispatcher(shutdown: ShutdownToken, running: JoinHandle<()>) {
    shutdown
        .shutdown()
        .expect("the dispatcher is running")
        .await;
    running.await.expect("the dispatcher task panicked");
}

#[tokio::test]
async fn get_me_answers_the_test_bot() {
    let fake = FakeTelegram::start().await;
    let me = bot_for(&fake).get_me().await.expect("getMe");
    assert_eq!(me.id, UserId(fake.bot_id() as u64));
    assert_eq!(me.username(), fake.bot_username());
    assert!(me.is_bot);
    assert_eq!(me.first_name, "khetbot");
    assert_eq!(fake.calls_of("getMe").len(), 1);
}

#[tokio::test]
async fn wrong_token_is_unauthorized() {
    let fake = FakeTelegram::start().await;
    let bot = Bot::new("999:WRONG").set_api_url(fake.api_url().parse().unwrap());
    let error = bot.get_me().await.expect_err("a wrong token must fail");
    assert!(
        matches!(error, RequestError::Api(ApiError::InvalidToken)),
        "{error:?}"
    );
    assert!(fake.calls().is_empty());
}

#[tokio::test]
async fn send_message_records_text_parse_mode_and_inline_keyboard() {
    let fake = FakeTelegram::start().await;
    let bot = bot_for(&fake);
    let text = "<b>ยอดบริจาค</b> 500 บาท &amp; ขอบคุณ";

    let sent = bot
        .send_message(ChatId(1001), text)
        .parse_mode(ParseMode::Html)
        .reply_markup(keyboard("donation:confirm"))
        .await
        .expect("sendMessage");

    // Telegram answers with the text as users see it and echoes the keyboard.
    assert_eq!(sent.text(), Some("ยอดบริจาค 500 บาท & ขอบคุณ"));
    assert_eq!(sent.reply_markup(), Some(&keyboard("donation:confirm")));
    let calls = fake.calls_of("sendMessage");
    assert_eq!(calls.len(), 1);
    let params = &calls[0].params;
    assert_eq!(calls[0].chat_id(), Some(1001));
    assert_eq!(params["text"], text);
    assert_eq!(params["parse_mode"], "HTML");
    assert_eq!(
        params["reply_markup"]["inline_keyboard"][0][0]["callback_data"],
        "donation:confirm"
    );
    assert_eq!(fake.sent_texts(1001), [text]);
}

#[tokio::test]
async fn telegram_rejections_reach_the_bot_as_api_errors() {
    let fake = FakeTelegram::start().await;
    let bot = bot_for(&fake);
    let chat = ChatId(1001);

    let unescaped = bot
        .send_message(chat, "คะแนน < 50")
        .parse_mode(ParseMode::Html)
        .await;
    assert!(
        matches!(
            unescaped,
            Err(RequestError::Api(ApiError::CantParseEntities(_)))
        ),
        "{unescaped:?}"
    );
    let unclosed = bot
        .send_message(chat, "<b>ตัวหนา")
        .parse_mode(ParseMode::Html)
        .await;
    assert!(
        matches!(
            unclosed,
            Err(RequestError::Api(ApiError::CantParseEntities(_)))
        ),
        "{unclosed:?}"
    );
    let too_long = bot.send_message(chat, "ก".repeat(4097)).await;
    assert!(
        matches!(too_long, Err(RequestError::Api(ApiError::MessageIsTooLong))),
        "{too_long:?}"
    );
    // Thai letters are 3 bytes each in UTF-8: 22 of them exceed the 64 bytes.
    let long_data = bot
        .send_message(chat, "เลือก")
        .reply_markup(keyboard(&"ก".repeat(22)))
        .await;
    assert!(
        matches!(
            long_data,
            Err(RequestError::Api(ApiError::ButtonDataInvalid))
        ),
        "{long_data:?}"
    );

    let sent = bot
        .send_message(chat, "เดิม")
        .reply_markup(keyboard("a"))
        .await
        .unwrap();
    let same = bot
        .edit_message_text(chat, sent.id, "เดิม")
        .reply_markup(keyboard("a"))
        .await;
    assert!(
        matches!(same, Err(RequestError::Api(ApiError::MessageNotModified))),
        "{same:?}"
    );
    let missing = bot.edit_message_text(chat, MessageId(9999), "ใหม่").await;
    assert!(
        matches!(
            missing,
            Err(RequestError::Api(ApiError::MessageToEditNotFound))
        ),
        "{missing:?}"
    );

    // Only the one accepted message counts as sent.
    assert_eq!(fake.sent_texts(1001), ["เดิม"]);
}

#[tokio::test]
async fn send_document_uploads_the_bytes_and_they_can_be_downloaded_again() {
    let fake = FakeTelegram::start().await;
    let bot = bot_for(&fake);
    let csv = "โรงเรียน,ยอด\nบ้านหนองบัว,500\n".as_bytes().to_vec();

    let sent = bot
        .send_document(
            ChatId(1001),
            InputFile::memory(csv.clone()).file_name("donations.csv"),
        )
        .caption("รายงานยอดบริจาค")
        .await
        .expect("sendDocument");

    let calls = fake.calls_of("sendDocument");
    assert_eq!(calls.len(), 1);
    let [upload] = calls[0].files.as_slice() else {
        panic!("one upload expected: {:?}", calls[0].files)
    };
    assert_eq!(upload.field, "document");
    assert_eq!(upload.file_name.as_deref(), Some("donations.csv"));
    assert_eq!(upload.bytes, csv);
    // Multipart fields are text, so the chat id arrives as a string.
    assert_eq!(calls[0].params["chat_id"], "1001");
    assert_eq!(calls[0].chat_id(), Some(1001));
    assert_eq!(fake.sent_texts(1001), ["รายงานยอดบริจาค"]);

    let document = sent.document().expect("the answer carries the document");
    assert_eq!(document.file_name.as_deref(), Some("donations.csv"));
    let file = bot
        .get_file(document.file.id.clone())
        .await
        .expect("getFile");
    let mut downloaded = Vec::new();
    bot.download_file(&file.path, &mut downloaded)
        .await
        .expect("download");
    assert_eq!(downloaded, csv);
}

#[tokio::test]
async fn injected_429_reaches_the_bot_as_retry_after() {
    let fake = FakeTelegram::start().await;
    let bot = bot_for(&fake);
    fake.fail_next("sendMessage", 1, 1);

    let first = bot.send_message(ChatId(1001), "ครั้งแรก").await;
    let Err(RequestError::RetryAfter(retry_after)) = first else {
        panic!("expected RetryAfter, got {first:?}")
    };
    assert_eq!(retry_after.duration(), Duration::from_secs(1));
    bot.send_message(ChatId(1001), "ครั้งที่สอง")
        .await
        .expect("only one failure was injected");

    assert_eq!(fake.calls_of("sendMessage").len(), 2);
    assert_eq!(fake.sent_texts(1001), ["ครั้งที่สอง"]);
}

#[tokio::test]
async fn throttle_retries_a_429_after_retry_after() {
    let fake = FakeTelegram::start().await;
    let bot = bot_for(&fake).throttle(Limits::default());
    fake.fail_next("sendMessage", 1, 1);

    bot.send_message(ChatId(1001), "สวัสดี")
        .await
        .expect("the throttle retries");

    let calls = fake.calls_of("sendMessage");
    assert_eq!(calls.len(), 2, "one refused attempt and one retry");
    let gap = calls[1].at.duration_since(calls[0].at);
    assert!(gap >= Duration::from_secs(1), "retried after only {gap:?}");
    assert_eq!(fake.sent_texts(1001), ["สวัสดี"]);
    assert!(
        fake.rate_violations().is_empty(),
        "{:?}",
        fake.rate_violations()
    );
}

#[tokio::test]
async fn rate_violations_flag_a_burst_to_one_chat_but_not_a_throttled_one() {
    let fake = FakeTelegram::start().await;
    let bot = bot_for(&fake);
    for text in ["หนึ่ง", "สอง"] {
        bot.send_message(ChatId(1001), text).await.unwrap();
    }
    let violations = fake.rate_violations();
    assert_eq!(violations.len(), 1, "{violations:?}");
    assert!(violations[0].contains("chat 1001"), "{violations:?}");

    let throttled = bot.throttle(Limits::default());
    for text in ["สาม", "สี่"] {
        throttled.send_message(ChatId(2002), text).await.unwrap();
    }
    assert_eq!(
        fake.rate_violations(),
        violations,
        "the throttled pair is spaced out"
    );
}

#[tokio::test]
async fn dispatcher_answers_private_and_group_messages_and_confirms_them() {
    let fake = FakeTelegram::start().await;
    let user = somchai();
    let private = Chat::private(&user);
    let group = Chat::group(-4001, "ครูบ้านหนองบัว");
    let (shutdown, running) = spawn_dispatcher(bot_for(&fake), echo_handler());

    fake.push_text(&private, &user, "/start");
    let last_update_id = fake.push_text(&group, &user, "สวัสดีครับ");

    assert_eq!(
        fake.wait_for_text(private.id, "echo:", WAIT).await,
        "echo: /start"
    );
    assert_eq!(
        fake.wait_for_text(group.id, "echo:", WAIT).await,
        "echo: สวัสดีครับ"
    );
    stop_dispatcher(shutdown, running).await;

    assert_eq!(fake.confirmed_offset(), last_update_id + 1);
    assert_eq!(fake.pending_updates(), 0);
    assert!(fake.get_updates_calls() >= 2);
    assert!(fake.calls_of("forwardMessage").is_empty());
}

#[tokio::test]
async fn unconfirmed_updates_are_delivered_again_to_the_next_dispatcher() {
    let fake = FakeTelegram::start().await;
    let user = somchai();
    let chat = Chat::private(&user);

    let (shutdown, running) = spawn_dispatcher(bot_for(&fake), echo_handler());
    fake.push_text(&chat, &user, "ก่อนรีสตาร์ต");
    fake.wait_for_text(chat.id, "ก่อนรีสตาร์ต", WAIT).await;
    stop_dispatcher(shutdown, running).await;

    // A bot process that fetched an update and died before confirming it.
    let update_id = fake.push_text(&chat, &user, "ระหว่างรีสตาร์ต");
    let fetched = bot_for(&fake)
        .get_updates()
        .offset(fake.confirmed_offset() as i32)
        .await
        .unwrap();
    assert_eq!(fetched.len(), 1);
    assert_eq!(fake.pending_updates(), 1);

    let (shutdown, running) = spawn_dispatcher(bot_for(&fake), echo_handler());
    fake.wait_for_text(chat.id, "ระหว่างรีสตาร์ต", WAIT).await;
    stop_dispatcher(shutdown, running).await;

    assert_eq!(
        fake.sent_texts(chat.id),
        ["echo: ก่อนรีสตาร์ต", "echo: ระหว่างรีสตาร์ต"]
    );
    assert_eq!(fake.confirmed_offset(), update_id + 1);
    assert_eq!(fake.pending_updates(), 0);
}

#[tokio::test]
async fn long_polling_wakes_when_an_update_is_pushed() {
    let fake = FakeTelegram::start().await;
    let bot = bot_for(&fake);
    let user = somchai();
    let pusher = fake.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(200)).await;
        pusher.push_text(&Chat::private(&user), &user, "มาแล้ว");
    });

    let started = Instant::now();
    let updates = bot.get_updates().timeout(5).await.unwrap();
    assert_eq!(updates.len(), 1);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "woke after {:?}",
        started.elapsed()
    );

    let started = Instant::now();
    let empty = bot
        .get_updates()
        .offset(updates[0].id.as_offset())
        .timeout(1)
        .await
        .unwrap();
    assert!(empty.is_empty());
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "returned after {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_second_poller_terminates_the_waiting_one_like_telegram() {
    let fake = FakeTelegram::start().await;
    let bot = bot_for(&fake);
    let first_instance = tokio::spawn({
        let bot = bot.clone();
        async move { bot.get_updates().timeout(5).await }
    });
    while fake.get_updates_calls() == 0 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }

    let second = bot.get_updates().await.expect("the newer poll is answered");
    assert!(second.is_empty());
    let first = first_instance.await.unwrap();
    assert!(
        matches!(
            first,
            Err(RequestError::Api(ApiError::TerminatedByOtherGetUpdates))
        ),
        "{first:?}"
    );
}

#[tokio::test]
async fn callback_query_carries_data_and_the_message_the_bot_sent() {
    let fake = FakeTelegram::start().await;
    let bot = bot_for(&fake);
    let user = somchai();
    let chat = Chat::private(&user);
    let menu = bot
        .send_message(ChatId(chat.id), "เลือกเมนู")
        .reply_markup(keyboard("menu:calendar"))
        .await
        .unwrap();

    let handler =
        Update::filter_callback_query().endpoint(|bot: Bot, query: CallbackQuery| async move {
            bot.answer_callback_query(query.id.clone()).await?;
            let message = query
                .message
                .as_ref()
                .and_then(|message| message.regular_message())
                .expect("message");
            let data = query.data.as_deref().unwrap_or_default();
            bot.edit_message_text(
                message.chat.id,
                message.id,
                format!("{} → {data}", message.text().unwrap_or_default()),
            )
            .await?;
            respond(())
        });
    let (shutdown, running) = spawn_dispatcher(bot.clone(), handler);
    fake.push_callback(&chat, &user, menu.id.0.into(), "menu:calendar");
    fake.wait_for(
        "the callback to be answered and the menu edited",
        WAIT,
        |calls| calls.iter().any(|call| call.method == "editMessageText"),
    )
    .await;
    stop_dispatcher(shutdown, running).await;

    assert_eq!(fake.calls_of("answerCallbackQuery").len(), 1);
    let edit = &fake.calls_of("editMessageText")[0];
    assert_eq!(edit.params["text"], "เลือกเมนู → menu:calendar");
    assert_eq!(edit.params["message_id"], menu.id.0);
}

#[tokio::test]
async fn pushed_updates_deserialize_as_teloxide_types() {
    let fake = FakeTelegram::start().await;
    let bot = bot_for(&fake);
    let user = somchai();
    let private = Chat::private(&user);
    let group = Chat::group(-4001, "ครูบ้านหนองบัว");
    let pdf = b"%PDF-1.4 fake".to_vec();

    fake.push_text(&private, &user, "/donate@khetbot_test_bot 500");
    fake.push_photo(&private, &user, "AgACphoto1", Some("ใบเสร็จ"));
    fake.push_document(
        &private,
        &user,
        "BQACdoc1",
        "คำร้อง.pdf",
        "application/pdf",
        pdf.clone(),
        None,
    );
    fake.push_anonymous_admin_text(&group, "/broadcast");
    fake.push_migrate(&group, -1_001_234_567_890);
    fake.push_callback(&private, &user, 424242, "stale");

    let updates = bot.get_updates().await.expect("every pushed update parses");
    let messages: Vec<&Message> = updates
        .iter()
        .filter_map(|update| match &update.kind {
            UpdateKind::Message(message) => Some(message),
            _ => None,
        })
        .collect();
    let [command, photo, document, anonymous, migration] = messages.as_slice() else {
        panic!("five messages expected: {updates:#?}")
    };

    let entity = &command.entities().expect("entities")[0];
    assert_eq!(entity.kind, MessageEntityKind::BotCommand);
    assert_eq!(
        (entity.offset, entity.length),
        (0, "/donate@khetbot_test_bot".len())
    );
    assert_eq!(
        command.from.as_ref().unwrap().username.as_deref(),
        Some("somchai")
    );
    assert_eq!(command.chat.username(), Some("somchai"));

    assert_eq!(
        photo.photo().unwrap().last().unwrap().file.id.0,
        "AgACphoto1"
    );
    assert_eq!(photo.caption(), Some("ใบเสร็จ"));

    let document = document.document().unwrap();
    assert_eq!(document.file_name.as_deref(), Some("คำร้อง.pdf"));
    let file = bot.get_file(document.file.id.clone()).await.unwrap();
    let mut downloaded = Vec::new();
    bot.download_file(&file.path, &mut downloaded)
        .await
        .unwrap();
    assert_eq!(downloaded, pdf);

    assert_eq!(anonymous.from.as_ref().unwrap().id, UserId(1087968824));
    assert_eq!(anonymous.sender_chat.as_ref().unwrap().id, ChatId(-4001));

    assert_eq!(
        migration.migrate_to_chat_id(),
        Some(&ChatId(-1_001_234_567_890))
    );
    let to_old_group = bot.send_message(ChatId(-4001), "ยังอยู่ไหม").await;
    assert!(
        matches!(
            to_old_group,
            Err(RequestError::MigrateToChatId(ChatId(-1_001_234_567_890)))
        ),
        "{to_old_group:?}"
    );

    let UpdateKind::CallbackQuery(stale) = &updates.last().unwrap().kind else {
        panic!("callback expected")
    };
    assert_eq!(stale.data.as_deref(), Some("stale"));
    assert!(
        stale.message.as_ref().unwrap().regular_message().is_none(),
        "unknown messages are inaccessible"
    );
}

#[tokio::test]
async fn get_chat_member_answers_the_configured_status() {
    let fake = FakeTelegram::start().await;
    let bot = bot_for(&fake);
    let group = ChatId(-1_001_234_567_890);
    fake.set_chat_member(group.0, 1001, "administrator");
    fake.set_chat_member(group.0, 1002, "kicked");

    let admin = bot.get_chat_member(group, UserId(1001)).await.unwrap();
    assert!(
        matches!(admin.kind, ChatMemberKind::Administrator(_)),
        "{admin:?}"
    );
    assert_eq!(admin.user.id, UserId(1001));
    let banned = bot.get_chat_member(group, UserId(1002)).await.unwrap();
    assert!(
        matches!(banned.kind, ChatMemberKind::Banned(_)),
        "{banned:?}"
    );
    let stranger = bot.get_chat_member(group, UserId(1003)).await.unwrap();
    assert!(
        matches!(stranger.kind, ChatMemberKind::Left),
        "{stranger:?}"
    );
    fake.set_chat_member(group.0, 1003, "creator");
    let owner = bot.get_chat_member(group, UserId(1003)).await.unwrap();
    assert!(matches!(owner.kind, ChatMemberKind::Owner(_)), "{owner:?}");
}

#[tokio::test]
async fn other_answers_deserialize_as_teloxide_types() {
    let fake = FakeTelegram::start().await;
    let bot = bot_for(&fake);
    let user = somchai();
    fake.push_text(&Chat::private(&user), &user, "สวัสดี");
    let group = Chat::supergroup(-1_001_111_111_111, "สพป. ทดสอบ");
    fake.push_text(&group, &user, "สวัสดี");

    let private_chat = bot
        .get_chat(ChatId(user.id))
        .await
        .expect("getChat private");
    assert_eq!(private_chat.first_name(), Some("Somchai"));
    let group_chat = bot
        .get_chat(ChatId(group.id))
        .await
        .expect("getChat supergroup");
    assert_eq!(group_chat.title(), Some("สพป. ทดสอบ"));

    let commands = vec![teloxide::types::BotCommand::new("start", "เริ่มต้น")];
    bot.set_my_commands(commands.clone()).await.unwrap();
    assert_eq!(bot.get_my_commands().await.unwrap(), commands);
    bot.delete_my_commands().await.unwrap();
    assert!(bot.get_my_commands().await.unwrap().is_empty());

    bot.send_chat_action(ChatId(user.id), teloxide::types::ChatAction::Typing)
        .await
        .unwrap();
    bot.delete_webhook().await.unwrap();
    assert!(bot.get_webhook_info().await.unwrap().url.is_none());
    let copied = bot
        .copy_message(ChatId(group.id), ChatId(user.id), MessageId(1))
        .await
        .unwrap();
    let menu = bot
        .send_photo(ChatId(user.id), InputFile::file_id("AgACphoto1".into()))
        .await
        .unwrap();
    assert!(copied.0 < menu.id.0);
    let edited = bot
        .edit_message_reply_markup(ChatId(user.id), menu.id)
        .reply_markup(keyboard("x"))
        .await
        .unwrap();
    assert_eq!(edited.reply_markup(), Some(&keyboard("x")));
    bot.delete_message(ChatId(user.id), menu.id).await.unwrap();
    bot.leave_chat(ChatId(group.id)).await.unwrap();

    let recorded: Vec<String> = fake.calls().into_iter().map(|call| call.method).collect();
    assert_eq!(
        recorded,
        [
            "getChat",
            "getChat",
            "setMyCommands",
            "getMyCommands",
            "deleteMyCommands",
            "getMyCommands",
            "sendChatAction",
            "deleteWebhook",
            "getWebhookInfo",
            "copyMessage",
            "sendPhoto",
            "editMessageReplyMarkup",
            "deleteMessage",
            "leaveChat",
        ]
    );
}

/// Sends one raw HTTP/1.1 request to the fake and returns the response.
async fn raw_http(fake: &FakeTelegram, request: String) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = fake
        .api_url()
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    response
}

#[tokio::test]
async fn query_strings_and_form_bodies_are_understood_in_any_method_case() {
    let fake = FakeTelegram::start().await;
    let token = FakeTelegram::TOKEN;

    let response = raw_http(
        &fake,
        format!("GET /bot{token}/SENDMESSAGE?chat_id=5&text=hi HTTP/1.1\r\nHost: fake\r\nConnection: close\r\n\r\n"),
    )
    .await;
    assert!(response.contains(r#""ok":true"#), "{response}");

    let body = r#"chat_id=-4001&text=%E0%B8%AA%E0%B8%A7%E0%B8%B1%E0%B8%AA%E0%B8%94%E0%B8%B5&reply_markup=%7B%22inline_keyboard%22%3A%5B%5D%7D"#;
    let response = raw_http(
        &fake,
        format!(
            "POST /bot{token}/sendmessage HTTP/1.1\r\nHost: fake\r\nConnection: close\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        ),
    )
    .await;
    assert!(response.contains(r#""ok":true"#), "{response}");

    let calls = fake.calls_of("sendMessage");
    assert_eq!(calls.len(), 2);
    assert_eq!(calls[0].params["text"], "hi");
    assert_eq!(calls[1].params["text"], "สวัสดี");
    assert_eq!(
        calls[1].params["reply_markup"],
        serde_json::json!({ "inline_keyboard": [] })
    );
    assert_eq!(fake.sent_texts(5), ["hi"]);
    assert_eq!(fake.sent_texts(-4001), ["สวัสดี"]);
}
