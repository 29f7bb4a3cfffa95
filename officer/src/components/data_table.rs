use leptos::prelude::*;

/// A table in its own keyboard-focusable scrolling region, so a wide table scrolls by
/// itself on a narrow screen instead of the page. `headers` label the columns.
#[component]
pub fn DataTable(
    /// What the region is called, for screen readers.
    label: &'static str,
    headers: &'static [&'static str],
    #[prop(optional)] class: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="table-wrap" role="region" aria-label=label tabindex="0">
            <table class=class>
                <thead>
                    <tr>
                        {headers.iter().map(|h| view! { <th scope="col">{*h}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}
