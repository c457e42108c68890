//! The audit log: who changed what, when. Written in the same transaction as the change it
//! records, so neither exists without the other; nothing in the app edits or deletes it.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AuditEntry {
    pub at: i64,
    pub actor_id: Option<i64>,
    /// The actor's email at the time, or "shell" for the command line.
    pub actor_label: String,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    pub summary: String,
}

/// Who is acting: a signed-in account, or the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Actor {
    Account { id: i64, email: String },
    Shell,
}

impl Actor {
    pub fn id(&self) -> Option<i64> {
        match self {
            Actor::Account { id, .. } => Some(*id),
            Actor::Shell => None,
        }
    }

    pub fn label(&self) -> String {
        match self {
            Actor::Account { email, .. } => email.clone(),
            Actor::Shell => "shell".to_string(),
        }
    }
}

#[cfg(feature = "ssr")]
pub const INSERT: &str =
    "INSERT INTO audit_log (at, actor_id, actor_label, entity, entity_id, action, summary) \
     VALUES ($1, $2, $3, $4, $5, $6, $7)";

/// Records one audit entry on `$executor` (the transaction of the change).
#[cfg(feature = "ssr")]
#[macro_export]
macro_rules! audit {
    ($executor:expr, $actor:expr, $entity:expr, $entity_id:expr, $action:expr, $summary:expr) => {
        sqlx::query($crate::audit::INSERT)
            .bind($crate::audit::now())
            .bind($actor.id())
            .bind($actor.label())
            .bind($entity)
            .bind($entity_id.to_string())
            .bind($action)
            .bind($summary)
            .execute($executor)
            .await
    };
}

/// Unix seconds.
#[cfg(feature = "ssr")]
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// The newest entries first, optionally for one entity kind.
#[cfg(feature = "ssr")]
pub async fn recent(
    db: &crate::db::Db,
    entity: Option<&str>,
    limit: i64,
) -> Result<Vec<AuditEntry>, sqlx::Error> {
    crate::on_db!(db, read, |pool| sqlx::query_as(
        "SELECT at, actor_id, actor_label, entity, entity_id, action, summary FROM audit_log \
         WHERE ($1 IS NULL OR entity = $1) ORDER BY id DESC LIMIT $2"
    )
    .bind(entity)
    .bind(limit)
    .fetch_all(pool)
    .await)
}
