//! The verification summary's flag thresholds.

use clap::value_parser;

use crate::summary::SummaryThresholds;

#[derive(Debug, Clone, clap::Args, serde::Serialize)]
pub struct SummarySettings {
    /// Verification summary: a name-match score (0–100) below this is flagged.
    #[arg(long, env = "WINK_NAME_MATCH_MIN", default_value_t = 80, value_parser = value_parser!(u8).range(0..=100))]
    pub name_match_min: u8,

    /// Verification summary: estimated income this many percent below the declared one is flagged.
    #[arg(long, env = "WINK_INCOME_SHORTFALL_PERCENT", default_value_t = 20.0)]
    pub income_shortfall_percent: f64,

    /// Verification summary: this many months in a row without contributions is a gap.
    #[arg(long, env = "WINK_CONTRIBUTION_GAP_MONTHS", default_value_t = 3)]
    pub contribution_gap_months: u32,

    /// Verification summary: no contribution in this many recent months is flagged.
    #[arg(long, env = "WINK_NO_RECENT_CONTRIBUTION_MONTHS", default_value_t = 3)]
    pub no_recent_contribution_months: u32,

    /// Verification summary: data older than this many days is stale.
    #[arg(long, env = "WINK_STALE_DATA_DAYS", default_value_t = 30)]
    pub stale_data_days: u32,

    /// Uploaded documents: a Smile check (metadata, arithmetic, identity, location) scoring below this (0–100) is flagged.
    #[arg(long, env = "WINK_DOCUMENT_CHECK_MIN", default_value_t = wink_api::document::DEFAULT_CHECK_MIN, value_parser = value_parser!(u8).range(0..=100))]
    pub document_check_min: u8,

    /// What changed (re-verification, reports): estimated income moving by more than this many percent between two snapshots is listed.
    #[arg(long, env = "WINK_CHANGE_INCOME_PERCENT", default_value_t = 10.0, value_parser = percent)]
    pub change_income_percent: f64,
}

/// A finite percentage, 0 or more.
fn percent(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(p) if p.is_finite() && p >= 0.0 => Ok(p),
        _ => Err(format!(
            "expected a percentage, 0 or more (e.g. 10), not {text:?}"
        )),
    }
}

impl SummarySettings {
    /// These thresholds, the others at their defaults.
    pub fn thresholds(&self) -> SummaryThresholds {
        SummaryThresholds {
            name_match_min: self.name_match_min,
            income_shortfall_percent: self.income_shortfall_percent,
            gap_months: self.contribution_gap_months,
            no_recent_contribution_months: self.no_recent_contribution_months,
            stale_data_days: self.stale_data_days,
            document_check_min: self.document_check_min,
            income_change_percent: self.change_income_percent,
            ..SummaryThresholds::default()
        }
    }
}
