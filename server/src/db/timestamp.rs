//! Instants as the database stores them: RFC 3339 UTC with milliseconds
//! (`2024-08-24T05:24:37.123Z`), which sorts as text in SQL.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyTypeInfo, AnyValueRef};
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::{Any, Database, Decode, Encode, Type};

/// An instant at the stored (millisecond) precision, so what Rust compares is what SQL
/// compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(jiff::Timestamp);

#[derive(Debug, thiserror::Error)]
#[error("not a stored timestamp: {value:?}")]
pub struct NotATimestamp {
    value: String,
}

impl Timestamp {
    pub fn now() -> Self {
        Self::at_stored_precision(jiff::Timestamp::now())
    }

    fn at_stored_precision(at: jiff::Timestamp) -> Self {
        let millis = at.as_millisecond();
        Self(jiff::Timestamp::from_millisecond(millis).unwrap_or(at))
    }

    /// RFC 3339 in UTC to the whole second (`2024-08-24T05:24:37Z`), as the API reports
    /// instants.
    pub fn to_rfc3339_seconds(self) -> String {
        format!("{:.0}", self.0)
    }

    /// The day it falls on in UTC.
    pub fn utc_date(self) -> jiff::civil::Date {
        jiff::tz::Offset::UTC.to_datetime(self.0).date()
    }

    /// How long after `earlier` this is; zero if it is not after it.
    pub fn duration_since(self, earlier: Timestamp) -> Duration {
        Duration::try_from(self.0.duration_since(earlier.0)).unwrap_or_default()
    }
}

impl From<jiff::Timestamp> for Timestamp {
    fn from(at: jiff::Timestamp) -> Self {
        Self::at_stored_precision(at)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.3}", self.0)
    }
}

impl FromStr for Timestamp {
    type Err = NotATimestamp;

    fn from_str(text: &str) -> Result<Self, NotATimestamp> {
        text.parse::<jiff::Timestamp>()
            .map(Self::at_stored_precision)
            .map_err(|_| NotATimestamp {
                value: text.to_owned(),
            })
    }
}

impl std::ops::Add<Duration> for Timestamp {
    type Output = Timestamp;
    fn add(self, duration: Duration) -> Timestamp {
        Self::at_stored_precision(self.0 + duration)
    }
}

impl std::ops::Sub<Duration> for Timestamp {
    type Output = Timestamp;
    fn sub(self, duration: Duration) -> Timestamp {
        Self::at_stored_precision(self.0 - duration)
    }
}

impl Type<Any> for Timestamp {
    fn type_info() -> AnyTypeInfo {
        <String as Type<Any>>::type_info()
    }
}

impl<'q> Encode<'q, Any> for Timestamp {
    fn encode_by_ref(
        &self,
        buf: &mut <Any as Database>::ArgumentBuffer<'q>,
    ) -> Result<IsNull, BoxDynError> {
        <String as Encode<'q, Any>>::encode_by_ref(&self.to_string(), buf)
    }
}

impl<'r> Decode<'r, Any> for Timestamp {
    fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
        Ok(<String as Decode<'r, Any>>::decode(value)?.parse()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stored_form_round_trips() {
        for stored in ["2024-08-24T05:24:37.123Z", "2000-01-01T00:00:00.000Z"] {
            let at: Timestamp = stored.parse().unwrap();
            assert_eq!(at.to_string(), stored);
        }
    }

    #[test]
    fn it_is_written_at_millisecond_precision_and_orders_like_its_text() {
        let now = Timestamp::now();
        let text = now.to_string();
        assert_eq!(text.len(), "2024-08-24T05:24:37.123Z".len());
        assert!(text.ends_with('Z'));
        assert_eq!(text.parse::<Timestamp>().unwrap(), now);
        let later = now + Duration::from_millis(1500);
        assert!(later > now && later.to_string() > text);
        assert_eq!(later.duration_since(now), Duration::from_millis(1500));
        assert_eq!(now.duration_since(later), Duration::ZERO);
        assert_eq!(later - Duration::from_millis(1500), now);
    }

    #[test]
    fn other_rfc3339_forms_are_read_at_stored_precision() {
        let at: Timestamp = "2024-08-24T07:24:37.123456+02:00".parse().unwrap();
        assert_eq!(at.to_string(), "2024-08-24T05:24:37.123Z");
        assert_eq!(at.to_rfc3339_seconds(), "2024-08-24T05:24:37Z");
    }

    #[test]
    fn anything_else_is_an_error_naming_the_value() {
        let error = "yesterday".parse::<Timestamp>().unwrap_err();
        assert_eq!(error.to_string(), "not a stored timestamp: \"yesterday\"");
    }
}
