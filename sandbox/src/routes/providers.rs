//! `GET /providers` (with Smile's filters) and `GET /providers/{id}`.

use axum::response::Response;
use serde::Deserialize;
use smile_api::Provider;

use crate::envelope::{self, ApiError, Checked, IdPath, SmileQuery};
use crate::pagination::PageParams;
use crate::providers;

/// Most ids `topIds` may pin (Smile's limit).
const MAX_TOP_IDS: usize = 10;

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderQuery {
    #[serde(rename = "type")]
    kind: Option<String>,
    sub_type: Option<String>,
    active: Option<String>,
    enabled: Option<String>,
    account_connection: Option<String>,
    name: Option<String>,
    ids: Option<String>,
    top_ids: Option<String>,
}

fn flag(name: &str, value: Option<&str>) -> Result<Option<bool>, ApiError> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) if v.eq_ignore_ascii_case("true") => Ok(Some(true)),
        Some(v) if v.eq_ignore_ascii_case("false") => Ok(Some(false)),
        Some(_) => Err(ApiError::invalid(format!("{name} must be true or false"))),
    }
}

fn id_list(value: Option<&str>) -> Vec<String> {
    value
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The catalogue filtered and ordered as `q` asks.
pub fn select(q: &ProviderQuery) -> Result<Vec<Provider>, ApiError> {
    let active = flag("active", q.active.as_deref())?;
    let enabled = flag("enabled", q.enabled.as_deref())?;
    let connection = flag("accountConnection", q.account_connection.as_deref())?;
    let ids = id_list(q.ids.as_deref());
    let top = id_list(q.top_ids.as_deref());
    if top.len() > MAX_TOP_IDS {
        return Err(ApiError::invalid(format!(
            "topIds takes at most {MAX_TOP_IDS} ids"
        )));
    }
    let name = q.name.as_deref().map(str::to_lowercase);
    let mut list: Vec<Provider> = providers::all()
        .into_iter()
        .filter(|p| {
            q.kind
                .as_deref()
                .is_none_or(|k| p.provider_type.as_str().eq_ignore_ascii_case(k))
        })
        .filter(|p| {
            q.sub_type
                .as_deref()
                .is_none_or(|s| p.sub_type.as_str().eq_ignore_ascii_case(s))
        })
        .filter(|p| active.is_none_or(|a| p.active == a))
        .filter(|p| enabled.is_none_or(|e| p.enabled == e))
        .filter(|p| connection.is_none_or(|c| p.account_connection == c))
        .filter(|p| {
            name.as_deref().is_none_or(|n| {
                p.name.to_lowercase().contains(n) || p.long_name.to_lowercase().contains(n)
            })
        })
        .filter(|p| ids.is_empty() || ids.contains(&p.id))
        .collect();
    // Pinned providers first, in the order given; the rest keep catalogue order.
    list.sort_by_key(|p| top.iter().position(|t| *t == p.id).unwrap_or(usize::MAX));
    Ok(list)
}

pub async fn list(
    SmileQuery(q): SmileQuery<ProviderQuery>,
    Checked(page): Checked<PageParams>,
) -> Result<Response, ApiError> {
    Ok(envelope::ok(page.page(select(&q)?)))
}

pub async fn get(IdPath(id): IdPath) -> Result<Response, ApiError> {
    let provider = providers::find(&id).ok_or_else(|| ApiError::not_found("provider"))?;
    Ok(envelope::ok(provider))
}
