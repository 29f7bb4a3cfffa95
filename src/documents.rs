//! The uploads the link page lists: the server's documents (Smile's word on each, the only
//! source of "accepted"), preceded by the widget's reports the server has not listed yet;
//! how each upload's progress reads; and what to announce when one moves on.

use wink_api::document::{LinkDocument, UploadProgress};

use crate::uploads::WidgetUpload;

/// One upload as the page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRow {
    /// Smile's archive id, when known.
    pub archive_id: Option<String>,
    /// "Payslip", ...
    pub type_label: String,
    pub file_names: Vec<String>,
    pub progress: UploadProgress,
}

impl DocumentRow {
    /// What the applicant called it: the files' names, or the type when there are none.
    pub fn name(&self) -> String {
        if self.file_names.is_empty() {
            self.type_label.clone()
        } else {
            self.file_names.join(", ")
        }
    }

    /// By archive id; a report without one is recognised by its name.
    fn is_same_upload(&self, other: &DocumentRow) -> bool {
        match (&self.archive_id, &other.archive_id) {
            (Some(a), Some(b)) => a == b,
            _ => self.name() == other.name(),
        }
    }
}

/// The server's documents, after the widget's reports it does not list yet (newer, so
/// first). A report is only ever "received": what Smile made of it comes from the server.
pub fn document_rows(server: &[LinkDocument], reported: &[WidgetUpload]) -> Vec<DocumentRow> {
    let listed = |id: &str| server.iter().any(|doc| doc.archive_id == id);
    let pending = reported
        .iter()
        .rev()
        .filter(|upload| !upload.id.as_deref().is_some_and(listed))
        .map(|upload| DocumentRow {
            archive_id: upload.id.clone(),
            type_label: upload.type_label.clone(),
            file_names: upload.file_names.clone(),
            progress: UploadProgress::Received,
        });
    let confirmed = server.iter().map(|doc| DocumentRow {
        archive_id: Some(doc.archive_id.clone()),
        type_label: doc.type_label.clone(),
        file_names: doc.file_names.clone(),
        progress: doc.progress,
    });
    pending.chain(confirmed).collect()
}

/// Everything a document's status shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProgressView {
    /// Machine name, for CSS and tests (`data-progress`).
    pub name: &'static str,
    /// The chip's words.
    pub label: &'static str,
    /// Decorative; hidden from screen readers.
    pub symbol: &'static str,
    /// What it means for the applicant, and what to do next when there is something to do.
    pub hint: &'static str,
}

pub fn progress_view(progress: UploadProgress) -> ProgressView {
    let (label, symbol, hint) = match progress {
        UploadProgress::Received => (
            "Received — waiting for Smile",
            "…",
            "Smile will start checking it shortly.",
        ),
        UploadProgress::Checking => (
            "Being checked",
            "↻",
            "Smile is reading and checking it. This usually takes a minute or two.",
        ),
        UploadProgress::Accepted => (
            "Accepted",
            "✔",
            "Smile read it. A loan officer will see it with your application.",
        ),
        UploadProgress::Unreadable => (
            "Could not be read",
            "!",
            "Smile could not read this file. Upload a clearer photo or the original PDF.",
        ),
        UploadProgress::Removed => ("Removed", "×", "It was removed, so it is no longer shared."),
    };
    ProgressView {
        name: progress.as_str(),
        label,
        symbol,
        hint,
    }
}

/// Still on its way to accepted (or unreadable): worth asking the server again soon.
pub fn is_in_progress(progress: UploadProgress) -> bool {
    matches!(
        progress,
        UploadProgress::Received | UploadProgress::Checking
    )
}

/// Counts towards "you have shared something": not removed, not unreadable.
pub fn is_shared(progress: UploadProgress) -> bool {
    is_in_progress(progress) || progress == UploadProgress::Accepted
}

/// What changed between two lists, in words for a screen reader: each upload that is new or
/// moved on (`None` when nothing did).
pub fn announcement(before: &[DocumentRow], now: &[DocumentRow]) -> Option<String> {
    let news: Vec<String> = now
        .iter()
        .filter(|row| {
            !before
                .iter()
                .any(|old| old.progress == row.progress && old.is_same_upload(row))
        })
        .map(|row| {
            let view = progress_view(row.progress);
            match row.progress {
                UploadProgress::Unreadable => {
                    format!("{}: {}. {}", row.name(), view.label, view.hint)
                }
                _ => format!("{}: {}.", row.name(), view.label),
            }
        })
        .collect();
    (!news.is_empty()).then(|| news.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(id: &str, file: &str, progress: UploadProgress) -> LinkDocument {
        LinkDocument {
            archive_id: id.into(),
            type_label: "Payslip".into(),
            file_names: vec![file.into()],
            progress,
            updated_at: "2026-11-27T10:00:00Z".into(),
        }
    }

    fn report(id: Option<&str>, file: &str) -> WidgetUpload {
        WidgetUpload {
            id: id.map(str::to_owned),
            type_label: "Payslip".into(),
            file_names: vec![file.into()],
        }
    }

    fn progress_of(rows: &[DocumentRow]) -> Vec<(String, UploadProgress)> {
        rows.iter().map(|r| (r.name(), r.progress)).collect()
    }

    #[test]
    fn reports_come_first_until_the_server_lists_them() {
        let server = [document("u-1", "may.pdf", UploadProgress::Checking)];
        let reported = [
            report(Some("u-1"), "may.pdf"),
            report(Some("u-2"), "june.pdf"),
        ];
        assert_eq!(
            progress_of(&document_rows(&server, &reported)),
            [
                ("june.pdf".to_owned(), UploadProgress::Received),
                ("may.pdf".to_owned(), UploadProgress::Checking),
            ]
        );
    }

    #[test]
    fn only_the_server_can_say_accepted() {
        let reported = [report(Some("u-1"), "may.pdf"), report(None, "june.pdf")];
        let rows = document_rows(&[], &reported);
        assert!(rows.iter().all(|r| r.progress == UploadProgress::Received));
        let server = [document("u-1", "may.pdf", UploadProgress::Accepted)];
        assert_eq!(
            progress_of(&document_rows(&server, &reported)),
            [
                ("june.pdf".to_owned(), UploadProgress::Received),
                ("may.pdf".to_owned(), UploadProgress::Accepted),
            ]
        );
    }

    #[test]
    fn names_fall_back_to_the_type() {
        let mut row =
            document_rows(&[document("u-1", "a.pdf", UploadProgress::Accepted)], &[]).remove(0);
        row.file_names.push("b.pdf".into());
        assert_eq!(row.name(), "a.pdf, b.pdf");
        row.file_names.clear();
        assert_eq!(row.name(), "Payslip");
    }

    #[test]
    fn every_progress_has_words_and_the_wire_name() {
        for progress in UploadProgress::ALL {
            let view = progress_view(progress);
            assert_eq!(serde_json::to_value(progress).unwrap(), view.name);
            assert!(!view.label.is_empty() && view.hint.ends_with('.'));
        }
        assert_eq!(
            progress_view(UploadProgress::Received).label,
            "Received — waiting for Smile"
        );
        assert!(progress_view(UploadProgress::Unreadable)
            .hint
            .contains("Upload a clearer photo or the original PDF"));
    }

    #[test]
    fn in_progress_and_shared() {
        let in_progress: Vec<_> = UploadProgress::ALL
            .into_iter()
            .filter(|p| is_in_progress(*p))
            .collect();
        assert_eq!(
            in_progress,
            [UploadProgress::Received, UploadProgress::Checking]
        );
        assert!(is_shared(UploadProgress::Accepted));
        assert!(!is_shared(UploadProgress::Unreadable));
        assert!(!is_shared(UploadProgress::Removed));
    }

    #[test]
    fn announces_what_moved_on_and_nothing_else() {
        let rows = |progress| document_rows(&[document("u-1", "may.pdf", progress)], &[]);
        assert_eq!(
            announcement(
                &rows(UploadProgress::Received),
                &rows(UploadProgress::Accepted)
            )
            .as_deref(),
            Some("may.pdf: Accepted.")
        );
        assert_eq!(
            announcement(
                &rows(UploadProgress::Checking),
                &rows(UploadProgress::Checking)
            ),
            None
        );
        let unreadable = announcement(
            &rows(UploadProgress::Checking),
            &rows(UploadProgress::Unreadable),
        )
        .unwrap();
        assert!(
            unreadable.contains("Upload a clearer photo"),
            "{unreadable}"
        );
    }

    #[test]
    fn a_new_upload_is_announced_once() {
        let reported = [report(Some("u-1"), "may.pdf")];
        let just_reported = document_rows(&[], &reported);
        assert_eq!(
            announcement(&[], &just_reported).as_deref(),
            Some("may.pdf: Received — waiting for Smile.")
        );
        // The server lists it, still received: no news.
        let listed = document_rows(&[document("u-1", "may.pdf", UploadProgress::Received)], &[]);
        assert_eq!(announcement(&just_reported, &listed), None);
        // A report without an id, then the server's row for it: no news either.
        let anonymous = document_rows(&[], &[report(None, "may.pdf")]);
        assert_eq!(announcement(&anonymous, &listed), None);
    }
}
