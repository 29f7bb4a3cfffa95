//! A real wink-server for tests: its own temporary database, listening on 127.0.0.1:0, with
//! the emulator of Smile's sandbox embedded (the only stand-in, and only for Smile).
#![allow(dead_code)] // each test binary uses a different part of this

use std::path::Path;

use clap::Parser;
use tokio::net::TcpListener;
use wink_server::{app, AppState, Config};

pub struct TestServer {
    pub url: String,
    pub state: AppState,
    _dir: tempfile::TempDir,
}

impl TestServer {
    pub async fn start() -> Self {
        Self::start_with(&[]).await
    }

    /// Starts with extra command-line options (the same as the environment variables).
    pub async fn start_with(args: &[&str]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        Self::start_in(dir, args).await
    }

    pub async fn start_in(dir: tempfile::TempDir, args: &[&str]) -> Self {
        let database_url = format!("sqlite://{}", dir.path().join("wink.db").display());
        let dist = dir.path().join("dist");
        let mut argv = vec![
            "wink-server".to_owned(),
            "--database-url".into(),
            database_url,
            "--dist-dir".into(),
            dist.display().to_string(),
        ];
        argv.extend(args.iter().map(|s| s.to_string()));
        let config = Config::try_parse_from(argv).unwrap();
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let state = AppState::build(&config, &url).await.unwrap();
        let router = app(state.clone());
        tokio::spawn(async move {
            axum::serve(
                listener,
                router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
            )
            .await
        });
        if state.runs_background_tasks() {
            wink_server::sync::start(state.clone());
        }
        Self {
            url,
            state,
            _dir: dir,
        }
    }

    pub fn dist(&self) -> &Path {
        self.state.dist_dir()
    }

    /// A new browser: its own cookie jar, so its own applicant session.
    pub fn browser(&self) -> Browser {
        Browser {
            base: self.url.clone(),
            http: reqwest::Client::builder()
                .cookie_store(true)
                .build()
                .unwrap(),
        }
    }
}

impl TestServer {
    /// Adds an officer with this password straight into the database.
    pub async fn add_officer(&self, email: &str, password: &str) {
        wink_server::officer::demo::add(
            self.state.db(),
            email,
            &secrecy::SecretString::from(password.to_owned()),
        )
        .await
        .unwrap();
    }

    /// A browser signed in as a (new) officer.
    pub async fn officer(&self, email: &str) -> Browser {
        const PASSWORD: &str = "officer-password-123";
        self.add_officer(email, PASSWORD).await;
        let browser = self.browser();
        let login = browser
            .post(
                "/api/officer/login",
                &serde_json::json!({"email": email, "password": PASSWORD}),
            )
            .await;
        assert_eq!(login.status(), 200, "{}", login.text().await.unwrap());
        browser
    }

    /// A browser whose applicant applied (fields over George's defaults) and linked
    /// `provider` with `login`/`password` through the emulator's Link API, as the widget
    /// does. Returns the browser, the applicant id and the account id.
    pub async fn link_applicant(
        &self,
        fields: serde_json::Value,
        provider: &str,
        login: &str,
        password: &str,
    ) -> (Browser, String, String) {
        let browser = self.browser();
        let mut form = serde_json::json!({
            "fullName": "George Palomero Jr.", "email": "gpalomero1234@smileapi.io",
            "mobile": "+639559991234", "employer": "ABC Corporation",
            "monthlyIncome": "25000", "consent": true});
        for (key, value) in fields.as_object().unwrap() {
            form[key] = value.clone();
        }
        let created = browser.post("/api/applications", &form).await;
        assert_eq!(created.status(), 201);
        let created: serde_json::Value = created.json().await.unwrap();
        let applicant_id = created["application"]["id"].as_str().unwrap().to_owned();
        let config: serde_json::Value = browser.get("/api/link/config").await.json().await.unwrap();
        let token = config["widget"]["userToken"].as_str().unwrap().to_owned();
        let link = format!("{}/sandbox/link/v1", self.url);
        let http = reqwest::Client::new();
        let account: serde_json::Value = http
            .post(format!("{link}/accounts"))
            .bearer_auth(&token)
            .json(&serde_json::json!({"providerId": provider}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let account_id = account["data"]["id"].as_str().unwrap().to_owned();
        let logged_in = http
            .post(format!("{link}/accounts/{account_id}/login"))
            .bearer_auth(&token)
            .json(&serde_json::json!({"loginName": login, "password": password}))
            .send()
            .await
            .unwrap();
        assert!(logged_in.status().is_success());
        (browser, applicant_id, account_id)
    }
}

pub struct Browser {
    pub base: String,
    pub http: reqwest::Client,
}

impl Browser {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }

    pub async fn send(&self, method: reqwest::Method, path: &str) -> reqwest::Response {
        self.http
            .request(method, format!("{}{path}", self.base))
            .header("content-type", "application/json")
            .body("{}")
            .send()
            .await
            .unwrap()
    }

    pub async fn post(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.http
            .post(format!("{}{path}", self.base))
            .json(body)
            .send()
            .await
            .unwrap()
    }
}
