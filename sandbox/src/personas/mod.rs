//! The four sandbox personas Smile documents (George, Ryan, Christina, Anisha): their
//! credentials and their life stories, from which each provider's data is generated.
//!
//! Histories are written relative to an *anchor month*, the last complete month before the
//! account is linked, so the data always looks recent; everything else is fixed, so the
//! same persona always yields the same data (no randomness).

mod anisha;
mod christina;
pub mod data;
mod george;
mod ryan;

pub use george::GEORGE;

/// The verification (MFA) code every persona accepts, as in Smile's sandbox.
pub const MFA_CODE: &str = "1234";

/// A sandbox user: credentials, identity, jobs and gig work.
#[derive(Debug)]
pub struct Persona {
    /// Short name, e.g. `george`.
    pub key: &'static str,
    /// Full name as providers hold it.
    pub full_name: &'static str,
    /// First name.
    pub first_name: &'static str,
    /// Middle name.
    pub middle_name: Option<&'static str>,
    /// Last name.
    pub last_name: &'static str,
    /// Suffix, e.g. "Jr".
    pub suffix: Option<&'static str>,
    /// `Male` / `Female`.
    pub gender: &'static str,
    /// Date of birth, `yyyy-MM-dd`.
    pub dob: &'static str,
    /// Smile's marital-status value.
    pub marital_status: &'static str,
    /// ISO 3166 alpha-2 country of residence.
    pub country: &'static str,
    /// ISO 4217 currency of every amount.
    pub currency: &'static str,
    /// Login e-mail.
    pub email: &'static str,
    /// Mobile number in E.164.
    pub phone: &'static str,
    /// Country calling code of `phone`, without `+` (to accept national formats).
    pub calling_code: &'static str,
    /// Login password.
    pub password: &'static str,
    /// Avatar URL.
    pub photo_url: Option<&'static str>,
    /// A social profile URL (Facebook).
    pub facebook: Option<&'static str>,
    /// Home address.
    pub address: Address,
    /// Employment history, oldest first.
    pub jobs: &'static [Job],
    /// Gig-platform work.
    pub gigs: &'static [Gig],
}

/// A postal address.
#[derive(Debug)]
pub struct Address {
    /// Street line.
    pub line1: &'static str,
    /// Second line (barangay, district, unit).
    pub line2: Option<&'static str>,
    /// City.
    pub city: &'static str,
    /// Region / state.
    pub region: &'static str,
    /// Post code.
    pub zip: &'static str,
    /// Latitude.
    pub latitude: &'static str,
    /// Longitude.
    pub longitude: &'static str,
}

/// A job. `from`/`to` count months back from the anchor month, both inclusive; `to: 0`
/// means the persona still works there.
#[derive(Debug)]
pub struct Job {
    /// Employer name.
    pub employer: &'static str,
    /// The employer's own provider id, when it is on the Smile network (e.g. `abccorp`).
    pub provider: Option<&'static str>,
    /// Employer number at the social-security agency.
    pub employer_number: &'static str,
    /// Employee number.
    pub employee_number: &'static str,
    /// Job title.
    pub job_title: &'static str,
    /// Work performed (`Employment.name`).
    pub work: &'static str,
    /// Department.
    pub department: Option<&'static str>,
    /// e.g. "Permanent".
    pub status: &'static str,
    /// First month, in months before the anchor.
    pub from: u32,
    /// Last month, in months before the anchor (0 = current).
    pub to: u32,
    /// Gross monthly salary.
    pub monthly_salary: f64,
    /// Monthly social-security contribution.
    pub contribution: f64,
}

/// Work on a gig platform, paid monthly with some variation.
#[derive(Debug)]
pub struct Gig {
    /// Provider id (`upwork`, `freelancer`, `grab`).
    pub provider: &'static str,
    /// `Income.workItem`.
    pub work_item: &'static str,
    /// First month, in months before the anchor.
    pub from: u32,
    /// Last month, in months before the anchor (0 = current).
    pub to: u32,
    /// Typical gross monthly earnings.
    pub monthly: f64,
    /// Month-by-month multipliers of `monthly`, cycled (deterministic variation).
    pub variation: &'static [f64],
}

/// Every persona, in Smile's table order.
pub const ALL: [&Persona; 4] = [
    &george::GEORGE,
    &ryan::RYAN,
    &christina::CHRISTINA,
    &anisha::ANISHA,
];

/// The persona whose e-mail or mobile number `login` is.
///
/// E-mails compare case-insensitively. Phones are compared by their digits and accepted
/// in international (`+63 955 999 1234`), national (`9559991234`) and trunk-prefixed
/// (`09559991234`) forms.
pub fn find_by_login(login: &str) -> Option<&'static Persona> {
    let login = login.trim();
    if login.contains('@') {
        return ALL
            .into_iter()
            .find(|p| p.email.eq_ignore_ascii_case(login));
    }
    let digits: String = login.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    ALL.into_iter().find(|p| {
        let international: String = p.phone.chars().filter(char::is_ascii_digit).collect();
        let national = international
            .strip_prefix(p.calling_code)
            .unwrap_or(&international);
        digits == international || digits == national || digits == format!("0{national}")
    })
}

impl Persona {
    /// The job held `months_ago` months before the anchor, if any.
    pub fn job_at(&self, months_ago: u32) -> Option<&'static Job> {
        self.jobs
            .iter()
            .find(|j| (j.to..=j.from).contains(&months_ago))
    }

    /// The current (or else the latest) employer.
    pub fn latest_employer(&self) -> Option<&'static str> {
        self.jobs.iter().min_by_key(|j| j.to).map(|j| j.employer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logins_by_email_and_phone_in_several_forms() {
        for login in [
            "gpalomero1234@smileapi.io",
            "GPalomero1234@SmileAPI.io",
            "+639559991234",
            "(+63) 9559991234",
            "09559991234",
            "955 999 1234",
        ] {
            assert_eq!(
                find_by_login(login).map(|p| p.key),
                Some("george"),
                "{login}"
            );
        }
        assert_eq!(
            find_by_login("+6599996789").map(|p| p.key),
            Some("christina")
        );
        assert_eq!(find_by_login("99996789").map(|p| p.key), Some("christina"));
        assert_eq!(find_by_login("08119994321").map(|p| p.key), Some("ryan"));
        assert_eq!(
            find_by_login("anisha98765@smileapi.io").map(|p| p.key),
            Some("anisha")
        );
        assert!(find_by_login("nobody@smileapi.io").is_none());
        assert!(find_by_login("").is_none());
        assert!(find_by_login("12").is_none());
    }

    #[test]
    fn every_persona_has_two_jobs_and_two_years_of_history() {
        for p in ALL {
            assert!(p.jobs.len() >= 2, "{}", p.key);
            let months = p.jobs.iter().map(|j| j.from - j.to + 1).sum::<u32>();
            assert!(months >= 24, "{} has {months} months", p.key);
            for j in p.jobs {
                assert!(j.from >= j.to, "{} {}", p.key, j.employer);
            }
        }
    }

    #[test]
    fn one_persona_has_a_gap_of_three_months_and_changes_employer() {
        let gapped: Vec<&str> = ALL
            .into_iter()
            .filter(|p| {
                let mut jobs: Vec<&Job> = p.jobs.iter().collect();
                jobs.sort_by_key(|j| std::cmp::Reverse(j.from));
                jobs.windows(2).any(|w| {
                    w[0].employer != w[1].employer && w[0].to.saturating_sub(w[1].from) > 3
                })
            })
            .map(|p| p.key)
            .collect();
        assert_eq!(gapped, ["george"]);
    }
}
