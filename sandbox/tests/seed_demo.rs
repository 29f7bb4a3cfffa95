//! `--seed-demo` (`Sandbox::seed_demo`): data behind every read operation, in the spec's
//! shapes, and ids that answer 200.

use serde_json::{json, Value};
use smile_sandbox::DEMO_UPLOADS;

use crate::common::spec::assert_conforms;
use crate::common::{start_seeded, Emu, Exchange};

/// The first page (of 150) of `list` (with its query, if any), checked as `response`.
async fn items(emu: &Emu, list: &str, response: &str) -> Vec<Value> {
    let joiner = if list.contains('?') { '&' } else { '?' };
    let page: Value = emu
        .get(&format!("/v1/{list}{joiner}size=150"))
        .fetch()
        .await;
    assert_conforms(response, &page);
    page["data"]["items"].as_array().unwrap().clone()
}

#[tokio::test]
async fn every_list_has_items_in_the_spec_form() {
    let (emu, seed) = start_seeded().await;
    for (list, response) in [
        ("users", "UserListResponse"),
        ("accounts", "AccountListResponse"),
        ("identities", "IdentityListResponse"),
        ("employments", "EmploymentListResponse"),
        ("incomes", "IncomeListResponse"),
        ("contributions", "ContributionListResponse"),
        ("eincomes", "EincomeListResponse"),
        ("tasks", "TaskListResponse"),
        ("archives", "ArchiveListResponse"),
        ("uploads", "UploadListResponse"),
    ] {
        let items = items(&emu, list, response).await;
        assert!(!items.is_empty(), "{list} is empty");
        assert!(
            items.iter().all(|i| i["userId"] == seed.user_id.as_str()
                || i["id"] == seed.user_id.as_str()
                || i["metadata"]["userId"] == seed.user_id.as_str()),
            "{list}: every item is the seeded user's"
        );
    }
}

#[tokio::test]
async fn the_seeded_ids_answer_200_in_the_spec_form() {
    let (emu, seed) = start_seeded().await;
    let user: Value = emu
        .get(&format!("/v1/users/{}", seed.user_id))
        .fetch()
        .await;
    assert_conforms("UserGetResponse", &user);
    assert_eq!(user["data"]["providers"], json!(["sss_ph"]));
    let account: Value = emu
        .get(&format!("/v1/accounts/{}", seed.account_id))
        .fetch()
        .await;
    assert_conforms("AccountGetResponse", &account);
    assert_eq!(account["data"]["connectionStatus"], "CONNECTED");
    let task: Value = emu
        .get(&format!("/v1/tasks/{}", seed.task_id))
        .fetch()
        .await;
    assert_conforms("TaskGetResponse", &task);
    assert_eq!(
        task["data"]["metadata"]["sourceId"],
        seed.account_id.as_str()
    );

    let mut archives = Vec::new();
    for id in &seed.archive_ids {
        let archive: Value = emu.get(&format!("/v1/archives/{id}")).fetch().await;
        assert_conforms("ArchiveGetResponse", &archive);
        archives.push(archive["data"].clone());
    }
    let names: Vec<&str> = archives
        .iter()
        .map(|a| a["rawFiles"][0]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, DEMO_UPLOADS);
    let statuses: Vec<&str> = archives
        .iter()
        .map(|a| a["state"]["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["ANALYZED", "ERROR", "ANALYZED"]);
    assert_eq!(
        archives[0]["validation"]["metadata"]["resultCode"],
        "PASSED"
    );
    assert_eq!(
        archives[2]["validation"]["metadata"]["resultCode"],
        "FAILED"
    );
    assert_eq!(archives[0]["extraction"]["fileType"], "PAYSLIP");
}

/// An identity read from a payslip knows neither gender nor marital status: the spec types
/// both `string` (not nullable), so they are left out rather than `null`.
#[tokio::test]
async fn an_identity_read_from_a_payslip_leaves_out_what_it_does_not_know() {
    let (emu, seed) = start_seeded().await;
    let analysed = &seed.archive_ids[0];
    let identities = items(
        &emu,
        &format!("identities?sourceId={analysed}"),
        "IdentityListResponse",
    )
    .await;
    assert_eq!(identities.len(), 1);
    let identity: Value = emu
        .get(&format!(
            "/v1/identities/{}",
            identities[0]["id"].as_str().unwrap()
        ))
        .fetch()
        .await;
    assert_conforms("IdentityGetResponse", &identity);
    for unknown in ["gender", "maritalStatus"] {
        assert!(
            identity["data"].get(unknown).is_none(),
            "{unknown}: {identity:#}"
        );
    }
    // George's SSS identity knows both.
    let linked = items(
        &emu,
        &format!("identities?sourceId={}", seed.account_id),
        "IdentityListResponse",
    )
    .await;
    assert_eq!(
        (
            linked[0]["gender"].as_str(),
            linked[0]["maritalStatus"].as_str()
        ),
        (Some("Male"), Some("Married"))
    );
}
