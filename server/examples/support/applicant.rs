//! An applicant's browser, and applying with it.

/// A browser with its own cookie jar: its own applicant session.
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client")
}

/// Applies as George with `email` from the browser `http`; the application's id.
pub async fn apply(url: &str, http: &reqwest::Client, email: &str) -> String {
    let applied = http
        .post(format!("{url}/api/applications"))
        .json(&serde_json::json!({
            "fullName": "George Palomero Jr.", "email": email, "mobile": "+639559991234",
            "employer": "ABC Corporation", "monthlyIncome": "25000", "consent": true
        }))
        .send()
        .await
        .expect("apply");
    assert_eq!(applied.status(), reqwest::StatusCode::CREATED);
    let body: serde_json::Value = applied.json().await.expect("json");
    body["application"]["id"]
        .as_str()
        .expect("application id")
        .to_owned()
}
