//! The applicants list keeps its filters in the page's query string, in the very spelling
//! of the API's (`ApplicantQuery::to_query_string`), so a reload, a bookmark or "back" from
//! an applicant shows the same list. This reads it back.

use wink_api::officer::{ApplicantQuery, ApplicantSort, ReviewStatus, MAX_PER_PAGE};
use wink_api::summary::FlagKind;
use wink_web::router::query_pairs;

/// The list query a URL's query string describes; unknown or malformed values are ignored
/// (a hand-edited URL still shows a list).
pub fn parse(query_string: &str) -> ApplicantQuery {
    let mut query = ApplicantQuery::default();
    for (key, value) in query_pairs(query_string) {
        match key.as_str() {
            "q" if !value.trim().is_empty() => query.q = Some(value),
            "status" => query.status = ReviewStatus::parse(&value),
            "flag" if !value.is_empty() => query.flag = Some(FlagKind::from(value.as_str())),
            "sort" => query.sort = ApplicantSort::ALL.into_iter().find(|s| s.as_str() == value),
            "page" => query.page = value.parse().ok().filter(|p| *p > 1),
            "perPage" => {
                query.per_page = value
                    .parse()
                    .ok()
                    .filter(|n| (1..=MAX_PER_PAGE).contains(n))
            }
            _ => {}
        }
    }
    query
}

/// A change of filter starts again at the first page.
pub fn first_page(query: ApplicantQuery) -> ApplicantQuery {
    ApplicantQuery {
        page: None,
        ..query
    }
}

/// The number of pages for `total` matches (at least one, an empty one).
pub fn page_count(total: u64, per_page: u32) -> u32 {
    let per_page = u64::from(per_page.max(1));
    u32::try_from(total.div_ceil(per_page).max(1)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(parse(&query.to_query_string()), query);
        assert_eq!(parse(""), ApplicantQuery::default());
    }

    #[test]
    fn nonsense_is_dropped_not_sent() {
        let query = parse("status=bogus&sort=sideways&page=0&perPage=1000&q=%20&x=1");
        assert_eq!(query, ApplicantQuery::default());
        // A flag this build does not know is kept: a newer server may know it.
        assert_eq!(
            parse("flag=brand_new").flag,
            Some(FlagKind::Unknown("brand_new".into()))
        );
    }

    #[test]
    fn pages_are_counted_up() {
        assert_eq!(page_count(0, 25), 1);
        assert_eq!(page_count(25, 25), 1);
        assert_eq!(page_count(26, 25), 2);
        assert_eq!(page_count(100_000, 100), 1000);
    }
}
