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
#[serde(rename_all = "camelCase")]
pub struct PayslipAnalysis {
    /// Pay period start.
    #[serde(default)]
    pub start_date: Option<Date>,
    /// Pay period end.
    #[serde(default)]
    pub end_date: Option<Date>,
    /// Pay date.
    #[serde(default)]
    pub pay_date: Option<Date>,
    /// ISO 4217 currency.
    #[serde(default)]
    pub currency: Option<String>,
    /// Gross pay.
    #[serde(default)]
    pub gross_amount: Option<f64>,
    /// Net pay.
    #[serde(default)]
    pub net_amount: Option<f64>,
    /// Employer.
    #[serde(default)]
    pub employer_name: Option<String>,
    /// Employee.
    #[serde(default)]
    pub employee_name: Option<String>,
    /// Social-security number.
    #[serde(default)]
    pub ss_number: Option<String>,
    /// PhilHealth number.
    #[serde(default)]
    pub phil_health_number: Option<String>,
    /// Tax identification number.
    #[serde(default)]
    pub tax_number: Option<String>,
    /// Pag-IBIG MID number.
    #[serde(default)]
    pub pag_ibig_number: Option<String>,
}

/// Fields read from a tax document (`ArchiveTaxDocumentAnalysis`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaxDocumentAnalysis {
    /// Period start.
    #[serde(default)]
    pub start_date: Option<Date>,
    /// Period end.
    #[serde(default)]
    pub end_date: Option<Date>,
    /// Gross amount.
    #[serde(default)]
    pub gross_amount: Option<f64>,
    /// Base amount.
    #[serde(default)]
    pub base_amount: Option<f64>,
    /// Employer.
    #[serde(default)]
    pub employer_name: Option<String>,
    /// Employee.
    #[serde(default)]
    pub employee_name: Option<String>,
    /// Tax identification number.
    #[serde(default)]
    pub tax_number: Option<String>,
}

/// Fields read from an NBI clearance (`ArchiveNbiClearanceDocumentAnalysis`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NbiClearanceAnalysis {
    /// Expiry date.
    #[serde(default)]
    pub expire_date: Option<Date>,
    /// Date of birth.
    #[serde(default)]
    pub date_of_birth: Option<Date>,
    /// First name.
    #[serde(default)]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default)]
    pub last_name: Option<String>,
    /// Middle name.
    #[serde(default)]
    pub middle_name: Option<String>,
    /// Clearance number.
    #[serde(default)]
    pub nbi_id_number: Option<String>,
    /// Address.
    #[serde(default)]
    pub address: Option<String>,
    /// Marital status.
    #[serde(default)]
    pub marital_status: Option<MaritalStatus>,
    /// Gender.
    #[serde(default)]
    pub gender: Option<Gender>,
    /// Citizenship.
    #[serde(default)]
    pub citizenship: Option<String>,
    /// Remarks on the document.
    #[serde(default)]
    pub remark: Option<String>,
}

/// Fields read from a telco, electricity or water bill (`ArchiveTelcoBillAnalysis`,
/// `ArchiveElectricityBillAnalysis`, `ArchiveWaterBillAnalysis`): one form, as the three
/// share all but a few fields (adjustment for telco; usage and readings for utilities).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BillAnalysis {
    /// Full name.
    #[serde(default)]
    pub full_name: Option<String>,
    /// First name.
    #[serde(default)]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default)]
    pub last_name: Option<String>,
    /// Middle name.
    #[serde(default)]
    pub middle_name: Option<String>,
    /// Account number.
    #[serde(default)]
    pub account_number: Option<String>,
    /// Address.
    #[serde(default)]
    pub address: Option<String>,
    /// Period start.
    #[serde(default)]
    pub start_date: Option<Date>,
    /// Period end.
    #[serde(default)]
    pub end_date: Option<Date>,
    /// Statement date.
    #[serde(default)]
    pub statement_date: Option<Date>,
    /// Statement number.
    #[serde(default)]
    pub statement_number: Option<String>,
    /// Due date.
    #[serde(default)]
    pub due_date: Option<Date>,
    /// Payment date.
    #[serde(default)]
    pub payment_date: Option<Date>,
    /// Amount due.
    #[serde(default)]
    pub due_amount: Option<f64>,
    /// VAT.
    #[serde(default)]
    pub vat_amount: Option<f64>,
    /// Adjustment (telco bills).
    #[serde(default)]
    pub adjustment_amount: Option<f64>,
    /// Current bill.
    #[serde(default)]
    pub current_bill_amount: Option<f64>,
    /// Balance.
    #[serde(default)]
    pub balance_amount: Option<f64>,
    /// Previous amount due.
    #[serde(default)]
    pub previous_due_amount: Option<f64>,
    /// ISO 4217 currency.
    #[serde(default)]
    pub currency: Option<String>,
    /// Email address.
    #[serde(default)]
    pub email_address: Option<String>,
    /// Phone number.
    #[serde(default)]
    pub phone_number: Option<String>,
    /// Usage this period (utility bills).
    #[serde(default)]
    pub current_period_usage: Option<f64>,
    /// Previous meter reading (utility bills).
    #[serde(default)]
    pub previous_reading: Option<f64>,
    /// Present meter reading (utility bills).
    #[serde(default)]
    pub present_reading: Option<f64>,
    /// Supplier.
    #[serde(default)]
    pub supplier: Option<String>,
}

/// Fields read from a certificate of employment (`ArchiveEmploymentCertificateAnalysis`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmploymentCertificateAnalysis {
    /// Employer.
    #[serde(default)]
    pub employer_name: Option<String>,
    /// Employee's full name.
    #[serde(default)]
    pub full_name: Option<String>,
    /// First name.
    #[serde(default)]
    pub first_name: Option<String>,
    /// Middle name.
    #[serde(default)]
    pub middle_name: Option<String>,
    /// Last name.
    #[serde(default)]
    pub last_name: Option<String>,
    /// An employee or government id found in the document.
    #[serde(default)]
    pub employee_id_number: Option<String>,
    /// What kind of id `employee_id_number` is.
    #[serde(default)]
    pub employee_id_type: Option<String>,
    /// Position.
    #[serde(default)]
    pub position: Option<String>,
    /// Department.
    #[serde(default)]
    pub department: Option<String>,
    /// Employment status.
    #[serde(default)]
    pub employment_status: Option<String>,
    /// Employment start.
    #[serde(default)]
    pub start_date: Option<Date>,
    /// Employment end.
    #[serde(default)]
    pub end_date: Option<Date>,
    /// Salary.
    #[serde(default)]
    pub salary_amount: Option<f64>,
    /// Salary term, e.g. monthly.
    #[serde(default)]
    pub salary_term: Option<String>,
    /// ISO 4217 currency.
    #[serde(default)]
    pub currency: Option<String>,
    /// Why the certificate was issued.
    #[serde(default)]
    pub purpose: Option<String>,
    /// Remarks.
    #[serde(default)]
    pub remarks: Option<String>,
    /// Issue date.
    #[serde(default)]
    pub issue_date: Option<Date>,
    /// Signatory.
    #[serde(default)]
    pub signatory_name: Option<String>,
    /// Signatory's position.
    #[serde(default)]
    pub signatory_position: Option<String>,
}
