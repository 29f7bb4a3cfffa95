//! The client against a local HTTP server (axum on 127.0.0.1:0) that records every request
//! it receives and answers from a script.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use futures_util::StreamExt;
use serde_json::{json, Value};
use smile_api::archive::{ArchiveFileType, FileFormat, FileSubtype};
use smile_api::client::{
    Credentials, DataFilter, ProviderQuery, RateLimit, RetryPolicy, SmileClient, SmileConfig,
    SmileError, UserQuery,
};
use smile_api::{
    ClassifyArchiveRequest, CreateArchiveRequest, CreateWebhook, Datapoint, EventType,
    ExternalMetadata, FileObject, ResponseCode, TaskStatus, TaskType,
};
use tokio::time::Instant;

/// `base64("test-key:test-secret")`, computed independently.
const EXPECTED_AUTH: &str = "Basic dGVzdC1rZXk6dGVzdC1zZWNyZXQ=";

#[derive(Clone, Debug)]
struct Seen {
    method: String,
    path: String,
    query: Option<String>,
    authorization: Option<String>,
    content_type: Option<String>,
    body: Vec<u8>,
    at: Instant,
}

impl Seen {
    fn line(&self) -> String {
        match &self.query {
            Some(q) => format!("{} {}?{}", self.method, self.path, q),
            None => format!("{} {}", self.method, self.path),
        }
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("request body is JSON")
    }
}

/// A scripted answer.
struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: String,
    delay: Duration,
}

impl Reply {
    fn json(status: u16, body: Value) -> Self {
        Reply {
            status,
            headers: vec![("content-type", "application/json".into())],
            body: body.to_string(),
            delay: Duration::ZERO,
        }
    }

    fn ok(data: Value) -> Self {
        Reply::json(200, envelope(data))
    }

    fn error(status: u16, code: &str) -> Self {
        Reply::json(
            status,
            json!({"code": code, "message": format!("{code} message"), "requestId": format!("req-{status}"), "data": {}}),
        )
    }

    fn header(mut self, name: &'static str, value: &str) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    fn after(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

type Script = dyn Fn(&Seen, usize) -> Reply + Send + Sync;

#[derive(Clone)]
struct Mock {
    seen: Arc<Mutex<Vec<Seen>>>,
    count: Arc<AtomicUsize>,
    script: Arc<Script>,
}

struct Server {
    base_url: String,
    mock: Mock,
}

impl Server {
    async fn start(script: impl Fn(&Seen, usize) -> Reply + Send + Sync + 'static) -> Self {
        let mock = Mock {
            seen: Arc::default(),
            count: Arc::default(),
            script: Arc::new(script),
        };
        let app = Router::new().fallback(handle).with_state(mock.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Server {
            base_url: format!("http://{addr}/v1"),
            mock,
        }
    }

    fn seen(&self) -> Vec<Seen> {
        self.mock.seen.lock().unwrap().clone()
    }

    /// The ids of every identity a client lists for `filter`, page after page.
    async fn identity_ids(&self, filter: DataFilter) -> Vec<String> {
        let items = self
            .client()
            .identities(&filter)
            .collect_vec()
            .await
            .unwrap();
        items.into_iter().map(|i| i.id).collect()
    }

    fn client(&self) -> SmileClient {
        self.client_with(|_| {})
    }

    fn client_with(&self, adjust: impl FnOnce(&mut SmileConfig)) -> SmileClient {
        let mut config = test_config(&self.base_url);
        adjust(&mut config);
        SmileClient::new(config).unwrap()
    }
}

fn test_config(base_url: &str) -> SmileConfig {
    let mut config =
        SmileConfig::new(base_url, Credentials::new("test-key", "test-secret")).unwrap();
    // Fast back-off so retry tests take milliseconds.
    config.retry = RetryPolicy {
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(40),
        ..RetryPolicy::default()
    };
    config
}

async fn handle(
    State(mock): State<Mock>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let seen = Seen {
        at: Instant::now(),
        method: method.to_string(),
        path: uri.path().to_owned(),
        query: uri.query().map(str::to_owned),
        authorization: header(&headers, "authorization"),
        content_type: header(&headers, "content-type"),
        body: body.to_vec(),
    };
    let index = mock.count.fetch_add(1, Ordering::SeqCst);
    mock.seen.lock().unwrap().push(seen.clone());
    let reply = (mock.script)(&seen, index);
    if !reply.delay.is_zero() {
        tokio::time::sleep(reply.delay).await;
    }
    let mut response = (StatusCode::from_u16(reply.status).unwrap(), reply.body).into_response();
    for (name, value) in reply.headers {
        response.headers_mut().insert(name, value.parse().unwrap());
    }
    response
}

fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

fn envelope(data: Value) -> Value {
    json!({"code": "OK", "message": "Success", "requestId": "req-ok", "data": data})
}

fn page(items: Vec<Value>, next: Option<&str>) -> Value {
    json!({"nextCursor": next, "items": items})
}

fn metadata() -> Value {
    json!({"createdAt": "2021-04-14T09:30:24Z", "sourceId": "a-1", "sourceType": "ACCOUNT",
           "userId": "t-1", "providerId": "sss_ph"})
}

fn user() -> Value {
    json!({"id": "t-1", "externalMetadata": {"ref": "APP-1"}, "createdAt": "2021-04-14T09:30:24Z", "providers": []})
}

fn token() -> Value {
    json!({"id": "tk-1", "expiresAt": "2021-04-14T14:30:24Z", "mode": "SANDBOX", "accessToken": "tok"})
}

fn account() -> Value {
    json!({"id": "a-1", "createdAt": "2021-04-14T09:30:24Z", "providerId": "sss_ph", "userId": "t-1",
           "connectionStatus": "CONNECTED",
           "connection": {"status": "CONNECTED", "errorCode": null, "errorMessage": null, "updatedAt": "2021-04-14T09:30:24Z"},
           "monitorStatus": "ACTIVE", "monitor": {"status": "ACTIVE", "updatedAt": null}})
}

fn provider() -> Value {
    json!({"id": "sss_ph", "name": "SSS", "longName": "Social Security System", "logoUrl": "https://x/sss.png",
           "type": "GOVERNMENT", "typeLabel": "Govt Service", "subType": "INSURANCE", "subTypeLabel": "Social Insurance",
           "active": true, "enabled": true, "mfa": false, "accountConnection": true,
           "supported": ["CONTRIBUTIONS", "EMPLOYMENTS"]})
}

fn identity(id: &str) -> Value {
    json!({"id": id, "fullName": "George Palomero", "emails": [], "phones": [], "socialProfiles": [],
           "addresses": [], "metadata": metadata()})
}

fn webhook() -> Value {
    json!({"id": "w-1", "createdAt": "2021-04-14T09:30:24Z", "name": "wink", "url": "https://wink.example/hooks/smile",
           "secret": "s3cret", "eventTypes": ["ALL_EVENTS"], "active": true, "updatedAt": "2021-04-14T09:30:24Z"})
}

fn archive() -> Value {
    json!({"id": "u-1", "createdAt": "2021-04-14T09:30:24Z", "providerId": "tenant-provided", "userId": "t-1",
           "type": "PAYSLIP",
           "state": {"status": "STARTED", "errorCode": null, "errorMessage": null, "updatedAt": "2021-04-14T09:30:24Z"},
           "rawFiles": [{"id": "f-1", "createdAt": "2021-04-14T09:30:24Z", "name": "payslip.pdf", "subType": "PAYSLIP",
                         "size": 3048, "format": "PDF", "url": "https://file.example/f-1.pdf"}],
           "classification": {"fileType": "PAYSLIP"}})
}

/// A finished task, in the spec's form.
fn finished_task() -> Value {
    json!({"id": "task-1", "type": "LINK_ACCOUNT", "startedAt": "2021-04-14T09:31:24Z",
           "finishedAt": "2021-04-14T09:33:21Z", "status": "Finished",
           "datapoints": ["IDENTITIES", "CONTRIBUTIONS"], "metadata": metadata()})
}

fn file_type() -> Value {
    json!({"type": "PAYSLIP", "typeLabel": "Payslip", "logoUrl": "https://x/payslip.png", "active": true,
           "enabled": true, "ocr": true, "supported": ["EMPLOYMENTS", "INCOMES"]})
}

/// Answers every endpoint the client has with a valid response.
fn happy_path(seen: &Seen, _: usize) -> Reply {
    let segments: Vec<&str> = seen.path.trim_start_matches("/v1/").split('/').collect();
    match (seen.method.as_str(), segments.as_slice()) {
        ("POST", ["users"]) => {
            Reply::json(201, envelope(json!({"user": user(), "token": token()})))
        }
        ("POST", ["tokens"]) => Reply::json(201, envelope(token())),
        ("GET", ["users"]) => Reply::ok(page(vec![user()], None)),
        ("GET", ["users", _]) => Reply::ok(user()),
        ("GET", ["accounts"]) => Reply::ok(page(vec![account()], None)),
        ("GET", ["accounts", _]) => Reply::ok(account()),
        ("DELETE", [_, _]) => Reply::json(
            200,
            json!({"code": "OK", "message": "Success", "requestId": "req-del"}),
        ),
        ("GET", ["providers"]) => Reply::ok(page(vec![provider()], None)),
        ("GET", ["providers", _]) => Reply::ok(provider()),
        ("GET", ["identities"]) => Reply::ok(page(vec![identity("i-1")], None)),
        ("GET", ["employments"]) => Reply::ok(page(
            vec![
                json!({"id": "e-1", "startDate": "2023-10-01", "employer": "ABC Corporation", "metadata": metadata()}),
            ],
            None,
        )),
        ("GET", ["incomes"]) => Reply::ok(page(
            vec![
                json!({"id": "inc-1", "startDate": "2023-10-01", "currency": "PHP", "netAmount": 7820.25, "metadata": metadata()}),
            ],
            None,
        )),
        ("GET", ["contributions"]) => Reply::ok(page(
            vec![
                json!({"id": "con-1", "date": "2023-10-31", "currency": "PHP", "amount": 1375, "metadata": metadata()}),
            ],
            None,
        )),
        ("GET", ["eincomes"]) => Reply::ok(page(
            vec![
                json!({"id": "einc-1", "month": "2023-10", "currency": "PHP", "amount": 8500, "metadata": metadata()}),
            ],
            None,
        )),
        ("GET", ["archives" | "uploads"]) => Reply::ok(page(vec![archive()], None)),
        ("GET", ["archives", _]) | ("POST", ["archives"] | ["archives", "classify"]) => {
            Reply::ok(archive())
        }
        ("GET", ["fileTypes"]) => Reply::ok(page(vec![file_type()], None)),
        // A task not finished in both forms: the examples' `null`s, and the spec's absences.
        ("GET", ["tasks"]) => Reply::ok(page(
            vec![
                finished_task(),
                json!({"id": "task-2", "type": "LINK_ACCOUNT", "startedAt": "2021-04-14T09:31:24Z",
                       "finishedAt": null, "status": "Started", "datapoints": null, "metadata": metadata()}),
                json!({"id": "task-3", "type": "ANALYZE_ARCHIVE", "startedAt": "2021-04-14T09:31:24Z",
                       "status": "Started", "metadata": metadata()}),
            ],
            None,
        )),
        ("GET", ["tasks", _]) => Reply::ok(finished_task()),
        ("POST", ["webhooks"]) => Reply::ok(webhook()),
        ("GET", ["webhooks"]) => Reply::ok(page(vec![webhook()], None)),
        _ => Reply::error(404, "MISSING_RESOURCE"),
    }
}

/// 503 (Smile did nothing) to the first request, then [`happy_path`].
fn unavailable_once(seen: &Seen, i: usize) -> Reply {
    if i == 0 {
        Reply::error(503, "SERVER_UNAVAILABLE")
    } else {
        happy_path(seen, i)
    }
}

#[tokio::test]
async fn each_method_sends_the_right_request_line_auth_and_query() {
    let server = Server::start(happy_path).await;
    let client = server.client();

    let metadata = ExternalMetadata::new().with("ref", "APP-1").unwrap();
    let created = client.create_user(&metadata).await.unwrap();
    assert_eq!(created.user.id, "t-1");
    assert_eq!(created.token.access_token, "tok");
    assert_eq!(
        client.create_token("t-1").await.unwrap().access_token,
        "tok"
    );
    assert_eq!(client.get_user("t-1").await.unwrap().id, "t-1");
    let users = client
        .list_users(&UserQuery {
            start_date: Some("2021-04-01".into()),
            end_date: None,
        })
        .collect_vec()
        .await
        .unwrap();
    assert_eq!(users.len(), 1);
    assert_eq!(
        client
            .list_accounts("t-1")
            .collect_vec()
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        client.get_account("a-1").await.unwrap().provider_id,
        "sss_ph"
    );
    client.delete_account("a-1").await.unwrap();
    let query = ProviderQuery {
        active: Some(true),
        ids: vec!["sss_ph".into(), "upwork".into()],
        ..ProviderQuery::default()
    };
    assert_eq!(
        client.list_providers(&query).collect_vec().await.unwrap()[0].id,
        "sss_ph"
    );
    assert!(client.get_provider("sss_ph").await.unwrap().active);
    let source = DataFilter::source("a-1");
    let by_user = DataFilter::user("t-1");
    assert_eq!(
        client.identities(&source).collect_vec().await.unwrap()[0].id,
        "i-1"
    );
    assert_eq!(
        client
            .identities(&by_user)
            .collect_vec()
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        client.employments(&source).collect_vec().await.unwrap()[0].id,
        "e-1"
    );
    assert_eq!(
        client
            .employments(&by_user)
            .collect_vec()
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        client.incomes(&source).collect_vec().await.unwrap()[0].net_amount,
        Some(7820.25)
    );
    assert_eq!(
        client.incomes(&by_user).collect_vec().await.unwrap().len(),
        1
    );
    assert_eq!(
        client.contributions(&source).collect_vec().await.unwrap()[0].amount,
        1375.0
    );
    assert_eq!(
        client
            .contributions(&by_user)
            .collect_vec()
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        client.eincomes(&source).collect_vec().await.unwrap()[0].value(),
        Some(8500.0)
    );
    assert_eq!(
        client.eincomes(&by_user).collect_vec().await.unwrap().len(),
        1
    );
    let hook = CreateWebhook {
        name: "wink".into(),
        url: "https://wink.example/hooks/smile".into(),
        event_types: vec![EventType::AllEvents],
        active: true,
        secret: "s3cret".into(),
        include_payload: Some(false),
    };
    assert_eq!(client.create_webhook(&hook).await.unwrap().id, "w-1");
    assert_eq!(client.list_webhooks().collect_vec().await.unwrap().len(), 1);
    client.delete_webhook("w-1").await.unwrap();
    // An id can never leave its path segment.
    client.get_user("../accounts/a-1").await.unwrap();
    for bad in ["", ".", ".."] {
        let err = client.get_account(bad).await.unwrap_err();
        assert!(matches!(err, SmileError::InvalidArgument(_)), "{err:?}");
    }

    let seen = server.seen();
    let lines: Vec<String> = seen.iter().map(Seen::line).collect();
    assert_eq!(
        lines,
        [
            "POST /v1/users",
            "POST /v1/tokens?userId=t-1",
            "GET /v1/users/t-1",
            "GET /v1/users?startDate=2021-04-01&size=100",
            "GET /v1/accounts?userId=t-1&size=100",
            "GET /v1/accounts/a-1",
            "DELETE /v1/accounts/a-1",
            "GET /v1/providers?active=true&ids=sss_ph%2Cupwork&size=100",
            "GET /v1/providers/sss_ph",
            "GET /v1/identities?sourceId=a-1&size=100",
            "GET /v1/identities?userId=t-1&size=100",
            "GET /v1/employments?sourceId=a-1&size=100",
            "GET /v1/employments?userId=t-1&size=100",
            "GET /v1/incomes?sourceId=a-1&size=100",
            "GET /v1/incomes?userId=t-1&size=100",
            "GET /v1/contributions?sourceId=a-1&size=100",
            "GET /v1/contributions?userId=t-1&size=100",
            "GET /v1/eincomes?sourceId=a-1&size=100",
            "GET /v1/eincomes?userId=t-1&size=100",
            "POST /v1/webhooks",
            "GET /v1/webhooks?size=100",
            "DELETE /v1/webhooks/w-1",
            "GET /v1/users/..%2Faccounts%2Fa-1",
        ]
    );
    for request in &seen {
        assert_eq!(
            request.authorization.as_deref(),
            Some(EXPECTED_AUTH),
            "{}",
            request.line()
        );
    }
    assert_eq!(
        seen[0].json(),
        json!({"externalMetadata": {"ref": "APP-1"}})
    );
    assert_eq!(seen[0].content_type.as_deref(), Some("application/json"));
    assert!(seen[1].body.is_empty(), "POST /tokens sends no body");
    assert_eq!(
        seen[19].json(),
        json!({"name": "wink", "url": "https://wink.example/hooks/smile", "eventTypes": ["ALL_EVENTS"],
               "active": true, "secret": "s3cret", "includePayload": false})
    );
}

#[tokio::test]
async fn archive_methods_send_the_right_requests() {
    let server = Server::start(happy_path).await;
    let client = server.client();

    let archives = client.list_archives("t-1").collect_vec().await.unwrap();
    assert_eq!(archives[0].raw_files[0].name, "payslip.pdf");
    let archive = client.get_archive("u-1").await.unwrap();
    assert_eq!(
        archive.classification.unwrap().file_type,
        ArchiveFileType::Payslip
    );
    client.delete_archive("u-1").await.unwrap();
    let file = FileObject::new("payslip.pdf", FileFormat::Pdf, b"%PDF-1.7")
        .with_subtype(FileSubtype::Payslip);
    let created = client
        .create_archive(&CreateArchiveRequest {
            user_id: Some("t-1".into()),
            file_type: Some("PAYSLIP".into()),
            raw_files: vec![file.clone()],
        })
        .await
        .unwrap();
    assert_eq!(created.id, "u-1");
    client
        .classify_archive(&ClassifyArchiveRequest {
            user_id: None,
            raw_files: vec![file],
        })
        .await
        .unwrap();
    let uploads = client.list_uploads("t-1").collect_vec().await.unwrap();
    assert_eq!(uploads[0].id, "u-1");
    let types = client.list_file_types().collect_vec().await.unwrap();
    assert_eq!((types[0].id.as_str(), types[0].ocr), ("PAYSLIP", true));

    let seen = server.seen();
    let lines: Vec<String> = seen.iter().map(Seen::line).collect();
    assert_eq!(
        lines,
        [
            "GET /v1/archives?userId=t-1&size=100",
            "GET /v1/archives/u-1",
            "DELETE /v1/archives/u-1",
            "POST /v1/archives",
            "POST /v1/archives/classify",
            "GET /v1/uploads?userId=t-1&size=100",
            "GET /v1/fileTypes?size=100",
        ]
    );
    // `base64("%PDF-1.7")`, computed independently.
    let sent_file = json!({"fileSubtype": "PAYSLIP", "fileName": "payslip.pdf",
                           "fileExtensionType": "PDF", "fileContent": "JVBERi0xLjc="});
    assert_eq!(
        seen[3].json(),
        json!({"userId": "t-1", "fileType": "PAYSLIP", "rawFiles": [sent_file.clone()]})
    );
    assert_eq!(seen[4].json(), json!({"rawFiles": [sent_file]}));
    assert!(seen
        .iter()
        .all(|s| s.authorization.as_deref() == Some(EXPECTED_AUTH)));
}

#[tokio::test]
async fn task_methods_send_the_right_requests_and_read_both_forms() {
    let server = Server::start(happy_path).await;
    let client = server.client();

    let tasks = client
        .list_tasks(&DataFilter::source("a-1"))
        .collect_vec()
        .await
        .unwrap();
    let summary: Vec<_> = tasks
        .iter()
        .map(|t| (t.id.as_str(), t.status.clone(), t.finished_at.is_some()))
        .collect();
    assert_eq!(
        summary,
        [
            ("task-1", TaskStatus::Finished, true),
            ("task-2", TaskStatus::Started, false),
            ("task-3", TaskStatus::Started, false),
        ]
    );
    assert!(tasks[1].datapoints.is_empty() && tasks[2].datapoints.is_empty());
    assert_eq!(tasks[2].task_type, TaskType::AnalyzeArchive);
    let task = client.get_task("task-1").await.unwrap();
    assert_eq!(
        task.datapoints,
        [Datapoint::Identities, Datapoint::Contributions]
    );
    assert_eq!(task.metadata.source_id, "a-1");

    let lines: Vec<String> = server.seen().iter().map(Seen::line).collect();
    assert_eq!(
        lines,
        [
            "GET /v1/tasks?sourceId=a-1&size=100",
            "GET /v1/tasks/task-1"
        ]
    );
}

/// An upload may have created an archive when the gateway gave up: like user creation, it
/// is not repeated; 503 means Smile did nothing, so it is.
#[tokio::test]
async fn uploads_are_not_blindly_retried() {
    let request = CreateArchiveRequest {
        user_id: Some("t-1".into()),
        file_type: None,
        raw_files: vec![FileObject::new("p.png", FileFormat::Png, b"png")],
    };
    let server = Server::start(|_, _| Reply::error(502, "SERVER_ERROR")).await;
    let err = server.client().create_archive(&request).await.unwrap_err();
    assert!(err.is_ambiguous(), "{err:?}");
    let classify = ClassifyArchiveRequest {
        user_id: None,
        raw_files: request.raw_files.clone(),
    };
    server
        .client()
        .classify_archive(&classify)
        .await
        .unwrap_err();
    assert_eq!(server.seen().len(), 2);

    let server = Server::start(unavailable_once).await;
    server.client().create_archive(&request).await.unwrap();
    assert_eq!(server.seen().len(), 2);
}

#[tokio::test]
async fn create_user_without_metadata_sends_an_empty_object() {
    let server = Server::start(happy_path).await;
    server
        .client()
        .create_user(&ExternalMetadata::new())
        .await
        .unwrap();
    assert_eq!(server.seen()[0].json(), json!({}));
}

#[tokio::test]
async fn pagination_follows_next_cursor_across_three_pages() {
    let server = Server::start(|seen, _| {
        let query = seen.query.clone().unwrap_or_default();
        if query.contains("cursor=c3") {
            Reply::ok(page(vec![identity("i-5")], None))
        } else if query.contains("cursor=c2") {
            Reply::ok(page(vec![identity("i-3"), identity("i-4")], Some("c3")))
        } else {
            Reply::ok(page(vec![identity("i-1"), identity("i-2")], Some("c2")))
        }
    })
    .await;
    let client = server.client();
    let ids: Vec<String> = client
        .identities(&DataFilter::source("a-1"))
        .collect_vec()
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(ids, ["i-1", "i-2", "i-3", "i-4", "i-5"]);
    let lines: Vec<String> = server.seen().iter().map(Seen::line).collect();
    assert_eq!(
        lines,
        [
            "GET /v1/identities?sourceId=a-1&size=100",
            "GET /v1/identities?sourceId=a-1&size=100&cursor=c2",
            "GET /v1/identities?sourceId=a-1&size=100&cursor=c3",
        ]
    );

    // The stream is lazy: taking one item fetches one page.
    let first = client
        .identities(&DataFilter::source("a-1"))
        .next()
        .await
        .unwrap()
        .unwrap();
    assert_eq!(first.id, "i-1");
    assert_eq!(server.seen().len(), 4);
}

/// A cursor that names the page just read: the list ends with what was read, once.
#[tokio::test]
async fn a_repeated_cursor_ends_the_list_with_what_was_read() {
    let server = Server::start(|_, _| Reply::ok(page(vec![identity("i-1")], Some("same")))).await;
    assert_eq!(server.identity_ids(DataFilter::user("t-1")).await, ["i-1"]);
    assert_eq!(server.seen().len(), 2);
}

/// A → B → A: stopped at the first cursor already followed (not only the previous one);
/// items repeated across the pages come once.
#[tokio::test]
async fn a_cursor_cycle_ends_the_list_deduplicated() {
    let server = Server::start(|seen, _| {
        let query = seen.query.clone().unwrap_or_default();
        if query.contains("cursor=A") {
            Reply::ok(page(vec![identity("i-2"), identity("i-1")], Some("B")))
        } else if query.contains("cursor=B") {
            Reply::ok(page(vec![identity("i-3"), identity("i-2")], Some("A")))
        } else {
            Reply::ok(page(vec![identity("i-1")], Some("A")))
        }
    })
    .await;
    assert_eq!(
        server.identity_ids(DataFilter::source("a-1")).await,
        ["i-1", "i-2", "i-3"]
    );
    let cursors: Vec<Option<String>> = server
        .seen()
        .iter()
        .map(|s| {
            s.query
                .as_deref()
                .unwrap_or_default()
                .split('&')
                .find_map(|kv| kv.strip_prefix("cursor=").map(str::to_owned))
        })
        .collect();
    assert_eq!(cursors, [None, Some("A".into()), Some("B".into())]);
}

/// A cursor that is new every time never ends by itself: the page bound ends it.
#[tokio::test]
async fn a_never_ending_list_stops_at_the_page_bound() {
    let server = Server::start(|_, i| {
        Reply::ok(page(
            vec![identity(&format!("i-{i}"))],
            Some(&format!("c-{i}")),
        ))
    })
    .await;
    let client = server.client_with(|config| {
        config.max_pages = 7;
        config.rate_limit.max_requests = 0;
    });
    let items = client
        .identities(&DataFilter::source("a-1"))
        .collect_vec()
        .await
        .unwrap();
    assert_eq!(items.len(), 7);
    assert_eq!(server.seen().len(), 7);
    // The default bound is 1,000 pages.
    assert_eq!(smile_api::client::DEFAULT_MAX_PAGES, 1_000);
    let default = SmileConfig::new("http://127.0.0.1:1/v1", Credentials::new("k", "s")).unwrap();
    assert_eq!(default.max_pages, 1_000);
}

/// `nextCursor` null, empty or absent: each is the last page.
#[tokio::test]
async fn a_null_empty_or_absent_next_cursor_is_the_last_page() {
    for last in [
        json!({"nextCursor": null, "items": [identity("i-1")]}),
        json!({"nextCursor": "", "items": [identity("i-1")]}),
        json!({"items": [identity("i-1")]}),
    ] {
        let server = Server::start(move |_, _| Reply::ok(last.clone())).await;
        assert_eq!(
            server.identity_ids(DataFilter::source("a-1")).await,
            ["i-1"]
        );
        assert_eq!(server.seen().len(), 1);
    }
}

/// A field that does not decode is reported with its JSON path.
#[tokio::test]
async fn a_decode_error_names_the_path_of_the_offending_field() {
    let server = Server::start(|_, _| {
        let mut bad = identity("i-2");
        bad["emails"] = json!("not a list");
        Reply::ok(page(vec![identity("i-1"), bad], None))
    })
    .await;
    let err = server
        .client()
        .identities(&DataFilter::source("a-1"))
        .collect_vec()
        .await
        .unwrap_err();
    match &err {
        SmileError::Decode { path, .. } => assert_eq!(path, "data.items[1].emails"),
        other => panic!("{other:?}"),
    }
    assert!(err.cause().to_string().contains("data.items[1].emails"));
}

#[tokio::test]
async fn two_503s_then_200_takes_three_requests_and_succeeds() {
    let server = Server::start(|seen, i| {
        if i < 2 {
            Reply::error(503, "SERVER_UNAVAILABLE")
        } else {
            happy_path(seen, i)
        }
    })
    .await;
    let account = server.client().get_account("a-1").await.unwrap();
    assert_eq!(account.id, "a-1");
    assert_eq!(server.seen().len(), 3);
}

#[tokio::test]
async fn five_503s_take_three_requests_and_return_the_error() {
    let server = Server::start(|_, _| Reply::error(503, "SERVER_UNAVAILABLE")).await;
    let err = server.client().get_account("a-1").await.unwrap_err();
    assert_eq!(server.seen().len(), 3);
    match err {
        SmileError::Api {
            status,
            code,
            message,
            request_id,
        } => {
            assert_eq!(status, 503);
            assert_eq!(code, Some(ResponseCode::ServerUnavailable));
            assert_eq!(message, "SERVER_UNAVAILABLE message");
            assert_eq!(request_id.as_deref(), Some("req-503"));
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn every_retryable_status_is_retried() {
    for status in [408u16, 429, 502, 504] {
        let server = Server::start(move |seen, i| {
            if i == 0 {
                Reply::error(status, "SERVER_ERROR")
            } else {
                happy_path(seen, i)
            }
        })
        .await;
        server.client().get_user("t-1").await.unwrap();
        assert_eq!(server.seen().len(), 2, "HTTP {status}");
    }
}

#[tokio::test]
async fn client_errors_are_not_retried() {
    for (status, code) in [
        (400, ResponseCode::InvalidParameters),
        (401, ResponseCode::InvalidToken),
        (404, ResponseCode::MissingResource),
        (500, ResponseCode::ServerError),
    ] {
        let wire = code.as_str().to_owned();
        let server = Server::start(move |_, _| Reply::error(status, &wire)).await;
        let err = server.client().get_user("t-1").await.unwrap_err();
        assert_eq!(server.seen().len(), 1, "HTTP {status}");
        assert_eq!(err.status(), Some(status));
        assert_eq!(err.code(), Some(&code));
        assert_eq!(err.request_id(), Some(format!("req-{status}").as_str()));
    }
}

#[tokio::test]
async fn a_non_smile_error_body_still_gives_a_typed_error() {
    let server = Server::start(|_, _| Reply {
        status: 502,
        headers: vec![("content-type", "text/html".into())],
        body: "<html>Bad Gateway</html>".into(),
        delay: Duration::ZERO,
    })
    .await;
    let err = server.client().get_user("t-1").await.unwrap_err();
    assert_eq!(server.seen().len(), 3);
    assert!(
        matches!(&err, SmileError::Api { status: 502, code: None, message, request_id: None } if message == "Bad Gateway"),
        "{err:?}"
    );
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let server = Server::start(|seen, i| {
        if i == 0 {
            Reply::error(429, "REQUEST_LIMIT_EXCEEDED").header("retry-after", "2")
        } else {
            happy_path(seen, i)
        }
    })
    .await;
    server.client().get_user("t-1").await.unwrap();
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    let gap = seen[1].at.duration_since(seen[0].at);
    assert!(gap >= Duration::from_secs(2), "retried after {gap:?}");
}

#[tokio::test]
async fn retry_after_beyond_the_cap_gives_up_at_once() {
    let server = Server::start(|_, _| {
        Reply::error(429, "REQUEST_LIMIT_EXCEEDED").header("retry-after", "3600")
    })
    .await;
    let started = Instant::now();
    let err = server.client().get_user("t-1").await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(server.seen().len(), 1);
    assert!(
        matches!(
            err,
            SmileError::RetryAfterTooLong { status: 429, retry_after, .. } if retry_after == Duration::from_secs(3600)
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn concurrent_calls_stay_within_twenty_per_rolling_second() {
    let server = Server::start(happy_path).await;
    let client = server.client_with(|config| config.interactive_wait = Duration::from_secs(60));
    let started = Instant::now();
    let calls: Vec<_> = (0..100)
        .map(|i| {
            // Clones share the limiter, and so do both classes of work.
            let client = if i % 2 == 0 {
                client.clone()
            } else {
                client.background()
            };
            tokio::spawn(async move { client.get_user(&format!("t-{i}")).await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    let mut arrivals: Vec<Instant> = server.seen().iter().map(|s| s.at).collect();
    assert_eq!(arrivals.len(), 100);
    arrivals.sort();
    for (i, start) in arrivals.iter().enumerate() {
        let in_window = arrivals[i..]
            .iter()
            .take_while(|t| t.duration_since(*start) < Duration::from_secs(1))
            .count();
        assert!(in_window <= 20, "{in_window} requests within one second");
    }
    // 100 requests at ≤ 20 per window need at least four further windows.
    assert!(started.elapsed() >= Duration::from_secs(4));
}

/// Interactive calls beyond their share fail fast with a typed error; nothing is sent.
#[tokio::test]
async fn interactive_calls_fail_fast_when_their_share_is_used() {
    let server = Server::start(happy_path).await;
    let client = server.client_with(|config| {
        config.interactive_wait = Duration::from_millis(100);
        config.rate_limit = RateLimit {
            max_requests: 4,
            window: Duration::from_secs(30),
        };
    });
    client.get_user("t-1").await.unwrap();
    client.get_user("t-2").await.unwrap();
    let err = client.get_user("t-3").await.unwrap_err();
    assert!(matches!(err, SmileError::Saturated { .. }), "{err:?}");
    assert_eq!(server.seen().len(), 2);
    // Background work still has its reserved half.
    client.background().get_user("t-4").await.unwrap();
    client.background().get_user("t-5").await.unwrap();
    assert_eq!(server.seen().len(), 4);
}

#[tokio::test]
async fn timeouts_are_typed_and_bounded() {
    let server = Server::start(|seen, i| happy_path(seen, i).after(Duration::from_secs(5))).await;
    let client = server.client_with(|c| c.request_timeout = Duration::from_millis(300));
    let started = Instant::now();
    let err = client.get_user("t-1").await.unwrap_err();
    assert!(matches!(err, SmileError::Timeout(_)), "{err:?}");
    assert!(started.elapsed() < Duration::from_millis(1300));
    assert!(err.is_ambiguous());
    assert_eq!(server.seen().len(), 1);
}

#[tokio::test]
async fn create_user_is_not_blindly_retried() {
    // A timeout after sending: Smile may have created the user.
    let slow = Server::start(|seen, i| happy_path(seen, i).after(Duration::from_secs(5))).await;
    let client = slow.client_with(|c| c.request_timeout = Duration::from_millis(300));
    let err = client
        .create_user(&ExternalMetadata::new())
        .await
        .unwrap_err();
    assert!(
        matches!(err, SmileError::Timeout(_)) && err.is_ambiguous(),
        "{err:?}"
    );
    assert_eq!(slow.seen().len(), 1);

    // 502/504: a gateway gave up, the user may exist: no retry, ambiguous.
    for status in [502u16, 504] {
        let server = Server::start(move |_, _| Reply::error(status, "SERVER_ERROR")).await;
        let err = server
            .client()
            .create_user(&ExternalMetadata::new())
            .await
            .unwrap_err();
        assert_eq!(server.seen().len(), 1, "HTTP {status}");
        assert!(err.is_ambiguous());
    }

    // 503 and 429 mean Smile did nothing: retried.
    let server = Server::start(unavailable_once).await;
    server
        .client()
        .create_user(&ExternalMetadata::new())
        .await
        .unwrap();
    assert_eq!(server.seen().len(), 2);

    // The same holds for creating webhooks, while token refreshes are retried on 502.
    let server = Server::start(|_, _| Reply::error(502, "SERVER_ERROR")).await;
    let client = server.client();
    let hook = CreateWebhook {
        name: "wink".into(),
        url: "https://wink.example/hooks/smile".into(),
        event_types: vec![EventType::AllEvents],
        active: true,
        secret: "s".into(),
        include_payload: None,
    };
    client.create_webhook(&hook).await.unwrap_err();
    assert_eq!(server.seen().len(), 1);
    client.create_token("t-1").await.unwrap_err();
    assert_eq!(server.seen().len(), 4);
}

#[tokio::test]
async fn connect_errors_are_retried_and_typed() {
    // A port nothing listens on.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let client = SmileClient::new(test_config(&format!("http://{addr}/v1"))).unwrap();
    let err = client
        .create_user(&ExternalMetadata::new())
        .await
        .unwrap_err();
    assert!(matches!(err, SmileError::Connect(_)), "{err:?}");
    // Nothing reached Smile, so even a create is safe to repeat.
    assert!(!err.is_ambiguous());
}

#[tokio::test]
async fn a_create_is_retried_after_a_connection_failure() {
    // Smile is not listening yet when the first attempt is made…
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let mut config = test_config(&format!("http://{addr}/v1"));
    config.retry = RetryPolicy {
        max_attempts: 10,
        base_delay: Duration::from_millis(40),
        max_delay: Duration::from_millis(80),
        ..RetryPolicy::default()
    };
    let client = SmileClient::new(config).unwrap();
    // …and comes up 60 ms later.
    let mock = Mock {
        seen: Arc::default(),
        count: Arc::default(),
        script: Arc::new(happy_path),
    };
    let seen = mock.seen.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(60)).await;
        let listener = tokio::net::TcpListener::bind(addr).await.unwrap();
        let app = Router::new().fallback(handle).with_state(mock);
        axum::serve(listener, app).await.unwrap();
    });
    let created = client.create_user(&ExternalMetadata::new()).await.unwrap();
    assert_eq!(created.user.id, "t-1");
    // Exactly one request reached the server: one user.
    assert_eq!(seen.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn an_unreadable_success_is_a_decode_error() {
    let server = Server::start(|_, _| Reply {
        status: 200,
        headers: vec![],
        body: r#"{"code":"OK","requestId":"req-bad","data":{"id":42}}"#.into(),
        delay: Duration::ZERO,
    })
    .await;
    let err = server.client().get_user("t-1").await.unwrap_err();
    assert!(
        matches!(&err, SmileError::Decode { status: 200, request_id: Some(id), .. } if id == "req-bad"),
        "{err:?}"
    );
    assert_eq!(server.seen().len(), 1);

    let server = Server::start(|_, _| {
        Reply::json(
            200,
            json!({"code": "OK", "message": "Success", "requestId": "req-x"}),
        )
    })
    .await;
    let err = server.client().get_user("t-1").await.unwrap_err();
    assert!(matches!(err, SmileError::MissingData { .. }), "{err:?}");

    // An error code in a 2xx envelope is an error all the same.
    let server = Server::start(|_, _| {
        Reply::json(200, json!({"code": "INVALID_PARAMETERS", "message": "bad size", "requestId": "req-y", "data": {}}))
    })
    .await;
    let err = server.client().get_user("t-1").await.unwrap_err();
    assert_eq!(err.code(), Some(&ResponseCode::InvalidParameters));
    assert_eq!(err.status(), Some(200));
}

#[test]
fn debug_output_never_reveals_the_key_pair() {
    let config = SmileConfig::sandbox(Credentials::new("key-id-123", "very-secret-456"));
    assert_eq!(config.base_url.as_str(), "https://sandbox.smileapi.io/v1");
    let production = SmileConfig::production(Credentials::new("key-id-123", "very-secret-456"));
    assert_eq!(production.base_url.as_str(), "https://open.smileapi.io/v1");
    let client = SmileClient::new(config.clone()).unwrap();
    for text in [
        format!("{config:?}"),
        format!("{client:?}"),
        format!("{production:#?}"),
    ] {
        assert!(!text.contains("key-id-123"), "{text}");
        assert!(!text.contains("very-secret-456"), "{text}");
    }
    assert_eq!(config.connect_timeout, Duration::from_secs(5));
    assert_eq!(config.request_timeout, Duration::from_secs(30));
    assert_eq!(config.retry.max_attempts, 3);
    assert_eq!(config.rate_limit.max_requests, 20);
    assert!(config.rate_limit.window >= Duration::from_secs(1));
    assert!(SmileConfig::new("ftp://x", Credentials::new("a", "b")).is_err());
    assert!(SmileConfig::new("not a url", Credentials::new("a", "b")).is_err());
    let _ = RateLimit::default();
}
