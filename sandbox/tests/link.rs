//! The widget's Link API and the account state machine, over real HTTP.

use crate::common::{start, start_with, Exchange, Items};
use reqwest::Method;
use serde_json::{json, Value};
use smile_api::{Account, AccountErrorCode, Archive, ConnectionStatus};

const GEORGE: (&str, &str) = ("gpalomero1234@smileapi.io", "123456");

#[tokio::test]
async fn mfa_providers_move_through_awaiting_mfa() {
    let emu = start().await;
    let smile = emu.client();
    let (_, token) = emu.user().await;

    let created: Account = emu
        .link(Method::POST, "/accounts", &token)
        .json(&json!({"providerId": "upwork"}))
        .data()
        .await;
    assert_eq!(created.connection_status, ConnectionStatus::Pending);
    // What the Open API says of the account meanwhile.
    let stored_status = || async {
        let account = smile.get_account(&created.id).await.unwrap();
        account.connection_status
    };
    assert_eq!(stored_status().await, ConnectionStatus::Pending);
    // MFA before credentials is refused.
    assert_eq!(
        emu.account_step(&token, &created.id, "mfa")
            .json(&json!({"code": "1234"}))
            .status()
            .await,
        400
    );

    let credentials = json!({"loginName": "ryan1234@smileapi.io", "password": "654321"});
    let awaiting: Account = emu
        .account_step(&token, &created.id, "login")
        .json(&credentials)
        .data()
        .await;
    assert_eq!(awaiting.connection_status, ConnectionStatus::AwaitingMfa);
    assert_eq!(awaiting.connection.status, ConnectionStatus::AwaitingMfa);
    assert_eq!(stored_status().await, ConnectionStatus::AwaitingMfa);
    // Credentials twice are refused.
    assert_eq!(
        emu.account_step(&token, &created.id, "login")
            .json(&credentials)
            .status()
            .await,
        400
    );

    let connected: Account = emu
        .account_step(&token, &created.id, "mfa")
        .json(&json!({"code": "1234"}))
        .data()
        .await;
    assert_eq!(connected.connection_status, ConnectionStatus::Connected);
    assert_eq!(smile.get_account(&created.id).await.unwrap(), connected);
}

#[tokio::test]
async fn wrong_and_expired_mfa_codes() {
    let emu = start().await;
    let (_, token) = emu.user().await;
    for (code, expected) in [
        ("9999", AccountErrorCode::InvalidMfa),
        ("0000", AccountErrorCode::MfaTimeout),
    ] {
        let account = emu
            .link_account(&token, "grab", "ryan1234@smileapi.io", "654321", Some(code))
            .await;
        assert_eq!(account.connection_status, ConnectionStatus::Error);
        assert_eq!(account.connection.error_code, Some(expected));
    }
}

#[tokio::test]
async fn wrong_credentials_and_every_magic_password() {
    let emu = start().await;
    let smile = emu.client();
    let (_, token) = emu.user().await;
    let wrong = emu
        .link_account(&token, "sss_ph", GEORGE.0, "000000", None)
        .await;
    assert_eq!(wrong.connection_status, ConnectionStatus::Error);
    assert_eq!(
        wrong.connection.error_code,
        Some(AccountErrorCode::InvalidCredentials)
    );
    assert_eq!(
        wrong.connection.error_message.as_deref(),
        Some("Invalid username or password!")
    );
    let unknown = emu
        .link_account(&token, "sss_ph", "nobody@smileapi.io", "123456", None)
        .await;
    assert_eq!(
        unknown.connection.error_code,
        Some(AccountErrorCode::InvalidCredentials)
    );

    for code in AccountErrorCode::KNOWN {
        let account = emu
            .link_account(&token, "abccorp", GEORGE.0, code.as_str(), None)
            .await;
        assert_eq!(account.connection.error_code.as_ref(), Some(code));
        assert_eq!(
            smile
                .get_account(&account.id)
                .await
                .unwrap()
                .connection
                .error_code
                .as_ref(),
            Some(code)
        );
    }
    for (password, code) in [
        ("locked", AccountErrorCode::AccountLocked),
        ("unavailable", AccountErrorCode::ServiceUnavailable),
    ] {
        let account = emu
            .link_account(&token, "sss_ph", GEORGE.0, password, None)
            .await;
        assert_eq!(account.connection.error_code, Some(code));
    }
}

#[tokio::test]
async fn link_tokens_guard_the_link_api() {
    let emu = start().await;
    let (_, token) = emu.user().await;
    let (_, other_token) = emu.user().await;
    emu.http
        .get(emu.url("/link/v1/session"))
        .expect_code(401, "INVALID_TOKEN")
        .await;
    assert_eq!(
        emu.link(Method::GET, "/session", "sbx-forged")
            .status()
            .await,
        401
    );

    let account = emu
        .link_account(&token, "sss_ph", GEORGE.0, GEORGE.1, None)
        .await;
    // Another user's token cannot touch the account.
    assert_eq!(
        emu.link(
            Method::DELETE,
            &format!("/accounts/{}", account.id),
            &other_token,
        )
        .status()
        .await,
        404
    );
    let session: Value = emu
        .link(
            Method::GET,
            "/session?templateId=wtpl-9c633223be7d4c42824c76707fdf03b7",
            &token,
        )
        .data()
        .await;
    assert_eq!(session["mode"], "SANDBOX");
    assert_eq!(
        session["templateId"],
        "wtpl-9c633223be7d4c42824c76707fdf03b7"
    );
    assert_eq!(session["accounts"][0]["id"], account.id.as_str());
    let other: Value = emu.link(Method::GET, "/session", &other_token).data().await;
    assert!(other["accounts"].as_array().unwrap().is_empty());

    let providers: Value = emu.link(Method::GET, "/providers", &token).data().await;
    assert_eq!(providers["items"].as_array().unwrap().len(), 5);
    emu.link(Method::POST, "/accounts", &token)
        .json(&json!({"providerId": "nope"}))
        .expect_code(400, "INVALID_PARAMETERS")
        .await;
}

#[tokio::test]
async fn the_widget_can_revoke_an_account() {
    let emu = start().await;
    let smile = emu.client();
    let (user_id, token) = emu.user().await;
    let account = emu
        .link_account(&token, "sss_ph", GEORGE.0, GEORGE.1, None)
        .await;
    emu.link(Method::DELETE, &format!("/accounts/{}", account.id), &token)
        .expect_code(200, "OK")
        .await;
    assert!(smile.list_accounts(&user_id).items().await.is_empty());
    assert!(smile
        .contributions(&smile_api::client::DataFilter::source(&account.id))
        .items()
        .await
        .is_empty());
}

#[tokio::test]
async fn uploads_are_recorded_and_revocable() {
    let emu = start().await;
    let (user_id, token) = emu.user().await;
    let archive: Archive = emu
        .link(Method::POST, "/uploads", &token)
        .json(&json!({"fileType": "PAYSLIP", "fileName": "payslip-2024-05.pdf", "size": 2048}))
        .data()
        .await;
    assert!(archive.id.starts_with("u-"));
    assert_eq!(archive.provider_id, "user-provided");
    assert_eq!(archive.raw_files[0].size, Some(2));
    assert_eq!(
        archive.raw_files[0].format,
        Some(smile_api::archive::FileFormat::Pdf)
    );
    let listed: Value = emu
        .get(&format!("/v1/archives?userId={user_id}"))
        .fetch()
        .await;
    assert_eq!(listed["data"]["items"][0]["id"], archive.id.as_str());
    emu.link(Method::POST, "/uploads", &token)
        .json(&json!({"fileType": "SELFIE", "fileName": "me.png"}))
        .expect_code(400, "INVALID_PARAMETERS")
        .await;
    assert_eq!(
        emu.link(Method::DELETE, &format!("/uploads/{}", archive.id), &token)
            .status()
            .await,
        200
    );
    assert_eq!(
        emu.get(&format!("/v1/archives/{}", archive.id))
            .status()
            .await,
        404
    );
}

#[tokio::test]
async fn the_upload_screen_offers_smile_s_file_types() {
    let emu = start().await;
    let (_, token) = emu.user().await;
    let session: Value = emu.link(Method::GET, "/session", &token).data().await;
    let offered = session["fileTypes"].as_array().expect("fileTypes").clone();
    // In `/fileTypes`' words and order.
    let listed: Value = emu.get("/v1/fileTypes?size=100").fetch().await;
    let listed: Vec<Value> = listed["data"]["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|t| json!({"type": t["type"], "typeLabel": t["typeLabel"]}))
        .collect();
    assert_eq!(offered, listed);
    // The Rust list is the one served.
    let constant: Vec<Value> = smile_sandbox::UPLOAD_FILE_TYPES
        .iter()
        .map(|t| json!({"type": t.file_type.as_str(), "typeLabel": t.type_label}))
        .collect();
    assert_eq!(offered, constant);
    for file_type in [
        "PAYSLIP",
        "CLEARANCE_NBI",
        "WATER_BILL",
        "ELECTRICITY_BILL",
        "TELCO_BILL",
    ] {
        assert!(
            offered.iter().any(|t| t["type"] == file_type),
            "{file_type}"
        );
    }
    // The widget keeps no list of its own to drift from it.
    let js = emu
        .http
        .get(emu.url("/smile.v2.js"))
        .fire()
        .await
        .text()
        .await
        .unwrap();
    for file_type in smile_sandbox::UPLOAD_FILE_TYPES {
        assert!(
            !js.contains(file_type.file_type.as_str()),
            "{:?}",
            file_type.file_type
        );
    }
    assert!(js.contains("session.fileTypes"));
}

#[tokio::test]
async fn the_link_api_answers_cors() {
    let emu = start().await;
    let preflight = emu
        .http
        .request(Method::OPTIONS, emu.url("/link/v1/accounts"))
        .header("origin", "http://localhost:3000")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization, content-type",
        )
        .fire()
        .await;
    assert_eq!(preflight.status(), 204);
    let headers = preflight.headers();
    assert_eq!(headers["access-control-allow-origin"], "*");
    assert!(headers["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .contains("authorization"));
    // Errors carry the header too, so the browser lets the widget read them.
    let denied = emu.http.get(emu.url("/link/v1/session")).fire().await;
    assert_eq!(denied.status(), 401);
    assert_eq!(denied.headers()["access-control-allow-origin"], "*");
    // The Open API is server-to-server: no CORS.
    let open = emu.get("/v1/providers").fire().await;
    assert!(open.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn the_widget_script_is_served_plain() {
    let emu = start().await;
    let response = emu.http.get(emu.url("/smile.v2.js")).fire().await;
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/javascript"));
    let js = response.text().await.unwrap();
    assert!(js.contains("global.SmileLinkModal = SmileLinkModal"));
    assert!(js.contains("document.currentScript"));
    // No inline handlers: a strict CSP must not break the widget.
    for handler in ["onclick=", "onload=", "onsubmit=", "innerHTML", "eval("] {
        assert!(!js.contains(handler), "{handler}");
    }

    let configured = start_with(smile_sandbox::SandboxConfig {
        public_base_url: Some("http://localhost:3000/sandbox".into()),
        ..crate::common::config()
    })
    .await;
    let js = configured
        .http
        .get(configured.url("/smile.v2.js"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(js.contains(r#"var DEFAULT_LINK_HOST = "http://localhost:3000/sandbox/link/v1";"#));
}
