//! What the embedded emulator saw: the Open API requests it received, and when.

#[path = "../../tests/it/common/arrivals.rs"]
mod arrivals;

use serde_json::Value;

pub use arrivals::busiest_second;

/// The embedded emulator's documented (not secret) key pair, for its admin endpoints.
const EMULATOR_KEY: &str = "sandbox-emulator-key";
const EMULATOR_SECRET: &str = "sandbox-emulator-secret";

/// Every request the emulator of the server at `url` has logged so far, oldest first.
pub async fn request_log(url: &str) -> Vec<Value> {
    reqwest::Client::new()
        .get(format!("{url}/sandbox/_emulator/requests"))
        .basic_auth(EMULATOR_KEY, Some(EMULATOR_SECRET))
        .send()
        .await
        .expect("request log")
        .json()
        .await
        .expect("json")
}

/// When each Open API request (`/v1/...`) in `log` arrived, in microseconds.
pub fn open_api_arrivals(log: &[Value]) -> Vec<u64> {
    log.iter()
        .filter(|r| r["path"].as_str().is_some_and(|p| p.starts_with("/v1/")))
        .map(|r| r["atMicros"].as_u64().expect("atMicros"))
        .collect()
}
