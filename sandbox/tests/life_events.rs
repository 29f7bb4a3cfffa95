//! `POST /_emulator/personas/{key}/changes`: a persona's new employer and next contribution
//! show in the data endpoints of the accounts they linked.

use std::time::SystemTime;

use crate::common::{start, Exchange, Items};
use serde_json::{json, Value};
use smile_api::client::DataFilter;
use smile_sandbox::clock;

#[tokio::test]
async fn a_new_employer_and_the_next_contribution_reach_the_data_endpoints() {
    let emu = start().await;
    let smile = emu.client();
    let (_user, account) = emu.george_sss().await;
    let by_source = DataFilter::source(&account.id);
    let contributions_before = smile.contributions(&by_source).items().await;
    let newest_before = contributions_before
        .iter()
        .map(|c| c.date.clone())
        .max()
        .unwrap();

    let this_month = clock::month_of(SystemTime::now());
    let since = this_month.first_day();
    let applied: Value = emu
        .post("/_emulator/personas/george/changes")
        .json(&json!({
            "newEmployer": {"name": "XYZ Holdings", "since": since},
            "newContributionMonth": true,
        }))
        .fetch()
        .await;
    assert_eq!(applied["accountIds"], json!([account.id]));
    assert_eq!(applied["employmentsAdded"], 1);
    assert_eq!(applied["contributionsAdded"], 1);

    let employments = smile.employments(&by_source).items().await;
    let newest = &employments[0];
    assert_eq!(newest.employer.as_deref(), Some("XYZ Holdings"));
    assert_eq!(newest.start_date, since);
    // Nothing at the old employer from the new one's start.
    assert!(employments
        .iter()
        .filter(|e| e.employer.as_deref() != Some("XYZ Holdings"))
        .all(|e| e.start_date < since));

    let contributions = smile.contributions(&by_source).items().await;
    assert_eq!(contributions.len(), contributions_before.len() + 1);
    let newest = &contributions[0];
    let next: smile_api::YearMonth = newest_before[..7].parse().unwrap();
    assert_eq!(newest.date, next.plus(1).last_day());
    assert_eq!(newest.amount, contributions_before[0].amount);
    let meta = newest.metadata.as_ref().unwrap();
    assert_eq!(meta.source_id, account.id);
}

#[tokio::test]
async fn unknown_personas_and_empty_or_invalid_changes_are_refused() {
    let emu = start().await;
    let change = |path: &str, body: Value| emu.post(path).json(&body);
    assert_eq!(
        change(
            "/_emulator/personas/nobody/changes",
            json!({"newContributionMonth": true})
        )
        .status()
        .await,
        404
    );
    for body in [
        json!({}),
        json!({"newEmployer": {"name": "", "since": "2026-12-01"}}),
        json!({"newEmployer": {"name": "XYZ", "since": "2026-02-30"}}),
        json!({"newContributionMonth": true, "extra": 1}),
    ] {
        assert_eq!(
            change("/_emulator/personas/george/changes", body.clone())
                .status()
                .await,
            400,
            "{body}"
        );
    }
    // Nobody linked yet: nothing to change, and that is not an error.
    let applied: Value = change(
        "/_emulator/personas/george/changes",
        json!({"newContributionMonth": true}),
    )
    .fetch()
    .await;
    assert_eq!(applied["accountIds"], json!([]));
}

#[tokio::test]
async fn earlier_years_extend_the_record_back_a_month_at_a_time() {
    let emu = start().await;
    let smile = emu.client();
    let (_user, account) = emu.george_sss().await;
    let by_source = DataFilter::source(&account.id);
    let contributions_before = smile.contributions(&by_source).items().await;
    let employments_before = smile.employments(&by_source).items().await;
    let oldest_before = contributions_before.last().unwrap().clone();

    let applied: Value = emu
        .post("/_emulator/personas/george/changes")
        .json(&json!({"earlierYears": 7}))
        .fetch()
        .await;
    assert_eq!(applied["accountIds"], json!([account.id]));
    assert_eq!(applied["contributionsAdded"], 84);
    assert_eq!(applied["earlierEmploymentsAdded"], 84);

    let contributions = smile.contributions(&by_source).items().await;
    assert_eq!(contributions.len(), contributions_before.len() + 84);
    let oldest = contributions.last().unwrap();
    let month: smile_api::YearMonth = oldest_before.date[..7].parse().unwrap();
    assert_eq!(oldest.date, month.minus(84).last_day());
    assert_eq!(oldest.amount, oldest_before.amount);
    // One a month: no month twice, none skipped.
    let mut months: Vec<&str> = contributions.iter().map(|c| &c.date[..7]).collect();
    months.dedup();
    assert_eq!(months.len(), contributions.len());

    let employments = smile.employments(&by_source).items().await;
    assert_eq!(employments.len(), employments_before.len() + 84);
    let oldest_job = employments.last().unwrap();
    assert_eq!(
        oldest_job.employer,
        employments_before.last().unwrap().employer
    );
    assert_eq!(oldest_job.metadata.as_ref().unwrap().source_id, account.id);
}
