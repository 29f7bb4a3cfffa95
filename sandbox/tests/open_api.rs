//! The Open API over real HTTP, driven by the smile-api client (and raw requests where the
//! client deliberately cannot go wrong).

use std::collections::HashSet;

use crate::common::spec::assert_conforms;
use crate::common::{start, start_nested, Exchange, Items};
use serde_json::{json, Value};
use smile_api::client::{DataFilter, ProviderQuery, SmileError};
use smile_api::{
    ConnectionStatus, Contribution, Datapoint, ExternalMetadata, MonitorStatus, ProviderType,
    ResponseCode,
};
use smile_sandbox::{clock, DEFAULT_API_KEY};

fn api_error(error: SmileError) -> (u16, ResponseCode) {
    match error {
        SmileError::Api {
            status,
            code: Some(code),
            ..
        } => (status, code),
        other => panic!("expected a Smile error envelope, got {other:?}"),
    }
}

/// A user created without metadata, and a last page, in the spec's form: `externalMetadata`
/// is `{}` (a required object), and `session` and the last page's `nextCursor` are left out
/// (they are not nullable).
#[tokio::test]
async fn a_user_without_metadata_and_a_last_page_are_in_the_spec_form() {
    let emu = start().await;
    let created: Value = emu.post("/v1/users").json(&json!({})).fetch().await;
    assert_conforms("UserPostResponse", &created);
    assert_eq!(created["data"]["user"]["externalMetadata"], json!({}));
    assert!(created["data"]["user"].get("session").is_none());

    let users: Value = emu.get("/v1/users").fetch().await;
    assert_conforms("UserListResponse", &users);
    assert!(users["data"].get("nextCursor").is_none());
    assert_eq!(users["data"]["items"][0], created["data"]["user"]);
}

/// Every provider in the spec's form (its labels are enums).
#[tokio::test]
async fn the_provider_catalogue_is_in_the_spec_form() {
    let emu = start().await;
    let providers: Value = emu.get("/v1/providers?size=150").fetch().await;
    assert_conforms("ProviderListResponse", &providers);
}

#[tokio::test]
async fn users_and_tokens() {
    let emu = start().await;
    let smile = emu.client();
    let metadata = ExternalMetadata::new()
        .with("applicationRef", "APP-1")
        .unwrap();
    let created = smile.create_user(&metadata).await.unwrap();
    assert!(created.user.id.starts_with("emulator-"));
    assert_eq!(created.user.id.len(), "emulator-".len() + 32);
    assert_eq!(
        created.user.external_metadata.as_ref().unwrap()["applicationRef"],
        "APP-1"
    );
    // Five hours, give or take the test's own run time.
    let four_h_59 = clock::format_datetime(
        std::time::SystemTime::now() + std::time::Duration::from_secs(5 * 3600 - 60),
    );
    assert!(
        created.token.expires_at > four_h_59,
        "{}",
        created.token.expires_at
    );
    assert_eq!(created.token.mode, smile_api::Mode::Sandbox);

    let user = smile.get_user(&created.user.id).await.unwrap();
    assert_eq!(user.id, created.user.id);
    assert!(user.providers.is_empty());

    let token = smile.create_token(&created.user.id).await.unwrap();
    assert_ne!(token.access_token, created.token.access_token);

    assert_eq!(
        api_error(smile.get_user("emulator-nope").await.unwrap_err()),
        (404, ResponseCode::MissingResource)
    );
    assert_eq!(
        api_error(smile.create_token("emulator-nope").await.unwrap_err()),
        (404, ResponseCode::MissingResource)
    );

    // The raw shapes: 201 with code OK, an envelope with a request id.
    let (status, body) = emu
        .post("/v1/users")
        .json(&json!({}))
        .status_and_body()
        .await;
    assert_eq!(status, 201);
    assert_eq!(body["code"], "OK");
    assert_eq!(body["message"], "Success");
    assert_eq!(body["requestId"].as_str().unwrap().len(), 36);
    assert!(body["data"]["token"]["accessToken"].is_string());
    // No body at all is accepted too (Smile's quickstart posts `{}` or nothing).
    assert_eq!(emu.post("/v1/users").status().await, 201);
    emu.post("/v1/tokens")
        .expect_code(400, "INVALID_PARAMETERS")
        .await;
    emu.post(&format!("/v1/tokens?userId={}", created.user.id))
        .expect_code(201, "OK")
        .await;

    // Smile's externalMetadata limits.
    let six: serde_json::Map<String, Value> =
        (0..6).map(|i| (format!("k{i}"), json!("v"))).collect();
    for bad in [
        json!({ "externalMetadata": six }),
        json!({ "externalMetadata": { "n": 1 } }),
    ] {
        emu.post("/v1/users")
            .json(&bad)
            .expect_code(400, "INVALID_PARAMETERS")
            .await;
    }
    emu.post("/v1/users")
        .header("content-type", "text/plain")
        .body("hello")
        .expect_code(415, "UNSUPPORTED_TYPE")
        .await;
    assert_eq!(
        emu.post("/v1/users")
            .header("content-type", "application/json")
            .body("{not json")
            .status()
            .await,
        400
    );

    let users: Value = emu.get("/v1/users?size=150").fetch().await;
    assert_eq!(users["data"]["items"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn auth_failures_use_smiles_codes() {
    let emu = start().await;
    // Missing → 401 INVALID_TOKEN.
    let body = emu
        .http
        .get(emu.url("/v1/providers"))
        .expect_code(401, "INVALID_TOKEN")
        .await;
    assert!(body["requestId"].is_string());
    // Malformed → 401 too.
    assert_eq!(
        emu.http
            .get(emu.url("/v1/providers"))
            .header("authorization", "Basic not-base64!")
            .status()
            .await,
        401
    );
    assert_eq!(
        emu.http
            .get(emu.url("/v1/providers"))
            .bearer_auth("whatever")
            .status()
            .await,
        401
    );
    // Unknown paths need credentials too.
    assert_eq!(emu.http.get(emu.url("/v1/nothing")).status().await, 401);

    // Wrong key or secret → 400 INVALID_CREDENTIALS, through the client.
    for (key, secret) in [
        (DEFAULT_API_KEY, "wrong"),
        ("wrong", smile_sandbox::DEFAULT_API_SECRET),
    ] {
        let smile = emu.client_with(|c| {
            c.credentials = smile_api::client::Credentials::new(key, secret);
        });
        let error = smile
            .list_providers(&ProviderQuery::default())
            .collect_vec()
            .await
            .unwrap_err();
        assert_eq!(api_error(error), (400, ResponseCode::InvalidCredentials));
    }

    // With credentials: unknown path 404, wrong method 501, both as envelopes.
    emu.get("/v1/nothing")
        .expect_code(404, "MISSING_RESOURCE")
        .await;
    emu.put("/v1/providers")
        .expect_code(501, "UNSUPPORTED_METHOD")
        .await;
}

#[tokio::test]
async fn providers_with_filters() {
    let emu = start().await;
    let smile = emu.client();
    let all = smile
        .list_providers(&ProviderQuery::default())
        .items()
        .await;
    let ids: Vec<&str> = all.iter().map(|p| p.id.as_str()).collect();
    for id in ["sss_ph", "upwork", "freelancer", "grab", "abccorp"] {
        assert!(ids.contains(&id), "{id}");
    }
    let sss = all.iter().find(|p| p.id == "sss_ph").unwrap();
    assert_eq!(sss.provider_type, ProviderType::Government);
    assert!(!sss.mfa && sss.supported.contains(&Datapoint::Contributions));
    assert!(all.iter().find(|p| p.id == "upwork").unwrap().mfa);
    assert_eq!(
        all.iter()
            .find(|p| p.id == "abccorp")
            .unwrap()
            .provider_type,
        ProviderType::Employer
    );

    let gig = smile
        .list_providers(&ProviderQuery {
            provider_type: Some("GIG".into()),
            ..ProviderQuery::default()
        })
        .items()
        .await;
    assert_eq!(gig.len(), 3);
    assert!(gig.iter().all(|p| p.provider_type == ProviderType::Gig));

    let picked = smile
        .list_providers(&ProviderQuery {
            ids: vec!["grab".into(), "sss_ph".into()],
            top_ids: vec!["grab".into()],
            ..ProviderQuery::default()
        })
        .items()
        .await;
    let picked: Vec<&str> = picked.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(picked, ["grab", "sss_ph"]);

    let named = smile
        .list_providers(&ProviderQuery {
            name: Some("social security".into()),
            ..ProviderQuery::default()
        })
        .items()
        .await;
    assert_eq!(named.len(), 1);

    assert_eq!(smile.get_provider("upwork").await.unwrap().name, "Upwork");
    assert_eq!(
        api_error(smile.get_provider("nope").await.unwrap_err()),
        (404, ResponseCode::MissingResource)
    );
    let eleven = (0..11)
        .map(|i| format!("p{i}"))
        .collect::<Vec<_>>()
        .join(",");
    for bad in [
        format!("/v1/providers?topIds={eleven}"),
        "/v1/providers?active=maybe".to_owned(),
    ] {
        emu.get(&bad).expect_code(400, "INVALID_PARAMETERS").await;
    }
}

#[tokio::test]
async fn a_linked_account_its_data_and_its_revocation() {
    let emu = start().await;
    let smile = emu.client();
    let (user_id, account) = emu.george_sss().await;
    assert_eq!(account.connection_status, ConnectionStatus::Connected);
    assert_eq!(account.connection.status, ConnectionStatus::Connected);
    assert_eq!(
        account.monitor_status,
        MonitorStatus::Active,
        "SSS supports CDS"
    );
    assert!(account.id.starts_with("a-"));

    let accounts = smile.list_accounts(&user_id).items().await;
    assert_eq!(accounts, vec![account.clone()]);
    assert_eq!(smile.get_account(&account.id).await.unwrap(), account);
    assert_eq!(
        smile.get_user(&user_id).await.unwrap().providers,
        ["sss_ph"]
    );

    let by_source = DataFilter::source(&account.id);
    let identities = smile.identities(&by_source).items().await;
    assert_eq!(identities.len(), 1);
    assert_eq!(identities[0].full_name, "George Cimafranca Palomero, Jr");
    assert_eq!(
        identities[0].phones[0].number.as_deref(),
        Some("+639559991234")
    );
    let meta = identities[0].metadata.as_ref().unwrap();
    assert_eq!(
        (meta.source_id.as_str(), meta.user_id.as_str()),
        (account.id.as_str(), user_id.as_str())
    );
    assert_eq!(meta.provider_id, "sss_ph");

    // More than a page: the client follows nextCursor (page size 10) to the end.
    let contributions = smile.contributions(&by_source).items().await;
    assert!(contributions.len() >= 24, "{}", contributions.len());
    assert!(contributions.iter().all(|c| c.currency == "PHP"));
    let ids: HashSet<&str> = contributions.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids.len(), contributions.len(), "no item twice across pages");
    let employments = smile.employments(&by_source).items().await;
    let employers: HashSet<_> = employments
        .iter()
        .filter_map(|e| e.employer.clone())
        .collect();
    assert_eq!(employers.len(), 2, "George changed employer");
    assert_eq!(smile.eincomes(&by_source).items().await.len(), 24);
    assert!(
        smile.incomes(&by_source).items().await.is_empty(),
        "sss_ph does not supply INCOMES"
    );
    // By user: the same data.
    let by_user = smile
        .contributions(&DataFilter::user(&user_id))
        .items()
        .await;
    assert_eq!(by_user.len(), contributions.len());

    // Item by id.
    let one: Contribution = emu
        .get(&format!("/v1/contributions/{}", contributions[3].id))
        .data()
        .await;
    assert_eq!(one, contributions[3]);
    assert_eq!(emu.get("/v1/identities/i-nope").status().await, 404);

    // Revoke: the account and its data are gone.
    smile.delete_account(&account.id).await.unwrap();
    assert_eq!(
        api_error(smile.get_account(&account.id).await.unwrap_err()),
        (404, ResponseCode::MissingResource)
    );
    assert!(smile.contributions(&by_source).items().await.is_empty());
    assert!(smile
        .identities(&DataFilter::user(&user_id))
        .items()
        .await
        .is_empty());
    assert!(smile.list_accounts(&user_id).items().await.is_empty());
    assert!(smile.get_user(&user_id).await.unwrap().providers.is_empty());
    assert_eq!(
        api_error(smile.delete_account(&account.id).await.unwrap_err()),
        (404, ResponseCode::MissingResource)
    );
}

/// After George links SSS, the link's data sync is a `LINK_ACCOUNT` task: listed (with the
/// spec's filters) and fetched by id in the spec's form, and gone with the account.
#[tokio::test]
async fn a_linked_accounts_task_is_listed_and_fetched() {
    let emu = start().await;
    let smile = emu.client();
    let (user_id, account) = emu.george_sss().await;

    let listed: Value = emu
        .get(&format!("/v1/tasks?userId={user_id}"))
        .fetch()
        .await;
    assert_conforms("TaskListResponse", &listed);
    let task = &listed["data"]["items"][0];
    assert_eq!(listed["data"]["items"].as_array().unwrap().len(), 1);
    assert_eq!(
        (&task["type"], &task["status"]),
        (&json!("LINK_ACCOUNT"), &json!("Finished"))
    );
    assert!(task["id"].as_str().unwrap().starts_with("task-"));
    assert_eq!(
        task["datapoints"],
        json!(["IDENTITIES", "EMPLOYMENTS", "CONTRIBUTIONS", "EINCOMES"])
    );
    assert_eq!(task["metadata"]["sourceId"], account.id.as_str());
    assert_eq!(task["metadata"]["sourceType"], "ACCOUNT");
    assert_eq!(task["metadata"]["providerId"], "sss_ph");
    let task_id = task["id"].as_str().unwrap();
    let fetched: Value = emu.get(&format!("/v1/tasks/{task_id}")).fetch().await;
    assert_conforms("TaskGetResponse", &fetched);
    assert_eq!(&fetched["data"], task);

    // The client reads them, by source and by id.
    let tasks = smile
        .list_tasks(&DataFilter::source(&account.id))
        .items()
        .await;
    assert_eq!(tasks.len(), 1);
    assert_eq!(smile.get_task(task_id).await.unwrap(), tasks[0]);

    // The filters: another user or source, a range that misses its start, a bad date.
    let today = &clock::now_string()[..10];
    for (query, count) in [
        (format!("sourceId={}", account.id), 1),
        ("sourceId=a-nope".to_owned(), 0),
        ("userId=emulator-nope".to_owned(), 0),
        (format!("startDate={today}&endDate={today}"), 1),
        ("endDate=2000-01-01".to_owned(), 0),
    ] {
        let page: Value = emu.get(&format!("/v1/tasks?{query}")).fetch().await;
        assert_eq!(
            page["data"]["items"].as_array().unwrap().len(),
            count,
            "{query}"
        );
    }
    emu.get("/v1/tasks?startDate=yesterday")
        .expect_code(400, "INVALID_PARAMETERS")
        .await;
    emu.get("/v1/tasks/task-nope")
        .expect_code(404, "MISSING_RESOURCE")
        .await;

    smile.delete_account(&account.id).await.unwrap();
    assert!(smile
        .list_tasks(&DataFilter::user(&user_id))
        .items()
        .await
        .is_empty());
    assert_eq!(
        api_error(smile.get_task(task_id).await.unwrap_err()),
        (404, ResponseCode::MissingResource)
    );
}

#[tokio::test]
async fn pagination_to_the_end_and_size_limits() {
    let emu = start().await;
    let (_, account) = emu.george_sss().await;
    let path = format!("/v1/contributions?sourceId={}", account.id);

    // Default size 10.
    let first: Value = emu.get(&path).fetch().await;
    assert_eq!(first["data"]["items"].as_array().unwrap().len(), 10);
    assert!(first["data"]["nextCursor"].is_string());

    // Follow cursors with size 7 until nextCursor is null.
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let url = match &cursor {
            Some(c) => format!("{path}&size=7&cursor={c}"),
            None => format!("{path}&size=7"),
        };
        let page: Value = emu.get(&url).fetch().await;
        let items = page["data"]["items"].as_array().unwrap();
        assert!(items.len() <= 7);
        seen.extend(items.iter().map(|i| i["id"].as_str().unwrap().to_owned()));
        pages += 1;
        match page["data"]["nextCursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => {
                assert!(page["data"]["nextCursor"].is_null());
                break;
            }
        }
    }
    let everything: Value = emu.get(&format!("{path}&size=150")).fetch().await;
    let all: Vec<String> = everything["data"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(everything["data"]["nextCursor"].is_null());
    assert_eq!(seen, all);
    assert_eq!(pages, all.len().div_ceil(7));

    for bad in ["size=151", "size=0", "size=-3", "size=ten", "cursor=abc"] {
        emu.get(&format!("{path}&{bad}"))
            .expect_code(400, "INVALID_PARAMETERS")
            .await;
    }
    // The same limits on every list.
    for list in [
        "/v1/providers",
        "/v1/accounts",
        "/v1/users",
        "/v1/webhooks",
        "/v1/identities",
        "/v1/eincomes",
    ] {
        assert_eq!(
            emu.get(&format!("{list}?size=151")).status().await,
            400,
            "{list}"
        );
    }
}

#[tokio::test]
async fn date_filters() {
    let emu = start().await;
    let (user_id, account) = emu.george_sss().await;
    let smile = emu.client();
    let all = smile
        .contributions(&DataFilter::source(&account.id))
        .items()
        .await;
    // The newest 6 months of contributions (they are newest first).
    let start = &all[5].date;
    let end = &all[0].date;
    let recent: Value = emu
        .get(&format!(
            "/v1/contributions?userId={user_id}&startDate={start}&endDate={end}&size=150"
        ))
        .fetch()
        .await;
    assert_eq!(recent["data"]["items"].as_array().unwrap().len(), 6);
    let eincomes: Value = emu
        .get(&format!(
            "/v1/eincomes?sourceId={}&startMonth={}&endMonth={}",
            account.id,
            &start[..7],
            &end[..7]
        ))
        .fetch()
        .await;
    assert_eq!(eincomes["data"]["items"].as_array().unwrap().len(), 6);
    // The deprecated `accountId` alias works like `sourceId`.
    let alias: Value = emu
        .get(&format!("/v1/identities?accountId={}", account.id))
        .fetch()
        .await;
    assert_eq!(alias["data"]["items"].as_array().unwrap().len(), 1);
    for bad in [
        "/v1/contributions?startDate=2024-13-01",
        "/v1/employments?endDate=yesterday",
        "/v1/eincomes?startMonth=2024-1",
        "/v1/accounts?startDate=2024/01/01",
    ] {
        emu.get(bad).expect_code(400, "INVALID_PARAMETERS").await;
    }
    let today = &clock::now_string()[..10];
    let accounts: Value = emu
        .get(&format!("/v1/accounts?startDate={today}&endDate={today}"))
        .fetch()
        .await;
    assert_eq!(accounts["data"]["items"].as_array().unwrap().len(), 1);
    let none: Value = emu.get("/v1/accounts?endDate=2000-01-01").fetch().await;
    assert!(none["data"]["items"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn data_depends_on_the_providers_datapoints() {
    let emu = start().await;
    let smile = emu.client();
    let (_, token) = emu.user().await;
    let upwork = emu
        .link_account(
            &token,
            "upwork",
            "ryan1234@smileapi.io",
            "654321",
            Some("1234"),
        )
        .await;
    assert_eq!(upwork.connection_status, ConnectionStatus::Connected);
    let by_source = DataFilter::source(&upwork.id);
    let incomes = smile.incomes(&by_source).items().await;
    assert!(!incomes.is_empty());
    assert!(incomes.iter().all(|i| i.currency == "IDR"));
    assert!(smile.contributions(&by_source).items().await.is_empty());
    assert!(smile.employments(&by_source).items().await.is_empty());
    assert_eq!(
        smile.identities(&by_source).items().await[0].full_name,
        "Ryan Lestari"
    );

    let abc = emu
        .link_account(&token, "abccorp", "+6599996789", "YGUS1", None)
        .await;
    let by_source = DataFilter::source(&abc.id);
    let jobs = smile.employments(&by_source).items().await;
    assert_eq!(jobs.len(), 1);
    assert_eq!(jobs[0].job_title.as_deref(), Some("Finance Manager"));
    assert!(jobs[0].end_date.is_none(), "Christina still works there");
    let payslips = smile.incomes(&by_source).items().await;
    assert!(payslips.len() >= 12 && payslips.iter().all(|i| i.currency == "SGD"));
    assert!(smile.eincomes(&by_source).items().await.is_empty());

    let sss = emu
        .link_account(&token, "sss_ph", "anisha98765@smileapi.io", "123456", None)
        .await;
    let contributions = smile
        .contributions(&DataFilter::source(&sss.id))
        .items()
        .await;
    assert!(contributions.len() >= 24 && contributions.iter().all(|c| c.currency == "INR"));
}

#[tokio::test]
async fn webhook_subscriptions_crud() {
    let emu = start().await;
    let smile = emu.client();
    let created = smile
        .create_webhook(&smile_api::CreateWebhook {
            name: "Event Notification Postback".into(),
            url: "https://webhook.clienturl.xyz".into(),
            event_types: vec![smile_api::EventType::AccountConnected],
            active: true,
            secret: "a little secret".into(),
            include_payload: None,
        })
        .await
        .unwrap();
    assert_eq!(created.secret.as_deref(), Some("a little secret"));
    assert!(!created.include_payload);
    assert_eq!(created.id.len(), 32);
    let listed = smile.list_webhooks().items().await;
    assert_eq!(listed, vec![created.clone()]);
    let got: smile_api::Webhook = emu
        .get(&format!("/v1/webhooks/{}", created.id))
        .data()
        .await;
    assert_eq!(got, created);
    smile.delete_webhook(&created.id).await.unwrap();
    assert!(smile.list_webhooks().items().await.is_empty());
    assert_eq!(
        api_error(smile.delete_webhook(&created.id).await.unwrap_err()),
        (404, ResponseCode::MissingResource)
    );

    // POST /webhooks answers 200, as Smile's spec says.
    let ok = json!({"name": "n", "url": "http://127.0.0.1:1/x", "eventTypes": ["ALL_EVENTS"], "active": true, "secret": "s"});
    assert_eq!(emu.post("/v1/webhooks").json(&ok).status().await, 200);
    let bad_bodies = [
        json!({"url": "https://x.test", "eventTypes": ["ALL_EVENTS"], "active": true, "secret": "s"}),
        json!({"name": "n", "url": "ftp://x.test", "eventTypes": ["ALL_EVENTS"], "active": true, "secret": "s"}),
        json!({"name": "n", "url": "not a url", "eventTypes": ["ALL_EVENTS"], "active": true, "secret": "s"}),
        json!({"name": "n", "url": "https://x.test", "eventTypes": [], "active": true, "secret": "s"}),
        json!({"name": "n", "url": "https://x.test", "eventTypes": ["NOT_A_TYPE"], "active": true, "secret": "s"}),
        json!({"name": "n", "url": "https://x.test", "eventTypes": ["ALL_EVENTS"], "secret": "s"}),
        json!({"name": "n", "url": "https://x.test", "eventTypes": ["ALL_EVENTS"], "active": true, "secret": "s".repeat(65)}),
        json!({"name": "n", "url": "https://x.test", "eventTypes": "ALL_EVENTS", "active": true, "secret": "s"}),
    ];
    for body in bad_bodies {
        emu.post("/v1/webhooks")
            .json(&body)
            .expect_code(400, "INVALID_PARAMETERS")
            .await;
    }
}

#[tokio::test]
async fn works_nested_under_a_prefix() {
    let emu = start_nested("/sandbox").await;
    let smile = emu.client();
    let created = smile.create_user(&ExternalMetadata::new()).await.unwrap();
    assert_eq!(
        smile.get_user(&created.user.id).await.unwrap().id,
        created.user.id
    );
    let script = emu.http.get(emu.url("/smile.v2.js")).fire().await;
    assert_eq!(script.status(), 200);
    let session: Value = emu
        .link(
            reqwest::Method::GET,
            "/session",
            &created.token.access_token,
        )
        .data()
        .await;
    assert_eq!(session["userId"], created.user.id.as_str());
    let (_, account) = emu.george_sss().await;
    assert_eq!(account.connection_status, ConnectionStatus::Connected);
    // Fault patterns are relative to the emulator's root, whatever the prefix.
    emu.post("/_emulator/faults")
        .json(&json!({"endpoint": "GET /v1/providers", "statuses": [503]}))
        .fire()
        .await;
    assert_eq!(emu.get("/v1/providers").status().await, 503);
}
