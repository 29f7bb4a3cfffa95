//! `Employment` (`e-…`): a job, or for social-security providers one reported month of it.

use serde::{Deserialize, Serialize};

use super::ItemMetadata;
use crate::common::Date;

/// An employment record. Social-security providers send one row per reporting month.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Employment {
    /// Employment id.
    pub id: String,
    /// Work performed.
    #[serde(default)]
    pub name: Option<String>,
    /// Description of the work.
    #[serde(default)]
    pub description: Option<String>,
    /// Job title.
    #[serde(default)]
    pub job_title: Option<String>,
    /// Department.
    #[serde(default)]
    pub department: Option<String>,
    /// Employee number at the provider.
    #[serde(default)]
    pub employee_number: Option<String>,
    /// Employer number at the provider.
    #[serde(default)]
    pub employer_number: Option<String>,
    /// Employer name.
    #[serde(default)]
    pub employer: Option<String>,
    /// Employment status, e.g. "Permanent".
    #[serde(default)]
    pub status: Option<String>,
    /// Start date.
    pub start_date: Date,
    /// End date.
    #[serde(default)]
    pub end_date: Option<Date>,
    /// When the provider reported it.
    #[serde(default)]
    pub reported_date: Option<Date>,
    /// Source of the item (absent in payload bundles).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<ItemMetadata>,
}
