//! Accounts, sessions and one-time tokens in either database. Every write is audited in its
//! own transaction.

use super::secrets::{new_secret, secret_hash};
use super::types::{Account, AccountProblem, Role};
use crate::audit::{now, Actor};
use crate::db::Db;
use crate::{audit, on_db};

/// A session ends after this long without a request…
pub const SESSION_IDLE_SECONDS: i64 = 2 * 60 * 60;
/// …and after this long in any case.
pub const SESSION_ABSOLUTE_SECONDS: i64 = 7 * 24 * 60 * 60;
pub const INVITATION_SECONDS: i64 = 72 * 60 * 60;
pub const PASSWORD_RESET_SECONDS: i64 = 60 * 60;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenPurpose {
    Invitation,
    PasswordReset,
}

impl TokenPurpose {
    fn as_str(self) -> &'static str {
        match self {
            TokenPurpose::Invitation => "invitation",
            TokenPurpose::PasswordReset => "password_reset",
        }
    }

    /// The `purpose` the set-password page is opened with.
    pub fn from_query(value: &str) -> TokenPurpose {
        match value {
            "reset" => TokenPurpose::PasswordReset,
            _ => TokenPurpose::Invitation,
        }
    }

    /// The page that spends the token.
    pub fn link(self, public_url: &str, secret: &str) -> String {
        let purpose = match self {
            TokenPurpose::Invitation => "invitation",
            TokenPurpose::PasswordReset => "reset",
        };
        format!("{public_url}/account/password?token={secret}&purpose={purpose}")
    }

    pub fn lifetime(self) -> i64 {
        match self {
            TokenPurpose::Invitation => INVITATION_SECONDS,
            TokenPurpose::PasswordReset => PASSWORD_RESET_SECONDS,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAccount {
    pub email: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    pub hromada_katottg: Option<String>,
}

/// Why an account could not be written: a problem with one field, or the database.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error(transparent)]
    Problem(#[from] AccountProblem),
    #[error(transparent)]
    Database(sqlx::Error),
    #[error("password hashing: {0}")]
    Hashing(String),
}

/// The one unique constraint an account write can break is the email's.
impl From<sqlx::Error> for AccountError {
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::Database(e) if e.is_unique_violation() => {
                AccountError::Problem(AccountProblem::EmailTaken)
            }
            _ => AccountError::Database(error),
        }
    }
}

pub fn normalize_email(email: &str) -> Result<String, AccountProblem> {
    let email = email.trim().to_lowercase();
    let valid = email.len() <= 254
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        })
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    if valid {
        Ok(email)
    } else {
        Err(AccountProblem::InvalidEmail)
    }
}

pub const NAME_MAX_CHARS: usize = 120;

pub fn check_name(name: &str) -> Result<&str, AccountProblem> {
    let name = name.trim();
    if name.is_empty() {
        Err(AccountProblem::EmptyName)
    } else if name.chars().count() > NAME_MAX_CHARS {
        Err(AccountProblem::NameTooLong)
    } else {
        Ok(name)
    }
}

/// Roles and hromada fit together: at least one role, and a hromada exactly for representatives.
/// Returns the roles in their canonical order, each once.
fn check_access(roles: &[Role], hromada: &Option<String>) -> Result<Vec<Role>, AccountProblem> {
    let mut roles = roles.to_vec();
    roles.sort();
    roles.dedup();
    if roles.is_empty() {
        return Err(AccountProblem::NoRoles);
    }
    match (roles.contains(&Role::Representative), hromada) {
        (true, None) => Err(AccountProblem::RepresentativeWithoutHromada),
        (false, Some(_)) => Err(AccountProblem::HromadaWithoutRepresentative),
        _ => Ok(roles),
    }
}

async fn check_hromada_known(db: &Db, hromada: &Option<String>) -> Result<(), AccountError> {
    let Some(hromada) = hromada else {
        return Ok(());
    };
    let known: Option<String> = on_db!(db, read, |pool| sqlx::query_scalar(
        "SELECT katottg FROM hromadas WHERE katottg = $1"
    )
    .bind(hromada)
    .fetch_optional(pool)
    .await)?;
    match known {
        Some(_) => Ok(()),
        None => Err(AccountProblem::UnknownHromada.into()),
    }
}

fn role_names(roles: &[Role]) -> String {
    roles
        .iter()
        .map(|r| r.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// An account with what only the server may know about it.
#[derive(Clone, Debug)]
pub struct StoredAccount {
    pub account: Account,
    pub password_hash: Option<String>,
    pub disabled: bool,
    /// The latest request in a live session (Unix seconds).
    pub last_seen_at: Option<i64>,
}

/// An account joined with one of its roles: accounts come as one row per role.
#[derive(sqlx::FromRow)]
struct AccountRoleRow {
    id: i64,
    email: String,
    display_name: String,
    hromada_katottg: Option<String>,
    password_hash: Option<String>,
    disabled: bool,
    last_seen_at: Option<i64>,
    role: Option<String>,
}

/// Rows ordered by account into accounts with their roles.
fn fold(rows: Vec<AccountRoleRow>) -> Vec<StoredAccount> {
    let mut accounts: Vec<StoredAccount> = Vec::new();
    for row in rows {
        let role = row.role.as_deref().and_then(Role::parse);
        match accounts.last_mut() {
            Some(last) if last.account.id == row.id => last.account.roles.extend(role),
            _ => accounts.push(StoredAccount {
                account: Account {
                    id: row.id,
                    email: row.email,
                    display_name: row.display_name,
                    roles: role.into_iter().collect(),
                    hromada_katottg: row.hromada_katottg,
                },
                password_hash: row.password_hash,
                disabled: row.disabled,
                last_seen_at: row.last_seen_at,
            }),
        }
    }
    for stored in &mut accounts {
        stored.account.roles.sort();
    }
    accounts
}

/// The latest request in any live session of the account (`$1`: the live window's start).
const LAST_SEEN_ANYWHERE: &str = "(SELECT max(x.last_seen_at) FROM sessions x \
     WHERE x.account_id = a.id AND x.last_seen_at > $1)";

/// Accounts with their roles, one row per role; `where_clause`'s own parameters start at `$2`.
fn accounts_sql(from: &str, last_seen: &str, where_clause: &str) -> String {
    format!(
        "SELECT a.id, a.email, a.display_name, a.hromada_katottg, a.password_hash, a.disabled, \
         {last_seen} AS last_seen_at, r.role \
         FROM {from} LEFT JOIN account_roles r ON r.account_id = a.id \
         {where_clause} ORDER BY a.email, a.id, r.role"
    )
}

fn live_since(at: i64) -> i64 {
    at - SESSION_IDLE_SECONDS
}

pub async fn create(db: &Db, actor: &Actor, new: &NewAccount) -> Result<i64, AccountError> {
    let email = normalize_email(&new.email)?;
    let name = check_name(&new.display_name)?;
    let roles = check_access(&new.roles, &new.hromada_katottg)?;
    check_hromada_known(db, &new.hromada_katottg).await?;
    on_db!(db, write, |pool| {
        let mut tx = pool.begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO accounts (email, display_name, hromada_katottg, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(&email)
        .bind(name)
        .bind(&new.hromada_katottg)
        .bind(now())
        .fetch_one(&mut *tx)
        .await?;
        for role in &roles {
            sqlx::query("INSERT INTO account_roles (account_id, role) VALUES ($1, $2)")
                .bind(id)
                .bind(role.as_str())
                .execute(&mut *tx)
                .await?;
        }
        let summary = format!("{email}: roles {}", role_names(&roles));
        audit!(&mut *tx, actor, "account", id, "create", summary)?;
        tx.commit().await?;
        Ok(id)
    })
}

/// Changes who an account is allowed to be. An admin cannot take the admin role from themselves,
/// so the platform never loses its last admin by accident.
pub async fn update_access(
    db: &Db,
    actor: &Actor,
    id: i64,
    roles: &[Role],
    hromada: &Option<String>,
) -> Result<(), AccountError> {
    let roles = check_access(roles, hromada)?;
    check_hromada_known(db, hromada).await?;
    if actor.id() == Some(id) && !roles.contains(&Role::Admin) {
        return Err(AccountProblem::CannotDemoteSelf.into());
    }
    let before = by_id(db, id)
        .await?
        .ok_or(AccountError::Database(sqlx::Error::RowNotFound))?;
    on_db!(db, write, |pool| {
        let mut tx = pool.begin().await?;
        sqlx::query("UPDATE accounts SET hromada_katottg = $1 WHERE id = $2")
            .bind(hromada)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM account_roles WHERE account_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        for role in &roles {
            sqlx::query("INSERT INTO account_roles (account_id, role) VALUES ($1, $2)")
                .bind(id)
                .bind(role.as_str())
                .execute(&mut *tx)
                .await?;
        }
        let summary = format!(
            "roles {} -> {}; hromada {} -> {}",
            role_names(&before.account.roles),
            role_names(&roles),
            before.account.hromada_katottg.as_deref().unwrap_or("-"),
            hromada.as_deref().unwrap_or("-"),
        );
        audit!(&mut *tx, actor, "account", id, "change-access", summary)?;
        tx.commit().await?;
        Ok(())
    })
}

/// Disables (and signs out everywhere) or enables an account. Nobody disables themselves.
pub async fn set_disabled(
    db: &Db,
    actor: &Actor,
    id: i64,
    disabled: bool,
) -> Result<(), AccountError> {
    if disabled && actor.id() == Some(id) {
        return Err(AccountProblem::CannotDisableSelf.into());
    }
    on_db!(db, write, |pool| {
        let mut tx = pool.begin().await?;
        let changed = sqlx::query("UPDATE accounts SET disabled = $1 WHERE id = $2")
            .bind(disabled)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if changed.rows_affected() == 0 {
            return Err(AccountError::Database(sqlx::Error::RowNotFound));
        }
        if disabled {
            sqlx::query("DELETE FROM sessions WHERE account_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        let action = if disabled { "disable" } else { "enable" };
        audit!(
            &mut *tx,
            actor,
            "account",
            id,
            action,
            format!("account {action}d")
        )?;
        tx.commit().await?;
        Ok(())
    })
}

pub async fn rename(db: &Db, actor: &Actor, id: i64, name: &str) -> Result<(), AccountError> {
    let name = check_name(name)?;
    on_db!(db, write, |pool| {
        let mut tx = pool.begin().await?;
        sqlx::query("UPDATE accounts SET display_name = $1 WHERE id = $2")
            .bind(name)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        audit!(
            &mut *tx,
            actor,
            "account",
            id,
            "rename",
            format!("name: {name}")
        )?;
        tx.commit().await?;
        Ok(())
    })
}

/// Replaces the password and ends every session of the account (the caller opens a fresh one).
pub async fn change_password(
    db: &Db,
    actor: &Actor,
    id: i64,
    password_hash: &str,
) -> Result<(), sqlx::Error> {
    on_db!(db, write, |pool| {
        let mut tx = pool.begin().await?;
        sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE account_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        audit!(
            &mut *tx,
            actor,
            "account",
            id,
            "change-password",
            "every session closed"
        )?;
        tx.commit().await
    })
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<StoredAccount>, sqlx::Error> {
    let sql = accounts_sql("accounts a", LAST_SEEN_ANYWHERE, "WHERE a.id = $2");
    let rows = on_db!(db, read, |pool| sqlx::query_as(&sql)
        .bind(live_since(now()))
        .bind(id)
        .fetch_all(pool)
        .await)?;
    Ok(fold(rows).pop())
}

pub async fn by_email(db: &Db, email: &str) -> Result<Option<StoredAccount>, sqlx::Error> {
    let Ok(email) = normalize_email(email) else {
        return Ok(None);
    };
    let sql = accounts_sql("accounts a", LAST_SEEN_ANYWHERE, "WHERE a.email = $2");
    let rows = on_db!(db, read, |pool| sqlx::query_as(&sql)
        .bind(live_since(now()))
        .bind(&email)
        .fetch_all(pool)
        .await)?;
    Ok(fold(rows).pop())
}

/// Every account, by email. Admin pages filter them in memory: accounts number in the
/// thousands at most, and names need Unicode-aware matching that SQLite lacks.
pub async fn all(db: &Db) -> Result<Vec<StoredAccount>, sqlx::Error> {
    let sql = accounts_sql("accounts a", LAST_SEEN_ANYWHERE, "");
    let rows = on_db!(db, read, |pool| sqlx::query_as(&sql)
        .bind(live_since(now()))
        .fetch_all(pool)
        .await)?;
    Ok(fold(rows))
}

/// A one-time link's secret; only its hash is stored. Earlier unused tokens of the same purpose
/// for the account stop working.
pub async fn issue_token(
    db: &Db,
    actor: &Actor,
    account_id: i64,
    purpose: TokenPurpose,
) -> Result<String, sqlx::Error> {
    let secret = new_secret();
    let at = now();
    on_db!(db, write, |pool| {
        let mut tx = pool.begin().await?;
        sqlx::query("UPDATE account_tokens SET used_at = $1 WHERE account_id = $2 AND purpose = $3 AND used_at IS NULL")
            .bind(at)
            .bind(account_id)
            .bind(purpose.as_str())
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO account_tokens (token_hash, purpose, account_id, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(secret_hash(&secret))
        .bind(purpose.as_str())
        .bind(account_id)
        .bind(at)
        .bind(at + purpose.lifetime())
        .execute(&mut *tx)
        .await?;
        audit!(
            &mut *tx,
            actor,
            "account",
            account_id,
            "issue-link",
            format!("one-time {} link", purpose.as_str())
        )?;
        tx.commit().await?;
    });
    Ok(secret)
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("the link is not valid")]
    Unknown,
    #[error("the link has already been used")]
    Used,
    #[error("the link has expired")]
    Expired,
}

/// Sets the password through a one-time link, which is spent; every existing session of the
/// account ends. Returns the account.
pub async fn set_password_with_token(
    db: &Db,
    secret: &str,
    purpose: TokenPurpose,
    password_hash: &str,
) -> Result<Result<i64, TokenError>, sqlx::Error> {
    let at = now();
    on_db!(db, write, |pool| {
        let mut tx = pool.begin().await?;
        let token: Option<(i64, i64, Option<i64>)> = sqlx::query_as(
            "SELECT account_id, expires_at, used_at FROM account_tokens WHERE token_hash = $1 AND purpose = $2",
        )
        .bind(secret_hash(secret))
        .bind(purpose.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        let account_id = match token {
            None => return Ok(Err(TokenError::Unknown)),
            Some((_, _, Some(_))) => return Ok(Err(TokenError::Used)),
            Some((_, expires, None)) if expires <= at => return Ok(Err(TokenError::Expired)),
            Some((id, _, None)) => id,
        };
        // Spent first, guarded by `used_at IS NULL`: of two racing uses, one wins.
        let spent = sqlx::query(
            "UPDATE account_tokens SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL",
        )
        .bind(at)
        .bind(secret_hash(secret))
        .execute(&mut *tx)
        .await?;
        if spent.rows_affected() != 1 {
            return Ok(Err(TokenError::Used));
        }
        sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(account_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE account_id = $1")
            .bind(account_id)
            .execute(&mut *tx)
            .await?;
        let email: String = sqlx::query_scalar("SELECT email FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_one(&mut *tx)
            .await?;
        let actor = Actor::Account {
            id: account_id,
            email,
        };
        audit!(
            &mut *tx,
            actor,
            "account",
            account_id,
            "set-password",
            format!("through a one-time {} link", purpose.as_str())
        )?;
        tx.commit().await?;
        Ok(Ok(account_id))
    })
}

/// Opens a session; returns its secret id (for the cookie).
pub async fn open_session(db: &Db, account_id: i64) -> Result<String, sqlx::Error> {
    let secret = new_secret();
    let at = now();
    on_db!(db, write, |pool| {
        sqlx::query(
        "INSERT INTO sessions (id_hash, account_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)"
    )
    .bind(secret_hash(&secret))
    .bind(account_id)
    .bind(at)
    .execute(pool)
    .await
    .map(|_| ())
    })?;
    Ok(secret)
}

/// The account behind a session cookie, if the session is alive and the account enabled.
pub async fn session_account(db: &Db, secret: &str) -> Result<Option<Account>, sqlx::Error> {
    let at = now();
    let sql = accounts_sql(
        "sessions s JOIN accounts a ON a.id = s.account_id",
        "s.last_seen_at",
        "WHERE s.id_hash = $2 AND s.last_seen_at > $1 AND s.created_at > $3 AND NOT a.disabled",
    );
    let rows = on_db!(db, read, |pool| sqlx::query_as(&sql)
        .bind(live_since(at))
        .bind(secret_hash(secret))
        .bind(at - SESSION_ABSOLUTE_SECONDS)
        .fetch_all(pool)
        .await)?;
    let Some(found) = fold(rows).pop() else {
        return Ok(None);
    };
    // Keep the session alive; at most once a minute, so reads do not all become writes.
    if found.last_seen_at.is_none_or(|seen| seen < at - 60) {
        on_db!(db, write, |pool| sqlx::query(
            "UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2 AND last_seen_at < $3"
        )
        .bind(at)
        .bind(secret_hash(secret))
        .bind(at - 60)
        .execute(pool)
        .await
        .map(|_| ()))?;
    }
    Ok(Some(found.account))
}

pub async fn close_session(db: &Db, secret: &str) -> Result<(), sqlx::Error> {
    on_db!(db, write, |pool| sqlx::query(
        "DELETE FROM sessions WHERE id_hash = $1"
    )
    .bind(secret_hash(secret))
    .execute(pool)
    .await
    .map(|_| ()))
}

/// Signs the account out everywhere.
pub async fn close_all_sessions(
    db: &Db,
    actor: &Actor,
    account_id: i64,
) -> Result<u64, sqlx::Error> {
    on_db!(db, write, |pool| {
        let mut tx = pool.begin().await?;
        let closed = sqlx::query("DELETE FROM sessions WHERE account_id = $1")
            .bind(account_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        audit!(
            &mut *tx,
            actor,
            "account",
            account_id,
            "sign-out-everywhere",
            format!("{closed} sessions closed")
        )?;
        tx.commit().await?;
        Ok(closed)
    })
}

/// The email of the account a one-time link belongs to (for the password policy's check).
pub async fn token_email(db: &Db, secret: &str) -> Result<Option<String>, sqlx::Error> {
    on_db!(db, read, |pool| {
        sqlx::query_scalar(
        "SELECT a.email FROM account_tokens t JOIN accounts a ON a.id = t.account_id WHERE t.token_hash = $1"
    )
    .bind(secret_hash(secret))
    .fetch_optional(pool)
    .await
    })
}
