//! The audit log: who changed what, when. Written in the same transaction as the change it
//! records, so neither exists without the other; nothing in the app edits or deletes it.

use serde::{Deserialize, Serialize};

pub mod api;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AuditEntry {
    pub id: i64,
    pub at: i64,
    /// `at` in Kyiv time, for pages.
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub at_local: String,
    pub actor_id: Option<i64>,
    /// The actor's email at the time, or "shell" for the command line.
    pub actor_label: String,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    pub summary: String,
}

/// The audit-log page's filters, as the URL carries them; empty means any.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditFilter {
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    /// Part of the actor's email.
    pub actor: String,
    /// Kyiv days, `YYYY-MM-DD`, both included.
    pub from: String,
    pub to: String,
    pub page: u32,
}

pub const AUDIT_PAGE_SIZE: i64 = 50;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub total: i64,
    pub page: u32,
    pub pages: u32,
    /// The entity kinds and actions on record, for the filter's choices.
    pub entities: Vec<String>,
    pub actions: Vec<String>,
    /// Filter fields that could not be read (`from`, `to`).
    pub invalid: Vec<String>,
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

/// The entries the filter selects, newest first, one page of them.
#[cfg(feature = "ssr")]
pub async fn search(db: &crate::db::Db, filter: &AuditFilter) -> Result<AuditPage, sqlx::Error> {
    let mut invalid = Vec::new();
    let bounds = crate::clock::kyiv_days(&filter.from, &filter.to, &mut invalid);
    let actor = format!("%{}%", filter.actor.trim().to_lowercase());
    let conditions = "($1 = '' OR entity = $1) AND ($2 = '' OR entity_id = $2) \
         AND ($3 = '' OR action = $3) AND actor_label LIKE $4 \
         AND at >= $5 AND at < $6";
    // The filter's parameters, $1 to $6, bound the same way on both queries.
    macro_rules! filtered {
        ($query:expr) => {
            $query
                .bind(filter.entity.trim())
                .bind(filter.entity_id.trim())
                .bind(filter.action.trim())
                .bind(&actor)
                .bind(bounds.0)
                .bind(bounds.1)
        };
    }
    let total: i64 = crate::on_db!(db, read, |pool| filtered!(sqlx::query_scalar(&format!(
        "SELECT count(*) FROM audit_log WHERE {conditions}"
    )))
    .fetch_one(pool)
    .await)?;
    let pages = (total.max(1) + AUDIT_PAGE_SIZE - 1) / AUDIT_PAGE_SIZE;
    let page = i64::from(filter.page).clamp(1, pages);
    let sql = format!(
        "SELECT id, at, actor_id, actor_label, entity, entity_id, action, summary FROM audit_log \
         WHERE {conditions} ORDER BY id DESC LIMIT $7 OFFSET $8"
    );
    let mut entries: Vec<AuditEntry> =
        crate::on_db!(db, read, |pool| filtered!(sqlx::query_as(&sql))
            .bind(AUDIT_PAGE_SIZE)
            .bind((page - 1) * AUDIT_PAGE_SIZE)
            .fetch_all(pool)
            .await)?;
    for entry in &mut entries {
        entry.at_local = crate::clock::kyiv_minutes(entry.at);
    }
    let (entities, actions) = crate::on_db!(db, read, |pool| {
        let entities = sqlx::query_scalar("SELECT DISTINCT entity FROM audit_log ORDER BY entity")
            .fetch_all(pool)
            .await?;
        let actions = sqlx::query_scalar("SELECT DISTINCT action FROM audit_log ORDER BY action")
            .fetch_all(pool)
            .await?;
        Ok::<_, sqlx::Error>((entities, actions))
    })?;
    Ok(AuditPage {
        entries,
        total,
        page: page as u32,
        pages: pages as u32,
        entities,
        actions,
        invalid,
    })
}
