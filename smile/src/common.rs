//! Small shared vocabulary: timestamps, data points, source types, modes, pay periods.

use serde::{Deserialize, Deserializer};

/// A date-time as Smile sends it, `yyyy-MM-ddTHH:mm:ssZ` (UTC).
///
/// Kept as the wire string: the model round-trips Smile's bytes exactly and leaves parsing
/// (and the choice of a time crate) to the caller.
pub type DateTime = String;

/// A calendar date as Smile sends it, `yyyy-MM-dd`.
pub type Date = String;

wire_enum! {
    /// A kind of user data (`RefDatapoint`), e.g. what a provider supports or a task saved.
    pub enum Datapoint {
        Identities = "IDENTITIES",
        Transactions = "TRANSACTIONS",
        Ratings = "RATINGS",
        Employments = "EMPLOYMENTS",
        Documents = "DOCUMENTS",
        Incomes = "INCOMES",
        Contributions = "CONTRIBUTIONS",
        Eincomes = "EINCOMES",
        Liabilities = "LIABILITIES",
        Link = "LINK",
        Insights = "INSIGHTS",
        /// Only in `FileType.supported`: the file type yields no data point.
        NoData = "NONE",
    }
}

wire_enum! {
    /// Where a data item came from (`RefSourceType`).
    pub enum SourceType {
        Account = "ACCOUNT",
        Upload = "UPLOAD",
        Archive = "ARCHIVE",
        SocialSecurity = "SOCIAL_SECURITY",
    }
}

wire_enum! {
    /// The mode of an API key pair or a link token.
    pub enum Mode {
        Sandbox = "SANDBOX",
        Production = "PRODUCTION",
    }
}

wire_enum! {
    /// Pay period (`RefPayPeriod`), used by incomes and liabilities.
    pub enum PayPeriod {
        Hourly = "Hourly",
        Daily = "Daily",
        Weekly = "Weekly",
        Semimonthly = "Semimonthly",
        Monthly = "Monthly",
        Bimonthly = "Bimonthly",
        Quarterly = "Quarterly",
        Annually = "Annually",
        Variable = "Variable",
        Unspecified = "Unspecified",
    }
}

wire_enum! {
    /// The kind of a data-sync task (`TaskType`).
    pub enum TaskType {
        LinkAccount = "LINK_ACCOUNT",
        AnalyzeArchive = "ANALYZE_ARCHIVE",
        ClassifyArchive = "CLASSIFY_ARCHIVE",
        UpdateAccount = "UPDATE_ACCOUNT",
    }
}

/// `#[serde(default = "...")]` helper for booleans whose spec default is `true`.
pub(crate) fn default_true() -> bool {
    true
}

/// Deserialises an array whose spec enum lists `null` as a member: nulls are dropped, a
/// missing or `null` array is empty.
pub(crate) fn vec_skip_nulls<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let items: Option<Vec<Option<T>>> = Option::deserialize(deserializer)?;
    Ok(items.unwrap_or_default().into_iter().flatten().collect())
}

/// Deserialises a list that Smile may send as `null`: `null` becomes empty.
pub(crate) fn null_as_empty<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}

/// Deserialises a value that Smile may leave out or send as `null`: either is the default.
pub(crate) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// Deserialises a count that the spec types as `number`: accepts `12` and `12.0`, rejects
/// negative or fractional values.
pub(crate) fn whole_number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    struct Whole;

    impl serde::de::Visitor<'_> for Whole {
        type Value = u64;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a non-negative whole number")
        }

        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<u64, E> {
            Ok(v)
        }

        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<u64, E> {
            u64::try_from(v).map_err(|_| E::custom("negative count"))
        }

        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<u64, E> {
            if v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v <= u64::MAX as f64 {
                Ok(v as u64)
            } else {
                Err(E::custom(format_args!("{v} is not a whole number")))
            }
        }
    }

    deserializer.deserialize_any(Whole)
}

/// [`whole_number`] for the event schema `version`.
pub(crate) fn whole_u32<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
    let n = whole_number(deserializer)?;
    u32::try_from(n).map_err(|_| serde::de::Error::custom("version out of range"))
}
