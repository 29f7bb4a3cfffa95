//! What Smile's OCR and checks make of an uploaded document, decided by the persona and
//! the file name alone so tests can choose the outcome:
//!
//! - a name containing `unreadable` cannot be read (`ARCHIVE_FAILED`);
//! - `tampered` gives a failing `metadata` check (the file was edited after it was made);
//! - `mismatch` gives a failing `identity` check, and the document names someone else.
//!
//! Everything else is analysed: the classification, the fields read (payslips,
//! certificates of employment and tax documents, from the persona's current job) and four
//! passing checks.

use smile_api::archive::{
    ArchiveClassification, ArchiveErrorCode, ArchiveExtraction, ArchiveFileType, ArchiveValidation,
    PayslipAnalysis, TaxDocumentAnalysis, ValidationResult, ValidationResultCode,
};
use smile_api::YearMonth;

use crate::personas::{Job, Persona};

/// Scores below this fail a check.
pub const PASS_SCORE: f64 = 80.0;

/// The name a `mismatch` document carries instead of the uploader's.
pub const MISMATCHED_NAME: &str = "Maria Santos Reyes";

/// The outcome of analysing one archive.
#[derive(Clone, Debug, PartialEq)]
pub enum Analysis {
    /// Read and checked.
    Analyzed {
        /// What the document is.
        classification: ArchiveClassification,
        /// The fields read, for the types Smile extracts.
        extraction: Option<ArchiveExtraction>,
        /// The four checks (boxed: they are most of the variant's size).
        validation: Box<ArchiveValidation>,
    },
    /// The file could not be read.
    Failed {
        /// `Archive.state.errorCode`.
        state_code: ArchiveErrorCode,
        /// `ARCHIVE_FAILED`'s `errorCode` (an open set in Smile's reference).
        event_code: &'static str,
        /// The message on both.
        message: &'static str,
    },
}

/// What is known about the document being analysed.
#[derive(Clone, Copy, Debug)]
pub struct Document<'a> {
    /// The uploader's persona.
    pub persona: &'static Persona,
    /// The declared file type (`Archive.type`), if any.
    pub file_type: Option<&'a str>,
    /// The first file's name.
    pub file_name: &'a str,
    /// The pay period a payslip covers: the last complete month.
    pub period: YearMonth,
}

/// Analyses `doc`.
pub fn analyse(doc: &Document<'_>) -> Analysis {
    let name = doc.file_name.to_ascii_lowercase();
    if name.contains("unreadable") {
        return Analysis::Failed {
            state_code: ArchiveErrorCode::MissingMandatoryField,
            event_code: "FILE_UNABLE_TO_RECOGNIZE",
            message: "Invalid file!",
        };
    }
    let file_type = classify(doc.file_type, doc.file_name);
    let mismatch = name.contains("mismatch");
    let employee = if mismatch {
        MISMATCHED_NAME
    } else {
        doc.persona.full_name
    };
    let extraction = extract(&file_type, doc, employee);
    let validation = ArchiveValidation {
        file_type: file_type.to_string(),
        metadata: Some(if name.contains("tampered") {
            check(
                14.0,
                "The file's metadata shows it was edited after it was produced.",
            )
        } else {
            check(96.0, "The file's metadata is consistent with its issuer.")
        }),
        computation: Some(if file_type == ArchiveFileType::Payslip {
            check(98.0, "Gross pay, deductions and net pay add up.")
        } else {
            no_data("Only payslips' amounts are cross-checked.")
        }),
        identity: Some(if mismatch {
            check(21.0, "The name on the document differs from the user's.")
        } else {
            check(94.0, "The name on the document matches the user's.")
        }),
        location: Some(check(
            91.0,
            "The issuer's address is consistent with the user's country.",
        )),
    };
    Analysis::Analyzed {
        classification: ArchiveClassification {
            file_type: file_type.clone(),
        },
        extraction,
        validation: Box::new(validation),
    }
}

/// What a document is: its declared type when Smile knows it, else a guess from the
/// file name, else `OTHERS`.
pub fn classify(declared: Option<&str>, file_name: &str) -> ArchiveFileType {
    if let Some(known) = declared
        .map(ArchiveFileType::from)
        .filter(ArchiveFileType::is_known)
    {
        return known;
    }
    let name = file_name.to_ascii_lowercase();
    let guesses = [
        ("payslip", ArchiveFileType::Payslip),
        ("certificate", ArchiveFileType::EmploymentCertificate),
        ("coe", ArchiveFileType::EmploymentCertificate),
        ("tax", ArchiveFileType::TaxDocument),
        ("nbi", ArchiveFileType::ClearanceNbi),
        ("statement", ArchiveFileType::BankStatement),
        ("bill", ArchiveFileType::ElectricityBill),
    ];
    guesses
        .into_iter()
        .find(|(word, _)| name.contains(word))
        .map_or(ArchiveFileType::Others, |(_, t)| t)
}

fn check(score: f64, message: &str) -> ValidationResult {
    ValidationResult {
        result_code: if score >= PASS_SCORE {
            ValidationResultCode::Passed
        } else {
            ValidationResultCode::Failed
        },
        score: Some(score),
        result_message: Some(message.to_owned()),
    }
}

fn no_data(message: &str) -> ValidationResult {
    ValidationResult {
        result_code: ValidationResultCode::NoData,
        score: None,
        result_message: Some(message.to_owned()),
    }
}

fn extract(
    file_type: &ArchiveFileType,
    doc: &Document<'_>,
    employee: &str,
) -> Option<ArchiveExtraction> {
    let persona = doc.persona;
    let job = persona.job_at(0).or_else(|| persona.jobs.first())?;
    let analysis = match file_type {
        ArchiveFileType::Payslip => serde_json::to_value(payslip(doc, job, employee)),
        ArchiveFileType::EmploymentCertificate => Ok(serde_json::json!({
            "employerName": job.employer,
            "fullName": employee,
            "employeeIdNumber": job.employee_number,
            "employeeIdType": "EMPLOYEE_ID",
            "position": job.job_title,
            "employmentStatus": job.status,
            "startDate": doc.period.minus(job.from).first_day(),
            "salaryAmount": job.monthly_salary,
            "salaryTerm": "MONTHLY",
            "currency": persona.currency,
        })),
        ArchiveFileType::TaxDocument => serde_json::to_value(tax_document(doc, job, employee)),
        _ => return None,
    };
    let serde_json::Value::Object(fields) = analysis.ok()? else {
        return None;
    };
    Some(ArchiveExtraction {
        file_type: file_type.clone(),
        analysis: Some(fields),
    })
}

/// A payslip for `doc.period`, with the same gross and net pay the persona's employer
/// account reports for that month.
fn payslip(doc: &Document<'_>, job: &Job, employee: &str) -> PayslipAnalysis {
    let persona = doc.persona;
    let philippine = persona.country == "PH";
    let id = |label: &str, digits: usize| Some(id_number(persona.key, label, digits));
    PayslipAnalysis {
        start_date: Some(doc.period.first_day()),
        end_date: Some(doc.period.last_day()),
        pay_date: Some(doc.period.last_day()),
        currency: Some(persona.currency.to_owned()),
        gross_amount: Some(round2(job.monthly_salary)),
        net_amount: Some(round2(job.monthly_salary * 0.8782)),
        employer_name: Some(job.employer.to_owned()),
        employee_name: Some(employee.to_owned()),
        ss_number: id("ss", 10),
        phil_health_number: if philippine {
            id("philhealth", 12)
        } else {
            None
        },
        tax_number: id("tax", 9),
        pag_ibig_number: if philippine { id("pagibig", 12) } else { None },
    }
}

/// A tax certificate for the twelve months ending with `doc.period`, at the current job's
/// salary.
fn tax_document(doc: &Document<'_>, job: &Job, employee: &str) -> TaxDocumentAnalysis {
    TaxDocumentAnalysis {
        start_date: Some(doc.period.minus(11).first_day()),
        end_date: Some(doc.period.last_day()),
        gross_amount: Some(round2(job.monthly_salary * 12.0)),
        base_amount: None,
        employer_name: Some(job.employer.to_owned()),
        employee_name: Some(employee.to_owned()),
        tax_number: Some(id_number(doc.persona.key, "tax", 9)),
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// A fixed number of `digits` digits for the persona's `label` id (FNV-1a of both), so a
/// persona's payslips always carry the same ids.
fn id_number(persona: &str, label: &str, digits: usize) -> String {
    let hash = persona
        .bytes()
        .chain([b'/'])
        .chain(label.bytes())
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    let digits_of = format!("{hash:020}");
    digits_of[digits_of.len() - digits..].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::personas::ALL;

    fn doc(file_name: &str) -> Document<'_> {
        Document {
            persona: ALL[0],
            file_type: Some("PAYSLIP"),
            file_name,
            period: YearMonth::new(2024, 11).expect("a month"),
        }
    }

    fn analysed(file_name: &str) -> (Option<ArchiveExtraction>, ArchiveValidation) {
        match analyse(&doc(file_name)) {
            Analysis::Analyzed {
                extraction,
                validation,
                ..
            } => (extraction, *validation),
            failed => panic!("{file_name}: {failed:?}"),
        }
    }

    fn score(result: Option<ValidationResult>) -> f64 {
        result.and_then(|r| r.score).expect("a score")
    }

    #[test]
    fn a_payslip_yields_the_current_job_and_four_passing_checks() {
        let (extraction, validation) = analysed("payslip-nov.pdf");
        let payslip = extraction.expect("extracted").payslip().expect("a payslip");
        let payslip = payslip.expect("payslip fields");
        assert_eq!(payslip.employer_name.as_deref(), Some("ABC Corporation"));
        assert_eq!(payslip.start_date.as_deref(), Some("2024-11-01"));
        assert_eq!(payslip.end_date.as_deref(), Some("2024-11-30"));
        assert!(payslip.gross_amount > payslip.net_amount);
        assert_eq!(payslip.ss_number.as_ref().map(String::len), Some(10));
        for check in [
            validation.metadata,
            validation.computation,
            validation.identity,
            validation.location,
        ] {
            let check = check.expect("a check");
            assert_eq!(check.result_code, ValidationResultCode::Passed);
            assert!(check
                .score
                .is_some_and(|s| (PASS_SCORE..=100.0).contains(&s)));
        }
    }

    #[test]
    fn tampered_and_mismatch_fail_their_check_only() {
        let (_, tampered) = analysed("Payslip-TAMPERED.pdf");
        assert!(score(tampered.metadata) < PASS_SCORE);
        assert!(score(tampered.identity) >= PASS_SCORE);
        let (extraction, mismatch) = analysed("payslip-mismatch.pdf");
        assert!(score(mismatch.identity) < PASS_SCORE);
        assert!(score(mismatch.metadata) >= PASS_SCORE);
        let payslip = extraction.and_then(|e| e.payslip()).expect("a payslip");
        assert_eq!(
            payslip.expect("fields").employee_name.as_deref(),
            Some(MISMATCHED_NAME)
        );
    }

    #[test]
    fn an_unreadable_file_fails() {
        assert!(matches!(
            analyse(&doc("unreadable.png")),
            Analysis::Failed { .. }
        ));
    }

    #[test]
    fn the_type_comes_from_the_declaration_then_the_name() {
        assert_eq!(
            classify(Some("TAX_DOCUMENT"), "x.pdf"),
            ArchiveFileType::TaxDocument
        );
        assert_eq!(classify(None, "my-payslip.pdf"), ArchiveFileType::Payslip);
        assert_eq!(classify(Some("SELFIE"), "x.png"), ArchiveFileType::Others);
    }
}
