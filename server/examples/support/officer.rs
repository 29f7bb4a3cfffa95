//! An officer of the bench's lender, signed in.

use super::server::BenchServer;

/// Adds an officer straight into the database and signs in as them: their browser.
pub async fn signed_in_officer(server: &BenchServer) -> reqwest::Client {
    const EMAIL: &str = "bench@lender.test";
    const PASSWORD: &str = "bench-password-123";
    wink_server::officers::demo::add(
        server.state.db(),
        EMAIL,
        &secrecy::SecretString::from(PASSWORD.to_owned()),
    )
    .await
    .expect("officer");
    let officer = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client");
    let login = officer
        .post(format!("{}/api/officer/login", server.url))
        .json(&serde_json::json!({"email": EMAIL, "password": PASSWORD}))
        .send()
        .await
        .expect("login");
    assert!(login.status().is_success());
    officer
}
