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
        tokio::spawn(async move { axum::serve(listener, router).await });
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

    pub async fn post(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.http
            .post(format!("{}{path}", self.base))
            .json(body)
            .send()
            .await
            .unwrap()
    }
}
