//! Two server instances on one database (the way several instances run behind one
//! address): they share sessions, and creating an applicant's Smile user is leased in the
//! database, so racing requests on both instances still make exactly one Smile user.

mod common;

use common::TestServer;
use reqwest::Method;
use serde_json::{json, Value};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_racing_make_one_smile_user() {
    let dir = tempfile::tempdir().unwrap();
    let first = TestServer::start_at(
        dir.path(),
        tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap(),
        &["--background", "false"],
    )
    .await;
    let emulator = format!("{}/sandbox", first.url);
    // The second instance: same database, same Smile (the first one's emulator).
    let second = TestServer::start_at(
        dir.path(),
        tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap(),
        &[
            "--background",
            "false",
            "--smile-base-url",
            &format!("{emulator}/v1"),
        ],
    )
    .await;

    // Applying while Smile refuses user creation: the application is kept without a user.
    let faults =
        |body: Value| common::emulator(&emulator, Method::POST, "/_emulator/faults", Some(body));
    faults(json!({"endpoint": "POST /v1/users", "statuses": [503, 503, 503]})).await;
    let browser = first.browser();
    let created = browser.post("/api/applications", &common::george()).await;
    assert_eq!(created.status(), 201);
    let created: Value = created.json().await.unwrap();
    let reference = created["application"]["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    // Smile is back but slow, and the applicant's page asks both instances at once.
    common::emulator(&emulator, Method::DELETE, "/_emulator/faults", None).await;
    faults(json!({"endpoint": "POST /v1/users", "latencyMs": 400})).await;
    let ask = |base: String| {
        let http = browser.http.clone();
        async move {
            // The same cookie jar: the shared session works on either instance.
            let response = http
                .get(format!("{base}/api/link/config"))
                .send()
                .await
                .unwrap();
            let status = response.status();
            (status, response.text().await.unwrap())
        }
    };
    let (a, b) = tokio::join!(ask(first.url.clone()), ask(second.url.clone()));
    assert_eq!(a.0, 200, "{}", a.1);
    assert_eq!(b.0, 200, "{}", b.1);

    let users = common::emulator(&emulator, Method::GET, "/v1/users?size=100", None).await;
    let with_reference = users["data"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["externalMetadata"]["reference"] == reference.as_str())
        .count();
    assert_eq!(
        with_reference, 1,
        "exactly one Smile user for {reference}: {users}"
    );
}
