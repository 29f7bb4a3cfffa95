use leptos::prelude::*;
use wink_api::document::UploadProgress;

use crate::documents::{announcement, progress_view, type_text, DocumentRow};
use crate::i18n::{tr, use_i18n};
use crate::linking::texts::LinkText;

/// The documents the applicant uploaded, each with Smile's progress in words (colour only
/// repeats them), and "Upload again" for one Smile could not read. Whenever an upload is
/// new or moves on, a polite status message says so: the list itself is redrawn as a
/// whole, which a live region would read out entirely.
#[component]
pub fn DocumentList(
    /// `None` until the server's first answer.
    #[prop(into)]
    documents: Signal<Option<Vec<DocumentRow>>>,
    /// The lender offers uploading in the widget.
    #[prop(into)]
    can_upload: Signal<bool>,
    /// The widget is being prepared or opened.
    #[prop(into)]
    busy: Signal<bool>,
    /// Opens the widget.
    on_upload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let news = RwSignal::new(String::new());
    Effect::new(move |before: Option<Option<Vec<DocumentRow>>>| {
        let now = documents.get();
        if let (Some(Some(before)), Some(now)) = (&before, &now) {
            // News is told once, in the language of the moment.
            if let Some(text) = untrack(|| announcement(before, now, &i18n)) {
                news.set(text);
            }
        }
        now
    });

    let list = move || {
        let rows = documents.get().unwrap_or_default();
        (!rows.is_empty()).then(|| {
            let items = rows
                .into_iter()
                .map(|row| view! { <DocumentItem row can_upload busy on_upload /> })
                .collect_view();
            view! {
                <section class="uploads" aria-labelledby="uploads-heading">
                    <h2 id="uploads-heading">{tr(LinkText::DocumentsHeading)}</h2>
                    <ul class="documents">{items}</ul>
                    <p class="hint">{tr(LinkText::DocumentsHint)}</p>
                </section>
            }
        })
    };
    view! {
        {list}
        <p class="visually-hidden" role="status" data-document-news="">{move || news.get()}</p>
    }
}

#[component]
fn DocumentItem(
    row: DocumentRow,
    can_upload: Signal<bool>,
    busy: Signal<bool>,
    on_upload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let view = progress_view(row.progress);
    let name = Signal::derive({
        let row = row.clone();
        move || row.display_name(&i18n)
    });
    let type_label = row.type_label.clone();
    let upload_again = (row.progress == UploadProgress::Unreadable).then_some(move || {
        can_upload.get().then(|| {
            view! {
                <button
                    type="button"
                    class="secondary upload-again"
                    disabled=move || busy.get()
                    aria-describedby="upload-instead-hint"
                    on:click=move |_| on_upload.run(())
                >
                    {tr(LinkText::UploadAgain)}
                    <span class="visually-hidden">{Signal::derive(move || format!(" ({})", name.get()))}</span>
                </button>
            }
        })
    });
    view! {
        <li class="document" data-archive-id=row.archive_id data-progress=view.name>
            <div class="document-head">
                <span class="document-name">{name}</span>
                <span class="chip" data-progress=view.name>
                    <span class="chip-symbol" aria-hidden="true">{view.symbol}</span>
                    {tr(view.label)}
                </span>
            </div>
            <p class="document-hint">
                {Signal::derive(move || type_text(&type_label, &i18n))} ". " {tr(view.hint)}
            </p>
            {upload_again}
        </li>
    }
}
