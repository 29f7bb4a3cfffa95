use leptos::prelude::*;

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

/// The number of pages for `total` matches (at least one, an empty one).
pub fn page_count(total: u64, per_page: u32) -> u32 {
    let per_page = u64::from(per_page.max(1));
    u32::try_from(total.div_ceil(per_page).max(1)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_counted_up() {
        assert_eq!(page_count(0, 25), 1);
        assert_eq!(page_count(25, 25), 1);
        assert_eq!(page_count(26, 25), 2);
        assert_eq!(page_count(100_000, 100), 1000);
    }
}
