//! The response envelope `{code, message, requestId, data}` and list pages `{nextCursor, items}`.

use serde::{Deserialize, Serialize};

use crate::code::ResponseCode;

/// Every Smile response: a status `code`, a human `message`, a `requestId` for Smile's
/// support, and (usually) `data`.
///
/// Delete and other action endpoints carry no `data` (the spec's `CommonResponse`); errors
/// carry `{}`, `null` or nothing. Parse those with `Envelope<serde_json::Value>` or [`Ack`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Envelope<T> {
    /// Request status code. Only `CommonResponse` requires it in the spec; the list and
    /// get responses do not, so an absent code reads as `OK` (the HTTP status still says
    /// whether the call failed).
    #[serde(default = "ok_code")]
    pub code: ResponseCode,
    /// Human-readable message, e.g. `"Success"`.
    #[serde(default, deserialize_with = "crate::common::null_as_default")]
    pub message: String,
    /// Smile's id for this request (quote it to Smile's support).
    #[serde(default, deserialize_with = "crate::common::null_as_default")]
    pub request_id: String,
    /// The payload: one object, or a [`Page`] for lists.
    // Missing `data` is `None` without `default` (which would demand `T: Default`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<T>,
}

fn ok_code() -> ResponseCode {
    ResponseCode::Ok
}

impl<T> Envelope<T> {
    /// A success envelope (`OK`, `"Success"`) around `data`.
    pub fn ok(request_id: impl Into<String>, data: T) -> Self {
        Envelope {
            code: ResponseCode::Ok,
            message: ResponseCode::Ok.default_message().to_owned(),
            request_id: request_id.into(),
            data: Some(data),
        }
    }
}

/// An envelope without data: deletes, actions, and error bodies (`CommonResponse`).
pub type Ack = Envelope<serde_json::Value>;

impl Ack {
    /// An envelope with `code`, its standard message, and no data (errors, deletes).
    pub fn status(code: ResponseCode, request_id: impl Into<String>) -> Self {
        Envelope {
            message: code.default_message().to_owned(),
            code,
            request_id: request_id.into(),
            data: None,
        }
    }
}

/// One page of a list: `items`, and `nextCursor` to pass as `cursor` for the next page
/// (`null` on the last page).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "T: Deserialize<'de>"))]
pub struct Page<T> {
    /// Opaque cursor of the next page; `None` on the last page.
    #[serde(default)]
    pub next_cursor: Option<String>,
    /// The items of this page.
    #[serde(
        default = "Vec::new",
        deserialize_with = "crate::common::null_as_empty"
    )]
    pub items: Vec<T>,
}

impl<T> Page<T> {
    /// The cursor of the next page, treating an empty string like `null`.
    pub fn next(&self) -> Option<&str> {
        self.next_cursor.as_deref().filter(|c| !c.is_empty())
    }
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page {
            next_cursor: None,
            items: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Page;

    /// The spec's last page leaves `nextCursor` out (it is a string, not nullable); Smile's
    /// other documents show `null`; an empty string is read as no cursor too.
    #[test]
    fn a_last_page_reads_in_every_form() {
        for last in [
            serde_json::json!({"items": [1]}),
            serde_json::json!({"nextCursor": null, "items": [1]}),
            serde_json::json!({"nextCursor": "", "items": [1]}),
        ] {
            let page: Page<u8> = serde_json::from_value(last.clone()).unwrap();
            assert_eq!(
                (page.next(), page.items.as_slice()),
                (None, &[1][..]),
                "{last}"
            );
        }
        let more: Page<u8> =
            serde_json::from_value(serde_json::json!({"nextCursor": "10", "items": []})).unwrap();
        assert_eq!(more.next(), Some("10"));
    }
}
