//! Data providers in the Smile Network (`Provider`).

use serde::{Deserialize, Serialize};

use crate::common::{default_true, Datapoint};

wire_enum! {
    /// Kind of provider.
    pub enum ProviderType {
        Gig = "GIG",
        Government = "GOVERNMENT",
        System = "SYSTEM",
        Employer = "EMPLOYER",
        Credential = "CREDENTIAL",
    }
}

wire_enum! {
    /// Sub-kind of provider: a named kind or an ISIC section (`ISIC-A` … `ISIC-U`) for
    /// employers.
    pub enum ProviderSubType {
        Services = "SERVICES",
        Transportation = "TRANSPORTATION",
        Sharing = "SHARING",
        Trading = "TRADING",
        Insurance = "INSURANCE",
        Hris = "HRIS",
        Payroll = "PAYROLL",
        Wallet = "WALLET",
        Identification = "IDENTIFICATION",
        IsicA = "ISIC-A",
        IsicB = "ISIC-B",
        IsicC = "ISIC-C",
        IsicD = "ISIC-D",
        IsicE = "ISIC-E",
        IsicF = "ISIC-F",
        IsicG = "ISIC-G",
        IsicH = "ISIC-H",
        IsicI = "ISIC-I",
        IsicJ = "ISIC-J",
        IsicK = "ISIC-K",
        IsicL = "ISIC-L",
        IsicM = "ISIC-M",
        IsicN = "ISIC-N",
        IsicO = "ISIC-O",
        IsicP = "ISIC-P",
        IsicQ = "ISIC-Q",
        IsicR = "ISIC-R",
        IsicS = "ISIC-S",
        IsicT = "ISIC-T",
        IsicU = "ISIC-U",
    }
}

/// A data provider, e.g. `sss_ph`, `upwork`, `abccorp`.
///
/// The labels are display text and stay plain strings; display fields default to empty
/// so one sparse provider cannot break a whole list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Provider {
    /// Provider id.
    pub id: String,
    /// Short name.
    #[serde(default)]
    pub name: String,
    /// Legal name.
    #[serde(default)]
    pub long_name: String,
    /// Logo URL.
    #[serde(default)]
    pub logo_url: String,
    /// Kind of provider.
    #[serde(rename = "type")]
    pub provider_type: ProviderType,
    /// Display label of the kind, e.g. "Gig Platform".
    #[serde(default)]
    pub type_label: String,
    /// Sub-kind.
    pub sub_type: ProviderSubType,
    /// Display label of the sub-kind, e.g. "Professional Services".
    #[serde(default)]
    pub sub_type_label: String,
    /// Whether the integration currently works.
    pub active: bool,
    /// Whether the provider is enabled for this client.
    pub enabled: bool,
    /// Whether the provider asks for an MFA code.
    pub mfa: bool,
    /// Whether a real-time account connection is available (default `true`).
    #[serde(default = "default_true")]
    pub account_connection: bool,
    /// Data points the provider can supply.
    #[serde(default, deserialize_with = "crate::common::null_as_empty")]
    pub supported: Vec<Datapoint>,
    /// Whether Continuous Data Sync is supported (default `false`).
    #[serde(default)]
    pub monitor_supported: bool,
}
