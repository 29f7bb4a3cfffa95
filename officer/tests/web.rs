//! The officer's dashboard in headless Chromium (wasm-bindgen-test). Native `cargo test`
//! skips this file.
//!
//! The pure parts (chart geometry, the list's query string, the login messages) are tested
//! on sample data shaped like the emulator's personas; the components are mounted against
//! `wink_web::testing`'s scripted `fetch` (the runner's own server has no `/api`). All tests
//! share one page, so each installs the stub it needs and restores `fetch` afterwards.
#![cfg(target_arch = "wasm32")]

use leptos::mount::mount_to;
use leptos::prelude::*;
use serde_json::json;
use smile_api::{Contribution, Employment, YearMonth};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use wink_api::document::CheckKind;
use wink_api::officer::{ApplicantQuery, ApplicantSort, ReviewStatus};
use wink_api::summary::{ContributionGap, Evidence, FlagKind};
use wink_officer::chart::contributions::{employer_changes, layout, BASELINE};
use wink_officer::chart::employment::{self, segments};
use wink_officer::components::{ContributionsChart, EmploymentTimeline, InviteForm};
use wink_officer::pages::{ApplicantPage, ApplicantsPage, LoginPage, RolloutPage};
use wink_officer::rollout::{bar_width, funnel, percent_label};
use wink_officer::session::{Session, SessionState, EXPIRED};
use wink_officer::{api, App};
use wink_web::testing::{
    click, count, eventually, eventually_text, fetch_bodies, fetch_count, fetch_searches,
    fresh_root, install_fetch_stub, query, restore_fetch, set_route, set_route_with_headers, text,
    type_into,
};

wasm_bindgen_test_configure!(run_in_browser);

// ---------------------------------------------------------------------------------------
// Helpers

fn submit(root: &web_sys::HtmlElement, selector: &str) {
    click(root, &format!("{selector} button[type='submit']"));
}

// ---------------------------------------------------------------------------------------
// Sample data, shaped like the emulator's George: CDE Corporation for 23 months, 4 months
// without work or contributions, then ABC Corporation for 14 months up to the anchor.

const ANCHOR: &str = "2026-10";

fn month(ago: i32) -> YearMonth {
    YearMonth::parse(ANCHOR).unwrap().plus(-ago)
}

fn last_day(m: YearMonth) -> String {
    format!("{m}-28")
}

/// `(employer, first month ago, last month ago, contribution)`
const JOBS: [(&str, i32, i32, f64); 2] = [
    ("CDE Corporation", 40, 18, 1375.0),
    ("ABC Corporation", 13, 0, 1620.0),
];

fn contributions() -> Vec<Contribution> {
    JOBS.iter()
        .flat_map(|(_, from, to, amount)| {
            (*to..=*from).map(move |ago| {
                serde_json::from_value(json!({
                    "id": format!("con-{ago}"), "date": last_day(month(ago)),
                    "currency": "PHP", "amount": amount,
                }))
                .unwrap()
            })
        })
        .collect()
}

/// Social-security style: one row per month worked.
fn monthly_employments() -> Vec<Employment> {
    JOBS.iter()
        .flat_map(|(employer, from, to, _)| {
            (*to..=*from).map(move |ago| {
                serde_json::from_value(json!({
                    "id": format!("e-{ago}"), "employer": employer, "jobTitle": "Security Guard",
                    "startDate": format!("{}-01", month(ago)), "endDate": last_day(month(ago)),
                }))
                .unwrap()
            })
        })
        .collect()
}

fn george_gap() -> ContributionGap {
    ContributionGap {
        from: month(17).to_string(),
        to: month(14).to_string(),
        months: 4,
        ongoing: false,
    }
}

// ---------------------------------------------------------------------------------------
// Chart geometry

#[wasm_bindgen_test]
fn the_contributions_chart_has_a_bar_per_month_and_marks_the_gap() {
    let chart = layout(
        &contributions(),
        &[george_gap()],
        &monthly_employments(),
        Some(ANCHOR),
    )
    .expect("a chart");
    // 41 months from 40 months ago to the anchor, gap months included.
    assert_eq!(chart.bars.len(), 41);
    assert_eq!(chart.bars[0].month, month(40));
    assert_eq!(chart.bars[40].month, month(0));
    let gap_months: Vec<String> = chart
        .bars
        .iter()
        .filter(|b| b.gap)
        .map(|b| b.month.to_string())
        .collect();
    assert_eq!(
        gap_months,
        [month(17), month(16), month(15), month(14)].map(|m| m.to_string())
    );
    assert!(chart
        .bars
        .iter()
        .filter(|b| b.gap)
        .all(|b| b.amount == 0.0 && b.height == 0.0));
    // The tallest month reaches the top; the others are to scale; all stand on the baseline.
    assert_eq!(chart.max_amount, 1620.0);
    let abc = chart.bars.last().unwrap();
    let cde = &chart.bars[0];
    assert!((cde.height / abc.height - 1375.0 / 1620.0).abs() < 0.01);
    assert!(chart
        .bars
        .iter()
        .all(|b| (b.y + b.height - BASELINE).abs() < 0.02));
    // Bars never overlap and stay inside the drawing.
    for pair in chart.bars.windows(2) {
        assert!(pair[0].x + pair[0].width < pair[1].x);
    }
    assert!(abc.x + abc.width <= 720.0);
    // One band for the gap, starting at the first gap month's slot.
    assert_eq!(chart.gaps.len(), 1);
    assert!(chart.gaps[0].x < chart.bars[23].x && chart.gaps[0].x > chart.bars[22].x);
    // One employer change, at the first ABC month, across the gap.
    assert_eq!(chart.changes.len(), 1);
    let change = &chart.changes[0];
    assert_eq!(change.month, month(13));
    assert_eq!(
        (change.from.as_str(), change.to.as_str()),
        ("CDE Corporation", "ABC Corporation")
    );
    // Years are ticked at each January.
    let years: Vec<i32> = chart.ticks.iter().map(|(_, year)| *year).collect();
    assert_eq!(years, [2024, 2025, 2026]);
}

#[wasm_bindgen_test]
fn an_ongoing_gap_extends_the_chart_to_the_counted_month() {
    let paid: Vec<Contribution> = contributions()
        .into_iter()
        .filter(|c| c.date < last_day(month(3)))
        .collect();
    let ongoing = ContributionGap {
        from: month(3).to_string(),
        to: month(0).to_string(),
        months: 4,
        ongoing: true,
    };
    let chart = layout(&paid, &[ongoing], &[], Some(ANCHOR)).unwrap();
    assert_eq!(chart.bars.last().unwrap().month, month(0));
    assert_eq!(chart.bars.iter().rev().take_while(|b| b.gap).count(), 4);
    assert!(chart.changes.is_empty(), "no employment data, no change");
    assert!(layout(&[], &[], &[], Some(ANCHOR)).is_none());
}

#[wasm_bindgen_test]
fn employment_rows_merge_into_one_segment_per_job() {
    let through = month(0);
    let merged = segments(&monthly_employments(), through);
    assert_eq!(merged.len(), 2);
    assert_eq!(merged[0].employer, "CDE Corporation");
    assert_eq!((merged[0].from, merged[0].to), (month(40), month(18)));
    assert_eq!(merged[0].months(), 23);
    assert_eq!(merged[1].employer, "ABC Corporation");
    assert_eq!(merged[1].months(), 14);
    assert!(!merged[1].current, "every monthly row has an end");

    // Employer style: one open-ended row is current and runs to `through`.
    let open: Employment = serde_json::from_value(json!({
        "id": "e-1", "employer": "ABC Corporation", "startDate": format!("{}-01", month(13)),
    }))
    .unwrap();
    let current = segments(&[open], through);
    assert_eq!(current.len(), 1);
    assert!(current[0].current);
    assert_eq!(current[0].to, through);

    let timeline = employment::layout(&merged).unwrap();
    assert_eq!(timeline.bars.len(), 2);
    let (cde, abc) = (&timeline.bars[0], &timeline.bars[1]);
    assert!(
        cde.x < abc.x && cde.x + cde.width < abc.x,
        "the gap shows between the jobs"
    );
    assert!(abc.y > cde.y, "one lane each");
    assert!(
        (abc.x + abc.width - 712.0).abs() < 0.05,
        "the last job reaches the right edge"
    );
    assert_eq!(
        employer_changes(&monthly_employments(), through),
        [(
            month(13),
            "CDE Corporation".to_owned(),
            "ABC Corporation".to_owned()
        )]
    );
}

// ---------------------------------------------------------------------------------------
// Query strings and messages

#[wasm_bindgen_test]
fn the_list_query_reads_back_from_the_url_and_the_export_keeps_the_filters() {
    let query = ApplicantQuery {
        q: Some("Palomero Jr.".into()),
        status: Some(ReviewStatus::Ready),
        flag: Some(FlagKind::ContributionGap),
        sort: Some(ApplicantSort::Name),
        page: Some(2),
        per_page: None,
    };
    let url = query.to_query_string();
    assert_eq!(
        url,
        "q=Palomero%20Jr.&status=ready&flag=contribution_gap&sort=name&page=2"
    );
    assert_eq!(ApplicantQuery::parse_lenient(&url), query);
    assert_eq!(ApplicantQuery::parse_lenient(&format!("?{url}")), query);
    assert_eq!(
        api::export_href(&query),
        "/api/officer/applicants/export.csv?q=Palomero%20Jr.&status=ready&flag=contribution_gap&sort=name"
    );
    assert_eq!(
        query.clone().first_page().page,
        None,
        "a new filter starts at page 1"
    );
}

// ---------------------------------------------------------------------------------------
// Components

fn login_json() -> String {
    json!({"id": "off-1", "email": "officer@wink.test", "sessionExpiresAt": "2099-01-01T00:00:00Z"})
        .to_string()
}

#[wasm_bindgen_test]
async fn login_explains_a_wrong_password_and_a_rate_limit() {
    install_fetch_stub();
    let session = Session::install(SessionState::SignedOut(None));
    let root = fresh_root();
    let _handle = mount_to(
        root.clone(),
        move || view! { <LoginPage session message=None /> },
    );

    set_route(
        "POST /api/officer/login",
        401,
        &json!({"error": {"code": "UNAUTHORIZED", "message": "Wrong email or password."}})
            .to_string(),
    );
    type_into(&root, "#officer-email", "officer@wink.test");
    type_into(&root, "#officer-password", "not-it");
    submit(&root, ".login-form");
    eventually_text(&root, "Wrong email or password.").await;
    let sent: serde_json::Value =
        serde_json::from_str(&fetch_bodies("POST /api/officer/login")).unwrap();
    assert_eq!(
        sent[0],
        json!({"email": "officer@wink.test", "password": "not-it"})
    );
    let password: web_sys::HtmlInputElement =
        query(&root, "#officer-password").unwrap().unchecked_into();
    assert_eq!(password.value(), "", "a refused password is cleared");

    set_route_with_headers(
        "POST /api/officer/login",
        429,
        &json!({"error": {"code": "RATE_LIMITED", "message": "Too many attempts."}}).to_string(),
        &json!({"Retry-After": "42"}),
    );
    type_into(&root, "#officer-password", "again");
    submit(&root, ".login-form");
    eventually_text(&root, "Too many attempts — try again in 42 seconds.").await;
    assert!(
        !text(&root).contains("Wrong email"),
        "the old message is gone"
    );

    set_route("POST /api/officer/login", 200, &login_json());
    type_into(&root, "#officer-password", "right");
    submit(&root, ".login-form");
    eventually("signed in", || {
        matches!(session.state.get_untracked(), SessionState::SignedIn(_))
    })
    .await;
    restore_fetch();
}

fn row(id: &str, name: &str, status: &str) -> serde_json::Value {
    json!({"id": id, "reference": format!("WP-{id}"), "fullName": name, "email": "g@example.com",
           "employer": "ABC Corporation", "status": status, "flags": ["contribution_gap"],
           "nameScore": 100, "accounts": 1,
           "createdAt": "2026-11-27T10:00:00Z", "updatedAt": "2026-11-27T10:05:00Z"})
}

fn page_json(items: Vec<serde_json::Value>) -> String {
    let counts: Vec<serde_json::Value> = ReviewStatus::ALL
        .iter()
        .map(|s| {
            json!({"status": s.as_str(), "count": match s {
                ReviewStatus::Ready => 2, ReviewStatus::Syncing => 1, _ => 0 }})
        })
        .collect();
    json!({"items": items, "total": 3, "page": 1, "perPage": 25, "counts": counts}).to_string()
}

#[wasm_bindgen_test]
async fn the_list_filters_by_status_chip_and_exports_the_same_query() {
    install_fetch_stub();
    set_route(
        "GET /api/officer/applicants",
        200,
        &page_json(vec![
            row("a1", "George Palomero Jr.", "ready"),
            row("a2", "Ryan Lestari", "syncing"),
        ]),
    );
    let root = fresh_root();
    let handle = mount_to(root.clone(), || view! { <ApplicantsPage /> });
    eventually_text(&root, "George Palomero Jr.").await;
    assert_eq!(count(&root, "tr[data-applicant-id]"), 2);
    assert!(query(&root, "tr[data-applicant-id='a1'][data-status='ready']").is_some());
    assert!(text(&root).contains("Ready for review"));
    let link = query(&root, "tr[data-applicant-id='a1'] a").unwrap();
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("/officer/applicants/a1")
    );
    // The runner's server has no event stream: the page says it polls instead.
    eventually("the polling fallback", || {
        query(&root, ".live-status[data-live='polling']").is_some()
    })
    .await;
    // Chips carry the counts; "All" sums them.
    let ready = query(&root, ".filter-chip[data-status='ready']").unwrap();
    assert!(ready.text_content().unwrap().contains('2'));
    let all = query(&root, ".filter-chip[data-status='all']").unwrap();
    assert!(all.text_content().unwrap().contains('3'));
    assert_eq!(all.get_attribute("aria-pressed").as_deref(), Some("true"));
    // One page of three: both page buttons there, and disabled.
    let pages = query(&root, "nav.pagination").unwrap();
    assert_eq!(
        pages.text_content().unwrap(),
        "PreviousPage 1 of 1 · 3 applicantsNext"
    );
    assert_eq!(count(&root, "nav.pagination button[disabled]"), 2);

    click(&root, ".filter-chip[data-status='ready']");
    eventually("a filtered fetch", || {
        fetch_searches("GET /api/officer/applicants").contains("status=ready")
    })
    .await;
    eventually("the chip is pressed", || {
        query(&root, ".filter-chip[data-status='ready']")
            .and_then(|c| c.get_attribute("aria-pressed"))
            .as_deref()
            == Some("true")
    })
    .await;

    // Search and sort go into the same query; the CSV link follows it.
    type_into(&root, "#applicant-search", "Palomero");
    submit(&root, ".search");
    eventually("a searched fetch", || {
        fetch_searches("GET /api/officer/applicants").contains("q=Palomero&status=ready")
    })
    .await;
    let export = query(&root, "a[download]").unwrap();
    assert_eq!(
        export.get_attribute("href").as_deref(),
        Some("/api/officer/applicants/export.csv?q=Palomero&status=ready")
    );
    let url = web_sys::window().unwrap().location().search().unwrap();
    assert!(
        url.contains("q=Palomero"),
        "the URL keeps the filters: {url}"
    );
    drop(handle);
    wink_web::router::replace_query("");
    restore_fetch();
}

#[wasm_bindgen_test]
fn the_chart_component_draws_and_describes_the_gap_and_the_change() {
    let root = fresh_root();
    let _handle = mount_to(root.clone(), || {
        view! {
            <ContributionsChart
                contributions=contributions()
                gaps=vec![george_gap()]
                employments=monthly_employments()
                through=Some(ANCHOR.to_owned())
            />
            <EmploymentTimeline employments=monthly_employments() through=month(0) sources=vec![] />
        }
    });
    assert_eq!(count(&root, ".contributions-chart rect.bar"), 41);
    assert_eq!(count(&root, ".contributions-chart rect.bar.gap"), 4);
    let gap = query(&root, "rect.bar.gap").unwrap();
    assert!(gap
        .text_content()
        .unwrap()
        .contains("no contribution (gap)"));
    assert_eq!(count(&root, ".employer-change"), 1);
    let page = text(&root);
    let (from, to) = (month(17), month(14));
    assert!(
        page.contains(&format!(
            "Gap: no contributions from {from} to {to} (4 months)."
        )),
        "{page}"
    );
    assert!(page.contains("CDE Corporation → ABC Corporation"), "{page}");
    let svg = query(&root, ".contributions-chart svg").unwrap();
    assert_eq!(svg.get_attribute("role").as_deref(), Some("img"));
    assert!(page.contains("41 months"), "the description: {page}");
    assert_eq!(count(&root, ".employment-timeline .segment"), 2);
    assert!(
        page.contains("(23 months)") && page.contains("(14 months)"),
        "{page}"
    );
}

#[wasm_bindgen_test]
async fn a_401_from_any_call_sends_the_officer_back_to_login() {
    install_fetch_stub();
    set_route("GET /api/officer/me", 200, &login_json());
    set_route(
        "GET /api/officer/applicants",
        401,
        &json!({"error": {"code": "UNAUTHORIZED", "message": "Session expired."}}).to_string(),
    );
    let window = web_sys::window().unwrap();
    let start = window.location().pathname().unwrap();
    wink_web::router::navigate_replacing("/officer/");
    let root = fresh_root();
    let handle = mount_to(root.clone(), || view! { <App /> });
    let page = eventually_text(&root, EXPIRED).await;
    assert!(query(&root, "#officer-password").is_some(), "{page}");
    assert!(
        query(&root, ".officer-nav").is_none(),
        "no navigation when signed out"
    );
    drop(handle);
    wink_web::router::navigate_replacing(&start);
    restore_fetch();
}

fn detail_json() -> String {
    detail().to_string()
}

fn detail() -> serde_json::Value {
    let contributions: Vec<Contribution> = contributions();
    json!({
        "application": {"id": "a1", "reference": "WP-7K3QF9", "fullName": "George Palomero Jr.",
            "email": "g@example.com", "mobile": "+639559991234", "employer": "ABC Corporation",
            "monthlyIncome": 25000, "currency": "PHP", "status": "linked", "language": "fil",
            "consentedAt": "2026-11-27T10:00:00Z", "createdAt": "2026-11-27T10:00:00Z"},
        "status": "ready",
        "accounts": [{"accountId": "acc-1", "providerId": "abccorp", "providerName": null,
            "status": "error", "errorCode": "INVALID_CREDENTIALS", "lastSyncedAt": null,
            "createdAt": "2026-11-27T10:01:00Z", "updatedAt": "2026-11-27T10:01:00Z"}],
        "identities": [{"id": "i1", "fullName": "George Cimafranca Palomero, Jr", "dob": "1970-08-24",
            "addresses": [{"line1": "12 Maybunga St", "city": "Pasig City", "zip": "1600"}],
            "phones": [{"number": "+639559991234"}], "emails": [{"address": "gpalomero1234@smileapi.io"}],
            "metadata": {"createdAt": "2026-11-27T10:02:00Z", "sourceId": "acc-1", "userId": "u1", "providerId": "sss_ph"}}],
        "employments": monthly_employments(),
        "contributions": contributions,
        "incomes": [], "estimatedIncomes": [], "reportedUploads": [],
        "timeline": [{"at": "2026-11-27T10:03:00Z", "source": "webhook", "kind": "ACCOUNT_CONNECTED",
            "accountId": "acc-1", "detail": "SSS connected"}],
        "summary": {"asOf": "2026-11-27T10:05:00Z",
            "name": {"declared": "George Palomero Jr.", "verified": "George Cimafranca Palomero, Jr",
                "providerId": "sss_ph", "score": 100, "identitiesCompared": 1},
            "employment": {"declaredEmployer": "ABC Corporation", "currentEmployer": "ABC Corporation",
                "verifiedEmployer": "ABC Corporation", "employedSince": null, "employmentEnded": null,
                "tenureMonths": 14, "employerMatches": true},
            "contributions": {"countedThrough": ANCHOR, "monthsLast12": 12, "monthsLast24": 20,
                "gaps": [george_gap()], "lastPostingDate": null, "monthsSinceLastPosting": 1,
                "averageMonthly": {"amount": 1620.0, "currency": "PHP"}},
            "income": {"declared": {"amount": 25000.0, "currency": "PHP"}, "estimated": null,
                "source": null, "fromMonth": null, "toMonth": null, "monthsUsed": 0,
                "differencePercent": null},
            "freshness": {"newestDataAt": "2026-11-27T10:02:00Z", "ageDays": 3},
            "flags": [{"kind": "contribution_gap",
                "reason": format!("No contributions posted for 4 months ({} to {}).", month(17), month(14)),
                "evidence": {"months": "4", "thresholdMonths": "3"}}]},
        "notes": [{"id": 1, "officerEmail": "officer@wink.test", "text": "Called the employer.",
            "createdAt": "2026-11-27T10:06:00Z"}],
        "decision": null
    })
}

#[wasm_bindgen_test]
async fn the_detail_shows_the_data_the_flags_and_takes_a_decision_with_a_reason() {
    install_fetch_stub();
    set_route("GET /api/officer/applicants/a1", 200, &detail_json());
    let root = fresh_root();
    let handle = mount_to(
        root.clone(),
        || view! { <ApplicantPage id="a1".to_owned() /> },
    );
    let page = eventually_text(&root, "Verification summary").await;
    for expected in [
        "George Cimafranca Palomero, Jr",
        "Name match 100/100",
        "1970-08-24",
        "12 Maybunga St, Pasig City, 1600",
        "INVALID_CREDENTIALS",
        "Never",
        "ACCOUNT_CONNECTED",
        "Called the employer.",
        "(3 days old)",
        "thresholdMonths",
    ] {
        assert!(page.contains(expected), "{expected} missing: {page}");
    }
    let flag = query(&root, "[data-flag='contribution_gap']").unwrap();
    assert!(flag
        .text_content()
        .unwrap()
        .contains(&month(17).to_string()));
    assert_eq!(count(&root, "#contributions rect.bar.gap"), 4);
    assert_eq!(count(&root, "#employment .segment"), 2);
    // The language they applied in, for the officer who writes to them.
    assert_eq!(
        inner_text(
            &root,
            "#comparison [data-row='language'] [data-language='fil']"
        ),
        "Filipino"
    );
    assert!(
        query(&root, "#documents [data-empty='documents']").is_some(),
        "no documents: the section says so"
    );
    assert!(!page.contains("Not confirmed by Smile"), "{page}");
    assert_eq!(
        query(&root, "#identity .source")
            .unwrap()
            .text_content()
            .as_deref(),
        Some("sss_ph"),
        "a source the detail does not list falls back to Smile's provider id"
    );
    assert_eq!(
        query(&root, "a[href='/officer/applicants/a1/audit']")
            .unwrap()
            .text_content()
            .as_deref(),
        Some("Audit trail")
    );

    // The officer opens a section; the refresh after the decision keeps it open.
    click(&root, "#income details:last-of-type summary");
    eventually("the estimates open", || {
        query(&root, "#income details:last-of-type[open]").is_some()
    })
    .await;

    // A decision needs a reason: nothing is sent without one.
    click(&root, "#decision-decline");
    submit(&root, ".decision-form");
    eventually_text(&root, "Give the reason for the decision.").await;
    set_route(
        "POST /api/officer/applicants/a1/decision",
        200,
        &json!({"outcome": "decline", "reason": "Income not verified.",
                "officerEmail": "officer@wink.test", "decidedAt": "2026-11-27T10:10:00Z"})
        .to_string(),
    );
    let reason: web_sys::HtmlTextAreaElement =
        query(&root, "#decision-reason").unwrap().unchecked_into();
    reason.set_value("Income not verified.");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    reason
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
    submit(&root, ".decision-form");
    eventually_text(&root, "Decision recorded.").await;
    let sent: serde_json::Value =
        serde_json::from_str(&fetch_bodies("POST /api/officer/applicants/a1/decision")).unwrap();
    assert_eq!(
        sent,
        json!([{"outcome": "decline", "reason": "Income not verified."}])
    );
    eventually("the detail is read again", || {
        fetch_count("GET /api/officer/applicants/a1") == 2
    })
    .await;
    leptos::task::tick().await;
    assert!(
        query(&root, "#income details:last-of-type[open]").is_some(),
        "the refresh closed the section"
    );
    drop(handle);
    restore_fetch();
}

#[wasm_bindgen_test]
async fn a_deleted_applicant_reads_as_not_found() {
    install_fetch_stub();
    set_route(
        "GET /api/officer/applicants/gone",
        404,
        &json!({"error": {"code": "NOT_FOUND", "message": "No such applicant."}}).to_string(),
    );
    let root = fresh_root();
    let _handle = mount_to(
        root.clone(),
        || view! { <ApplicantPage id="gone".to_owned() /> },
    );
    eventually_text(&root, "Applicant not found").await;
    assert!(
        query(&root, ".workflow").is_none(),
        "no workflow for nobody"
    );
    restore_fetch();
}

#[wasm_bindgen_test]
async fn an_invitation_shows_the_full_link_to_send() {
    install_fetch_stub();
    set_route(
        "POST /api/officer/invites",
        201,
        &json!({"path": "/apply?invite=tok-9", "expiresAt": "2026-12-04T10:00:00Z"}).to_string(),
    );
    let root = fresh_root();
    let _handle = mount_to(root.clone(), InviteForm);
    type_into(&root, "#invite-name", "Maria Santos");
    type_into(&root, "#invite-employer", "ABC Corporation");
    submit(&root, ".invite-form");
    eventually("the invitation link", || {
        query(&root, "#invite-link").is_some()
    })
    .await;
    let link: web_sys::HtmlInputElement = query(&root, "#invite-link").unwrap().unchecked_into();
    let origin = web_sys::window().unwrap().location().origin().unwrap();
    assert_eq!(link.value(), format!("{origin}/apply?invite=tok-9"));
    assert!(text(&root).contains("2026-12-04 10:00 UTC"));
    let sent: serde_json::Value =
        serde_json::from_str(&fetch_bodies("POST /api/officer/invites")).unwrap();
    assert_eq!(
        sent[0],
        json!({"fullName": "Maria Santos", "email": "", "mobile": "", "employer": "ABC Corporation"})
    );
    let name: web_sys::HtmlInputElement = query(&root, "#invite-name").unwrap().unchecked_into();
    assert_eq!(name.value(), "", "the form is ready for the next one");
    restore_fetch();
}

// ---------------------------------------------------------------------------------------
// The staged rollout

fn rollout_json() -> String {
    json!({"percent": 10, "allowlistEntries": 2, "cohorts": [
        {"cohort": "wink", "applied": 40, "started": 30, "connected": 24, "synced": 18,
         "failedByCode": [{"code": "INVALID_CREDENTIALS", "accounts": 5},
                          {"code": "MFA_TIMEOUT", "accounts": 1}],
         "documentsUploaded": 8, "documentsAnalyzed": 6, "documentsFailed": 2},
        {"cohort": "manual", "applied": 360, "started": 0, "connected": 0, "synced": 0,
         "failedByCode": []}
    ]})
    .to_string()
}

#[wasm_bindgen_test]
fn the_funnel_math_gives_shares_of_applied_and_of_the_step_before() {
    let report: wink_api::officer::RolloutReport = serde_json::from_str(&rollout_json()).unwrap();
    let wink = funnel(&report.cohorts[0]);
    let counts: Vec<u64> = wink.iter().map(|s| s.count).collect();
    assert_eq!(counts, [40, 30, 24, 18]);
    let of_applied: Vec<String> = wink.iter().map(|s| percent_label(s.of_applied)).collect();
    assert_eq!(of_applied, ["100 %", "75 %", "60 %", "45 %"]);
    let of_previous: Vec<String> = wink.iter().map(|s| percent_label(s.of_previous)).collect();
    assert_eq!(of_previous, ["—", "75 %", "80 %", "75 %"]);
    assert_eq!(bar_width(wink[3].of_applied, 200.0), 90.0);

    let manual = funnel(&report.cohorts[1]);
    assert_eq!(percent_label(manual[1].of_applied), "0 %");
    assert_eq!(
        manual[2].of_previous, None,
        "nobody started: no share of them"
    );
    let empty = funnel(&wink_api::officer::CohortStats {
        applied: 0,
        started: 0,
        connected: 0,
        synced: 0,
        ..report.cohorts[1].clone()
    });
    assert!(empty.iter().all(|s| s.of_applied.is_none()));
}

#[wasm_bindgen_test]
async fn the_rollout_page_shows_the_settings_each_funnel_and_the_failures() {
    install_fetch_stub();
    set_route("GET /api/officer/rollout", 200, &rollout_json());
    let root = fresh_root();
    let handle = mount_to(root.clone(), || view! { <RolloutPage /> });
    let page = eventually_text(&root, "10 % of new applicants take the Wink path").await;
    assert!(page.contains("2 allow-list entries"), "{page}");
    assert_eq!(count(&root, "section.cohort"), 2);
    assert!(query(&root, "section.cohort[data-cohort='manual'] h2")
        .unwrap()
        .text_content()
        .unwrap()
        .contains("Manual verification"));

    let wink = "section.cohort[data-cohort='wink']";
    assert_eq!(count(&root, &format!("{wink} tr.funnel-step")), 4);
    let synced = query(&root, &format!("{wink} tr[data-step='Synced']")).unwrap();
    let synced_text = synced.text_content().unwrap();
    assert!(synced_text.contains("18"), "{synced_text}");
    assert!(synced_text.contains("45 %"), "{synced_text}");
    assert!(synced_text.contains("75 %"), "{synced_text}");
    // Each step has an accessible bar as wide as its share of applied.
    let bar = query(
        &root,
        &format!("{wink} tr[data-step='Synced'] svg.funnel-bar"),
    )
    .unwrap();
    assert_eq!(bar.get_attribute("role").as_deref(), Some("img"));
    assert_eq!(
        bar.get_attribute("aria-label").as_deref(),
        Some("Synced: 45 % of applied")
    );
    let fill = query(&root, &format!("{wink} tr[data-step='Synced'] rect.fill")).unwrap();
    assert_eq!(fill.get_attribute("width").as_deref(), Some("90"));

    // Documents: uploaded, analysed and unreadable, as shares of applied and of uploaded.
    assert_eq!(count(&root, &format!("{wink} tr.document-step")), 3);
    let analysed = query(
        &root,
        &format!("{wink} tr.document-step[data-step='Analysed']"),
    )
    .unwrap()
    .text_content()
    .unwrap();
    assert!(
        analysed.contains('6') && analysed.contains("75 %"),
        "{analysed}"
    );
    let unreadable = query(
        &root,
        &format!("{wink} tr.document-step[data-step='Could not be read']"),
    )
    .unwrap();
    assert_eq!(
        unreadable
            .query_selector("[data-of-uploaded]")
            .unwrap()
            .unwrap()
            .text_content()
            .as_deref(),
        Some("25 %")
    );
    assert_eq!(
        query(
            &root,
            &format!("{wink} tr.document-step[data-step='Uploaded'] svg.funnel-bar")
        )
        .unwrap()
        .get_attribute("aria-label")
        .as_deref(),
        Some("Uploaded: 20 % of applied")
    );

    // Failures by error code, most frequent first, with what the code means.
    assert_eq!(count(&root, &format!("{wink} tr.failure")), 2);
    let first = query(&root, &format!("{wink} tr.failure")).unwrap();
    assert_eq!(
        first.get_attribute("data-code").as_deref(),
        Some("INVALID_CREDENTIALS")
    );
    assert!(text(&root).contains("Failed accounts: 6"));
    let manual_text = query(&root, "section.cohort[data-cohort='manual']")
        .unwrap()
        .text_content()
        .unwrap();
    assert!(manual_text.contains("No failed accounts."), "{manual_text}");
    // Kept fresh: without a stream here, the page says it polls.
    eventually("the polling fallback", || {
        query(&root, ".live-status[data-live='polling']").is_some()
    })
    .await;
    drop(handle);
    restore_fetch();
}

#[wasm_bindgen_test]
async fn manual_verification_is_a_status_chip_and_a_badge_in_the_list() {
    install_fetch_stub();
    set_route(
        "GET /api/officer/applicants",
        200,
        &page_json(vec![row("m1", "Maria Santos", "manual")]),
    );
    let root = fresh_root();
    let handle = mount_to(root.clone(), || view! { <ApplicantsPage /> });
    eventually_text(&root, "Maria Santos").await;
    assert!(query(&root, "tr[data-applicant-id='m1'][data-status='manual']").is_some());
    assert!(
        query(&root, "tr[data-applicant-id='m1'] [data-review='manual']")
            .unwrap()
            .text_content()
            .unwrap()
            .contains("Manual verification")
    );
    let chip = query(&root, ".filter-chip[data-status='manual']").unwrap();
    assert!(chip.text_content().unwrap().contains("Manual verification"));
    click(&root, ".filter-chip[data-status='manual']");
    eventually("a manual-only fetch", || {
        fetch_searches("GET /api/officer/applicants").contains("status=manual")
    })
    .await;
    drop(handle);
    wink_web::router::replace_query("");
    restore_fetch();
}

// ---------------------------------------------------------------------------------------
// Documents: Smile's archives as evidence, where each row came from, the document flags

const PAYSLIP: &str = "u-pay1";
const TAMPERED: &str = "u-pay2";
const UNREADABLE: &str = "u-pay3";
const REMOVED: &str = "u-pay4";

fn payslip_file(name: &str) -> serde_json::Value {
    json!([{"name": name, "sizeKb": 182, "format": "PDF"}])
}

fn checks(metadata_score: u8) -> serde_json::Value {
    json!([
        {"kind": "metadata", "result": if metadata_score < 80 { "failed" } else { "passed" },
         "score": metadata_score, "message": "Producer differs from creator.",
         "low": metadata_score < 80},
        {"kind": "computation", "result": "passed", "score": 97, "message": null, "low": false},
        {"kind": "identity", "result": "passed", "score": 92, "message": null, "low": false},
        {"kind": "location", "result": "passed", "score": 88, "message": null, "low": false},
    ])
}

fn document(archive_id: &str, status: &str, file: &str) -> serde_json::Value {
    let analysed = status == "analyzed";
    json!({"archiveId": archive_id, "documentType": "PAYSLIP", "typeLabel": "Payslip",
        "status": status,
        "error": (status == "failed").then_some("The file could not be read."),
        "uploadedAt": "2026-11-27T10:07:00Z", "updatedAt": "2026-11-27T10:08:00Z",
        "providerId": "user-provided", "files": payslip_file(file),
        "extracted": if analysed { json!([
            {"label": "Employer", "value": "DEF Logistics"},
            {"label": "Pay period", "value": "2026-10-01 to 2026-10-31"},
            {"label": "Gross pay", "value": "PHP 22,000.00"},
        ]) } else { json!([]) },
        "checks": if analysed { checks(if file.contains("tampered") { 14 } else { 96 }) } else { json!([]) },
        "checkThreshold": 80})
}

fn metadata(source_id: &str, provider_id: &str) -> serde_json::Value {
    json!({"createdAt": "2026-11-27T10:08:00Z", "sourceId": source_id, "userId": "u1",
           "providerId": provider_id})
}

/// George's detail with a connected SSS account and four uploads: an analysed payslip
/// whose data fills the employment and income rows, a tampered one, an unreadable one and
/// a removed one; the summary's income rests on the payslip only.
fn detail_with_documents() -> serde_json::Value {
    let mut d = detail();
    d["sources"] = json!([
        {"sourceId": "acc-1", "kind": "account", "label": "Social Security System"},
        {"sourceId": PAYSLIP, "kind": "document", "label": "Uploaded payslip"},
    ]);
    d["documents"] = json!([
        document(PAYSLIP, "analyzed", "payslip.pdf"),
        document(TAMPERED, "analyzed", "payslip-tampered.pdf"),
        document(UNREADABLE, "failed", "payslip-unreadable.pdf"),
        document(REMOVED, "revoked", "old-payslip.pdf"),
    ]);
    d["employments"] = json!([{"id": "e-doc", "employer": "DEF Logistics",
        "startDate": format!("{}-01", month(0)), "endDate": last_day(month(0)),
        "metadata": metadata(PAYSLIP, "user-provided")}]);
    d["incomes"] = json!([{"id": "inc-doc", "startDate": format!("{}-01", month(0)),
        "endDate": last_day(month(0)), "employer": "DEF Logistics", "currency": "PHP",
        "grossAmount": 22000.0, "netAmount": 19500.0,
        "metadata": metadata(PAYSLIP, "user-provided")}]);
    d["reportedUploads"] = json!([{"uploadId": "up-9", "documentType": "PAYSLIP",
        "fileName": "payslip-copy.pdf", "reportedAt": "2026-11-27T10:09:00Z"}]);
    d["summary"]["income"] = json!({"declared": {"amount": 25000.0, "currency": "PHP"},
        "estimated": {"amount": 22000.0, "currency": "PHP"}, "source": "incomes",
        "fromMonth": month(0).to_string(), "toMonth": month(0).to_string(), "monthsUsed": 1,
        "differencePercent": -12.0, "evidence": "uploaded_document"});
    d["summary"]["name"]["evidence"] = json!("connected_account");
    d["summary"]["flags"] = json!([
        {"kind": "document_check_failed",
         "reason": "The File metadata check of the payslip scored 14, below the minimum of 80.",
         "evidence": {"check": "metadata", "score": "14", "minimum": "80"}},
        {"kind": "document_unreadable", "reason": "Smile could not read payslip-unreadable.pdf."},
        {"kind": "document_identity_mismatch",
         "reason": "The name on the payslip scores 40 against the declared name."},
    ]);
    d
}

/// Mounts George's detail page answering `detail`; the handle unmounts it when dropped.
async fn mount_detail(detail: &serde_json::Value) -> (web_sys::HtmlElement, impl Sized) {
    install_fetch_stub();
    set_route("GET /api/officer/applicants/a1", 200, &detail.to_string());
    let root = fresh_root();
    let handle = mount_to(
        root.clone(),
        || view! { <ApplicantPage id="a1".to_owned() /> },
    );
    eventually_text(&root, "Verification summary").await;
    (root, handle)
}

fn inner_text(root: &web_sys::HtmlElement, selector: &str) -> String {
    query(root, selector)
        .unwrap_or_else(|| panic!("{selector} missing"))
        .text_content()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn an_analysed_payslip_shows_what_smile_read_and_four_checks_against_the_minimum() {
    let (root, handle) = mount_detail(&detail_with_documents()).await;
    assert_eq!(count(&root, "#documents article.document"), 4);
    let payslip = format!("#document-{PAYSLIP}");
    assert_eq!(
        inner_text(&root, &format!("{payslip} .badge")),
        "Analysed",
        "the status is a word, not a colour"
    );
    let head = inner_text(&root, &format!("{payslip} h3"));
    assert_eq!(head, "Payslip");
    let files = inner_text(&root, &format!("{payslip} table.document-files"));
    assert!(
        files.contains("payslip.pdf") && files.contains("182 KB"),
        "{files}"
    );
    assert!(inner_text(&root, &format!("{payslip} dl")).contains("2026-11-27 10:07 UTC"));

    // The extraction is a table of label and value rows.
    assert_eq!(
        count(
            &root,
            &format!("{payslip} table.extracted tbody th[scope='row']")
        ),
        3
    );
    let extracted = inner_text(&root, &format!("{payslip} table.extracted"));
    for expected in ["Employer", "DEF Logistics", "Gross pay", "PHP 22,000.00"] {
        assert!(extracted.contains(expected), "{expected}: {extracted}");
    }
    assert!(!extracted.contains('{'), "never JSON: {extracted}");

    // Four checks, each with a bar marking the minimum, its words, and a passing verdict.
    assert_eq!(count(&root, &format!("{payslip} tr.check")), 4);
    assert_eq!(
        count(&root, &format!("{payslip} tr.check[data-low='false']")),
        4
    );
    assert!(inner_text(&root, &format!("{payslip} table.checks thead")).contains("minimum 80"));
    let bar = query(
        &root,
        &format!("{payslip} tr.check[data-check='metadata'] svg.check-meter"),
    )
    .unwrap();
    assert_eq!(bar.get_attribute("role").as_deref(), Some("img"));
    assert_eq!(
        bar.get_attribute("aria-label").as_deref(),
        Some("File metadata: 96 of 100, at or above the minimum of 80")
    );
    let marker = query(
        &root,
        &format!("{payslip} tr.check[data-check='metadata'] line.threshold"),
    )
    .unwrap();
    assert_eq!(marker.get_attribute("x1").as_deref(), Some("80"));
    assert_eq!(
        inner_text(
            &root,
            &format!("{payslip} tr.check[data-check='metadata'] .threshold-label")
        ),
        "80"
    );
    let metadata = inner_text(&root, &format!("{payslip} tr.check[data-check='metadata']"));
    assert!(
        metadata.contains("96 / 100") && metadata.contains("Passed"),
        "{metadata}"
    );
    drop(handle);
    restore_fetch();
}

#[wasm_bindgen_test]
async fn a_low_check_says_so_and_explains_it_and_failed_or_removed_documents_are_not_evidence() {
    let (root, handle) = mount_detail(&detail_with_documents()).await;
    let tampered = format!("#document-{TAMPERED} tr.check[data-check='metadata']");
    assert!(query(&root, &format!("{tampered}[data-low='true']")).is_some());
    let row = inner_text(&root, &tampered);
    assert!(row.contains("Low: below the minimum of 80"), "{row}");
    assert!(
        row.contains(CheckKind::Metadata.low_score_explanation()),
        "{row}"
    );
    assert!(
        row.contains("Smile: Producer differs from creator."),
        "{row}"
    );
    assert_eq!(
        query(&root, &format!("{tampered} svg.check-meter"))
            .unwrap()
            .get_attribute("aria-label")
            .as_deref(),
        Some("File metadata: 14 of 100, below the minimum of 80")
    );
    assert!(query(&root, &format!("{tampered} rect.fill.low")).is_some());
    assert_eq!(
        count(&root, &format!("#document-{TAMPERED} .check-explanation")),
        1,
        "only the low check is explained"
    );

    let unreadable = format!("#document-{UNREADABLE}");
    assert_eq!(inner_text(&root, &format!("{unreadable} .badge")), "Failed");
    let failed = inner_text(&root, &unreadable);
    assert!(failed.contains("The file could not be read."), "{failed}");
    assert!(failed.contains("It is not evidence."), "{failed}");
    assert!(query(&root, &format!("{unreadable} table.extracted")).is_none());
    assert!(query(&root, &format!("{unreadable} table.checks")).is_none());

    let removed = format!("#document-{REMOVED}");
    assert_eq!(inner_text(&root, &format!("{removed} .badge")), "Revoked");
    assert!(inner_text(&root, &removed).contains("the data Smile read from it was deleted"));

    // The browser's unconfirmed report stays a hint, apart from Smile's documents.
    let page = text(&root);
    assert!(page.contains("Not confirmed by Smile"), "{page}");
    assert!(query(
        &root,
        "#documents li[data-upload-id='up-9'][data-confirmed='false']"
    )
    .unwrap()
    .text_content()
    .unwrap()
    .contains("payslip-copy.pdf — Payslip, reported by the browser 2026-11-27 10:09 UTC"));
    drop(handle);
    restore_fetch();
}

#[wasm_bindgen_test]
async fn every_row_names_its_source_and_the_summary_labels_a_document_only_figure() {
    let (root, handle) = mount_detail(&detail_with_documents()).await;
    assert_eq!(
        inner_text(&root, "#identity .source[data-source='account']"),
        "Social Security System"
    );
    let to_payslip = format!("a.source[data-source='document'][href='#document-{PAYSLIP}']");
    assert_eq!(
        inner_text(
            &root,
            &format!("#employment li[data-employer='DEF Logistics'] {to_payslip}")
        ),
        "Uploaded payslip"
    );
    assert_eq!(
        inner_text(&root, &format!("#income tbody {to_payslip}")),
        "Uploaded payslip"
    );
    assert!(
        query(&root, &format!("#document-{PAYSLIP}")).is_some(),
        "the link's target is there"
    );

    // The income rests on the payslip only: the summary and the comparison say so.
    let income = query(&root, "#summary [data-figure='income']").unwrap();
    let words = income.text_content().unwrap();
    assert!(words.contains("PHP 22,000"), "{words}");
    let tag = query(
        &root,
        "#summary [data-figure='income'] .evidence-tag.document-only[data-evidence='uploaded_document']",
    )
    .expect("a document-only label");
    assert!(tag
        .text_content()
        .unwrap()
        .starts_with(Evidence::UploadedDocument.label()));
    assert_eq!(
        inner_text(&root, "#summary [data-figure='name'] .evidence-tag"),
        Evidence::ConnectedAccount.label()
    );
    assert!(query(&root, "#summary [data-figure='name'] .document-only").is_none());
    assert!(
        inner_text(&root, "#comparison [data-row='income']").contains("from an uploaded document")
    );
    assert!(inner_text(&root, "#income .estimate").contains("from an uploaded document"));
    drop(handle);
    restore_fetch();
}

#[wasm_bindgen_test]
async fn document_flags_read_as_titles_in_the_summary() {
    let (root, handle) = mount_detail(&detail_with_documents()).await;
    for (kind, title) in [
        ("document_check_failed", "Document check failed"),
        ("document_unreadable", "Unreadable document"),
        ("document_identity_mismatch", "Name on document differs"),
    ] {
        assert_eq!(
            inner_text(&root, &format!("#summary [data-flag='{kind}'] .flag-kind")),
            title
        );
    }
    assert!(
        inner_text(&root, "#summary [data-flag='document_check_failed']")
            .contains("File metadata check")
    );
    drop(handle);
    restore_fetch();
}

#[wasm_bindgen_test]
async fn the_list_shows_and_filters_on_the_document_flags() {
    install_fetch_stub();
    let mut flagged = row("d1", "Ana Reyes", "ready");
    flagged["flags"] = json!(["document_check_failed", "document_unreadable"]);
    set_route(
        "GET /api/officer/applicants",
        200,
        &page_json(vec![flagged]),
    );
    let root = fresh_root();
    let handle = mount_to(root.clone(), || view! { <ApplicantsPage /> });
    eventually_text(&root, "Ana Reyes").await;
    assert_eq!(
        inner_text(
            &root,
            "tr[data-applicant-id='d1'] [data-flag='document_check_failed']"
        ),
        "Document check failed"
    );
    assert_eq!(
        inner_text(
            &root,
            "tr[data-applicant-id='d1'] [data-flag='document_unreadable']"
        ),
        "Unreadable document"
    );
    for (kind, title) in [
        ("document_check_failed", "Document check failed"),
        ("document_unreadable", "Unreadable document"),
        ("document_identity_mismatch", "Name on document differs"),
    ] {
        assert_eq!(
            inner_text(&root, &format!("#flag-filter option[value='{kind}']")),
            title
        );
    }
    let select: web_sys::HtmlSelectElement = query(&root, "#flag-filter").unwrap().unchecked_into();
    select.set_value("document_identity_mismatch");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    select
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
    eventually("a fetch filtered on the flag", || {
        fetch_searches("GET /api/officer/applicants").contains("flag=document_identity_mismatch")
    })
    .await;
    drop(handle);
    wink_web::router::replace_query("");
    restore_fetch();
}

// A stand-in for the browser's EventSource, so a test can push the officers' stream's
// events (the runner's server has no stream).
#[wasm_bindgen(inline_js = "
export function install_fake_event_source() {
  class FakeEventSource extends EventTarget {
    constructor(url) {
      super();
      this.url = url;
      this.onopen = null;
      this.onerror = null;
      FakeEventSource.last = this;
      setTimeout(() => this.onopen && this.onopen(new Event('open')), 0);
    }
    close() {}
  }
  if (!window.__realEventSource) window.__realEventSource = window.EventSource;
  window.EventSource = FakeEventSource;
  window.__fakeEventSource = FakeEventSource;
}
export function send_stream_event(name, data) {
  window.__fakeEventSource.last.dispatchEvent(new MessageEvent(name, { data }));
}
export function restore_event_source() {
  if (window.__realEventSource) window.EventSource = window.__realEventSource;
}
")]
extern "C" {
    fn install_fake_event_source();
    fn send_stream_event(name: &str, data: &str);
    fn restore_event_source();
}

#[wasm_bindgen_test]
async fn the_documents_section_follows_the_live_stream_from_processing_to_analysed() {
    let mut processing = detail_with_documents();
    processing["documents"] = json!([document(PAYSLIP, "processing", "payslip.pdf")]);
    install_fake_event_source();
    let (root, handle) = mount_detail(&processing).await;
    let payslip = format!("#document-{PAYSLIP}");
    assert_eq!(
        inner_text(&root, &format!("{payslip} .badge")),
        "Processing"
    );
    assert!(inner_text(&root, &payslip).contains("Smile is reading and checking"));
    eventually("the stream is live", || {
        query(&root, ".live-status[data-live='live']").is_some()
    })
    .await;

    set_route(
        "GET /api/officer/applicants/a1",
        200,
        &detail_with_documents().to_string(),
    );
    send_stream_event("applicant", &json!({"applicantId": "a1"}).to_string());
    eventually("the payslip is analysed", || {
        query(
            &root,
            &format!("{payslip}[data-document-status='analyzed']"),
        )
        .is_some()
    })
    .await;
    assert_eq!(count(&root, &format!("{payslip} tr.check")), 4);
    assert_eq!(fetch_count("GET /api/officer/applicants/a1"), 2);
    drop(handle);
    restore_event_source();
    restore_fetch();
}

// ---------------------------------------------------------------------------------------
// The signed report, re-verification, what changed, reconnecting an account

const REVERIFY: &str = "POST /api/officer/applicants/a1/reverify";
const RECONNECT: &str = "POST /api/officer/applicants/a1/reconnect-link";

fn reverification_json() -> String {
    json!({"since": "2026-11-28T09:00:00Z", "queued": 2}).to_string()
}

#[wasm_bindgen_test]
async fn the_report_downloads_are_plain_links_and_re_verify_refreshes_the_page() {
    let (root, handle) = mount_detail(&detail()).await;
    for (report, href) in [
        ("pdf-a4", "/api/officer/applicants/a1/report.pdf?paper=a4"),
        (
            "pdf-letter",
            "/api/officer/applicants/a1/report.pdf?paper=letter",
        ),
        ("json", "/api/officer/applicants/a1/report.json"),
    ] {
        let link = query(&root, &format!(".workflow a[data-report='{report}']"))
            .unwrap_or_else(|| panic!("no {report} download"));
        assert_eq!(link.get_attribute("href").as_deref(), Some(href));
        assert!(link.has_attribute("download"), "{report} is a download");
    }
    assert!(
        query(&root, ".workflow a[href='/verify']").is_some(),
        "says where a report is checked"
    );
    assert_eq!(
        inner_text(&root, ".reverify-status"),
        "",
        "nothing started yet"
    );

    set_route(REVERIFY, 200, &reverification_json());
    click(&root, "button.reverify");
    eventually_text(
        &root,
        "Re-verification started; data is being refreshed from Smile.",
    )
    .await;
    assert_eq!(fetch_count(REVERIFY), 1);
    eventually("the detail is read again", || {
        fetch_count("GET /api/officer/applicants/a1") == 2
    })
    .await;
    drop(handle);
    restore_fetch();
}

fn change(kind: &str, section: &str, text: &str) -> serde_json::Value {
    json!({"kind": kind, "section": section, "text": text})
}

#[wasm_bindgen_test]
async fn what_changed_links_each_change_to_its_section() {
    let mut d = detail();
    d["changes"] = json!({"since": "2026-11-20T09:00:00Z", "changes": [
        change("employment_started", "employment", "New employment at XYZ Holdings since 2026-11-01."),
        change("income_down", "income", "Estimated income down 25 %, to PHP 18,750."),
        change("new_contribution_months", "contributions", "1 new contribution month: Nov 2026."),
        change("account_in_error", "accounts", "Social Security System: Wrong credentials."),
        change("document_added", "documents", "A payslip was uploaded."),
    ]});
    let (root, handle) = mount_detail(&d).await;
    assert_eq!(
        inner_text(&root, "#changes h2"),
        "What changed since 2026-11-20 09:00 UTC"
    );
    assert_eq!(count(&root, "#changes li"), 5);
    let links = root.query_selector_all("#changes li a").unwrap();
    for i in 0..links.length() {
        let link: web_sys::Element = links.item(i).unwrap().unchecked_into();
        let href = link.get_attribute("href").unwrap();
        assert!(
            query(&root, &format!("section.panel{href}")).is_some(),
            "{href} is no section of the page"
        );
    }
    let employment = query(&root, "#changes li[data-change='employment_started'] a").unwrap();
    assert_eq!(
        employment.get_attribute("href").as_deref(),
        Some("#employment")
    );
    assert_eq!(
        employment.text_content().as_deref(),
        Some("New employment at XYZ Holdings since 2026-11-01.")
    );
    drop(handle);
    restore_fetch();

    d["changes"]["changes"] = json!([]);
    let (root, handle) = mount_detail(&d).await;
    assert_eq!(
        inner_text(&root, "#changes [data-empty='changes']"),
        "Nothing changed since 2026-11-20 09:00 UTC."
    );
    assert_eq!(count(&root, "#changes li"), 0);
    drop(handle);
    restore_fetch();

    // No report or re-verification yet: nothing to compare with, so no section at all.
    let (root, handle) = mount_detail(&detail()).await;
    assert!(query(&root, "#changes").is_none());
    assert!(!text(&root).contains("What changed"), "{}", text(&root));
    drop(handle);
    restore_fetch();
}

fn officer_account(
    id: &str,
    provider_name: Option<&str>,
    status: &str,
    error_code: Option<&str>,
    disconnected: bool,
) -> serde_json::Value {
    json!({"accountId": id, "providerId": format!("provider-{id}"), "providerName": provider_name,
        "status": status, "errorCode": error_code, "lastSyncedAt": null,
        "disconnected": disconnected,
        "createdAt": "2026-11-27T10:01:00Z", "updatedAt": "2026-11-27T10:01:00Z"})
}

#[wasm_bindgen_test]
async fn an_account_that_cannot_be_refreshed_says_why_and_gets_a_reconnect_link() {
    let mut d = detail();
    let refreshable = officer_account("acc-3", Some("Grab"), "ready", None, false);
    d["accounts"] = json!([
        officer_account("acc-1", None, "error", Some("INVALID_CREDENTIALS"), false),
        officer_account("acc-2", Some("Social Security System"), "ready", None, true),
        refreshable.clone(),
    ]);
    let (root, handle) = mount_detail(&d).await;
    assert_eq!(count(&root, "#accounts .unrefreshable li"), 2);
    let refused = inner_text(&root, "#accounts li[data-account-id='acc-1']");
    assert!(
        refused.starts_with("provider-acc-1")
            && refused.contains("Wrong credentials.")
            && refused.contains("INVALID_CREDENTIALS"),
        "{refused}"
    );
    let gone = inner_text(&root, "#accounts li[data-account-id='acc-2']");
    assert!(
        gone.starts_with("Social Security System") && gone.contains("Disconnected"),
        "{gone}"
    );
    assert!(query(&root, "#accounts li[data-account-id='acc-3']").is_none());

    // The applicant reconnected meanwhile: the server says there is nothing to send.
    set_route(
        RECONNECT,
        409,
        &json!({"error": {"code": "CONFLICT", "message": "No account needs reconnecting."}})
            .to_string(),
    );
    click(&root, "button.send-reconnect");
    eventually_text(&root, "No account needs reconnecting.").await;
    assert!(query(&root, "#reconnect-link").is_none());

    set_route(
        RECONNECT,
        200,
        &json!({"path": "/resume/tok-r?reconnect=1", "expiresAt": "2026-12-27T10:00:00Z"})
            .to_string(),
    );
    click(&root, "button.send-reconnect");
    eventually("the reconnect link", || {
        query(&root, "#reconnect-link").is_some()
    })
    .await;
    let link: web_sys::HtmlInputElement = query(&root, "#reconnect-link").unwrap().unchecked_into();
    let origin = web_sys::window().unwrap().location().origin().unwrap();
    assert_eq!(link.value(), format!("{origin}/resume/tok-r?reconnect=1"));
    assert!(
        inner_text(&root, "[data-reconnect-link]").contains("2026-12-27 10:00 UTC"),
        "says when it expires"
    );
    assert!(query(&root, "[data-reconnect-link] .copy-row button").is_some());
    assert_eq!(fetch_count(RECONNECT), 2);

    // A refresh redraws the sections; the link, shown only once, stays on screen.
    let mut refreshed = d.clone();
    refreshed["changes"] = json!({"since": "2026-11-28T09:00:00Z", "changes": []});
    set_route(
        "GET /api/officer/applicants/a1",
        200,
        &refreshed.to_string(),
    );
    set_route(REVERIFY, 200, &reverification_json());
    click(&root, "button.reverify");
    eventually_text(&root, "Nothing changed since 2026-11-28 09:00 UTC.").await;
    let link: web_sys::HtmlInputElement = query(&root, "#reconnect-link")
        .expect("the link survives the refresh")
        .unchecked_into();
    assert_eq!(link.value(), format!("{origin}/resume/tok-r?reconnect=1"));
    drop(handle);
    restore_fetch();

    // Every account refreshes: nothing to reconnect.
    d["accounts"] = json!([refreshable]);
    let (root, handle) = mount_detail(&d).await;
    assert!(query(&root, ".reconnect").is_none());
    assert!(query(&root, "button.send-reconnect").is_none());
    drop(handle);
    restore_fetch();
}
