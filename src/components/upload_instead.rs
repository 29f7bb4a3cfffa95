use leptos::prelude::*;

use crate::i18n::tr;
use crate::linking::texts::LinkText;

/// The way on for an applicant whose employer or agency is not in Smile's list: upload a
/// payslip in the widget instead. Says where to go in Smile's window before it opens (the
/// widget opens on its list of providers; uploading sits behind a link below it).
/// Nothing shows unless the lender offers uploads.
#[component]
pub fn UploadInstead(
    #[prop(into)] uploads_enabled: Signal<bool>,
    /// The widget is being prepared or opened.
    #[prop(into)]
    busy: Signal<bool>,
    /// Opens the widget.
    on_upload: Callback<()>,
) -> impl IntoView {
    move || {
        uploads_enabled.get().then(|| {
            view! {
                <div class="upload-fallback">
                    <button
                        type="button"
                        class="secondary upload-instead"
                        disabled=move || busy.get()
                        aria-describedby="upload-instead-hint"
                        on:click=move |_| on_upload.run(())
                    >
                        {tr(LinkText::UploadInstead)}
                    </button>
                    <p class="hint" id="upload-instead-hint">
                        {tr(LinkText::UploadInsteadHint)}
                    </p>
                </div>
            }
        })
    }
}
