use leptos::prelude::*;
use wink_api::report::{ChangeSection, WhatChanged};

use crate::format::timestamp;

/// "What changed since <date>": each change links to its section of the page, or one
/// sentence when nothing did. Nothing at all before the first report or re-verification.
#[component]
pub fn ChangesSince(changes: Option<WhatChanged>) -> impl IntoView {
    changes.map(|changes| {
        let since = timestamp(&changes.since);
        let body = if changes.changes.is_empty() {
            view! { <p class="empty" data-empty="changes">{format!("Nothing changed since {since}.")}</p> }
                .into_any()
        } else {
            let items = changes
                .changes
                .into_iter()
                .map(|change| {
                    view! {
                        <li data-change=change.kind.as_str()>
                            <a href=format!("#{}", section_id(change.section))>{change.text}</a>
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class="changes">{items}</ul> }.into_any()
        };
        view! {
            <section class="panel what-changed" id="changes" aria-labelledby="changes-heading">
                <h2 id="changes-heading">{format!("What changed since {since}")}</h2>
                {body}
            </section>
        }
    })
}

/// The id of the detail page's section a change belongs to.
fn section_id(section: ChangeSection) -> &'static str {
    match section {
        ChangeSection::Employment => "employment",
        ChangeSection::Income => "income",
        ChangeSection::Contributions => "contributions",
        ChangeSection::Accounts => "accounts",
        ChangeSection::Documents => "documents",
    }
}
