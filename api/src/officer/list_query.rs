//! The applicants list's query string (`GET /api/officer/applicants`, its CSV export, and
//! the officer's page URL): one type, read and written here only.

use std::collections::BTreeSet;
use std::convert::Infallible;
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use smile_api::{wire_enum, UnknownVariant};

use super::ReviewStatus;
use crate::summary::FlagKind;

wire_enum! {
    #[wire_enum(closed)]
    /// How the list is ordered.
    #[derive(Default)]
    pub enum ApplicantSort {
        /// Most recently changed first.
        #[default]
        Updated = "updated",
        /// Most recently applied first.
        Newest = "newest",
        Oldest = "oldest",
        /// By full name, A to Z.
        Name = "name",
    }
}

wire_enum! {
    #[wire_enum(closed)]
    /// The parameters of the query string, in the order they are written.
    enum Parameter {
        Q = "q",
        Status = "status",
        Flag = "flag",
        Sort = "sort",
        Page = "page",
        PerPage = "perPage",
    }
}

pub const DEFAULT_PER_PAGE: u32 = 25;
pub const MAX_PER_PAGE: u32 = 100;
pub const MAX_PAGE: u32 = 1_000_000;
/// The longest search, in characters.
pub const MAX_SEARCH_CHARS: usize = 200;

/// The query string of `GET /api/officer/applicants` (and of the CSV export); every field
/// is optional, and an empty value counts as absent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApplicantQuery {
    /// Matches part of the full name or email, or the reference, case-insensitively.
    pub q: Option<String>,
    pub status: Option<ReviewStatus>,
    /// Only applicants whose summary raises this flag.
    pub flag: Option<FlagKind>,
    pub sort: Option<ApplicantSort>,
    /// 1-based; the first page is the default and is not kept.
    pub page: Option<u32>,
    /// 1 to [`MAX_PER_PAGE`]; [`DEFAULT_PER_PAGE`] when absent.
    pub per_page: Option<u32>,
}

/// A parameter the server cannot use, named in the message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("q: at most {MAX_SEARCH_CHARS} characters.")]
    SearchTooLong,
    #[error("{parameter}: {source}")]
    UnknownValue {
        parameter: &'static str,
        source: UnknownVariant,
    },
    #[error("{parameter}: expected a whole number from 1 to {max}.")]
    OutOfRange { parameter: &'static str, max: u32 },
    #[error("{parameter}: given more than once.")]
    Repeated { parameter: &'static str },
}

impl ApplicantQuery {
    /// The server's reading: every value must be one it knows. Other parameters are ignored.
    pub fn parse(query_string: &str) -> Result<Self, QueryError> {
        Self::read(pairs(query_string), Err)
    }

    /// The officer's page URL's reading: a hand-edited URL still shows a list. Values it
    /// cannot hold are dropped; a flag this build does not know and an over-long search are
    /// kept, for the server to judge.
    pub fn parse_lenient(query_string: &str) -> Self {
        let Ok(query) = Self::read(pairs(query_string), |_| Ok::<(), Infallible>(()));
        query
    }

    /// The query string (without `?`): parameters in a fixed order, values percent-encoded,
    /// a blank search left out.
    pub fn to_query_string(&self) -> String {
        let search = self.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
        let values = [
            (Parameter::Q, search.map(percent_encode)),
            (
                Parameter::Status,
                self.status.map(|s| s.as_str().to_owned()),
            ),
            (
                Parameter::Flag,
                self.flag.as_ref().map(|f| percent_encode(f.as_str())),
            ),
            (Parameter::Sort, self.sort.map(|s| s.as_str().to_owned())),
            (Parameter::Page, self.page.map(|p| p.to_string())),
            (Parameter::PerPage, self.per_page.map(|n| n.to_string())),
        ];
        let pairs: Vec<String> = values
            .into_iter()
            .filter_map(|(parameter, value)| Some(format!("{parameter}={}", value?)))
            .collect();
        pairs.join("&")
    }

    /// The same filters from the first page: a change of filter starts there again.
    pub fn first_page(self) -> Self {
        ApplicantQuery { page: None, ..self }
    }

    /// The 1-based page asked for.
    pub fn page_number(&self) -> u32 {
        self.page.unwrap_or(1)
    }

    /// The page size asked for.
    pub fn page_size(&self) -> u32 {
        self.per_page.unwrap_or(DEFAULT_PER_PAGE)
    }

    /// Reads decoded `key=value` pairs, handing each problem to `refuse`: it either stops
    /// the reading (strict) or lets it go on without the value (lenient).
    fn read<E>(
        pairs: impl IntoIterator<Item = (impl AsRef<str>, impl AsRef<str>)>,
        mut refuse: impl FnMut(QueryError) -> Result<(), E>,
    ) -> Result<Self, E> {
        let mut query = ApplicantQuery::default();
        let mut seen = BTreeSet::new();
        for (key, value) in pairs {
            let (key, value) = (key.as_ref(), value.as_ref());
            let Some(parameter) = Parameter::parse(key) else {
                continue;
            };
            let name = parameter.as_str();
            if !seen.insert(parameter) {
                refuse(QueryError::Repeated { parameter: name })?;
            }
            let value = match parameter {
                Parameter::Q => value.trim(),
                _ => value,
            };
            if value.is_empty() {
                continue;
            }
            let unknown = |source| QueryError::UnknownValue {
                parameter: name,
                source,
            };
            match parameter {
                Parameter::Q => {
                    if value.chars().count() > MAX_SEARCH_CHARS {
                        refuse(QueryError::SearchTooLong)?;
                    }
                    query.q = Some(value.to_owned());
                }
                Parameter::Status => match value.parse() {
                    Ok(status) => query.status = Some(status),
                    Err(e) => refuse(unknown(e))?,
                },
                Parameter::Flag => {
                    let flag = FlagKind::from(value);
                    if !flag.is_known() {
                        let e = UnknownVariant::new("FlagKind", value, FlagKind::SPELLINGS);
                        refuse(unknown(e))?;
                    }
                    query.flag = Some(flag);
                }
                Parameter::Sort => match value.parse() {
                    Ok(sort) => query.sort = Some(sort),
                    Err(e) => refuse(unknown(e))?,
                },
                Parameter::Page => match number(value, MAX_PAGE) {
                    Some(1) => query.page = None,
                    Some(page) => query.page = Some(page),
                    None => refuse(out_of_range(name, MAX_PAGE))?,
                },
                Parameter::PerPage => match number(value, MAX_PER_PAGE) {
                    Some(n) => query.per_page = Some(n),
                    None => refuse(out_of_range(name, MAX_PER_PAGE))?,
                },
            }
        }
        Ok(query)
    }
}

/// The server's reading ([`ApplicantQuery::parse`]) of the pairs a query-string
/// deserializer (axum's `Query`) hands over.
impl<'de> Deserialize<'de> for ApplicantQuery {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Pairs;

        impl<'de> Visitor<'de> for Pairs {
            type Value = ApplicantQuery;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("the applicants list's query parameters")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = map.next_entry::<String, String>()? {
                    pairs.push(pair);
                }
                ApplicantQuery::read(pairs, Err).map_err(de::Error::custom)
            }
        }

        deserializer.deserialize_map(Pairs)
    }
}

/// The decoded pairs of a query string (a leading `?` allowed).
fn pairs(query_string: &str) -> form_urlencoded::Parse<'_> {
    form_urlencoded::parse(query_string.trim_start_matches('?').as_bytes())
}

/// A whole number from 1 to `max`.
fn number(value: &str, max: u32) -> Option<u32> {
    value.parse().ok().filter(|n| (1..=max).contains(n))
}

fn out_of_range(parameter: &'static str, max: u32) -> QueryError {
    QueryError::OutOfRange { parameter, max }
}

/// Everything outside RFC 3986's unreserved characters.
const RESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes a query value or path segment (a space as `%20`, never `+`).
pub fn percent_encode(s: &str) -> String {
    utf8_percent_encode(s, RESERVED).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_string_encodes_and_skips_empty() {
        let query = ApplicantQuery {
            q: Some(" José & co ".into()),
            status: Some(ReviewStatus::Ready),
            flag: Some(FlagKind::ContributionGap),
            sort: Some(ApplicantSort::Name),
            page: Some(2),
            per_page: None,
        };
        assert_eq!(
            query.to_query_string(),
            "q=Jos%C3%A9%20%26%20co&status=ready&flag=contribution_gap&sort=name&page=2"
        );
        let blank = ApplicantQuery {
            q: Some("  ".into()),
            ..Default::default()
        };
        assert_eq!(blank.to_query_string(), "");
    }

    #[test]
    fn the_url_round_trips_through_the_api_spelling() {
        let query = ApplicantQuery {
            q: Some("José & co".into()),
            status: Some(ReviewStatus::InfoRequested),
            flag: Some(FlagKind::StaleData),
            sort: Some(ApplicantSort::Oldest),
            page: Some(4),
            per_page: Some(50),
        };
        assert_eq!(
            ApplicantQuery::parse_lenient(&query.to_query_string()),
            query
        );
        assert_eq!(ApplicantQuery::parse(&query.to_query_string()), Ok(query));
        assert_eq!(ApplicantQuery::parse_lenient(""), ApplicantQuery::default());
    }

    #[test]
    fn nonsense_is_dropped_not_sent() {
        let query = ApplicantQuery::parse_lenient(
            "status=bogus&sort=sideways&page=0&perPage=1000&q=%20&x=1",
        );
        assert_eq!(query, ApplicantQuery::default());
        // A flag this build does not know is kept: a newer server may know it.
        assert_eq!(
            ApplicantQuery::parse_lenient("flag=brand_new").flag,
            Some(FlagKind::Unknown("brand_new".into()))
        );
    }

    #[test]
    fn a_query_string_deserializer_reads_it_the_servers_way() {
        let read = serde_urlencoded::from_str::<ApplicantQuery>;
        assert_eq!(
            read("q=Jos%C3%A9+Rizal&page=2"),
            Ok(ApplicantQuery::parse("q=Jos%C3%A9+Rizal&page=2").unwrap())
        );
        let refused = read("sort=sideways").unwrap_err().to_string();
        assert!(refused.starts_with("sort:"), "{refused}");
    }

    #[test]
    fn bad_query_values_name_the_parameter() {
        let bad = |query: &str| ApplicantQuery::parse(query).unwrap_err().to_string();
        assert!(bad("status=nope").starts_with("status:"));
        assert!(bad("flag=nope").starts_with("flag:"));
        assert!(bad("sort=nope").starts_with("sort:"));
        assert!(bad("page=0").starts_with("page:"));
        assert!(bad("perPage=1000").starts_with("perPage:"));
        assert!(bad("status=nope").contains("`nope`"), "names the value");
        assert!(bad("status=ready&status=syncing").starts_with("status:"));
        assert!(bad(&format!("q={}", "x".repeat(201))).starts_with("q:"));
        let ok = ApplicantQuery::parse("q=++").unwrap();
        assert!(ok.q.is_none());
        assert_eq!((ok.page_number(), ok.page_size()), (1, DEFAULT_PER_PAGE));
    }
}
