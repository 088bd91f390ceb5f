//! `spawn_line_app()`: the real LINE adapter (webhook server, workers, sender, sweeper)
//! against the fake LINE Platform, on a temporary database with a manual clock.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use khetbot::config::Config;
use khetbot::core::{Core, ManualClock};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use super::fake_line::{self, FakeLine, group_id, user_id};
use super::harness::default_start;

pub const WAIT: Duration = Duration::from_secs(20);

pub fn admin() -> String {
    user_id(1)
}
pub fn staff() -> String {
    user_id(2)
}
pub fn public() -> String {
    user_id(3)
}
pub fn staff_group() -> String {
    group_id(1)
}

pub struct LineApp {
    pub line: FakeLine,
    pub core: Core,
    pub clock: Arc<ManualClock>,
    pub dir: tempfile::TempDir,
    /// The bot's webhook address.
    pub webhook: String,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

pub async fn spawn_line_app() -> LineApp {
    let line = FakeLine::start().await;
    line.add_member(&staff_group(), &admin(), "ผู้ดูแล ระบบ");
    line.add_member(&staff_group(), &staff(), "สมศรี ใจดี");
    line.set_name(&public(), "ประชาชน ทั่วไป");
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(ManualClock::new(default_start()));
    let mut app = LineApp {
        core: open_core(&line, dir.path(), clock.clone(), "http://127.0.0.1:1"),
        line,
        clock,
        dir,
        webhook: String::new(),
        stop: None,
        task: None,
    };
    app.run_bot().await;
    app
}

fn open_core(
    line: &FakeLine,
    dir: &std::path::Path,
    clock: Arc<ManualClock>,
    public: &str,
) -> Core {
    let api = line.url();
    let public = public.to_string();
    let mut config = Config::from_lookup(|name| match name {
        "LINE_CHANNEL_SECRET" => Some(fake_line::SECRET.into()),
        "LINE_CHANNEL_ACCESS_TOKEN" => Some(fake_line::TOKEN.into()),
        "LINE_ADMIN_USER_IDS" => Some(admin()),
        "LINE_API_URL" | "LINE_DATA_API_URL" => Some(api.clone()),
        "KHETBOT_PUBLIC_URL" => Some(public.clone()),
        _ => None,
    })
    .unwrap();
    config.db_path = dir.join("bot.sqlite3");
    config.backup_dir = dir.join("backups");
    config.office.name = "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบ เขต 1".into();
    Core::open(config, clock, khetbot::capabilities()).unwrap()
}

impl LineApp {
    /// Binds a new port, reopens the core with its public address, and serves.
    async fn run_bot(&mut self) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        self.webhook = format!("{base}/line/webhook");
        self.core = open_core(&self.line, self.dir.path(), self.clock.clone(), &base);
        let (stop_tx, stop_rx) = oneshot::channel::<()>();
        let core = self.core.clone();
        self.task = Some(tokio::spawn(async move {
            let shutdown = async move {
                let _ = stop_rx.await;
            };
            khetbot::line::serve(core, listener, shutdown, true)
                .await
                .expect("the LINE bot runs");
        }));
        self.stop = Some(stop_tx);
    }

    pub async fn stop(&mut self) {
        super::app::stop_bot_task(&mut self.stop, &mut self.task).await;
    }

    pub async fn restart(&mut self) {
        self.stop().await;
        self.run_bot().await;
    }

    /// Posts signed events and expects them accepted.
    pub async fn send(&self, events: &[serde_json::Value]) {
        let status = self.line.post(&self.webhook, events).await;
        assert_eq!(status, 200, "the webhook accepts signed events");
    }

    /// A text from `user` in the staff group.
    pub async fn in_staff_group(&self, user: &str, text: &str) {
        let event = self
            .line
            .text(fake_line::group_source(&staff_group(), user), text);
        self.send(&[event]).await;
    }

    /// Registers the staff group by the admin's Thai command.
    pub async fn register_staff_group(&self) {
        self.in_staff_group(&admin(), "ตั้งค่ากลุ่ม บุคลากร").await;
        self.line
            .wait_for_text(&staff_group(), "ลงทะเบียนกลุ่มนี้เป็น")
            .await;
    }

    /// Sends one event from `user` and waits for the bot's next message to them.
    pub async fn step(&self, user: &str, event: serde_json::Value) -> fake_line::Delivered {
        let before = self.line.delivered_to(user).len();
        self.send(&[event]).await;
        for _ in 0..1000 {
            if let Some(next) = self.line.delivered_to(user).get(before) {
                return next.clone();
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!("no answer to {user}");
    }

    /// Files an anonymous tip-off from `filer` in their one-to-one chat with a photo (LINE
    /// message `photo_id`); the confirmation.
    pub async fn file_tipoff(
        &self,
        filer: &str,
        account: &str,
        photo_id: &str,
    ) -> fake_line::Delivered {
        self.tipoff_up_to_confirm(filer, account, Some(photo_id))
            .await;
        let me = fake_line::user_source(filer);
        self.step(filer, self.line.postback(me, "complaints:confirm"))
            .await
    }

    /// The steps of an anonymous tip-off from `filer` before its confirmation, with a photo
    /// (LINE message `photo_id`) if given.
    pub async fn tipoff_up_to_confirm(&self, filer: &str, account: &str, photo_id: Option<&str>) {
        let me = || fake_line::user_source(filer);
        self.step(filer, self.line.text(me(), "/complain")).await;
        self.step(filer, self.line.postback(me(), "complaints:cat:tipoff"))
            .await;
        self.step(filer, self.line.postback(me(), "complaints:id:anon"))
            .await;
        self.step(filer, self.line.text(me(), account)).await;
        if let Some(photo_id) = photo_id {
            self.step(filer, self.line.image(me(), photo_id)).await;
        }
        self.step(filer, self.line.postback(me(), "complaints:account_done"))
            .await;
        self.step(filer, self.line.postback(me(), "complaints:place:skip"))
            .await;
    }

    /// Registers `group` as the officers' group by the admin's Thai command.
    pub async fn register_officers_group(&self, group: &str) {
        self.line.add_member(group, &admin(), "ผู้ดูแล ระบบ");
        self.send(&[self.line.text(
            fake_line::group_source(group, &admin()),
            "ตั้งค่ากลุ่ม เจ้าหน้าที่รับเรื่อง",
        )])
        .await;
        self.line.wait_for_text(group, "ลงทะเบียนกลุ่มนี้เป็น").await;
    }

    /// The address of the newest image message sent to `chat`, waiting for one.
    pub async fn image_url(&self, chat: &str) -> String {
        for _ in 0..500 {
            let url = self
                .line
                .delivered_to(chat)
                .iter()
                .rev()
                .find(|d| d.message["type"] == "image")
                .and_then(|d| d.message["originalContentUrl"].as_str().map(str::to_string));
            if let Some(url) = url {
                return url;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!("no image sent to {chat}");
    }

    /// A count from the database, read beside the running bot.
    pub fn count(&self, sql: &str) -> i64 {
        let conn = rusqlite::Connection::open(self.dir.path().join("bot.sqlite3")).unwrap();
        conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }
}
