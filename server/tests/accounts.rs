//! Accounts, one-time links, sessions and their audit trail, on both databases.

mod common;

use app::accounts::password;
use app::accounts::storage::*;
use app::accounts::types::Role;
use app::audit::{self, Actor};
use app::db::Db;
use app::on_db;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{app, request, with_registry};

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

fn form(path: &str, body: &str, cookie: Option<&str>) -> Request<Body> {
    let mut r = Request::post(path)
        .header("sec-fetch-site", "same-origin")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json");
    if let Some(cookie) = cookie {
        r = r.header(header::COOKIE, cookie);
    }
    r.body(Body::from(body.to_string())).unwrap()
}

fn session_cookie(page: &common::Page) -> String {
    let set = page
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("spilno_session="))
        .expect("a session cookie");
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Lax") && set.contains("Path=/"),
        "{set}"
    );
    set.split(';').next().unwrap().to_string()
}

on_both_databases! {
    async fn an_invited_admin_sets_a_password_signs_in_and_out(db: Db) {
        use app::accounts::api::{AcceptLink, SignIn, SignOut};
        use leptos::server_fn::ServerFn;
        with_registry(&db).await;
        let id = create(&db, &Actor::Shell, &new("admin@auc.org.ua", vec![Role::Admin], None)).await.unwrap();
        let token = issue_token(&db, &Actor::Shell, id, TokenPurpose::Invitation).await.unwrap();
        let app = app(db.clone());
        let accept = |password: &str, again: &str| form(AcceptLink::PATH, &format!("token={token}&purpose=invitation&password={password}&password_again={again}"), None);

        let weak = request(&app, accept("1234567890", "1234567890")).await;
        assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(weak.body.contains("PasswordTooCommon"), "{}", weak.body);
        let differ = request(&app, accept("ріка тече повільно 7", "ріка тече повільно 8")).await;
        assert!(differ.body.contains("PasswordsDiffer"));

        let accepted = request(&app, accept("ріка тече повільно 7", "ріка тече повільно 7")).await;
        assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
        let cookie = session_cookie(&accepted);
        let home = request(&app, Request::get("/").header(header::COOKIE, &cookie).body(Body::empty()).unwrap()).await;
        assert!(home.body.contains("Олена Коваль"), "the header shows who is signed in");
        let again = request(&app, accept("ріка тече повільно 7", "ріка тече повільно 7")).await;
        assert!(again.body.contains("LinkUsed"));

        let out = request(&app, form(SignOut::PATH, "", Some(&cookie))).await;
        assert_eq!(out.status, StatusCode::OK);
        assert!(session_account(&db, cookie.trim_start_matches("spilno_session=")).await.unwrap().is_none());
        let home = request(&app, Request::get("/").header(header::COOKIE, &cookie).body(Body::empty()).unwrap()).await;
        assert!(!home.body.contains("Олена Коваль"));

        let wrong = request(&app, form(SignIn::PATH, "email=admin%40auc.org.ua&password=wrong-password-1", None)).await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
        assert!(wrong.body.contains("WrongCredentials") && !wrong.headers.contains_key(header::SET_COOKIE));
        let unknown = request(&app, form(SignIn::PATH, "email=nobody%40auc.org.ua&password=wrong-password-1", None)).await;
        assert_eq!(unknown.body, wrong.body, "an unknown address looks like a wrong password");
        let right = request(&app, form(SignIn::PATH, "email=ADMIN%40auc.org.ua&password=%D1%80%D1%96%D0%BA%D0%B0%20%D1%82%D0%B5%D1%87%D0%B5%20%D0%BF%D0%BE%D0%B2%D1%96%D0%BB%D1%8C%D0%BD%D0%BE%207", None)).await;
        assert_eq!(right.status, StatusCode::OK, "{}", right.body);
        assert_ne!(session_cookie(&right), cookie, "a fresh session id at every sign-in");
    }
}

on_both_databases! {
    async fn sign_in_attempts_are_rate_limited(db: Db) {
        use app::accounts::api::SignIn;
        use leptos::server_fn::ServerFn;
        with_registry(&db).await;
        create(&db, &Actor::Shell, &new("editor@auc.org.ua", vec![Role::Editor], None)).await.unwrap();
        let app = app(db);
        let attempt = || form(SignIn::PATH, "email=editor%40auc.org.ua&password=guess-number-x", None);
        for _ in 0..5 {
            assert_eq!(request(&app, attempt()).await.status, StatusCode::UNAUTHORIZED);
        }
        let limited = request(&app, attempt()).await;
        assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(limited.body.contains("TryAgainIn"), "{}", limited.body);
    }
}
