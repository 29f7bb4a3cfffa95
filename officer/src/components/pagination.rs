use leptos::prelude::*;

use crate::list_query::page_count;

/// "Page 2 of 5 · 112 applicants", with previous and next.
#[component]
pub fn Pagination(page: u32, per_page: u32, total: u64, on_page: Callback<u32>) -> impl IntoView {
    let pages = page_count(total, per_page);
    let page = page.clamp(1, pages);
    let noun = if total == 1 {
        "applicant"
    } else {
        "applicants"
    };
    view! {
        <nav class="pagination no-print" aria-label="Pages">
            <button
                type="button"
                class="secondary"
                disabled={page <= 1}
                on:click=move |_| on_page.run(page - 1)
            >
                "Previous"
            </button>
            <span class="page-of">{format!("Page {page} of {pages} · {total} {noun}")}</span>
            <button
                type="button"
                class="secondary"
                disabled={page >= pages}
                on:click=move |_| on_page.run(page + 1)
            >
                "Next"
            </button>
        </nav>
    }
}
