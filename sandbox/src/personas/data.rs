//! Turns a persona's story into one provider's data: what that provider would know about
//! them, limited to the data points the provider supports.
//!
//! - Government (`sss_ph`): identity, one employment row per reported month (as Smile's
//!   social-security data comes), one contribution per month worked, 24 months of
//!   estimated income.
//! - Employer (`abccorp`): identity, the jobs held at that employer, monthly payslips.
//! - Gig platforms: identity, monthly earnings, estimated income where supported.

use smile_api::data::{
    Address as WireAddress, AddressTag, AddressType, Citizenship, ContactType, Email, Gender,
    MaritalStatus, Phone, PhoneType, SocialProfile, SocialType,
};
use smile_api::{
    Contribution, Datapoint, Eincome, Employment, Identity, Income, ItemMetadata, PayPeriod,
    Provider, ProviderType, SourceType,
};

use super::{Job, Persona};
use crate::ids::new_id;
use smile_api::YearMonth;

/// Months of payslips, gig earnings and estimated income a provider returns.
const HISTORY_MONTHS: u32 = 24;

/// The account the data is generated for.
#[derive(Clone, Copy, Debug)]
pub struct Source<'a> {
    /// The account (`a-…`).
    pub account_id: &'a str,
    /// Its user.
    pub user_id: &'a str,
    /// Its provider.
    pub provider: &'a Provider,
    /// When the account was created.
    pub created_at: &'a str,
    /// When the items are created (now).
    pub item_created_at: &'a str,
    /// The last complete month before linking; histories count back from it.
    pub anchor: YearMonth,
}

/// Everything one account yields, each list newest first.
#[derive(Clone, Debug, Default)]
pub struct DataSet {
    /// At most one identity.
    pub identities: Vec<Identity>,
    /// Employment rows.
    pub employments: Vec<Employment>,
    /// Pay-period incomes.
    pub incomes: Vec<Income>,
    /// Social-security contributions.
    pub contributions: Vec<Contribution>,
    /// Estimated monthly incomes.
    pub eincomes: Vec<Eincome>,
}

impl DataSet {
    /// The data points that have at least one item, in Smile's order.
    pub fn datapoints(&self) -> Vec<Datapoint> {
        [
            (Datapoint::Identities, self.identities.len()),
            (Datapoint::Employments, self.employments.len()),
            (Datapoint::Incomes, self.incomes.len()),
            (Datapoint::Contributions, self.contributions.len()),
            (Datapoint::Eincomes, self.eincomes.len()),
        ]
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(d, _)| d)
        .collect()
    }
}

/// What `source.provider` holds about `persona`.
pub fn generate(persona: &Persona, source: &Source<'_>) -> DataSet {
    let provider = source.provider;
    let supports = |d: Datapoint| provider.supported.contains(&d);
    let government = provider.provider_type == ProviderType::Government;
    let employer = provider.provider_type == ProviderType::Employer;
    let own_jobs: Vec<&Job> = persona
        .jobs
        .iter()
        .filter(|j| j.provider == Some(provider.id.as_str()))
        .collect();

    let mut set = DataSet::default();
    if supports(Datapoint::Identities) {
        set.identities.push(identity(persona, source));
    }
    if supports(Datapoint::Employments) {
        if government {
            set.employments = monthly_employments(persona, source);
        } else if employer {
            set.employments = own_jobs.iter().map(|j| job_employment(j, source)).collect();
        }
    }
    if supports(Datapoint::Incomes) {
        set.incomes = if employer {
            payslips(persona, &own_jobs, source)
        } else {
            gig_incomes(persona, source)
        };
    }
    if supports(Datapoint::Contributions) && government {
        set.contributions = contributions(persona, source);
    }
    if supports(Datapoint::Eincomes) {
        set.eincomes = if government {
            salary_eincomes(persona, source)
        } else {
            gig_eincomes(persona, source)
        };
    }
    set
}

fn metadata(source: &Source<'_>) -> Option<ItemMetadata> {
    Some(ItemMetadata {
        created_at: source.created_at.to_owned(),
        item_created_at: Some(source.item_created_at.to_owned()),
        account_id: Some(source.account_id.to_owned()),
        source_id: source.account_id.to_owned(),
        source_type: Some(SourceType::Account),
        user_id: source.user_id.to_owned(),
        provider_id: source.provider.id.clone(),
    })
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn identity(p: &Persona, source: &Source<'_>) -> Identity {
    let a = &p.address;
    let full_address = [
        Some(a.line1),
        a.line2,
        Some(a.city),
        Some(a.region),
        Some(a.zip),
        Some(p.country),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    Identity {
        id: new_id("i-"),
        full_name: p.full_name.to_owned(),
        first_name: Some(p.first_name.to_owned()),
        middle_name: p.middle_name.map(str::to_owned),
        last_name: Some(p.last_name.to_owned()),
        suffix: p.suffix.map(str::to_owned),
        gender: Some(Gender::from(p.gender)),
        dob: Some(p.dob.to_owned()),
        marital_status: Some(MaritalStatus::from(p.marital_status)),
        country_residence: Some(p.country.to_owned()),
        citizenship: Some(Citizenship::Citizen),
        photo_url: p.photo_url.map(str::to_owned),
        reference_id: None,
        profile_url: None,
        latest_employer_name: p.latest_employer().map(str::to_owned),
        emails: vec![Email {
            address: Some(p.email.to_owned()),
            kind: Some(ContactType::Primary),
        }],
        phones: vec![Phone {
            number: Some(p.phone.to_owned()),
            kind: Some(PhoneType::Mobile),
        }],
        social_profiles: p
            .facebook
            .map(|url| SocialProfile {
                social_url: Some(url.to_owned()),
                kind: Some(SocialType::Facebook),
            })
            .into_iter()
            .collect(),
        addresses: vec![WireAddress {
            full_address: Some(full_address),
            line1: Some(a.line1.to_owned()),
            line2: a.line2.map(str::to_owned),
            city: Some(a.city.to_owned()),
            region: Some(a.region.to_owned()),
            zip: Some(a.zip.to_owned()),
            country: Some(p.country.to_owned()),
            latitude: Some(a.latitude.to_owned()),
            longitude: Some(a.longitude.to_owned()),
            kind: Some(AddressType::Primary),
            tags: vec![AddressTag::Home],
        }],
        metadata: metadata(source),
    }
}

fn employment(job: &Job, start: String, end: Option<String>, source: &Source<'_>) -> Employment {
    Employment {
        id: new_id("e-"),
        name: Some(job.work.to_owned()),
        description: None,
        job_title: Some(job.job_title.to_owned()),
        department: job.department.map(str::to_owned),
        employee_number: Some(job.employee_number.to_owned()),
        employer_number: Some(job.employer_number.to_owned()),
        employer: Some(job.employer.to_owned()),
        status: Some(job.status.to_owned()),
        start_date: start,
        end_date: end,
        reported_date: None,
        metadata: metadata(source),
    }
}

/// Social-security style: one row per month worked, reported on the 1st of the next month.
fn monthly_employments(p: &Persona, source: &Source<'_>) -> Vec<Employment> {
    let mut rows = Vec::new();
    for job in p.jobs {
        for ago in job.to..=job.from {
            let month = source.anchor.minus(ago);
            let mut row = employment(job, month.first_day(), Some(month.last_day()), source);
            row.reported_date = Some(month.plus(1).first_day());
            rows.push(row);
        }
    }
    rows.sort_by(|a, b| b.start_date.cmp(&a.start_date));
    rows
}

/// Employer style: the job itself, open-ended while it lasts.
fn job_employment(job: &Job, source: &Source<'_>) -> Employment {
    let end = (job.to > 0).then(|| source.anchor.minus(job.to).last_day());
    employment(job, source.anchor.minus(job.from).first_day(), end, source)
}

fn payslips(p: &Persona, jobs: &[&Job], source: &Source<'_>) -> Vec<Income> {
    let mut rows = Vec::new();
    for job in jobs {
        for ago in job.to..=job.from.min(HISTORY_MONTHS - 1) {
            let month = source.anchor.minus(ago);
            let gross = job.monthly_salary;
            rows.push(Income {
                id: new_id("inc-"),
                work_item: Some("Regular employment".to_owned()),
                employer: Some(job.employer.to_owned()),
                start_date: month.first_day(),
                end_date: Some(month.last_day()),
                currency: p.currency.to_owned(),
                frequency: Some(PayPeriod::Monthly),
                base_amount: Some(round2(gross * 0.85)),
                gross_amount: Some(round2(gross)),
                net_amount: Some(round2(gross * 0.8782)),
                payment_method: None,
                metadata: metadata(source),
            });
        }
    }
    rows.sort_by(|a, b| b.start_date.cmp(&a.start_date));
    rows
}

fn gig_incomes(p: &Persona, source: &Source<'_>) -> Vec<Income> {
    let mut rows = Vec::new();
    for gig in p.gigs.iter().filter(|g| g.provider == source.provider.id) {
        for ago in gig.to..=gig.from.min(HISTORY_MONTHS - 1) {
            let month = source.anchor.minus(ago);
            let factor = gig
                .variation
                .get(ago as usize % gig.variation.len().max(1))
                .copied()
                .unwrap_or(1.0);
            let gross = gig.monthly * factor;
            rows.push(Income {
                id: new_id("inc-"),
                work_item: Some(gig.work_item.to_owned()),
                employer: None,
                start_date: month.first_day(),
                end_date: Some(month.last_day()),
                currency: p.currency.to_owned(),
                frequency: Some(PayPeriod::Variable),
                base_amount: None,
                gross_amount: Some(round2(gross)),
                // The platform's 10% service fee.
                net_amount: Some(round2(gross * 0.9)),
                payment_method: None,
                metadata: metadata(source),
            });
        }
    }
    rows.sort_by(|a, b| b.start_date.cmp(&a.start_date));
    rows
}

/// Two letters of the employer and the month: stable, unique per persona and month.
fn reference_id(job: &Job, month: YearMonth) -> String {
    let initials: String = job
        .employer
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(2)
        .collect::<String>()
        .to_ascii_uppercase();
    let tail: String = job
        .employee_number
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let tail = &tail[tail.len().saturating_sub(3)..];
    format!("{initials}{}{tail}", month.to_string().replace('-', ""))
}

fn contributions(p: &Persona, source: &Source<'_>) -> Vec<Contribution> {
    let mut rows = Vec::new();
    for job in p.jobs {
        for ago in job.to..=job.from {
            let month = source.anchor.minus(ago);
            rows.push(Contribution {
                id: new_id("con-"),
                // Smile: the end of the month when the exact day is unknown.
                date: month.last_day(),
                currency: p.currency.to_owned(),
                amount: round2(job.contribution),
                reference_id: Some(reference_id(job, month)),
                metadata: metadata(source),
            });
        }
    }
    rows.sort_by(|a, b| b.date.cmp(&a.date));
    rows
}

fn eincome(p: &Persona, month: YearMonth, amount: f64, source: &Source<'_>) -> Eincome {
    let amount = round2(amount);
    Eincome {
        id: new_id("einc-"),
        month: month.to_string(),
        currency: p.currency.to_owned(),
        base_amount: Some(amount),
        amount: Some(amount),
        metadata: metadata(source),
    }
}

/// One row per month, zero in months without a job (Smile: always one row per month).
fn salary_eincomes(p: &Persona, source: &Source<'_>) -> Vec<Eincome> {
    (0..HISTORY_MONTHS)
        .map(|ago| {
            let amount = p.job_at(ago).map_or(0.0, |j| j.monthly_salary);
            eincome(p, source.anchor.minus(ago), amount, source)
        })
        .collect()
}

fn gig_eincomes(p: &Persona, source: &Source<'_>) -> Vec<Eincome> {
    let mut rows = Vec::new();
    for gig in p.gigs.iter().filter(|g| g.provider == source.provider.id) {
        for ago in gig.to..=gig.from.min(HISTORY_MONTHS - 1) {
            rows.push(eincome(p, source.anchor.minus(ago), gig.monthly, source));
        }
    }
    rows.sort_by(|a, b| b.month.cmp(&a.month));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::personas::ALL;
    use crate::providers;

    fn generate_for(persona: &Persona, provider_id: &str) -> DataSet {
        let provider = providers::find(provider_id).unwrap();
        let source = Source {
            account_id: "a-1",
            user_id: "t-1",
            provider: &provider,
            created_at: "2025-01-15T00:00:00Z",
            item_created_at: "2025-01-15T00:00:01Z",
            anchor: YearMonth::new(2024, 12).expect("a month"),
        };
        generate(persona, &source)
    }

    #[test]
    fn social_security_data_covers_two_years_with_george_gap() {
        for p in ALL {
            let set = generate_for(p, "sss_ph");
            assert_eq!(set.identities.len(), 1);
            assert!(set.contributions.len() >= 24, "{}", p.key);
            assert!(set.employments.len() >= 24, "{}", p.key);
            assert_eq!(set.eincomes.len(), 24);
            assert!(set.incomes.is_empty(), "sss_ph has no INCOMES");
            assert!(set.contributions.iter().all(|c| c.currency == p.currency));
            // Newest first.
            assert!(set.contributions.windows(2).all(|w| w[0].date > w[1].date));
        }
        let george = generate_for(&crate::personas::george::GEORGE, "sss_ph");
        let months: Vec<&str> = george.contributions.iter().map(|c| &c.date[..7]).collect();
        // December 2024 anchor: months 14..=17 back (Jul–Oct 2023) are missing.
        for gap in ["2023-07", "2023-08", "2023-09", "2023-10"] {
            assert!(!months.contains(&gap), "{gap}");
        }
        assert!(months.contains(&"2023-06") && months.contains(&"2023-11"));
        let employers: std::collections::BTreeSet<_> = george
            .employments
            .iter()
            .filter_map(|e| e.employer.as_deref())
            .collect();
        assert_eq!(employers.len(), 2);
        assert_eq!(
            george.contributions[0].reference_id.as_deref(),
            Some("AC202412456")
        );
    }

    #[test]
    fn data_depends_on_the_provider() {
        let p = &crate::personas::ryan::RYAN;
        let upwork = generate_for(p, "upwork");
        assert!(upwork.employments.is_empty() && upwork.contributions.is_empty());
        assert!(!upwork.incomes.is_empty() && !upwork.eincomes.is_empty());
        assert!(upwork.incomes.iter().all(|i| i.currency == "IDR"));
        let freelancer = generate_for(p, "freelancer");
        assert!(freelancer.eincomes.is_empty(), "freelancer has no EINCOMES");
        let abc = generate_for(p, "abccorp");
        assert_eq!(abc.employments.len(), 1);
        assert_eq!(
            abc.employments[0].employer.as_deref(),
            Some("ABC Corporation")
        );
        assert!(abc.employments[0].end_date.is_some(), "Ryan left ABC");
        assert_eq!(
            abc.datapoints(),
            [
                Datapoint::Identities,
                Datapoint::Employments,
                Datapoint::Incomes
            ]
        );
    }

    #[test]
    fn generation_is_deterministic_apart_from_ids() {
        let strip = |set: DataSet| {
            set.contributions
                .into_iter()
                .map(|c| (c.date, c.amount, c.reference_id))
                .collect::<Vec<_>>()
        };
        let p = &crate::personas::christina::CHRISTINA;
        assert_eq!(
            strip(generate_for(p, "sss_ph")),
            strip(generate_for(p, "sss_ph"))
        );
    }
}
