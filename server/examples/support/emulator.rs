//! What the embedded emulator saw: the Open API requests it received, and when.

use serde_json::Value;

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

/// When each Open API request (`/v1/...`) in `log` arrived, in microseconds, ascending.
pub fn open_api_arrivals(log: &[Value]) -> Vec<u64> {
    let mut arrivals: Vec<u64> = log
        .iter()
        .filter(|r| r["path"].as_str().is_some_and(|p| p.starts_with("/v1/")))
        .map(|r| r["atMicros"].as_u64().expect("atMicros"))
        .collect();
    arrivals.sort_unstable();
    arrivals
}

/// The most of the ascending `arrivals` within any one second (Smile allows 20).
pub fn most_in_one_second(arrivals: &[u64]) -> usize {
    let mut first = 0;
    let mut most = 0;
    for last in 0..arrivals.len() {
        while arrivals[last] - arrivals[first] >= 1_000_000 {
            first += 1;
        }
        most = most.max(last - first + 1);
    }
    most
}
