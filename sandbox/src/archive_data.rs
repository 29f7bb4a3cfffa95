//! The data items an analysed archive yields, served by the data endpoints with
//! `metadata.sourceId` = the archive id and `sourceType: ARCHIVE` (the spec's
//! `sourceId` parameter: "if we query the archive data, then the sourceId is the
//! archiveId").
//!
//! What each file type yields follows its `supported` data points in `/fileTypes`:
//!
//! - a payslip: the identity on it, the employment it shows and the period's income;
//! - a certificate of employment: the identity and the employment;
//! - a tax document: the identity and the year's income.
//!
//! Everything is read from the archive's `extraction`, so a `mismatch` document yields
//! the other name it carries. Other types, and archives not analysed, yield nothing.

use smile_api::archive::{
    EmploymentCertificateAnalysis, ExtractedFields, PayslipAnalysis, TaxDocumentAnalysis,
};
use smile_api::common::{PayPeriod, SourceType};
use smile_api::{Archive, ArchiveStatus, Employment, Identity, Income, ItemMetadata};

use crate::clock;
use crate::ids::new_id;
use crate::personas::data::DataSet;

/// The items `archive` yields once analysed. `currency` is for documents that name none
/// (tax documents): the user's own.
pub fn items(archive: &Archive, currency: &str) -> DataSet {
    let extraction = archive
        .extraction
        .as_ref()
        .filter(|_| archive.state.status == ArchiveStatus::Analyzed);
    let Some(fields) = extraction.and_then(|e| e.fields().ok()) else {
        return DataSet::default();
    };
    let source = Source::of(archive);
    match fields {
        ExtractedFields::Payslip(payslip) => from_payslip(&payslip, &source),
        ExtractedFields::EmploymentCertificate(certificate) => {
            from_certificate(&certificate, &source)
        }
        ExtractedFields::TaxDocument(tax) => from_tax_document(&tax, currency, &source),
        _ => DataSet::default(),
    }
}

/// Where the items come from: the archive, its user and who provided it.
struct Source<'a> {
    archive: &'a Archive,
    now: String,
}

impl<'a> Source<'a> {
    fn of(archive: &'a Archive) -> Self {
        Source {
            archive,
            now: clock::now_string(),
        }
    }

    fn metadata(&self) -> Option<ItemMetadata> {
        Some(ItemMetadata {
            created_at: self.archive.created_at.clone(),
            item_created_at: Some(self.now.clone()),
            account_id: None,
            source_id: self.archive.id.clone(),
            source_type: Some(SourceType::Archive),
            user_id: self.archive.user_id.clone(),
            provider_id: self.archive.provider_id.clone(),
        })
    }
}

fn from_payslip(payslip: &PayslipAnalysis, source: &Source<'_>) -> DataSet {
    let employer = payslip.employer_name.clone();
    DataSet {
        identities: identity(payslip.employee_name.clone(), employer.as_deref(), source)
            .into_iter()
            .collect(),
        // A payslip shows the job held in its period, not when the job began.
        employments: payslip
            .start_date
            .clone()
            .map(|start| Employment {
                id: new_id("e-"),
                name: None,
                description: None,
                job_title: None,
                department: None,
                employee_number: None,
                employer_number: None,
                employer: employer.clone(),
                status: None,
                start_date: start,
                end_date: None,
                reported_date: payslip.pay_date.clone(),
                metadata: source.metadata(),
            })
            .into_iter()
            .collect(),
        incomes: payslip
            .start_date
            .clone()
            .zip(payslip.currency.clone())
            .map(|(start, currency)| Income {
                id: new_id("inc-"),
                work_item: None,
                employer: employer.clone(),
                start_date: start,
                end_date: payslip.end_date.clone(),
                currency,
                frequency: Some(PayPeriod::Monthly),
                base_amount: None,
                gross_amount: payslip.gross_amount,
                net_amount: payslip.net_amount,
                payment_method: None,
                metadata: source.metadata(),
            })
            .into_iter()
            .collect(),
        ..DataSet::default()
    }
}

fn from_certificate(certificate: &EmploymentCertificateAnalysis, source: &Source<'_>) -> DataSet {
    let employer = certificate.employer_name.clone();
    let mut identities: Vec<Identity> =
        identity(certificate.full_name.clone(), employer.as_deref(), source)
            .into_iter()
            .collect();
    for identity in &mut identities {
        identity.first_name.clone_from(&certificate.first_name);
        identity.middle_name.clone_from(&certificate.middle_name);
        identity.last_name.clone_from(&certificate.last_name);
    }
    DataSet {
        identities,
        employments: certificate
            .start_date
            .clone()
            .map(|start| Employment {
                id: new_id("e-"),
                name: None,
                description: None,
                job_title: certificate.position.clone(),
                department: certificate.department.clone(),
                employee_number: certificate.employee_id_number.clone(),
                employer_number: None,
                employer,
                status: certificate.employment_status.clone(),
                start_date: start,
                end_date: certificate.end_date.clone(),
                reported_date: certificate.issue_date.clone(),
                metadata: source.metadata(),
            })
            .into_iter()
            .collect(),
        ..DataSet::default()
    }
}

fn from_tax_document(tax: &TaxDocumentAnalysis, currency: &str, source: &Source<'_>) -> DataSet {
    let employer = tax.employer_name.clone();
    DataSet {
        identities: identity(tax.employee_name.clone(), employer.as_deref(), source)
            .into_iter()
            .collect(),
        incomes: tax
            .start_date
            .clone()
            .map(|start| Income {
                id: new_id("inc-"),
                work_item: None,
                employer: employer.clone(),
                start_date: start,
                end_date: tax.end_date.clone(),
                currency: currency.to_owned(),
                frequency: Some(PayPeriod::Annually),
                base_amount: tax.base_amount,
                gross_amount: tax.gross_amount,
                net_amount: None,
                payment_method: None,
                metadata: source.metadata(),
            })
            .into_iter()
            .collect(),
        ..DataSet::default()
    }
}

/// The identity a document names, if it names anyone.
fn identity(
    full_name: Option<String>,
    employer: Option<&str>,
    source: &Source<'_>,
) -> Option<Identity> {
    Some(Identity {
        id: new_id("i-"),
        full_name: full_name?,
        first_name: None,
        middle_name: None,
        last_name: None,
        suffix: None,
        gender: None,
        dob: None,
        marital_status: None,
        country_residence: None,
        citizenship: None,
        photo_url: None,
        reference_id: None,
        profile_url: None,
        latest_employer_name: employer.map(str::to_owned),
        emails: Vec::new(),
        phones: Vec::new(),
        social_profiles: Vec::new(),
        addresses: Vec::new(),
        metadata: source.metadata(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{self, Analysis, Document};
    use crate::personas::ALL;
    use smile_api::archive::ArchiveState;
    use smile_api::YearMonth;

    /// `file_name` uploaded as `file_type` by George, analysed.
    fn analysed(file_type: &str, file_name: &str) -> Archive {
        // Built here rather than by `archives`, which calls this module.
        let mut archive = Archive {
            id: "u-0123456789abcdef0123456789abcdef".into(),
            created_at: "2024-12-02T09:30:00.000Z".into(),
            provider_id: "user-provided".into(),
            user_id: "emulator-george".into(),
            file_type: Some(file_type.to_owned()),
            state: ArchiveState {
                status: ArchiveStatus::Started,
                error_code: None,
                error_message: None,
                updated_at: "2024-12-02T09:30:00.000Z".into(),
            },
            raw_files: Vec::new(),
            classification: None,
            analysis: None,
            extraction: None,
            validation: None,
        };
        let outcome = analysis::analyse(&Document {
            persona: ALL[0],
            file_type: Some(file_type),
            file_name,
            period: YearMonth::new(2024, 11).expect("a month"),
        });
        let Analysis::Analyzed {
            classification,
            extraction,
            validation,
        } = outcome
        else {
            panic!("{file_name} was not analysed");
        };
        archive.state.status = ArchiveStatus::Analyzed;
        archive.classification = Some(classification);
        archive.extraction = extraction;
        archive.validation = Some(*validation);
        archive
    }

    fn assert_sourced(metadata: Option<&ItemMetadata>, archive: &Archive) {
        let metadata = metadata.expect("metadata");
        assert_eq!(metadata.source_id, archive.id);
        assert_eq!(metadata.source_type, Some(SourceType::Archive));
        assert_eq!(metadata.user_id, archive.user_id);
        assert_eq!(metadata.provider_id, archive.provider_id);
        assert_eq!(metadata.account_id, None);
    }

    #[test]
    fn a_payslip_yields_an_identity_an_employment_and_the_period_s_income() {
        let archive = analysed("PAYSLIP", "payslip.pdf");
        let data = items(&archive, "PHP");
        let [identity] = &data.identities[..] else {
            panic!("one identity: {:?}", data.identities);
        };
        assert_eq!(identity.full_name, ALL[0].full_name);
        assert_eq!(
            identity.latest_employer_name.as_deref(),
            Some("ABC Corporation")
        );
        let [employment] = &data.employments[..] else {
            panic!("one employment");
        };
        assert_eq!(employment.employer.as_deref(), Some("ABC Corporation"));
        assert_eq!(employment.start_date, "2024-11-01");
        let [income] = &data.incomes[..] else {
            panic!("one income");
        };
        assert_eq!(
            (income.start_date.as_str(), income.end_date.as_deref()),
            ("2024-11-01", Some("2024-11-30"))
        );
        assert_eq!(income.frequency, Some(PayPeriod::Monthly));
        assert!(income.gross_amount > income.net_amount);
        assert!(data.contributions.is_empty() && data.eincomes.is_empty());
        assert_sourced(identity.metadata.as_ref(), &archive);
        assert_sourced(employment.metadata.as_ref(), &archive);
        assert_sourced(income.metadata.as_ref(), &archive);
    }

    #[test]
    fn a_mismatch_document_names_the_other_person() {
        let data = items(&analysed("PAYSLIP", "payslip-mismatch.pdf"), "PHP");
        assert_eq!(data.identities[0].full_name, analysis::MISMATCHED_NAME);
    }

    #[test]
    fn a_certificate_yields_the_job_and_a_tax_document_the_year_s_income() {
        let certificate = items(&analysed("EMPLOYMENT_CERTIFICATE", "coe.pdf"), "PHP");
        assert_eq!(certificate.identities.len(), 1);
        assert!(certificate.incomes.is_empty());
        let job = &certificate.employments[0];
        assert_eq!(job.job_title.as_deref(), Some("Security Guard"));
        assert!(job.start_date.as_str() < "2024-11-01");

        let tax = items(&analysed("TAX_DOCUMENT", "tax-2024.pdf"), "PHP");
        assert_eq!(tax.identities.len(), 1);
        assert!(tax.employments.is_empty());
        let income = &tax.incomes[0];
        assert_eq!(income.frequency, Some(PayPeriod::Annually));
        assert_eq!(income.currency, "PHP");
        assert_eq!(
            (income.start_date.as_str(), income.end_date.as_deref()),
            ("2023-12-01", Some("2024-11-30"))
        );
    }

    #[test]
    fn nothing_before_analysis_nor_from_types_without_data() {
        let mut started = analysed("PAYSLIP", "payslip.pdf");
        started.state.status = ArchiveStatus::Started;
        let bill = analysed("ELECTRICITY_BILL", "bill.pdf");
        for archive in [started, bill] {
            let data = items(&archive, "PHP");
            assert!(data.identities.is_empty() && data.employments.is_empty());
            assert!(data.incomes.is_empty());
        }
    }
}
