//! Linking an account as an applicant's browser and Smile's widget do.

use super::applicant::{apply, browser};

/// Applies as George with `email` and opens the link page: the widget's token.
pub async fn link_page(url: &str, email: &str) -> String {
    let browser = browser();
    apply(url, &browser, email).await;
    let config: serde_json::Value = browser
        .get(format!("{url}/api/link/config"))
        .send()
        .await
        .expect("link config")
        .json()
        .await
        .expect("json");
    config["widget"]["userToken"]
        .as_str()
        .expect("token")
        .to_owned()
}

/// Links George's `sss_ph` account as the widget does, through the emulator's Link API at
/// `url` (the server's root) with the link `token`; the account's id.
pub async fn link_in_widget(url: &str, token: &str) -> String {
    link_provider(url, token, "sss_ph").await
}

/// Links George's account at `provider` as the widget does (with the sandbox's MFA code
/// where the provider asks for one); the account's id.
pub async fn link_provider(url: &str, token: &str, provider: &str) -> String {
    let link = format!("{url}/sandbox/link/v1");
    let http = reqwest::Client::new();
    let created: serde_json::Value = http
        .post(format!("{link}/accounts"))
        .bearer_auth(token)
        .json(&serde_json::json!({"providerId": provider}))
        .send()
        .await
        .expect("create account")
        .json()
        .await
        .expect("json");
    let account = created["data"]["id"]
        .as_str()
        .expect("account id")
        .to_owned();
    let login = http
        .post(format!("{link}/accounts/{account}/login"))
        .bearer_auth(token)
        .json(&serde_json::json!({"loginName": "gpalomero1234@smileapi.io", "password": "123456"}))
        .send()
        .await
        .expect("login");
    assert!(
        login.status().is_success(),
        "{provider}: {}",
        login.status()
    );
    let logged_in: serde_json::Value = login.json().await.expect("json");
    // As the widget does: a provider that asks for a verification code says so in the
    // account's status (the emulator's code is 1234).
    if logged_in["data"]["connectionStatus"] == "AWAITING_MFA" {
        let mfa = http
            .post(format!("{link}/accounts/{account}/mfa"))
            .bearer_auth(token)
            .json(&serde_json::json!({"code": "1234"}))
            .send()
            .await
            .expect("mfa");
        assert!(
            mfa.status().is_success(),
            "{provider} mfa: {}",
            mfa.status()
        );
    }
    account
}
