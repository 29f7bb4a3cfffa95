//! The fields Smile reads from each kind of document (`Archive*Analysis`), and
//! [`ArchiveExtraction::fields`], which reads an extraction as its file type's form.
//!
//! Every field is optional: Smile sends what it could read.

use serde::{Deserialize, Serialize};

use super::{ArchiveExtraction, ArchiveFileType};
use crate::common::Date;
use crate::data::{Gender, MaritalStatus};

/// An extraction's fields, typed by its file type (the spec's `ArchiveExtraction` `oneOf`).
#[derive(Clone, Debug, PartialEq)]
pub enum ExtractedFields {
    /// `PAYSLIP`.
    Payslip(PayslipAnalysis),
    /// `TAX_DOCUMENT`.
    TaxDocument(TaxDocumentAnalysis),
    /// `CLEARANCE_NBI`.
    NbiClearance(NbiClearanceAnalysis),
    /// `TELCO_BILL`.
    TelcoBill(BillAnalysis),
    /// `ELECTRICITY_BILL`.
    ElectricityBill(BillAnalysis),
    /// `WATER_BILL`.
    WaterBill(BillAnalysis),
    /// `EMPLOYMENT_CERTIFICATE`.
    EmploymentCertificate(EmploymentCertificateAnalysis),
    /// A file type without an analysis form in the spec (or one this crate does not know);
    /// the fields stay in [`ArchiveExtraction::analysis`].
    Untyped,
}

impl ArchiveExtraction {
    /// The fields as the form of [`Self::file_type`]; an error when a field has the wrong
    /// JSON type for that form.
    pub fn fields(&self) -> Result<ExtractedFields, serde_json::Error> {
        let analysis = || serde_json::Value::Object(self.analysis.clone().unwrap_or_default());
        Ok(match self.file_type {
            ArchiveFileType::Payslip => {
                ExtractedFields::Payslip(serde_json::from_value(analysis())?)
            }
            ArchiveFileType::TaxDocument => {
                ExtractedFields::TaxDocument(serde_json::from_value(analysis())?)
            }
            ArchiveFileType::ClearanceNbi => {
                ExtractedFields::NbiClearance(serde_json::from_value(analysis())?)
            }
            ArchiveFileType::TelcoBill => {
                ExtractedFields::TelcoBill(serde_json::from_value(analysis())?)
            }
            ArchiveFileType::ElectricityBill => {
                ExtractedFields::ElectricityBill(serde_json::from_value(analysis())?)
            }
            ArchiveFileType::WaterBill => {
                ExtractedFields::WaterBill(serde_json::from_value(analysis())?)
            }
            ArchiveFileType::EmploymentCertificate => {
                ExtractedFields::EmploymentCertificate(serde_json::from_value(analysis())?)
            }
            _ => ExtractedFields::Untyped,
        })
    }

    /// The payslip fields, when this is a payslip.
    pub fn payslip(&self) -> Option<Result<PayslipAnalysis, serde_json::Error>> {
        match self.fields() {
            Ok(ExtractedFields::Payslip(payslip)) => Some(Ok(payslip)),
            Ok(_) => None,
            Err(e) => Some(Err(e)),
        }
    }
}

/// Fields read from a payslip (`ArchivePayslipAnalysis`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PayslipAnalysis {
    /// Pay period start.
    pub start_date: Option<Date>,
    /// Pay period end.
    pub end_date: Option<Date>,
    /// Pay date.
    pub pay_date: Option<Date>,
    /// ISO 4217 currency.
    pub currency: Option<String>,
    /// Gross pay.
    pub gross_amount: Option<f64>,
    /// Net pay.
    pub net_amount: Option<f64>,
    /// Employer.
    pub employer_name: Option<String>,
    /// Employee.
    pub employee_name: Option<String>,
    /// Social-security number.
    pub ss_number: Option<String>,
    /// PhilHealth number.
    pub phil_health_number: Option<String>,
    /// Tax identification number.
    pub tax_number: Option<String>,
    /// Pag-IBIG MID number.
    pub pag_ibig_number: Option<String>,
}

/// Fields read from a tax document (`ArchiveTaxDocumentAnalysis`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TaxDocumentAnalysis {
    /// Period start.
    pub start_date: Option<Date>,
    /// Period end.
    pub end_date: Option<Date>,
    /// Gross amount.
    pub gross_amount: Option<f64>,
    /// Base amount.
    pub base_amount: Option<f64>,
    /// Employer.
    pub employer_name: Option<String>,
    /// Employee.
    pub employee_name: Option<String>,
    /// Tax identification number.
    pub tax_number: Option<String>,
}

/// Fields read from an NBI clearance (`ArchiveNbiClearanceDocumentAnalysis`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NbiClearanceAnalysis {
    /// Expiry date.
    pub expire_date: Option<Date>,
    /// Date of birth.
    pub date_of_birth: Option<Date>,
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// Middle name.
    pub middle_name: Option<String>,
    /// Clearance number.
    pub nbi_id_number: Option<String>,
    /// Address.
    pub address: Option<String>,
    /// Marital status.
    pub marital_status: Option<MaritalStatus>,
    /// Gender.
    pub gender: Option<Gender>,
    /// Citizenship.
    pub citizenship: Option<String>,
    /// Remarks on the document.
    pub remark: Option<String>,
}

/// Fields read from a telco, electricity or water bill (`ArchiveTelcoBillAnalysis`,
/// `ArchiveElectricityBillAnalysis`, `ArchiveWaterBillAnalysis`): one form, as the three
/// share all but a few fields (adjustment for telco; usage and readings for utilities).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct BillAnalysis {
    /// Full name.
    pub full_name: Option<String>,
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// Middle name.
    pub middle_name: Option<String>,
    /// Account number.
    pub account_number: Option<String>,
    /// Address.
    pub address: Option<String>,
    /// Period start.
    pub start_date: Option<Date>,
    /// Period end.
    pub end_date: Option<Date>,
    /// Statement date.
    pub statement_date: Option<Date>,
    /// Statement number.
    pub statement_number: Option<String>,
    /// Due date.
    pub due_date: Option<Date>,
    /// Payment date.
    pub payment_date: Option<Date>,
    /// Amount due.
    pub due_amount: Option<f64>,
    /// VAT.
    pub vat_amount: Option<f64>,
    /// Adjustment (telco bills).
    pub adjustment_amount: Option<f64>,
    /// Current bill.
    pub current_bill_amount: Option<f64>,
    /// Balance.
    pub balance_amount: Option<f64>,
    /// Previous amount due.
    pub previous_due_amount: Option<f64>,
    /// ISO 4217 currency.
    pub currency: Option<String>,
    /// Email address.
    pub email_address: Option<String>,
    /// Phone number.
    pub phone_number: Option<String>,
    /// Usage this period (utility bills).
    pub current_period_usage: Option<f64>,
    /// Previous meter reading (utility bills).
    pub previous_reading: Option<f64>,
    /// Present meter reading (utility bills).
    pub present_reading: Option<f64>,
    /// Supplier.
    pub supplier: Option<String>,
}

/// Fields read from a certificate of employment (`ArchiveEmploymentCertificateAnalysis`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct EmploymentCertificateAnalysis {
    /// Employer.
    pub employer_name: Option<String>,
    /// Employee's full name.
    pub full_name: Option<String>,
    /// First name.
    pub first_name: Option<String>,
    /// Middle name.
    pub middle_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// An employee or government id found in the document.
    pub employee_id_number: Option<String>,
    /// What kind of id `employee_id_number` is.
    pub employee_id_type: Option<String>,
    /// Position.
    pub position: Option<String>,
    /// Department.
    pub department: Option<String>,
    /// Employment status.
    pub employment_status: Option<String>,
    /// Employment start.
    pub start_date: Option<Date>,
    /// Employment end.
    pub end_date: Option<Date>,
    /// Salary.
    pub salary_amount: Option<f64>,
    /// Salary term, e.g. monthly.
    pub salary_term: Option<String>,
    /// ISO 4217 currency.
    pub currency: Option<String>,
    /// Why the certificate was issued.
    pub purpose: Option<String>,
    /// Remarks.
    pub remarks: Option<String>,
    /// Issue date.
    pub issue_date: Option<Date>,
    /// Signatory.
    pub signatory_name: Option<String>,
    /// Signatory's position.
    pub signatory_position: Option<String>,
}
