use leptos::prelude::*;
use wink_api::officer::{ApplicantPage, ApplicantQuery, ApplicantSort, DEFAULT_PER_PAGE};
use wink_api::summary::FlagKind;
use wink_web::load::Load;
use wink_web::router::{current_query, replace_query};

use crate::api::{self, ApiError};
use crate::components::{
    ApplicantTable, InviteForm, LiveStatus, LoadFailed, Pagination, StatusFilter,
};
use crate::format::flag_label;
use crate::live;

/// The applicants list: search, status chips with counts, flag filter, sort, pages, CSV
/// export and invitations. Its filters live in the URL; it follows the officers' stream.
#[component]
pub fn ApplicantsPage() -> impl IntoView {
    crate::set_title("Applicants");
    let query = RwSignal::new(ApplicantQuery::parse_lenient(&current_query()));
    let search = RwSignal::new(query.with_untracked(|q| q.q.clone().unwrap_or_default()));
    let list: Load<Result<ApplicantPage, ApiError>> =
        Load::new(move || api::applicants(query.get_untracked()));
    Effect::watch(
        move || query.get(),
        move |query, _, _| {
            replace_query(&query.to_query_string());
            list.refresh();
        },
        false,
    );
    let feed = live::follow(|_| true, move || list.refresh());

    let set = move |change: &dyn Fn(&mut ApplicantQuery)| {
        query.update(|q| {
            change(q);
            *q = q.clone().first_page();
        })
    };
    let on_search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = search.get_untracked();
        set(&|q| q.q = Some(text.trim().to_owned()).filter(|t| !t.is_empty()));
    };
    let on_flag = move |ev| {
        let value = event_target_value(&ev);
        set(&|q| q.flag = (!value.is_empty()).then(|| FlagKind::from(value.as_str())));
    };
    let on_sort = move |ev| {
        let value = event_target_value(&ev);
        set(&|q| q.sort = ApplicantSort::parse(&value));
    };
    let on_status = Callback::new(move |status| set(&|q| q.status = status));
    let on_page = Callback::new(move |page: u32| {
        query.update(|q| q.page = (page > 1).then_some(page));
    });

    let page = move || list.get().and_then(Result::ok);
    let results = move || match list.get() {
        None => view! { <p class="loading">"Loading applicants…"</p> }.into_any(),
        Some(Err(error)) => {
            let on_retry = Callback::new(move |()| list.reload());
            view! { <LoadFailed what="the applicants" error on_retry /> }.into_any()
        }
        Some(Ok(page)) if page.items.is_empty() => {
            view! { <p class="empty" data-empty="">"No applicants match."</p> }.into_any()
        }
        Some(Ok(page)) => view! { <ApplicantTable rows=page.items /> }.into_any(),
    };

    view! {
        <section class="page applicants">
            <div class="page-head">
                <h1>"Applicants"</h1>
                <LiveStatus feed />
                <a
                    class="button secondary no-print"
                    href=move || api::export_href(&query.get())
                    download="applicants.csv"
                >
                    "Export CSV"
                </a>
            </div>
            <div class="filters no-print">
                <form class="search field" role="search" on:submit=on_search>
                    <label for="applicant-search">"Search name, email or reference"</label>
                    <div class="search-row">
                        <input
                            id="applicant-search"
                            type="search"
                            prop:value=move || search.get()
                            on:input=move |ev| search.set(event_target_value(&ev))
                        />
                        <button type="submit" class="primary">"Search"</button>
                    </div>
                </form>
                <div class="field">
                    <label for="flag-filter">"Flag"</label>
                    <select id="flag-filter" on:change=on_flag>
                        <option value="" selected=move || query.with(|q| q.flag.is_none())>
                            "Any"
                        </option>
                        {FlagKind::KNOWN
                            .iter()
                            .map(|kind| {
                                let selected = {
                                    let kind = kind.clone();
                                    move || query.with(|q| q.flag.as_ref() == Some(&kind))
                                };
                                view! {
                                    <option value=kind.as_str().to_owned() selected=selected>
                                        {flag_label(kind)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="sort-order">"Sort by"</label>
                    <select id="sort-order" on:change=on_sort>
                        {ApplicantSort::ALL
                            .into_iter()
                            .map(|sort| {
                                view! {
                                    <option
                                        value=sort.as_str()
                                        selected=move || query.with(|q| q.sort.unwrap_or_default() == sort)
                                    >
                                        {sort_label(sort)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
            </div>
            <StatusFilter
                counts=Signal::derive(move || page().map(|p| p.counts).unwrap_or_default())
                selected=Signal::derive(move || query.with(|q| q.status))
                on_select=on_status
            />
            <div class="results" aria-busy=move || list.with(|l| l.is_none()).to_string()>
                {results}
            </div>
            {move || {
                page()
                    .map(|p| {
                        view! {
                            <Pagination
                                page=p.page
                                per_page=if p.per_page == 0 { DEFAULT_PER_PAGE } else { p.per_page }
                                total=p.total
                                on_page
                            />
                        }
                    })
            }}
            <InviteForm />
        </section>
    }
}

fn sort_label(sort: ApplicantSort) -> &'static str {
    match sort {
        ApplicantSort::Updated => "Recently changed",
        ApplicantSort::Newest => "Newest applications",
        ApplicantSort::Oldest => "Oldest applications",
        ApplicantSort::Name => "Name, A to Z",
    }
}
