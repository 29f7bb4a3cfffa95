//! The start page's changing parts: the note after signing out, and the server's status.

use leptos::prelude::*;
use wink_api::Info;

use super::page::{self, escape};
use crate::api::{self, ApiError};
use crate::components::{mode_explanation, ServerText, SIGNED_OUT_QUERY};
use crate::i18n::{use_i18n, Common, I18n};
use crate::linking::texts::ModeText;
use crate::load::Load;
use crate::pages::SignedOutText;
use crate::router::{current_query, query_param};

pub(crate) fn bind() {
    let i18n = use_i18n();
    // Just signed out (see `SignOut`): how to come back.
    if query_param(&current_query(), SIGNED_OUT_QUERY).is_some() {
        if let Some(landing) = page::find("section.landing") {
            let note = format!(
                r#"<div class="callout success" role="status" data-signed-out=""><h2>{}</h2><p>{}</p></div>"#,
                escape(&i18n.t(SignedOutText::Heading)),
                escape(&i18n.t(SignedOutText::Text)),
            );
            let _ = landing.insert_adjacent_html("afterbegin", &note);
        }
    }
    let Some(status) = page::find(".server-status") else {
        return;
    };
    let info = Load::new(api::info);
    Effect::new(move || {
        let answer = info.get();
        page::set_html(&status, &status_html(answer.as_ref(), &i18n));
        if let Some(retry) = page::find(".server-status button") {
            page::on(&retry, "click", move |_| info.reload());
        }
    });
}

/// What `ServerStatus` shows for `answer` (none yet: checking).
fn status_html(answer: Option<&Result<Info, ApiError>>, i18n: &I18n) -> String {
    match answer {
        None => format!(
            r#"<p class="loading">{}</p>"#,
            escape(&i18n.t(ServerText::Checking))
        ),
        Some(Ok(info)) => {
            let mode = info.mode.as_str();
            let (before, after) = i18n.t_around(ModeText::Name { mode: "" }, "mode");
            format!(
                r#"<p class="mode" data-mode="{mode}">{}<span class="mode-badge">{mode}</span>{} {}</p><p class="version">{}</p>"#,
                escape(&before),
                escape(&after),
                escape(&i18n.t(mode_explanation(info.mode))),
                escape(&i18n.t(ServerText::Version {
                    version: &info.version
                })),
            )
        }
        Some(Err(error)) => {
            let reason = i18n.error_text(error);
            format!(
                r#"<div class="error" role="alert"><p>{}</p><button type="button" class="secondary">{}</button></div>"#,
                escape(&i18n.t(ServerText::Failed { reason: &reason })),
                escape(&i18n.t(Common::TryAgain)),
            )
        }
    }
}
