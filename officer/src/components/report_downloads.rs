use leptos::prelude::*;

use crate::api::{self, Paper};

/// The applicant's verification report to download: the PDF on either paper size and the
/// JSON. Each download is a new report, generated and signed by the server from the data
/// as it stands; plain links, so the browser saves the file the server names.
#[component]
pub fn ReportDownloads(id: String) -> impl IntoView {
    let pdfs = Paper::ALL
        .into_iter()
        .map(|paper| {
            view! {
                <li>
                    <a
                        class="button secondary"
                        href=api::report_pdf_href(&id, paper)
                        download
                        data-report=format!("pdf-{}", paper.as_str())
                    >
                        {format!("PDF ({})", paper.label())}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <ul class="report-downloads plain">
            {pdfs}
            <li>
                <a class="button secondary" href=api::report_json_href(&id) download data-report="json">
                    "JSON"
                </a>
            </li>
        </ul>
        <p class="hint">
            "Each report is signed by this lender: anyone can check it was not edited at "
            <a href="/verify">"/verify"</a>
            "."
        </p>
    }
}
