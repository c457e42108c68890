//! Accounts, sessions and one-time tokens in either database. Every write is audited in its
//! own transaction.

use super::secrets::{new_secret, secret_hash};
use super::types::{Account, Role};
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

    fn lifetime(self) -> i64 {
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

/// Why an account could not be written; each names the field it concerns.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("email: not a valid address")]
    InvalidEmail,
    #[error("email: an account with this address exists")]
    EmailTaken,
    #[error("name: must not be empty")]
    EmptyName,
    #[error("roles: choose at least one")]
    NoRoles,
    #[error("hromada: a representative needs exactly one hromada of the registry")]
    RepresentativeWithoutHromada,
    #[error("hromada: only representatives are bound to a hromada")]
    HromadaWithoutRepresentative,
    #[error("hromada: not in the registry")]
    UnknownHromada,
    #[error(transparent)]
    Database(sqlx::Error),
}

/// The one unique constraint an account write can break is the email's.
impl From<sqlx::Error> for AccountError {
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::Database(e) if e.is_unique_violation() => AccountError::EmailTaken,
            _ => AccountError::Database(error),
        }
    }
}

pub fn normalize_email(email: &str) -> Result<String, AccountError> {
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
        Err(AccountError::InvalidEmail)
    }
}

#[derive(sqlx::FromRow)]
struct AccountRow {
    id: i64,
    email: String,
    display_name: String,
    hromada_katottg: Option<String>,
    password_hash: Option<String>,
    disabled: bool,
}

/// An account as sign-in needs it.
pub struct Credentials {
    pub account: Account,
    pub password_hash: Option<String>,
    pub disabled: bool,
}

pub async fn create(db: &Db, actor: &Actor, new: &NewAccount) -> Result<i64, AccountError> {
    let email = normalize_email(&new.email)?;
    let name = new.display_name.trim();
    if name.is_empty() {
        return Err(AccountError::EmptyName);
    }
    if new.roles.is_empty() {
        return Err(AccountError::NoRoles);
    }
    let representative = new.roles.contains(&Role::Representative);
    match (representative, &new.hromada_katottg) {
        (true, None) => return Err(AccountError::RepresentativeWithoutHromada),
        (false, Some(_)) => return Err(AccountError::HromadaWithoutRepresentative),
        _ => {}
    }
    let roles: Vec<&str> = new.roles.iter().map(|r| r.as_str()).collect();
    on_db!(db, write, |pool| {
        let mut tx = pool.begin().await?;
        if let Some(hromada) = &new.hromada_katottg {
            let known: Option<String> =
                sqlx::query_scalar("SELECT katottg FROM hromadas WHERE katottg = $1")
                    .bind(hromada)
                    .fetch_optional(&mut *tx)
                    .await?;
            if known.is_none() {
                return Err(AccountError::UnknownHromada);
            }
        }
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
                .bind(*role)
                .execute(&mut *tx)
                .await?;
        }
        let summary = format!("{email}: roles {}", roles.join(", "));
        audit!(&mut *tx, actor, "account", id, "create", summary)?;
        tx.commit().await?;
        Ok(id)
    })
}

async fn roles_of(db: &Db, id: i64) -> Result<Vec<Role>, sqlx::Error> {
    let names: Vec<String> = on_db!(db, read, |pool| sqlx::query_scalar(
        "SELECT role FROM account_roles WHERE account_id = $1 ORDER BY role"
    )
    .bind(id)
    .fetch_all(pool)
    .await)?;
    Ok(names.iter().filter_map(|n| Role::parse(n)).collect())
}

async fn with_roles(db: &Db, row: AccountRow) -> Result<Credentials, sqlx::Error> {
    let roles = roles_of(db, row.id).await?;
    Ok(Credentials {
        account: Account {
            id: row.id,
            email: row.email,
            display_name: row.display_name,
            roles,
            hromada_katottg: row.hromada_katottg,
        },
        password_hash: row.password_hash,
        disabled: row.disabled,
    })
}

const ACCOUNT_COLUMNS: &str = "id, email, display_name, hromada_katottg, password_hash, disabled";

pub async fn by_email(db: &Db, email: &str) -> Result<Option<Credentials>, sqlx::Error> {
    let Ok(email) = normalize_email(email) else {
        return Ok(None);
    };
    let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE email = $1");
    let row: Option<AccountRow> = on_db!(db, read, |pool| sqlx::query_as(&sql)
        .bind(&email)
        .fetch_optional(pool)
        .await)?;
    match row {
        Some(row) => Ok(Some(with_roles(db, row).await?)),
        None => Ok(None),
    }
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
    let sql = format!(
        "SELECT a.{} FROM sessions s JOIN accounts a ON a.id = s.account_id \
         WHERE s.id_hash = $1 AND s.last_seen_at > $2 AND s.created_at > $3 AND NOT a.disabled",
        ACCOUNT_COLUMNS.replace(", ", ", a.")
    );
    let row: Option<AccountRow> = on_db!(db, read, |pool| sqlx::query_as(&sql)
        .bind(secret_hash(secret))
        .bind(at - SESSION_IDLE_SECONDS)
        .bind(at - SESSION_ABSOLUTE_SECONDS)
        .fetch_optional(pool)
        .await)?;
    let Some(row) = row else { return Ok(None) };
    // Keep the session alive; at most once a minute, so reads do not all become writes.
    on_db!(db, write, |pool| sqlx::query(
        "UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2 AND last_seen_at < $3"
    )
    .bind(at)
    .bind(secret_hash(secret))
    .bind(at - 60)
    .execute(pool)
    .await
    .map(|_| ()))?;
    Ok(Some(with_roles(db, row).await?.account))
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
