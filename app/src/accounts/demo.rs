//! Demo accounts, one per role, created only by `spilno load-demo`. Their shared password is
//! documented in the README; never load demo content on a public site.

use super::password;
use super::storage::{self, AccountError, NewAccount};
use super::types::Role;
use crate::audit::Actor;
use crate::db::Db;

pub const DEMO_PASSWORD: &str = "spilno-demo-2026";

/// Email, name, role and (for the representatives) hromada: Буча, Київська область, and
/// Давидівська, Львівська область. Four evaluators, so that each application of the demo call
/// in evaluation has three.
pub const DEMO_ACCOUNTS: [(&str, &str, Role, Option<&str>); 9] = [
    (
        "admin@demo.spilno.org.ua",
        "Оксана Адмін",
        Role::Admin,
        None,
    ),
    (
        "editor@demo.spilno.org.ua",
        "Тарас Редактор",
        Role::Editor,
        None,
    ),
    (
        "analyst@demo.spilno.org.ua",
        "Ірина Аналітик",
        Role::Analyst,
        None,
    ),
    (
        "evaluator@demo.spilno.org.ua",
        "Богдан Оцінювач",
        Role::Evaluator,
        None,
    ),
    (
        "evaluator2@demo.spilno.org.ua",
        "Олена Оцінювачка",
        Role::Evaluator,
        None,
    ),
    (
        "evaluator3@demo.spilno.org.ua",
        "Ярослав Оцінювач",
        Role::Evaluator,
        None,
    ),
    (
        "evaluator4@demo.spilno.org.ua",
        "Наталія Оцінювачка",
        Role::Evaluator,
        None,
    ),
    (
        "representative@demo.spilno.org.ua",
        "Марія Представниця",
        Role::Representative,
        Some("UA32080070000050759"),
    ),
    (
        "representative2@demo.spilno.org.ua",
        "Андрій Представник",
        Role::Representative,
        Some("UA46060090000017373"),
    ),
];

/// Creates the demo accounts that do not exist yet; returns how many it created.
pub async fn load(db: &Db) -> Result<usize, AccountError> {
    let hash = password::hash(DEMO_PASSWORD).map_err(|e| AccountError::Hashing(e.to_string()))?;
    let mut created = 0;
    for (email, name, role, hromada) in DEMO_ACCOUNTS {
        if storage::by_email(db, email)
            .await
            .map_err(AccountError::Database)?
            .is_some()
        {
            continue;
        }
        let new = NewAccount {
            email: email.to_string(),
            display_name: name.to_string(),
            roles: vec![role],
            hromada_katottg: hromada.map(str::to_string),
        };
        let id = storage::create(db, &Actor::Shell, &new).await?;
        storage::change_password(db, &Actor::Shell, id, &hash)
            .await
            .map_err(AccountError::Database)?;
        created += 1;
    }
    Ok(created)
}
