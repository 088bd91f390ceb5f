//! Files someone sent on one messenger that another must fetch to show them (a LINE photo
//! shown to officers on Telegram, a Telegram photo shown on LINE). Each adapter registers
//! how to fetch its own files when it starts; the other asks the core, so adapters never
//! import each other. A file's messenger is told by its id ([`Platform::of_file`]).

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, RwLock};

use super::event::Platform;

/// The bytes of a file, or why they could not be had.
pub type Fetching = Pin<Box<dyn Future<Output = Result<Vec<u8>, String>> + Send>>;

/// How an adapter fetches the files sent on its messenger.
pub trait FileSource: Send + Sync {
    fn fetch(&self, file_id: &str) -> Fetching;
}

/// The registered sources, one per messenger running in this process.
#[derive(Clone, Default)]
pub struct FileSources(Arc<RwLock<HashMap<Platform, Arc<dyn FileSource>>>>);

impl FileSources {
    pub fn register(&self, platform: Platform, source: Arc<dyn FileSource>) {
        if let Ok(mut sources) = self.0.write() {
            sources.insert(platform, source);
        }
    }

    /// Fetches a file through its messenger's adapter; `None` when that messenger does not
    /// run in this process.
    pub fn fetch(&self, file_id: &str) -> Option<Fetching> {
        let platform = Platform::of_file(file_id);
        let source = self.0.read().ok()?.get(&platform).cloned()?;
        Some(source.fetch(file_id))
    }
}
