//! Fuzzes the boundary: arbitrary methods, paths, queries, headers and bodies sent to every
//! `/api` route and to `/webhooks/smile`, without a session. The server never answers 5xx,
//! never panics (a panic would be a 500 or a dropped connection), and afterwards the
//! database holds no row any of these unauthenticated requests could have written.
//! Runs on SQLite, and on PostgreSQL when `WINK_TEST_POSTGRES_URL` is set.

use crate::common::TestServer;
use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, TestRunner};

/// Route shapes, with `{}` where a path parameter goes.
const PATHS: &[&str] = &[
    "/api/info",
    "/api/applications",
    "/api/applications/me",
    "/api/applications/me/complete",
    "/api/applications/me/logout",
    "/api/applications/resume",
    "/api/applications/resume/preview",
    "/api/link/config",
    "/api/link/accounts",
    "/api/link/events",
    "/api/invites/{}",
    "/api/officer/login",
    "/api/officer/logout",
    "/api/officer/me",
    "/api/officer/applicants",
    "/api/officer/applicants/export.csv",
    "/api/officer/applicants/{}",
    "/api/officer/applicants/{}/notes",
    "/api/officer/applicants/{}/decision",
    "/api/officer/applicants/{}/audit",
    "/api/officer/invites",
    "/api/officer/rollout",
    "/api/{}",
    "/webhooks/smile",
];

const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

const CONTENT_TYPES: &[&str] = &[
    "application/json",
    "application/json; charset=utf-8",
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "",
];

/// Path segments and query values: plain, percent-encoded junk, traversal, long.
fn segment() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9_-]{0,40}",
        Just("%FF%FE".to_owned()),
        Just("%00".to_owned()),
        Just("..%2F..%2Fetc%2Fpasswd".to_owned()),
        Just("a".repeat(5000)),
        "[%a-f0-9]{1,12}",
        Just("%E2%80%AE".to_owned()),
    ]
}

/// Bodies: JSON-ish text around the routes' field names, and raw bytes.
fn body() -> impl Strategy<Value = Vec<u8>> {
    let field = prop_oneof![
        Just("fullName"),
        Just("email"),
        Just("password"),
        Just("callback"),
        Just("payload"),
        Just("text"),
        Just("outcome"),
        Just("token"),
        Just("type"),
        Just("data"),
    ];
    let value = prop_oneof![
        "[ -~]{0,30}".prop_map(serde_json::Value::String),
        any::<i64>().prop_map(serde_json::Value::from),
        Just(serde_json::Value::Null),
        Just(serde_json::json!({"uploads": [{"id": "u-1"}]})),
        Just(serde_json::Value::String("\u{0}".into())),
    ];
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..300),
        proptest::collection::btree_map(field, value, 0..5)
            .prop_map(|m| serde_json::to_vec(&m).unwrap()),
        Just(b"{\"callback\":\"onClose\",\"payload\":{\"reason\":\"exit\"}}".to_vec()),
        Just(Vec::new()),
    ]
}

#[derive(Debug, Clone)]
struct Case {
    method: &'static str,
    path: String,
    query: Vec<(String, String)>,
    content_type: &'static str,
    cookie: Option<String>,
    origin: Option<String>,
    body: Vec<u8>,
}

fn case() -> impl Strategy<Value = Case> {
    (
        proptest::sample::select(METHODS),
        proptest::sample::select(PATHS),
        segment(),
        proptest::collection::vec((segment(), segment()), 0..4),
        proptest::sample::select(CONTENT_TYPES),
        proptest::option::of("[a-zA-Z0-9_=;-]{0,80}"),
        proptest::option::of(prop_oneof![
            Just("null".to_owned()),
            Just("https://evil.example".to_owned()),
            "[a-z:/.0-9]{0,30}",
        ]),
        body(),
    )
        .prop_map(
            |(method, shape, param, query, content_type, cookie, origin, body)| Case {
                method,
                path: shape.replace("{}", &param),
                query,
                content_type,
                cookie: cookie.map(|c| format!("wink_applicant={c}; wink_officer={c}")),
                origin,
                body,
            },
        )
}

/// Tables an unauthenticated request may legitimately write to: failed sign-ins (counted
/// by design) with the rows their budgets are locked through (a sign-in the fuzzer happens
/// to shape well enough is counted), and the migrations' own bookkeeping.
const MAY_HAVE_ROWS: &[&str] = &[
    "login_failures",
    "login_buckets",
    "_sqlx_migrations",
    // SQLite's search index keeps its structure record and settings whatever it holds;
    // what it indexes is counted through `applicant_search` itself (and `applicants`).
    "applicant_search_data",
    "applicant_search_config",
];

#[test]
fn arbitrary_requests_never_get_a_5xx_nor_leave_rows() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(TestServer::start_with(&[
        "--apply-per-hour",
        "100000",
        "--background",
        "false",
    ]));
    let http = reqwest::Client::new();
    let cases: u32 = std::env::var("WINK_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2_000);
    let mut runner = TestRunner::new(ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let result = runner.run(&case(), |case| {
        let status = runtime.block_on(async {
            let mut url = reqwest::Url::parse(&format!("{}{}", server.url, case.path))
                .map_err(|e| TestCaseError::reject(e.to_string()))?;
            for (key, value) in &case.query {
                url.query_pairs_mut().append_pair(key, value);
            }
            let method = reqwest::Method::from_bytes(case.method.as_bytes()).unwrap();
            let mut request = http.request(method, url).body(case.body.clone());
            if !case.content_type.is_empty() {
                request = request.header("content-type", case.content_type);
            }
            if let Some(cookie) = &case.cookie {
                request = request.header("cookie", cookie);
            }
            if let Some(origin) = &case.origin {
                request = request.header("origin", origin);
            }
            let response = request
                .send()
                .await
                .map_err(|e| TestCaseError::fail(format!("no answer (a panic?): {e}")))?;
            Ok::<_, TestCaseError>(response.status())
        })?;
        prop_assert!(
            !status.is_server_error(),
            "{} {} answered {status}",
            case.method,
            case.path
        );
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }

    let leftovers = runtime.block_on(rows_in_every_table(&server));
    let unexpected: Vec<_> = leftovers
        .into_iter()
        .filter(|(table, rows)| *rows > 0 && !MAY_HAVE_ROWS.contains(&table.as_str()))
        .collect();
    assert!(
        unexpected.is_empty(),
        "unauthenticated requests left rows: {unexpected:?}"
    );
}

/// Every table of the schema (read from the database, so new tables are covered) and its
/// row count.
async fn rows_in_every_table(server: &TestServer) -> Vec<(String, i64)> {
    let db = server.state.db();
    let tables: Vec<String> = match wink_server::db::Backend::of(db) {
        wink_server::db::Backend::Sqlite => sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        )
        .fetch_all(db)
        .await
        .unwrap(),
        wink_server::db::Backend::Postgres => sqlx::query_scalar(
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
        )
        .fetch_all(db)
        .await
        .unwrap(),
    };
    let mut counts = Vec::new();
    for table in tables {
        let rows: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM \"{table}\""))
            .fetch_one(db)
            .await
            .unwrap();
        counts.push((table, rows));
    }
    counts
}
