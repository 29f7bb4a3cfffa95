//! Query filters several lists share, validated as Smile does: blank values are absent,
//! malformed ones are `INVALID_PARAMETERS`.

use serde::Deserialize;

use crate::clock;
use crate::envelope::{ApiError, QueryPart};

/// `value` trimmed, or `None` if blank.
pub fn nonempty(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// `value`, unless it is missing or blank: then `{name} is required`.
pub fn required(name: &str, value: Option<String>) -> Result<String, ApiError> {
    value
        .filter(|v| !v.trim().is_empty())
        .ok_or_else(|| ApiError::invalid(format!("{name} is required")))
}

/// `value` (see [`nonempty`]) if `valid`; otherwise an error saying `name` must be `format`.
pub fn checked(
    name: &str,
    value: Option<String>,
    valid: fn(&str) -> bool,
    format: &str,
) -> Result<Option<String>, ApiError> {
    match nonempty(value) {
        Some(v) if !valid(&v) => Err(ApiError::invalid(format!("{name} must be {format}"))),
        other => Ok(other),
    }
}

/// The `userId` filter.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserFilter {
    user_id: Option<String>,
}

impl UserFilter {
    /// Whether an item of `user_id` passes.
    pub fn allows(&self, user_id: &str) -> bool {
        self.user_id.as_deref().is_none_or(|u| u == user_id)
    }
}

/// A validated `startDate`/`endDate` pair (inclusive), compared on the date part.
#[derive(Debug, Default)]
pub struct DateRange {
    start: Option<String>,
    end: Option<String>,
}

impl DateRange {
    /// Whether the date (or date-time) `value` lies in the range.
    pub fn contains(&self, value: &str) -> bool {
        let date = value.get(..10).unwrap_or(value);
        self.start.as_deref().is_none_or(|s| date >= s)
            && self.end.as_deref().is_none_or(|e| date <= e)
    }
}

/// The date part of a list's query string, unchecked.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RawRange {
    start_date: Option<String>,
    end_date: Option<String>,
}

impl QueryPart for DateRange {
    type Raw = RawRange;

    fn check(raw: RawRange) -> Result<Self, ApiError> {
        Ok(DateRange {
            start: checked("startDate", raw.start_date, clock::is_date, "yyyy-MM-dd")?,
            end: checked("endDate", raw.end_date, clock::is_date, "yyyy-MM-dd")?,
        })
    }
}
