//! A persona's life moving on after they linked (for tests and demos of re-verification):
//! a new employer, the next month's contribution, and a record reaching further back (a
//! long-standing member, for benchmarks of large reports). The data of every linked account of
//! the persona changes in place, the way a provider's records change between Smile's
//! refreshes; no webhook is raised, so only a fresh fetch of the data sees it.

use serde::{Deserialize, Serialize};
use smile_api::{Contribution, Employment, ProviderType, YearMonth};

use crate::clock;
use crate::datastore::DataStore;
use crate::ids::new_id;
use crate::providers;
use crate::state::Store;

/// Longest employer name accepted.
const MAX_EMPLOYER_CHARS: usize = 200;
/// Most years a record can be extended back by in one request.
const MAX_EARLIER_YEARS: u32 = 30;

/// `POST /_emulator/personas/{key}/changes`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LifeEvents {
    /// Leaves the current employer the day before `since` and joins this one.
    #[serde(default)]
    pub new_employer: Option<NewEmployer>,
    /// Posts a contribution for the month after the newest one.
    #[serde(default)]
    pub new_contribution_month: bool,
    /// Extends the record this many years further back: the oldest employer's monthly
    /// employment rows and contributions, at the oldest month's terms.
    #[serde(default)]
    pub earlier_years: Option<u32>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewEmployer {
    pub name: String,
    /// `yyyy-MM-dd`.
    pub since: String,
}

/// What changed, per account.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Applied {
    /// The persona's linked accounts whose data changed.
    pub account_ids: Vec<String>,
    pub employments_added: usize,
    pub employments_ended: usize,
    pub contributions_added: usize,
    /// Employment rows added before the oldest one (`earlierYears`).
    pub earlier_employments_added: usize,
}

impl LifeEvents {
    /// Why the request cannot be applied, if it cannot.
    pub fn problem(&self) -> Option<&'static str> {
        let employer = self.new_employer.as_ref();
        if employer.is_none() && !self.new_contribution_month && self.earlier_years.is_none() {
            return Some(
                "nothing to change: give newEmployer, newContributionMonth and/or earlierYears",
            );
        }
        if self
            .earlier_years
            .is_some_and(|years| !(1..=MAX_EARLIER_YEARS).contains(&years))
        {
            return Some("earlierYears must be 1 to 30");
        }
        match employer {
            Some(e) if e.name.trim().is_empty() || e.name.chars().count() > MAX_EMPLOYER_CHARS => {
                Some("newEmployer.name must be 1 to 200 characters")
            }
            Some(e) if !clock::is_date(&e.since) => Some("newEmployer.since must be yyyy-MM-dd"),
            _ => None,
        }
    }
}

/// Applies `events` to every connected account of the persona `key` (checked with
/// [`LifeEvents::problem`] first).
pub fn apply(store: &mut Store, key: &str, events: &LifeEvents) -> Applied {
    let mut applied = Applied::default();
    let accounts: Vec<(String, String)> = store
        .accounts
        .iter()
        .filter(|r| r.persona.is_some_and(|p| p.key == key))
        .map(|r| (r.account.id.clone(), r.account.provider_id.clone()))
        .collect();
    let now = clock::now_string();
    for (account_id, provider_id) in accounts {
        let government = providers::find(&provider_id)
            .is_some_and(|p| p.provider_type == ProviderType::Government);
        let data = &mut store.data;
        let before = (
            applied.employments_added,
            applied.employments_ended,
            applied.contributions_added,
            applied.earlier_employments_added,
        );
        if let Some(employer) = &events.new_employer {
            applied.employments_ended += end_employments(data, &account_id, &employer.since);
            // Social-security records name every employer; another employer's records
            // name only their own staff.
            if government {
                applied.employments_added += start_employment(data, &account_id, employer, &now);
            }
        }
        if events.new_contribution_month && government {
            applied.contributions_added += next_contribution(data, &account_id, &now);
        }
        if let (Some(years), true) = (events.earlier_years, government) {
            let (employments, contributions) = extend_back(data, &account_id, years * 12, &now);
            applied.earlier_employments_added += employments;
            applied.contributions_added += contributions;
        }
        let after = (
            applied.employments_added,
            applied.employments_ended,
            applied.contributions_added,
            applied.earlier_employments_added,
        );
        if after != before {
            applied.account_ids.push(account_id);
        }
    }
    applied
}

fn from_source(metadata: Option<&smile_api::ItemMetadata>, account_id: &str) -> bool {
    metadata.is_some_and(|m| m.source_id == account_id)
}

/// The day before `date` (`yyyy-MM-dd`, valid).
fn day_before(date: &str) -> String {
    let month: YearMonth = date[..7].parse().expect("a valid date's month");
    let day: u32 = date[8..].parse().expect("a valid date's day");
    if day == 1 {
        month.minus(1).last_day()
    } else {
        month.date(day - 1)
    }
}

/// Rows from `since` on are dropped (the persona no longer worked there); open-ended ones
/// end the day before. How many employments ended.
fn end_employments(data: &mut DataStore, account_id: &str, since: &str) -> usize {
    let rows = &mut data.employments;
    rows.retain(|e| {
        !(from_source(e.metadata.as_ref(), account_id) && e.start_date.as_str() >= since)
    });
    let mut ended = 0;
    for row in rows
        .iter_mut()
        .filter(|e| from_source(e.metadata.as_ref(), account_id) && e.end_date.is_none())
    {
        row.end_date = Some(day_before(since));
        ended += 1;
    }
    ended
}

/// Social-security style: one row per month from `since`'s month to the current one (at
/// least one). How many rows were added.
fn start_employment(
    data: &mut DataStore,
    account_id: &str,
    employer: &NewEmployer,
    now: &str,
) -> usize {
    let Some(template) = data
        .employments
        .iter()
        .find(|e| from_source(e.metadata.as_ref(), account_id))
        .cloned()
    else {
        return 0;
    };
    let first: YearMonth = employer.since[..7].parse().expect("a valid date's month");
    let last = first.max(clock::month_of(std::time::SystemTime::now()));
    let rows: Vec<Employment> = first
        .through(last)
        .map(|month| {
            let metadata = restamped(&template.metadata, now);
            Employment {
                id: new_id("e-"),
                employer: Some(employer.name.trim().to_owned()),
                employer_number: None,
                employee_number: None,
                department: None,
                start_date: if month == first {
                    employer.since.clone()
                } else {
                    month.first_day()
                },
                end_date: Some(month.last_day()),
                reported_date: Some(month.plus(1).first_day()),
                metadata,
                ..template.clone()
            }
        })
        .collect();
    let added = rows.len();
    data.employments.extend(rows);
    data.employments
        .sort_by(|a, b| b.start_date.cmp(&a.start_date));
    added
}

/// A contribution for the month after the newest one, of the same amount. How many were
/// added (0 without any contribution to follow).
fn next_contribution(data: &mut DataStore, account_id: &str, now: &str) -> usize {
    let newest = data
        .contributions
        .iter()
        .filter(|c| from_source(c.metadata.as_ref(), account_id))
        .max_by(|a, b| a.date.cmp(&b.date))
        .cloned();
    let Some(newest) = newest else {
        return 0;
    };
    let Ok(month) = newest
        .date
        .get(..7)
        .unwrap_or_default()
        .parse::<YearMonth>()
    else {
        return 0;
    };
    let metadata = restamped(&newest.metadata, now);
    let next = month.plus(1);
    data.contributions.push(Contribution {
        id: new_id("con-"),
        // Smile: the end of the month when the exact day is unknown.
        date: next.last_day(),
        reference_id: None,
        metadata,
        ..newest
    });
    data.contributions.sort_by(|a, b| b.date.cmp(&a.date));
    1
}

/// A copy of a row's metadata for a new row created `now`.
fn restamped(
    metadata: &Option<smile_api::ItemMetadata>,
    now: &str,
) -> Option<smile_api::ItemMetadata> {
    let mut metadata = metadata.clone();
    if let Some(m) = metadata.as_mut() {
        m.item_created_at = Some(now.to_owned());
    }
    metadata
}

/// Social-security style: `months` more monthly employment rows and contributions before
/// the account's oldest, copies of the oldest at earlier dates. How many of each were added.
fn extend_back(data: &mut DataStore, account_id: &str, months: u32, now: &str) -> (usize, usize) {
    let month_of = |date: &str| date.get(..7).and_then(|m| m.parse::<YearMonth>().ok());
    let mut employments = 0;
    let oldest = data
        .employments
        .iter()
        .filter(|e| from_source(e.metadata.as_ref(), account_id))
        .min_by(|a, b| a.start_date.cmp(&b.start_date))
        .cloned();
    if let Some((oldest, first)) = oldest.and_then(|e| month_of(&e.start_date).map(|m| (e, m))) {
        for back in 1..=months {
            let month = first.minus(back);
            data.employments.push(Employment {
                id: new_id("e-"),
                start_date: month.first_day(),
                end_date: Some(month.last_day()),
                reported_date: Some(month.plus(1).first_day()),
                metadata: restamped(&oldest.metadata, now),
                ..oldest.clone()
            });
            employments += 1;
        }
        data.employments
            .sort_by(|a, b| b.start_date.cmp(&a.start_date));
    }
    let mut contributions = 0;
    let oldest = data
        .contributions
        .iter()
        .filter(|c| from_source(c.metadata.as_ref(), account_id))
        .min_by(|a, b| a.date.cmp(&b.date))
        .cloned();
    if let Some((oldest, first)) = oldest.and_then(|c| month_of(&c.date).map(|m| (c, m))) {
        for back in 1..=months {
            data.contributions.push(Contribution {
                id: new_id("con-"),
                date: first.minus(back).last_day(),
                reference_id: None,
                metadata: restamped(&oldest.metadata, now),
                ..oldest.clone()
            });
            contributions += 1;
        }
        data.contributions.sort_by(|a, b| b.date.cmp(&a.date));
    }
    (employments, contributions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_day_before() {
        assert_eq!(day_before("2026-12-01"), "2026-11-30");
        assert_eq!(day_before("2026-03-01"), "2026-02-28");
        assert_eq!(day_before("2027-01-01"), "2026-12-31");
        assert_eq!(day_before("2026-12-15"), "2026-12-14");
    }

    #[test]
    fn requests_are_checked() {
        let events =
            |body: serde_json::Value| -> LifeEvents { serde_json::from_value(body).unwrap() };
        assert!(events(serde_json::json!({})).problem().is_some());
        assert!(
            events(serde_json::json!({"newEmployer": {"name": " ", "since": "2026-12-01"}}))
                .problem()
                .is_some()
        );
        assert!(
            events(serde_json::json!({"newEmployer": {"name": "XYZ", "since": "2026-13-01"}}))
                .problem()
                .is_some()
        );
        assert!(events(serde_json::json!({"newContributionMonth": true}))
            .problem()
            .is_none());
        assert!(events(serde_json::json!({"earlierYears": 7}))
            .problem()
            .is_none());
        for years in [0, 31] {
            assert!(events(serde_json::json!({"earlierYears": years}))
                .problem()
                .is_some());
        }
    }
}
