//! The read-only data endpoints: `/identities`, `/employments`, `/incomes`,
//! `/contributions`, `/eincomes`, each with `/{id}`. One generic handler per shape.

use axum::extract::State;
use axum::response::Response;
use serde::{Deserialize, Serialize};
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
    let items = query.select(T::stored(&app.store.lock().data));
    Ok(envelope::ok(page.page(items)))
}

pub async fn get<T: Item + Serialize>(
    State(app): State<Shared>,
    IdPath(id): IdPath,
) -> Result<Response, ApiError> {
    let item = T::stored(&app.store.lock().data)
        .iter()
        .find(|i| i.id() == id)
        .cloned()
        .ok_or_else(|| ApiError::not_found(T::NAME))?;
    Ok(envelope::ok(item))
}
