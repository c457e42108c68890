//! Accounts, one-time links, sessions and their audit trail, on both databases.

mod common;

use app::accounts::password;
use app::accounts::storage::*;
use app::accounts::types::Role;
use app::audit::{self, Actor};
use app::db::Db;
use app::on_db;
use common::with_registry;

const LVIV: &str = "UA46060250000025047";

fn new(email: &str, roles: Vec<Role>, hromada: Option<&str>) -> NewAccount {
    NewAccount {
        email: email.into(),
        display_name: "Олена Коваль".into(),
        roles,
        hromada_katottg: hromada.map(Into::into),
    }
}

async fn exec(db: &Db, sql: &str) {
    on_db!(db, write, |pool| sqlx::query(sql)
        .execute(pool)
        .await
        .map(|_| ()))
    .unwrap();
}

on_both_databases! {
    async fn accounts_are_validated_field_by_field(db: Db) {
        with_registry(&db).await;
        let shell = Actor::Shell;
        let id = create(&db, &shell, &new(" Olena@Hromada.UA ", vec![Role::Representative], Some(LVIV))).await.unwrap();
        let found = by_email(&db, "olena@hromada.ua").await.unwrap().unwrap();
        assert_eq!(found.account.id, id);
        assert_eq!(found.account.roles, vec![Role::Representative]);
        assert!(found.account.represents(LVIV));
        assert!(!found.account.represents("UA05020030000031457"));
        assert!(found.password_hash.is_none(), "no password until the invitation is accepted");

        let err = |r: Result<i64, AccountError>| r.unwrap_err().to_string();
        assert!(err(create(&db, &shell, &new("OLENA@hromada.ua", vec![Role::Editor], None)).await).starts_with("email: an account"));
        assert!(err(create(&db, &shell, &new("not-an-email", vec![Role::Editor], None)).await).starts_with("email:"));
        assert!(err(create(&db, &shell, &new("a@b.ua", vec![], None)).await).starts_with("roles:"));
        assert!(err(create(&db, &shell, &new("a@b.ua", vec![Role::Representative], None)).await).starts_with("hromada:"));
        assert!(err(create(&db, &shell, &new("a@b.ua", vec![Role::Editor], Some(LVIV))).await).starts_with("hromada:"));
        assert!(err(create(&db, &shell, &new("a@b.ua", vec![Role::Representative], Some("UA00000000000000000"))).await).starts_with("hromada: not in"));
        let multi = create(&db, &shell, &new("a@b.ua", vec![Role::Analyst, Role::Editor], None)).await.unwrap();
        assert_ne!(multi, id);

        let log = audit::recent(&db, Some("account"), 10).await.unwrap();
        assert_eq!(log.len(), 2, "only successful writes are audited");
        assert!(log.iter().all(|e| e.action == "create" && e.actor_label == "shell"));
    }
}

on_both_databases! {
    async fn a_one_time_link_sets_the_password_once(db: Db) {
        with_registry(&db).await;
        let id = create(&db, &Actor::Shell, &new("admin@auc.org.ua", vec![Role::Admin], None)).await.unwrap();
        let old = issue_token(&db, &Actor::Shell, id, TokenPurpose::Invitation).await.unwrap();
        let secret = issue_token(&db, &Actor::Shell, id, TokenPurpose::Invitation).await.unwrap();
        let hash = password::hash("ріка тече повільно 7").unwrap();
        assert_eq!(set_password_with_token(&db, &old, TokenPurpose::Invitation, &hash).await.unwrap(), Err(TokenError::Used), "a newer link replaces the old one");
        assert_eq!(set_password_with_token(&db, &secret, TokenPurpose::PasswordReset, &hash).await.unwrap(), Err(TokenError::Unknown), "links serve one purpose");
        assert_eq!(set_password_with_token(&db, &secret, TokenPurpose::Invitation, &hash).await.unwrap(), Ok(id));
        assert_eq!(set_password_with_token(&db, &secret, TokenPurpose::Invitation, &hash).await.unwrap(), Err(TokenError::Used));
        let stored = by_email(&db, "admin@auc.org.ua").await.unwrap().unwrap().password_hash.unwrap();
        assert!(password::verify("ріка тече повільно 7", &stored));

        let reset = issue_token(&db, &Actor::Shell, id, TokenPurpose::PasswordReset).await.unwrap();
        exec(&db, "UPDATE account_tokens SET expires_at = 0 WHERE purpose = 'password_reset'").await;
        assert_eq!(set_password_with_token(&db, &reset, TokenPurpose::PasswordReset, &hash).await.unwrap(), Err(TokenError::Expired));
        assert_eq!(set_password_with_token(&db, "forged", TokenPurpose::PasswordReset, &hash).await.unwrap(), Err(TokenError::Unknown));

        let actions: Vec<String> = audit::recent(&db, Some("account"), 10).await.unwrap().into_iter().map(|e| e.action).collect();
        assert_eq!(actions, vec!["issue-link", "set-password", "issue-link", "issue-link", "create"]);
    }
}

on_both_databases! {
    async fn sessions_expire_and_end_everywhere(db: Db) {
        with_registry(&db).await;
        let id = create(&db, &Actor::Shell, &new("editor@auc.org.ua", vec![Role::Editor], None)).await.unwrap();
        let phone = open_session(&db, id).await.unwrap();
        let laptop = open_session(&db, id).await.unwrap();
        assert_ne!(phone, laptop);
        assert_eq!(session_account(&db, &phone).await.unwrap().unwrap().id, id);
        assert!(session_account(&db, "forged").await.unwrap().is_none());

        close_session(&db, &phone).await.unwrap();
        assert!(session_account(&db, &phone).await.unwrap().is_none());
        assert!(session_account(&db, &laptop).await.unwrap().is_some());

        exec(&db, &format!("UPDATE sessions SET last_seen_at = last_seen_at - {}", SESSION_IDLE_SECONDS + 1)).await;
        assert!(session_account(&db, &laptop).await.unwrap().is_none(), "idle timeout");

        let tablet = open_session(&db, id).await.unwrap();
        exec(&db, &format!("UPDATE sessions SET created_at = created_at - {}", SESSION_ABSOLUTE_SECONDS + 1)).await;
        assert!(session_account(&db, &tablet).await.unwrap().is_none(), "absolute timeout, however active");

        let a = open_session(&db, id).await.unwrap();
        let b = open_session(&db, id).await.unwrap();
        exec(&db, "UPDATE accounts SET disabled = TRUE").await;
        assert!(session_account(&db, &a).await.unwrap().is_none(), "a disabled account has no sessions");
        exec(&db, "UPDATE accounts SET disabled = FALSE").await;
        let actor = Actor::Account { id, email: "editor@auc.org.ua".into() };
        assert_eq!(close_all_sessions(&db, &actor, id).await.unwrap(), 4);
        assert!(session_account(&db, &b).await.unwrap().is_none());
        let last = audit::recent(&db, None, 1).await.unwrap().remove(0);
        assert_eq!((last.action.as_str(), last.actor_id), ("sign-out-everywhere", Some(id)));
    }
}
