//! Which applicants take the Wink path, and how long their resume link works.

use clap::value_parser;

#[derive(Debug, Clone, clap::Args, serde::Serialize)]
pub struct ApplicantSettings {
    /// Staged rollout: the share (0–100) of new applicants (by a hash of their id) who take
    /// the Wink path; the rest are verified manually.
    #[arg(long, env = "WINK_ROLLOUT_PERCENT", default_value_t = 100, value_parser = value_parser!(u8).range(0..=100))]
    pub rollout_percent: u8,

    /// Staged rollout: emails (`ana@lender.example`) or domains (`@lender.example`) that
    /// always take the Wink path (comma-separated).
    #[arg(long, env = "WINK_ROLLOUT_ALLOWLIST", value_delimiter = ',')]
    pub rollout_allowlist: Vec<String>,

    /// How long an applicant's resume link works, in days from when it was issued (when
    /// they applied); an older link answers 410.
    #[arg(long, env = "WINK_RESUME_DAYS", default_value_t = 30, value_parser = value_parser!(u32).range(1..))]
    pub resume_days: u32,
}

impl ApplicantSettings {
    pub fn rollout(&self) -> crate::rollout::Rollout {
        crate::rollout::Rollout::new(self.rollout_percent, &self.rollout_allowlist)
    }

    pub fn resume_ttl(&self) -> std::time::Duration {
        std::time::Duration::from_secs(86_400 * u64::from(self.resume_days))
    }
}
