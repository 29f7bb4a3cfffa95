use leptos::prelude::*;

use crate::uploads::UploadItem;

/// Documents uploaded in the widget during this visit.
#[component]
pub fn UploadList(#[prop(into)] uploads: Signal<Vec<UploadItem>>) -> impl IntoView {
    move || {
        let uploads = uploads.get();
        (!uploads.is_empty()).then(|| {
            let items = uploads
                .into_iter()
                .map(|item| view! { <li data-upload-id=item.id>{item.label}</li> })
                .collect_view();
            view! {
                <section class="uploads" aria-labelledby="uploads-heading">
                    <h2 id="uploads-heading">"Documents you uploaded"</h2>
                    <ul>{items}</ul>
                    <p class="hint">"A loan officer will check these along with your linked accounts."</p>
                </section>
            }
        })
    }
}
