//! The read-only data endpoints: `/identities`, `/employments`, `/incomes`,
//! `/contributions`, `/eincomes`, and the data-sync `/tasks`, each with `/{id}`. One
//! generic handler per shape.

use axum::extract::State;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use smile_api::YearMonth;

use super::filters::{checked, nonempty};
use crate::clock;
use crate::datastore::{DataQuery, Item};
use crate::envelope::{self, ApiError, Checked, IdPath, SmileQuery};
use crate::pagination::PageParams;
use crate::state::Shared;

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListQuery {
    user_id: Option<String>,
    source_id: Option<String>,
    /// Deprecated alias of `sourceId`.
    account_id: Option<String>,
    start_date: Option<String>,
    end_date: Option<String>,
    start_month: Option<String>,
    end_month: Option<String>,
}

impl ListQuery {
    fn into_query<T: Item>(self) -> Result<DataQuery, ApiError> {
        let (start, end) = if T::MONTHLY {
            let month = |s: &str| s.parse::<YearMonth>().is_ok();
            (
                checked("startMonth", self.start_month, month, "yyyy-MM")?,
                checked("endMonth", self.end_month, month, "yyyy-MM")?,
            )
        } else {
            (
                checked("startDate", self.start_date, clock::is_date, "yyyy-MM-dd")?,
                checked("endDate", self.end_date, clock::is_date, "yyyy-MM-dd")?,
            )
        };
        Ok(DataQuery {
            user_id: nonempty(self.user_id),
            source_id: nonempty(self.source_id).or_else(|| nonempty(self.account_id)),
            start,
            end,
        })
    }
}

pub async fn list<T: Item + Serialize>(
    State(app): State<Shared>,
    SmileQuery(q): SmileQuery<ListQuery>,
    Checked(page): Checked<PageParams>,
) -> Result<Response, ApiError> {
    let query = q.into_query::<T>()?;
    let items: Vec<Value> = query
        .select(T::stored(&app.store.lock().data))
        .iter()
        .map(wire)
        .collect();
    Ok(envelope::ok(page.page(items)))
}

pub async fn get<T: Item + Serialize>(
    State(app): State<Shared>,
    IdPath(id): IdPath,
) -> Result<Response, ApiError> {
    let item = T::stored(&app.store.lock().data)
        .iter()
        .find(|i| i.id() == id)
        .map(wire)
        .ok_or_else(|| ApiError::not_found(T::NAME))?;
    Ok(envelope::ok(item))
}

/// Fields whose spec lists `null` among its values (`RefGender`, `RefMaritalStatus`) yet
/// types them `string` without `nullable`.
const UNKNOWN_LEFT_OUT: [&str; 2] = ["gender", "maritalStatus"];

/// `item` as the spec has it: an unknown [`UNKNOWN_LEFT_OUT`] field (an identity read from
/// a payslip has neither) is left out, which both readings of the spec accept.
fn wire<T: Serialize>(item: &T) -> Value {
    // Smile's data types are plain data: serialising them cannot fail.
    let mut value = serde_json::to_value(item).unwrap_or_default();
    if let Value::Object(fields) = &mut value {
        fields.retain(|name, v| !(v.is_null() && UNKNOWN_LEFT_OUT.contains(&name.as_str())));
    }
    value
}
