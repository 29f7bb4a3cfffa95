//! A browser of the test server: its own cookie jar, so its own session.

use serde::de::DeserializeOwned;

pub struct Browser {
    /// The server's URL, which paths are relative to.
    pub base: String,
    pub http: reqwest::Client,
}

impl Browser {
    /// A new browser of the server at `base`.
    pub fn new(base: &str) -> Self {
        Self {
            base: base.to_owned(),
            http: reqwest::Client::builder()
                .cookie_store(true)
                .build()
                .unwrap(),
        }
    }

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

    /// GETs `path` and reads the answer's JSON body.
    pub async fn get_json<T: DeserializeOwned>(&self, path: &str) -> T {
        self.get(path).await.json().await.unwrap()
    }

    /// POSTs `body` to `path` and reads the answer's JSON body.
    pub async fn post_json<T: DeserializeOwned>(&self, path: &str, body: &serde_json::Value) -> T {
        self.post(path, body).await.json().await.unwrap()
    }
}
