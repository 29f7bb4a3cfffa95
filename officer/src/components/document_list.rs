use leptos::prelude::*;
use wink_api::document::{Document, DocumentFile, DocumentStatus, ExtractedField};

use super::CheckTable;
use crate::document::status_label;
use crate::format::{file_size, timestamp};
use crate::provenance::document_anchor;

/// The applicant's documents as Smile knows them, newest first: each with its status, its
/// files, what Smile read from it and Smile's checks. Rows elsewhere on the page link here
/// by [`document_anchor`].
#[component]
pub fn DocumentList(documents: Vec<Document>) -> impl IntoView {
    if documents.is_empty() {
        return view! { <p class="empty" data-empty="documents">"No documents uploaded."</p> }
            .into_any();
    }
    documents
        .into_iter()
        .map(|document| view! { <DocumentEntry document /> })
        .collect_view()
        .into_any()
}

#[component]
fn DocumentEntry(document: Document) -> impl IntoView {
    let anchor = document_anchor(&document.archive_id);
    let heading = format!("{anchor}-heading");
    let status = document.status;
    let body = match status {
        DocumentStatus::Processing => view! {
            <p class="document-note">
                "Smile is reading and checking this document; what it finds appears here when it is done."
            </p>
        }
        .into_any(),
        DocumentStatus::Analyzed => {
            let extracted_heading = format!("{anchor}-extracted");
            let checks_heading = format!("{anchor}-checks");
            view! {
                <h4 id=extracted_heading.clone()>"What Smile read"</h4>
                <ExtractedTable fields=document.extracted labelled_by=extracted_heading />
                <h4 id=checks_heading.clone()>"Smile's checks"</h4>
                <CheckTable
                    checks=document.checks
                    threshold=document.check_threshold
                    labelled_by=checks_heading
                />
            }
            .into_any()
        }
        DocumentStatus::Failed => view! {
            <div class="callout problem document-note" data-not-evidence="">
                <p>
                    {format!(
                        "Smile could not read this document: {}",
                        document.error.unwrap_or_else(|| "no reason given.".to_owned()),
                    )}
                </p>
                <p><strong>"It is not evidence."</strong></p>
            </div>
        }
        .into_any(),
        DocumentStatus::Revoked => view! {
            <p class="document-note">
                "This document was removed; the data Smile read from it was deleted."
            </p>
        }
        .into_any(),
    };
    let files_heading = format!("{anchor}-files");
    // The macro moves children before it reads attributes: clone what both use up front.
    let archive_id = document.archive_id.clone();
    let labelled_by = heading.clone();
    view! {
        <article
            class="document"
            id=anchor
            data-archive-id=archive_id
            data-document-status=status.as_str()
            aria-labelledby=labelled_by
        >
            <div class="document-head">
                <h3 id=heading>{document.type_label}</h3>
                <span class="badge" data-document-status=status.as_str()>
                    {status_label(status)}
                </span>
            </div>
            <dl class="facts">
                <dt>"Uploaded"</dt>
                <dd>{timestamp(&document.uploaded_at)}</dd>
                <dt>"Last change at Smile"</dt>
                <dd>{timestamp(&document.updated_at)}</dd>
                <dt>"Smile archive"</dt>
                <dd class="reference">{document.archive_id}</dd>
            </dl>
            <h4 id=files_heading.clone()>"Files"</h4>
            <FileTable files=document.files labelled_by=files_heading />
            {body}
        </article>
    }
}

#[component]
fn FileTable(files: Vec<DocumentFile>, labelled_by: String) -> impl IntoView {
    if files.is_empty() {
        return view! { <p class="empty">"Smile listed no files."</p> }.into_any();
    }
    let rows = files
        .into_iter()
        .map(|file| {
            view! {
                <tr>
                    <th scope="row" class="file-name">{file.name}</th>
                    <td>{file.format.unwrap_or_else(|| "—".to_owned())}</td>
                    <td class="num">{file.size_kb.map_or_else(|| "—".to_owned(), file_size)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="document-files" aria-labelledby=labelled_by>
            <thead>
                <tr>
                    <th scope="col">"File"</th>
                    <th scope="col">"Format"</th>
                    <th scope="col" class="num">"Size"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

#[component]
fn ExtractedTable(fields: Vec<ExtractedField>, labelled_by: String) -> impl IntoView {
    if fields.is_empty() {
        return view! { <p class="empty">"Smile read nothing from this document."</p> }.into_any();
    }
    let rows = fields
        .into_iter()
        .map(|field| {
            view! {
                <tr>
                    <th scope="row">{field.label}</th>
                    <td>{field.value}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="extracted" aria-labelledby=labelled_by>
            <thead>
                <tr>
                    <th scope="col">"Field"</th>
                    <th scope="col">"Value"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}
