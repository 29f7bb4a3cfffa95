//! The uploads the link page lists: the server's documents (Smile's word on each, the only
//! source of "accepted"), preceded by the widget's reports the server has not listed yet;
//! how each upload's progress reads; and what to announce when one moves on.

use wink_api::document::{LinkDocument, UploadProgress};
use wink_api::messages;

use crate::i18n::Words;
use crate::uploads::WidgetUpload;

messages! {
    /// An uploaded document's progress and type, in words.
    pub enum DocumentText {
        Received = "document.received" => "Received — waiting for Smile",
        ReceivedHint = "document.received_hint" => "Smile will start checking it shortly.",
        Checking = "document.checking" => "Being checked",
        CheckingHint = "document.checking_hint" => "Smile is reading and checking it. This usually takes a minute or two.",
        Accepted = "document.accepted" => "Accepted",
        AcceptedHint = "document.accepted_hint" => "Smile read it. A loan officer will see it with your application.",
        Unreadable = "document.unreadable" => "Could not be read",
        UnreadableHint = "document.unreadable_hint" => "Smile could not read this file. Upload a clearer photo or the original PDF.",
        Removed = "document.removed" => "Removed",
        RemovedHint = "document.removed_hint" => "It was removed, so it is no longer shared.",
        /// What a screen reader hears when an upload is new or moves on.
        News { name, progress } = "document.news" => "{name}: {progress}.",
        /// The same for a file Smile could not read, with what to do.
        NewsUnreadable { name, progress, hint } = "document.news_unreadable" => "{name}: {progress}. {hint}",
        Document = "document.type_document" => "Document",
        Payslip = "document.type_payslip" => "Payslip",
        EmploymentCertificate = "document.type_employment_certificate" => "Certificate of employment",
        TaxDocument = "document.type_tax_document" => "Tax document",
        NbiClearance = "document.type_nbi_clearance" => "NBI clearance",
        GovernmentId = "document.type_government_id" => "Government ID",
        CompanyId = "document.type_company_id" => "Company ID",
        BankStatement = "document.type_bank_statement" => "Bank statement",
        ElectricityBill = "document.type_electricity_bill" => "Electricity bill",
        WaterBill = "document.type_water_bill" => "Water bill",
        PhoneBill = "document.type_phone_bill" => "Phone bill",
        OtherDocument = "document.type_other_document" => "Other document",
    }
}

/// The document types `wink_api::document::type_label` names, by their English label.
const TYPES: [DocumentText<'static>; 12] = [
    DocumentText::Document,
    DocumentText::Payslip,
    DocumentText::EmploymentCertificate,
    DocumentText::TaxDocument,
    DocumentText::NbiClearance,
    DocumentText::GovernmentId,
    DocumentText::CompanyId,
    DocumentText::BankStatement,
    DocumentText::ElectricityBill,
    DocumentText::WaterBill,
    DocumentText::PhoneBill,
    DocumentText::OtherDocument,
];

/// A document type's label in the reader's language. The server and the widget's reports
/// give it in English (`wink_api::document::type_label`): a type this build knows is
/// translated, any other shows as given.
pub fn type_text(label: &str, words: &impl Words) -> String {
    match TYPES.iter().find(|t| t.english_template() == label) {
        Some(known) => words.say(*known),
        None => label.to_owned(),
    }
}

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

    /// [`DocumentRow::name`] for the reader: the type, when it stands in, in their language.
    pub fn display_name(&self, words: &impl Words) -> String {
        if self.file_names.is_empty() {
            type_text(&self.type_label, words)
        } else {
            self.name()
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
    pub label: DocumentText<'static>,
    /// Decorative; hidden from screen readers.
    pub symbol: &'static str,
    /// What it means for the applicant, and what to do next when there is something to do.
    pub hint: DocumentText<'static>,
}

pub fn progress_view(progress: UploadProgress) -> ProgressView {
    use DocumentText as T;
    let (label, symbol, hint) = match progress {
        UploadProgress::Received => (T::Received, "…", T::ReceivedHint),
        UploadProgress::Checking => (T::Checking, "↻", T::CheckingHint),
        UploadProgress::Accepted => (T::Accepted, "✔", T::AcceptedHint),
        UploadProgress::Unreadable => (T::Unreadable, "!", T::UnreadableHint),
        UploadProgress::Removed => (T::Removed, "×", T::RemovedHint),
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
pub fn announcement(
    before: &[DocumentRow],
    now: &[DocumentRow],
    words: &impl Words,
) -> Option<String> {
    let news: Vec<String> = now
        .iter()
        .filter(|row| {
            !before
                .iter()
                .any(|old| old.progress == row.progress && old.is_same_upload(row))
        })
        .map(|row| {
            let view = progress_view(row.progress);
            let name = row.display_name(words);
            let progress = words.say(view.label);
            match row.progress {
                UploadProgress::Unreadable => words.say(DocumentText::NewsUnreadable {
                    name: &name,
                    progress: &progress,
                    hint: &words.say(view.hint),
                }),
                _ => words.say(DocumentText::News {
                    name: &name,
                    progress: &progress,
                }),
            }
        })
        .collect();
    (!news.is_empty()).then(|| news.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::English;
    use wink_api::document::type_label;
    use wink_api::i18n::Message;

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
        assert_eq!(row.display_name(&English), "Payslip");
    }

    #[test]
    fn every_type_the_api_names_is_translatable() {
        for id in [
            "PAYSLIP",
            "EMPLOYMENT_CERTIFICATE",
            "TAX_DOCUMENT",
            "CLEARANCE_NBI",
            "GOVERNMENT_ID",
            "COMPANY_ID",
            "BANK_STATEMENT",
            "ELECTRICITY_BILL",
            "WATER_BILL",
            "TELCO_BILL",
            "OTHERS",
        ] {
            let label = type_label(Some(id));
            assert!(
                TYPES.iter().any(|t| t.english_template() == label),
                "{id}: {label}"
            );
        }
        assert!(TYPES
            .iter()
            .any(|t| t.english_template() == type_label(None)));
        assert_eq!(type_text("Some new type", &English), "Some new type");
    }

    #[test]
    fn every_progress_has_words_and_the_wire_name() {
        for progress in UploadProgress::ALL {
            let view = progress_view(progress);
            assert_eq!(serde_json::to_value(progress).unwrap(), view.name);
            assert!(!view.label.english().is_empty() && view.hint.english().ends_with('.'));
        }
        assert_eq!(
            progress_view(UploadProgress::Received).label.english(),
            "Received — waiting for Smile"
        );
        assert!(progress_view(UploadProgress::Unreadable)
            .hint
            .english()
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
                &rows(UploadProgress::Accepted),
                &English
            )
            .as_deref(),
            Some("may.pdf: Accepted.")
        );
        assert_eq!(
            announcement(
                &rows(UploadProgress::Checking),
                &rows(UploadProgress::Checking),
                &English
            ),
            None
        );
        let unreadable = announcement(
            &rows(UploadProgress::Checking),
            &rows(UploadProgress::Unreadable),
            &English,
        )
        .unwrap();
        assert_eq!(
            unreadable,
            "may.pdf: Could not be read. Smile could not read this file. Upload a clearer \
             photo or the original PDF."
        );
    }

    #[test]
    fn a_new_upload_is_announced_once() {
        let reported = [report(Some("u-1"), "may.pdf")];
        let just_reported = document_rows(&[], &reported);
        assert_eq!(
            announcement(&[], &just_reported, &English).as_deref(),
            Some("may.pdf: Received — waiting for Smile.")
        );
        // The server lists it, still received: no news.
        let listed = document_rows(&[document("u-1", "may.pdf", UploadProgress::Received)], &[]);
        assert_eq!(announcement(&just_reported, &listed, &English), None);
        // A report without an id, then the server's row for it: no news either.
        let anonymous = document_rows(&[], &[report(None, "may.pdf")]);
        assert_eq!(announcement(&anonymous, &listed, &English), None);
    }
}
