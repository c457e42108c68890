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
use common::{app, form, request, with_registry};

const LVIV: &str = "UA46060250000025047";

fn new(email: &str, roles: Vec<Role>, hromada: Option<&str>) -> NewAccount {
    NewAccount {
        email: email.into(),
        display_name: "Олена Коваль".into(),
        roles,
        hromada_katottg: hromada.map(Into::into),
    }
}

/// The audit log of one entity kind, newest first.
async fn audit_log(db: &Db, entity: &str) -> Vec<audit::AuditEntry> {
    let filter = audit::AuditFilter {
        entity: entity.into(),
        ..Default::default()
    };
    audit::search(db, &filter).await.unwrap().entries
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

        let log = audit_log(&db, "account").await;
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

        let actions: Vec<String> = audit_log(&db, "account").await.into_iter().map(|e| e.action).collect();
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
        let last = audit_log(&db, "account").await.remove(0);
        assert_eq!((last.action.as_str(), last.actor_id), ("sign-out-everywhere", Some(id)));
    }
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

on_both_databases! {
    async fn admins_change_access_disable_and_rename(db: Db) {
        with_registry(&db).await;
        let admin_id = create(&db, &Actor::Shell, &new("admin@auc.org.ua", vec![Role::Admin], None)).await.unwrap();
        let admin = Actor::Account { id: admin_id, email: "admin@auc.org.ua".into() };
        let id = create(&db, &admin, &new("olena@hromada.ua", vec![Role::Editor], None)).await.unwrap();
        let session = open_session(&db, id).await.unwrap();

        let problem = |r: Result<(), AccountError>| match r.unwrap_err() {
            AccountError::Problem(p) => p,
            other => panic!("expected a field problem, got {other}"),
        };
        use app::accounts::types::AccountProblem as P;
        assert_eq!(problem(update_access(&db, &admin, id, &[Role::Representative], &None).await), P::RepresentativeWithoutHromada);
        assert_eq!(problem(update_access(&db, &admin, id, &[Role::Representative], &Some("UA00000000000000000".into())).await), P::UnknownHromada);
        assert_eq!(problem(update_access(&db, &admin, admin_id, &[Role::Editor], &None).await), P::CannotDemoteSelf);
        assert_eq!(problem(set_disabled(&db, &admin, admin_id, true).await), P::CannotDisableSelf);
        assert_eq!(problem(rename(&db, &admin, id, "   ").await), P::EmptyName);
        let unchanged = by_id(&db, id).await.unwrap().unwrap();
        assert_eq!(unchanged.account.roles, vec![Role::Editor], "a refused change leaves the account as it was");

        update_access(&db, &admin, id, &[Role::Representative, Role::Analyst], &Some(LVIV.into())).await.unwrap();
        let changed = session_account(&db, &session).await.unwrap().unwrap();
        assert_eq!(changed.roles, vec![Role::Analyst, Role::Representative], "roles apply to live sessions at once");
        assert!(changed.represents(LVIV));

        set_disabled(&db, &admin, id, true).await.unwrap();
        assert!(session_account(&db, &session).await.unwrap().is_none(), "disabling signs out everywhere");
        assert!(by_id(&db, id).await.unwrap().unwrap().disabled);
        set_disabled(&db, &admin, id, false).await.unwrap();
        rename(&db, &admin, id, " Олена Петрівна ").await.unwrap();

        let everyone = all(&db).await.unwrap();
        assert_eq!(everyone.iter().map(|a| a.account.email.as_str()).collect::<Vec<_>>(), vec!["admin@auc.org.ua", "olena@hromada.ua"]);
        assert_eq!(everyone[1].account.display_name, "Олена Петрівна");
        assert_eq!(everyone[1].account.roles.len(), 2, "one account however many roles");

        let actions: Vec<String> = audit_log(&db, "account").await.into_iter().map(|e| e.action).collect();
        assert_eq!(actions, vec!["rename", "enable", "disable", "change-access", "create", "create"]);
        let access = audit_log(&db, "account").await.into_iter().find(|e| e.action == "change-access").unwrap();
        assert_eq!(access.summary, format!("roles editor -> analyst, representative; hromada - -> {LVIV}"));
        assert_eq!(access.actor_id, Some(admin_id));
    }
}

on_both_databases! {
    async fn the_audit_log_is_filtered_and_paged(db: Db) {
        use app::audit::{search, AuditFilter, AUDIT_PAGE_SIZE};
        with_registry(&db).await;
        let admin_id = create(&db, &Actor::Shell, &new("admin@auc.org.ua", vec![Role::Admin], None)).await.unwrap();
        let admin = Actor::Account { id: admin_id, email: "admin@auc.org.ua".into() };
        for i in 0..60 {
            create(&db, &admin, &new(&format!("user{i}@hromada.ua"), vec![Role::Analyst], None)).await.unwrap();
        }
        rename(&db, &admin, admin_id, "Головна адміністраторка").await.unwrap();

        let everything = search(&db, &AuditFilter::default()).await.unwrap();
        assert_eq!((everything.total, everything.pages, everything.entries.len() as i64), (62, 2, AUDIT_PAGE_SIZE));
        assert_eq!(everything.entries[0].action, "rename", "newest first");
        assert!(!everything.entries[0].at_local.is_empty());
        let second = search(&db, &AuditFilter { page: 2, ..Default::default() }).await.unwrap();
        assert_eq!(second.entries.len(), 12);
        assert_eq!(second.entries.last().unwrap().actor_label, "shell");
        assert_eq!(everything.actions, vec!["create", "rename"]);

        let by_shell = search(&db, &AuditFilter { actor: "SHELL".into(), ..Default::default() }).await.unwrap();
        assert_eq!(by_shell.total, 1);
        let renames = search(&db, &AuditFilter { action: "rename".into(), ..Default::default() }).await.unwrap();
        assert_eq!(renames.total, 1);
        let one = search(&db, &AuditFilter { entity: "account".into(), entity_id: admin_id.to_string(), ..Default::default() }).await.unwrap();
        assert_eq!(one.total, 2);

        let today = app::clock::kyiv_minutes(app::audit::now())[..10].to_string();
        let since_today = search(&db, &AuditFilter { from: today.clone(), to: today.clone(), ..Default::default() }).await.unwrap();
        assert_eq!(since_today.total, 62);
        let before = search(&db, &AuditFilter { to: "2020-01-01".into(), ..Default::default() }).await.unwrap();
        assert_eq!(before.total, 0);
        let bad = search(&db, &AuditFilter { from: "31.12.2026".into(), ..Default::default() }).await.unwrap();
        assert_eq!(bad.invalid, vec!["from"]);
        assert_eq!(bad.total, 62, "an unreadable date filters nothing");
    }
}

on_both_databases! {
    async fn demo_accounts_cover_every_role(db: Db) {
        use app::accounts::demo;
        with_registry(&db).await;
        assert_eq!(demo::load(&db).await.unwrap(), 9);
        assert_eq!(demo::load(&db).await.unwrap(), 0, "a second load adds nothing");
        let everyone = all(&db).await.unwrap();
        for role in Role::ALL {
            // Two representatives, of two hromadas, so a survey can be answered twice; four
            // evaluators, so each application of the demo call in evaluation has three.
            let expected = match role {
                Role::Representative => 2,
                Role::Evaluator => 4,
                _ => 1,
            };
            assert_eq!(everyone.iter().filter(|a| a.account.roles.contains(&role)).count(), expected, "{role:?}");
        }
        let rep = by_email(&db, "representative@demo.spilno.org.ua").await.unwrap().unwrap();
        assert!(password::verify(demo::DEMO_PASSWORD, rep.password_hash.as_deref().unwrap()));
        assert!(rep.account.hromada_katottg.is_some());
    }
}
