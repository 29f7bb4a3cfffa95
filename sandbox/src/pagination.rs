//! Smile's list paging: `size` (default 10, 1–150) and an opaque `cursor`.
//!
//! The emulator's cursor is the decimal offset of the next item, like the numeric-looking
//! cursors in Smile's examples; clients must treat it as opaque.

use serde::{Deserialize, Serialize};

use crate::envelope::{ApiError, QueryPart};

/// Default page size.
pub const DEFAULT_SIZE: usize = 10;
/// Largest page size Smile allows.
pub const MAX_SIZE: usize = 150;

/// Validated `size` and `cursor`. As a [`QueryPart`] it is read from the query string on
/// its own, leaving the route's own filters to its query type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageParams {
    size: usize,
    offset: usize,
}

impl PageParams {
    /// Parses the raw query values; anything out of range is `INVALID_PARAMETERS`.
    pub fn parse(size: Option<&str>, cursor: Option<&str>) -> Result<Self, ApiError> {
        let size = match size.map(str::trim) {
            None | Some("") => DEFAULT_SIZE,
            Some(raw) => match raw.parse::<usize>() {
                Ok(n) if (1..=MAX_SIZE).contains(&n) => n,
                _ => {
                    return Err(ApiError::invalid(format!(
                        "size must be a whole number from 1 to {MAX_SIZE}"
                    )))
                }
            },
        };
        let offset = match cursor.map(str::trim) {
            None | Some("") => 0,
            Some(raw) => raw
                .parse::<usize>()
                .map_err(|_| ApiError::invalid("cursor is not a cursor this API returned"))?,
        };
        Ok(PageParams { size, offset })
    }

    /// The page of `items` these parameters select.
    pub fn page<T>(self, items: Vec<T>) -> ListPage<T> {
        let total = items.len();
        let end = self.offset.saturating_add(self.size).min(total);
        let items: Vec<T> = items
            .into_iter()
            .skip(self.offset)
            .take(self.size)
            .collect();
        ListPage {
            next_cursor: (end < total).then(|| end.to_string()),
            items,
        }
    }
}

/// One page of an Open API list, in the spec's form: its `nextCursor` is a string, never
/// `null`, so the last page leaves it out. (Smile's other documents show `null` there;
/// `smile_api::Page` reads both.)
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ListPage<T> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
    pub items: Vec<T>,
}

/// The paging part of a list's query string, unchecked.
#[derive(Debug, Deserialize)]
pub struct RawPage {
    size: Option<String>,
    cursor: Option<String>,
}

impl QueryPart for PageParams {
    type Raw = RawPage;

    fn check(raw: RawPage) -> Result<Self, ApiError> {
        PageParams::parse(raw.size.as_deref(), raw.cursor.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_limits() {
        assert_eq!(PageParams::parse(None, None).unwrap().size, 10);
        assert_eq!(PageParams::parse(Some("150"), None).unwrap().size, 150);
        for bad in ["0", "151", "-1", "ten", "1.5"] {
            assert!(PageParams::parse(Some(bad), None).is_err(), "{bad}");
        }
        assert!(PageParams::parse(None, Some("abc")).is_err());
    }

    #[test]
    fn the_last_page_leaves_next_cursor_out() {
        let page = PageParams::parse(Some("2"), None).unwrap();
        let more = serde_json::to_value(page.page(vec![1, 2, 3])).unwrap();
        assert_eq!(
            more,
            serde_json::json!({"nextCursor": "2", "items": [1, 2]})
        );
        let last = serde_json::to_value(page.page(vec![1])).unwrap();
        assert_eq!(last, serde_json::json!({"items": [1]}));
    }

    #[test]
    fn pages_until_the_end() {
        let items: Vec<u32> = (0..25).collect();
        let first = PageParams::parse(Some("10"), None)
            .unwrap()
            .page(items.clone());
        assert_eq!(first.items.len(), 10);
        assert_eq!(first.next_cursor.as_deref(), Some("10"));
        let last = PageParams::parse(Some("10"), Some("20"))
            .unwrap()
            .page(items.clone());
        assert_eq!(last.items, vec![20, 21, 22, 23, 24]);
        assert_eq!(last.next_cursor, None);
        let beyond = PageParams::parse(None, Some("99")).unwrap().page(items);
        assert!(beyond.items.is_empty() && beyond.next_cursor.is_none());
    }
}
