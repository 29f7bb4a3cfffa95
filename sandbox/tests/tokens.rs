//! Link-token lifetime: configurable down to seconds; expired tokens are refused.

use std::time::Duration;

use crate::common::{start, start_with, Exchange};
use reqwest::Method;
use serde_json::{json, Value};
use smile_api::ExternalMetadata;

#[tokio::test]
async fn tokens_expire_after_the_configured_ttl() {
    let emu = start_with(smile_sandbox::SandboxConfig {
        token_ttl: Duration::from_secs(1),
        ..crate::common::config()
    })
    .await;
    let smile = emu.client();
    let created = smile.create_user(&ExternalMetadata::new()).await.unwrap();
    let token = created.token.access_token;
    assert_eq!(
        emu.link(Method::GET, "/session", &token).status().await,
        200
    );

    tokio::time::sleep(Duration::from_millis(1100)).await;
    emu.link(Method::GET, "/session", &token)
        .expect_code(401, "INVALID_TOKEN")
        .await;
    assert_eq!(
        emu.link(Method::POST, "/accounts", &token)
            .json(&json!({"providerId": "sss_ph"}))
            .status()
            .await,
        401
    );

    // A returning user gets a fresh token.
    let fresh = smile.create_token(&created.user.id).await.unwrap();
    assert_eq!(
        emu.link(Method::GET, "/session", &fresh.access_token)
            .status()
            .await,
        200
    );
}

#[tokio::test]
async fn admin_can_expire_tokens_and_change_the_ttl() {
    let emu = start().await;
    let (user_id, token) = emu.user().await;
    let (_, other) = emu.user().await;
    let expired: Value = emu
        .post("/_emulator/tokens/expire")
        .json(&json!({"userId": user_id}))
        .fetch()
        .await;
    assert_eq!(expired["expired"], 1);
    assert_eq!(
        emu.link(Method::GET, "/session", &token).status().await,
        401
    );
    assert_eq!(
        emu.link(Method::GET, "/session", &other).status().await,
        200,
        "other users' tokens still work"
    );

    let settings: Value = emu
        .put("/_emulator/settings")
        .json(&json!({"tokenTtlSeconds": 60}))
        .fetch()
        .await;
    assert_eq!(settings["tokenTtlSeconds"], 60);
    let token = emu.client().create_token(&user_id).await.unwrap();
    let in_two_minutes = smile_sandbox::clock::format_datetime(
        std::time::SystemTime::now() + Duration::from_secs(120),
    );
    assert!(token.expires_at < in_two_minutes, "{}", token.expires_at);

    assert_eq!(
        emu.put("/_emulator/settings")
            .json(&json!({"tokenTtl": 5}))
            .status()
            .await,
        400,
        "unknown settings are refused"
    );
}
