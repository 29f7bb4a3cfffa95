//! What Smile read from a document as rows a person reads: labelled, in the order of the
//! document's form, amounts with their currency. Fields this build has no label for still
//! show (their key spelled out), so nothing Smile read is hidden.

use serde_json::{Map, Value};
use smile_api::archive::{ArchiveExtraction, ArchiveFileType};
use wink_api::document::ExtractedField;

use crate::summary::text::amount_with_cents;

/// How many fields a document shows: Smile's forms have at most 27.
const MAX_FIELDS: usize = 40;
/// Longest value shown; Smile reads short fields, anything longer is cut.
const MAX_VALUE_CHARS: usize = 200;

/// The fields of `extraction`, labelled, in its form's order.
pub fn extracted(extraction: &ArchiveExtraction) -> Vec<ExtractedField> {
    let Some(analysis) = &extraction.analysis else {
        return Vec::new();
    };
    let currency = analysis.get("currency").and_then(Value::as_str);
    let form = form_of(&extraction.file_type);
    let labelled = form.iter().filter_map(|(key, label)| {
        Some(((*key).to_owned(), (*label).to_owned(), analysis.get(*key)?))
    });
    let unlabelled =
        unlabelled(analysis, form).map(|(key, value)| (key.clone(), spelled_out(key), value));
    labelled
        .chain(unlabelled)
        .filter(|(key, _, _)| key != "currency")
        .filter_map(|(key, label, value)| {
            Some(ExtractedField {
                label,
                value: shown(&key, value, currency)?,
            })
        })
        .take(MAX_FIELDS)
        .collect()
}

fn unlabelled<'a>(
    analysis: &'a Map<String, Value>,
    form: &'static [(&'static str, &'static str)],
) -> impl Iterator<Item = (&'a String, &'a Value)> {
    analysis
        .iter()
        .filter(move |(key, _)| !form.iter().any(|(known, _)| known == key))
}

/// A value for a person; `None` for an empty one.
fn shown(key: &str, value: &Value, currency: Option<&str>) -> Option<String> {
    let text = match value {
        Value::Null => return None,
        Value::String(s) if s.trim().is_empty() => return None,
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) if key.ends_with("Amount") => {
            let amount = amount_with_cents(n.as_f64()?);
            match currency {
                Some(c) => format!("{amount} {c}"),
                None => amount,
            }
        }
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => if *b { "Yes" } else { "No" }.to_owned(),
        Value::Array(_) | Value::Object(_) => return None,
    };
    Some(text.chars().take(MAX_VALUE_CHARS).collect())
}

/// `employeeIdNumber` → "Employee id number".
fn spelled_out(key: &str) -> String {
    let mut out = String::new();
    for (i, c) in key.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push(' ');
            out.extend(c.to_lowercase());
        } else if i == 0 {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The labelled fields of each form, in the spec's order (`Archive*Analysis`).
fn form_of(file_type: &ArchiveFileType) -> &'static [(&'static str, &'static str)] {
    match file_type {
        ArchiveFileType::Payslip => &[
            ("employerName", "Employer"),
            ("employeeName", "Employee"),
            ("startDate", "Pay period from"),
            ("endDate", "Pay period to"),
            ("payDate", "Pay date"),
            ("grossAmount", "Gross pay"),
            ("netAmount", "Net pay"),
            ("ssNumber", "SSS number"),
            ("philHealthNumber", "PhilHealth number"),
            ("taxNumber", "Tax identification number"),
            ("pagIbigNumber", "Pag-IBIG number"),
        ],
        ArchiveFileType::TaxDocument => &[
            ("employerName", "Employer"),
            ("employeeName", "Employee"),
            ("startDate", "Period from"),
            ("endDate", "Period to"),
            ("grossAmount", "Gross income"),
            ("baseAmount", "Taxable income"),
            ("taxNumber", "Tax identification number"),
        ],
        ArchiveFileType::EmploymentCertificate => &[
            ("employerName", "Employer"),
            ("fullName", "Employee"),
            ("position", "Position"),
            ("department", "Department"),
            ("employmentStatus", "Employment status"),
            ("startDate", "Employed from"),
            ("endDate", "Employed until"),
            ("salaryAmount", "Salary"),
            ("salaryTerm", "Salary term"),
            ("employeeIdNumber", "Employee id"),
            ("issueDate", "Issued on"),
            ("signatoryName", "Signed by"),
        ],
        ArchiveFileType::ClearanceNbi => &[
            ("firstName", "First name"),
            ("middleName", "Middle name"),
            ("lastName", "Last name"),
            ("dateOfBirth", "Date of birth"),
            ("nbiIdNumber", "NBI clearance number"),
            ("expireDate", "Valid until"),
            ("address", "Address"),
            ("remark", "Remarks"),
        ],
        ArchiveFileType::TelcoBill
        | ArchiveFileType::ElectricityBill
        | ArchiveFileType::WaterBill => &[
            ("fullName", "Account holder"),
            ("supplier", "Supplier"),
            ("accountNumber", "Account number"),
            ("address", "Service address"),
            ("startDate", "Period from"),
            ("endDate", "Period to"),
            ("statementDate", "Statement date"),
            ("dueDate", "Due date"),
            ("dueAmount", "Amount due"),
            ("currentBillAmount", "Current bill"),
        ],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn payslip(analysis: Value) -> ArchiveExtraction {
        ArchiveExtraction {
            file_type: ArchiveFileType::Payslip,
            analysis: analysis.as_object().cloned(),
        }
    }

    #[test]
    fn a_payslip_reads_in_its_forms_order_with_money_in_its_currency() {
        let fields = extracted(&payslip(serde_json::json!({
            "netAmount": 15830.5,
            "grossAmount": 18000,
            "employerName": "ABC Corporation",
            "currency": "PHP",
            "employeeName": "",
            "overtimeHours": 4,
        })));
        let rows: Vec<(&str, &str)> = fields
            .iter()
            .map(|f| (f.label.as_str(), f.value.as_str()))
            .collect();
        assert_eq!(
            rows,
            [
                ("Employer", "ABC Corporation"),
                ("Gross pay", "18,000.00 PHP"),
                ("Net pay", "15,830.50 PHP"),
                ("Overtime hours", "4"),
            ]
        );
    }

    #[test]
    fn nothing_read_is_nothing_shown() {
        assert!(extracted(&ArchiveExtraction {
            file_type: ArchiveFileType::Others,
            analysis: None
        })
        .is_empty());
        assert_eq!(amount_with_cents(-1_234_567.0), "-1,234,567.00");
    }
}
