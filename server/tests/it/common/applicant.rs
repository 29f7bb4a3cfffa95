//! Applicants as the front end and Smile's widget make them: apply, open the link page,
//! link accounts through the emulator's Link API.

use serde_json::{json, Value};

use super::{Browser, TestServer};

/// George's login at every provider of the emulator.
pub const GEORGE_LOGIN: (&str, &str) = ("gpalomero1234@smileapi.io", "123456");

/// George's application, as the front end posts it.
pub fn george() -> Value {
    json!({
        "fullName": "George Palomero Jr.", "email": "gpalomero1234@smileapi.io",
        "mobile": "+639559991234", "employer": "ABC Corporation",
        "monthlyIncome": "25000", "consent": true
    })
}

/// An applicant who applied and opened the link page.
pub struct Applicant {
    /// Their browser, with the session cookie.
    pub browser: Browser,
    pub id: String,
    /// The widget's link token.
    pub token: String,
}

/// An applicant applies (`application` as the front end posts it) on the server at
/// `server_url` and opens the link page.
pub async fn apply(server_url: &str, application: &Value) -> Applicant {
    let browser = Browser::new(server_url);
    let apply = browser.post("/api/applications", application).await;
    assert_eq!(apply.status(), reqwest::StatusCode::CREATED);
    let id = apply.json::<Value>().await.unwrap()["application"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let config: Value = browser.get("/api/link/config").await.json().await.unwrap();
    let token = config["widget"]["userToken"].as_str().unwrap().to_owned();
    Applicant { browser, id, token }
}

/// Links an account as the widget does, with an applicant's link `token`, through the
/// Link API of the emulator at `emulator` (its root, e.g. `<server>/sandbox`); `mfa` for
/// providers that ask. Returns the account id.
pub async fn link(
    emulator: &str,
    token: &str,
    provider: &str,
    (login, password): (&str, &str),
    mfa: Option<&str>,
) -> String {
    let link = format!("{emulator}/link/v1");
    let http = reqwest::Client::new();
    let created = link_api_post(
        emulator,
        token,
        "/accounts",
        json!({ "providerId": provider }),
    )
    .await;
    let account_id = created["data"]["id"].as_str().unwrap().to_owned();
    let login = http
        .post(format!("{link}/accounts/{account_id}/login"))
        .bearer_auth(token)
        .json(&json!({ "loginName": login, "password": password }))
        .send()
        .await
        .unwrap();
    let status = login.status();
    assert!(
        status.is_success(),
        "{status}: {}",
        login.text().await.unwrap()
    );
    if let Some(code) = mfa {
        let mfa = http
            .post(format!("{link}/accounts/{account_id}/mfa"))
            .bearer_auth(token)
            .json(&json!({ "code": code }))
            .send()
            .await
            .unwrap();
        assert!(mfa.status().is_success());
    }
    account_id
}

/// A `POST` to the emulator's Link API (the widget's backend) with a link `token`; the
/// answer's JSON.
async fn link_api_post(emulator: &str, token: &str, path: &str, body: Value) -> Value {
    reqwest::Client::new()
        .post(format!("{emulator}/link/v1{path}"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

impl Applicant {
    /// Uploads `file_name` as a payslip in the widget; the archive id.
    pub async fn upload_payslip(&self, file_name: &str) -> String {
        let emulator = format!("{}/sandbox", self.browser.base);
        let body = json!({"fileType": "PAYSLIP", "fileName": file_name, "size": 48_213});
        let created = link_api_post(&emulator, &self.token, "/uploads", body).await;
        created["data"]["id"].as_str().unwrap().to_owned()
    }

    /// Links an account in the widget; see [`link`].
    pub async fn link(&self, provider: &str, login: (&str, &str), mfa: Option<&str>) -> String {
        let emulator = format!("{}/sandbox", self.browser.base);
        link(&emulator, &self.token, provider, login, mfa).await
    }

    /// The accounts' statuses, as the applicant's link page lists them.
    pub async fn account_statuses(&self) -> Vec<String> {
        let list: Value = self
            .browser
            .get("/api/link/accounts")
            .await
            .json()
            .await
            .unwrap();
        list["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["status"].as_str().unwrap().to_owned())
            .collect()
    }

    /// Waits (bounded: 15 s) until the applicant's one account is synced ("ready").
    pub async fn until_ready(&self) {
        for _ in 0..150 {
            if self.account_statuses().await == ["ready"] {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("not ready: {:?}", self.account_statuses().await);
    }
}

impl TestServer {
    /// An applicant applies with `application` and opens the link page.
    pub async fn apply(&self, application: &Value) -> Applicant {
        apply(&self.url, application).await
    }

    /// George — with `fields` over his application — applies and links his SSS account:
    /// the applicant and the account id.
    pub async fn george_linked(&self, fields: Value) -> (Applicant, String) {
        let mut application = george();
        for (key, value) in fields.as_object().unwrap() {
            application[key] = value.clone();
        }
        let applicant = self.apply(&application).await;
        let account_id = applicant.link("sss_ph", GEORGE_LOGIN, None).await;
        (applicant, account_id)
    }
}
