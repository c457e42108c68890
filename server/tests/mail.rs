//! Invitations and password resets by mail, through a real SMTP conversation with a sink that
//! keeps what it receives.

mod common;

use app::accounts::storage::{by_email, create, open_session, NewAccount};
use app::accounts::types::{IssuedLink, Role};
use app::audit::Actor;
use app::db::Db;
use axum::http::StatusCode;
use common::{form, request, with_registry};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

/// A minimal SMTP server: accepts every message and stores its data.
async fn smtp_sink() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let store = received.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 sink ESMTP\r\n").await.unwrap();
                let mut data: Option<String> = None;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(message) = data.as_mut() {
                        if line == "." {
                            store.lock().unwrap().push(data.take().unwrap());
                            write.write_all(b"250 queued\r\n").await.unwrap();
                        } else {
                            message.push_str(&line);
                            message.push('\n');
                        }
                        continue;
                    }
                    let reply: &[u8] = match line.get(..4).map(str::to_ascii_uppercase).as_deref() {
                        Some("EHLO") | Some("HELO") => b"250 sink\r\n",
                        Some("DATA") => {
                            data = Some(String::new());
                            b"354 go on\r\n"
                        }
                        Some("QUIT") => {
                            let _ = write.write_all(b"221 bye\r\n").await;
                            break;
                        }
                        _ => b"250 ok\r\n",
                    };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, received)
}

fn app_with_mail(db: Db, port: u16) -> axum::Router {
    let options = spilno::leptos_options(
        "127.0.0.1:0".parse().unwrap(),
        std::path::Path::new("target/site"),
    );
    let mut state = app::state::AppState::new(db, options);
    state.public_url = "https://spilno.example.org".into();
    let mailer = app::mail::Mailer::new(
        &format!("smtp://127.0.0.1:{port}"),
        "Спільно <no-reply@spilno.example.org>",
    )
    .unwrap();
    state.mailer = Some(Arc::new(mailer));
    spilno::router(state)
}

/// A received message's headers and its body, decoded from base64 when it was sent so.
fn decoded(message: &str) -> (String, String) {
    use base64::Engine;
    let (headers, body) = message
        .split_once("\n\n")
        .expect("headers, a blank line, a body");
    let body = if headers.contains("Content-Transfer-Encoding: base64") {
        let joined: String = body.split_whitespace().collect();
        String::from_utf8(
            base64::engine::general_purpose::STANDARD
                .decode(joined)
                .unwrap(),
        )
        .unwrap()
    } else {
        body.replace("=\n", "").replace("=3D", "=")
    };
    (headers.to_string(), body)
}

/// The one-time secret of the link in a message body.
fn token_in(body: &str) -> String {
    let start = body.find("token=").expect("a link in the message") + "token=".len();
    body[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

on_both_databases! {
    async fn invitations_and_resets_are_mailed_not_shown(db: Db) {
        use app::accounts::admin::InviteAccount;
        use app::accounts::api::{AcceptLink, RequestPasswordReset};
        use leptos::server_fn::ServerFn;
        with_registry(&db).await;
        let (port, received) = smtp_sink().await;
        let admin = create(&db, &Actor::Shell, &NewAccount {
            email: "admin@auc.org.ua".into(),
            display_name: "Admin".into(),
            roles: vec![Role::Admin],
            hromada_katottg: None,
        }).await.unwrap();
        let cookie = format!("spilno_session={}", open_session(&db, admin).await.unwrap());
        let app = app_with_mail(db.clone(), port);

        let invited = request(&app, form(InviteAccount::PATH, "email=olena%40hromada.ua&display_name=Olena&roles[]=analyst&hromada=", Some(&cookie))).await;
        assert_eq!(invited.status, StatusCode::OK, "{}", invited.body);
        let issued: IssuedLink = serde_json::from_str(&invited.body).unwrap();
        assert!(issued.mailed && issued.link.is_none(), "a mailed link is not shown: {issued:?}");
        let (headers, invitation) = decoded(&received.lock().unwrap().pop().expect("the invitation mail"));
        assert!(headers.contains("To: olena@hromada.ua"), "{headers}");
        assert!(invitation.contains("https://spilno.example.org/account/password?token="), "{invitation}");
        assert!(invitation.contains("Вас запрошено"), "{invitation}");

        let token = token_in(&invitation);
        let accepted = request(&app, form(AcceptLink::PATH, &format!("token={token}&purpose=invitation&password=nine+golden+hills&password_again=nine+golden+hills"), None)).await;
        assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);

        let unknown = request(&app, form(RequestPasswordReset::PATH, "email=nobody%40hromada.ua", None)).await;
        let known = request(&app, form(RequestPasswordReset::PATH, "email=Olena%40hromada.ua", None)).await;
        assert_eq!((unknown.status, &unknown.body), (known.status, &known.body), "the answer tells nobody who has an account");
        // The reset mail goes out after the answer.
        let mut reset_mail = None;
        for _ in 0..100 {
            reset_mail = received.lock().unwrap().pop();
            if reset_mail.is_some() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let (_, reset) = decoded(&reset_mail.expect("the reset mail"));
        assert!(received.lock().unwrap().is_empty(), "nothing mailed for an unknown address");
        assert!(reset.contains("purpose=reset"), "{reset}");
        let token = token_in(&reset);
        let renewed = request(&app, form(AcceptLink::PATH, &format!("token={token}&purpose=reset&password=seven+quiet+rivers&password_again=seven+quiet+rivers"), None)).await;
        assert_eq!(renewed.status, StatusCode::OK, "{}", renewed.body);
        let stored = by_email(&db, "olena@hromada.ua").await.unwrap().unwrap();
        assert!(app::accounts::password::verify("seven quiet rivers", stored.password_hash.as_deref().unwrap()));
    }
}
