//! Two server instances on one database (the way several instances run behind one
//! address): they share sessions, and creating an applicant's Smile user is leased in the
//! database, so racing requests on both instances still make exactly one Smile user.

use reqwest::Method;
use serde_json::{json, Value};

use crate::common::{emulator, george, TestServer};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_racing_make_one_smile_user() {
    let dir = tempfile::tempdir().unwrap();
    let first = TestServer::start_at(
        dir.path(),
        tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap(),
        &["--background", "false"],
    )
    .await;
    let emulator_url = first.emulator_url();
    // The second instance: same database, same Smile (the first one's emulator).
    let second = TestServer::start_at(
        dir.path(),
        tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap(),
        &[
            "--background",
            "false",
            "--smile-base-url",
            &format!("{emulator_url}/v1"),
        ],
    )
    .await;

    // Applying while Smile refuses user creation: the application is kept without a user.
    let faults =
        |body: Value| emulator(&emulator_url, Method::POST, "/_emulator/faults", Some(body));
    faults(json!({"endpoint": "POST /v1/users", "statuses": [503, 503, 503]})).await;
    let browser = first.browser();
    let created = browser.post("/api/applications", &george()).await;
    assert_eq!(created.status(), 201);
    let created: Value = created.json().await.unwrap();
    let reference = created["application"]["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    // Smile is back but slow, and the applicant's page asks both instances at once.
    emulator(&emulator_url, Method::DELETE, "/_emulator/faults", None).await;
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

    let users = emulator(&emulator_url, Method::GET, "/v1/users?size=100", None).await;
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

/// Work leased by several instances at once is leased once: 40 sync jobs and 200 stored
/// webhooks, claimed by 2 instances × 6 workers each, racing. (Under PostgreSQL a pick
/// without a re-check let two workers lease the same job; the rate-limit test saw a job
/// die of attempts it never made.)
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_never_lease_the_same_work() {
    use std::collections::HashSet;
    use wink_server::db::{applicants, inbox, sync_jobs};

    const JOBS: usize = 40;
    const EVENTS: usize = 200;
    let dir = tempfile::tempdir().unwrap();
    let listen = || async { tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap() };
    let first = TestServer::start_at(dir.path(), listen().await, &["--background", "false"]).await;
    let second = TestServer::start_at(dir.path(), listen().await, &["--background", "false"]).await;
    let db = first.state.db();
    for i in 0..JOBS {
        let id = format!("applicant-{i}");
        applicants::insert(
            db,
            applicants::NewApplicant {
                id: &id,
                verification: wink_api::VerificationPath::Wink,
                reference: &format!("WP-L{i:05}"),
                full_name: "Lease Test",
                email: "lease@example.com",
                mobile: "+639170000000",
                employer: "ABC",
                monthly_income: 1,
                currency: "PHP",
                resume_hash: &format!("resume-{i}"),
                consent_version: wink_api::CONSENT_VERSION,
                smile_template_id: None,
                language: wink_api::Lang::En,
            },
        )
        .await
        .unwrap();
        sync_jobs::enqueue(
            db,
            sync_jobs::SourceKind::Account,
            &format!("acc-{i}"),
            &id,
            false,
            std::time::Duration::ZERO,
        )
        .await
        .unwrap();
    }
    let events: Vec<inbox::NewDelivery> = (0..EVENTS)
        .map(|i| inbox::NewDelivery {
            event_id: format!("evt-{i}"),
            event_type: "TASK_STARTED".into(),
            body: b"{}".to_vec(),
            status: inbox::InboxStatus::Pending,
            smile_user_id: None,
        })
        .collect();
    inbox::insert_unless_buried(db, &events.iter().collect::<Vec<_>>())
        .await
        .unwrap();

    let minute = std::time::Duration::from_secs(60);
    let mut workers = Vec::new();
    for state in [first.state.clone(), second.state.clone()] {
        for _ in 0..6 {
            let state = state.clone();
            workers.push(tokio::spawn(async move {
                let (mut jobs, mut events) = (Vec::new(), Vec::new());
                let (mut jobs_left, mut events_left) = (true, true);
                while jobs_left || events_left {
                    if jobs_left {
                        match sync_jobs::lease(state.db(), minute).await.unwrap() {
                            Some(job) => jobs.push(job.source_id),
                            None => jobs_left = false,
                        }
                    }
                    if events_left {
                        let leased = inbox::lease(state.db(), 3, minute).await.unwrap();
                        events_left = !leased.is_empty();
                        events.extend(leased.into_iter().map(|e| e.id));
                    }
                }
                (jobs, events)
            }));
        }
    }
    let (mut jobs, mut events) = (Vec::new(), Vec::new());
    for worker in workers {
        let (j, e) = worker.await.unwrap();
        jobs.extend(j);
        events.extend(e);
    }
    // A worker that lost every race may stop early; whatever is left is leased now.
    while let Some(job) = sync_jobs::lease(db, minute).await.unwrap() {
        jobs.push(job.source_id);
    }
    loop {
        let leased = inbox::lease(db, 50, minute).await.unwrap();
        if leased.is_empty() {
            break;
        }
        events.extend(leased.into_iter().map(|e| e.id));
    }
    let distinct_jobs: HashSet<_> = jobs.iter().collect();
    let distinct_events: HashSet<_> = events.iter().collect();
    assert_eq!(
        jobs.len(),
        distinct_jobs.len(),
        "a sync job was leased twice"
    );
    assert_eq!(
        events.len(),
        distinct_events.len(),
        "a webhook was leased twice"
    );
    assert_eq!(distinct_jobs.len(), JOBS);
    assert_eq!(distinct_events.len(), EVENTS);
}
