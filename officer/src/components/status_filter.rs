use leptos::prelude::*;
use wink_api::officer::{ReviewStatus, StatusCount};

/// One chip per review status with how many applicants it would show (the search and flag
/// filter applied, the status filter not), plus "All". Pressing one filters the list; the
/// pressed one says so (`aria-pressed`).
#[component]
pub fn StatusFilter(
    #[prop(into)] counts: Signal<Vec<StatusCount>>,
    #[prop(into)] selected: Signal<Option<ReviewStatus>>,
    on_select: Callback<Option<ReviewStatus>>,
) -> impl IntoView {
    let count_of = move |status: Option<ReviewStatus>| {
        counts.with(|counts| {
            counts
                .iter()
                .filter(|c| status.is_none_or(|s| s == c.status))
                .map(|c| c.count)
                .sum::<u64>()
        })
    };
    let chip = move |status: Option<ReviewStatus>| {
        let label = status.map_or("All", ReviewStatus::label);
        view! {
            <li>
                <button
                    type="button"
                    class="filter-chip"
                    data-status=status.map_or("all", ReviewStatus::as_str)
                    aria-pressed=move || (selected.get() == status).to_string()
                    on:click=move |_| on_select.run(status)
                >
                    {label}
                    " "
                    <span class="count">{move || count_of(status)}</span>
                </button>
            </li>
        }
    };
    view! {
        <ul class="status-filter no-print" aria-label="Filter by status">
            {chip(None)}
            {ReviewStatus::ALL.into_iter().map(|s| chip(Some(s))).collect_view()}
        </ul>
    }
}
