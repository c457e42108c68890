//! The in-memory registry, shared by all requests, reloaded when an import changed it — also an
//! import by another process or server (checked at most every [`RECHECK`]).

use super::index::RegistryIndex;
use super::storage;
use crate::db::Db;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

pub const RECHECK: Duration = Duration::from_secs(2);

#[derive(Default)]
pub struct RegistryCache {
    current: RwLock<Option<(Arc<RegistryIndex>, Instant)>>,
    reload: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for RegistryCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RegistryCache")
    }
}

impl RegistryCache {
    fn fresh(&self) -> Option<Arc<RegistryIndex>> {
        let current = self.current.read().unwrap_or_else(|e| e.into_inner());
        current
            .as_ref()
            .filter(|(_, checked)| checked.elapsed() < RECHECK)
            .map(|(index, _)| index.clone())
    }

    pub async fn get(&self, db: &Db) -> Result<Arc<RegistryIndex>, sqlx::Error> {
        if let Some(index) = self.fresh() {
            return Ok(index);
        }
        // One request reloads; the others wait for it instead of loading too.
        let _reloading = self.reload.lock().await;
        if let Some(index) = self.fresh() {
            return Ok(index);
        }
        let known = self
            .current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .map(|(i, _)| i.clone());
        let version = storage::version(db).await?;
        let index = match known {
            Some(index) if index.version() == version => index,
            _ => Arc::new(storage::load(db).await?),
        };
        *self.current.write().unwrap_or_else(|e| e.into_inner()) =
            Some((index.clone(), Instant::now()));
        Ok(index)
    }

    /// Forgets the copy, after an import by this process.
    pub fn invalidate(&self) {
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = None;
    }
}
