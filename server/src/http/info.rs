use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use wink_api::Info;

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/info", get(info))
}

async fn info(State(state): State<AppState>) -> Json<Info> {
    Json(Info {
        mode: state.mode(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
    })
}
