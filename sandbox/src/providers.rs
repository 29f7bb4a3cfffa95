//! The emulator's provider catalogue: what `/providers` lists and what each provider's
//! accounts yield.

use smile_api::{Datapoint, Provider, ProviderSubType, ProviderType};

/// A provider kind or sub-kind, with the label Smile shows for it.
struct Labelled<T>(T, &'static str);

const GOVERNMENT: Labelled<ProviderType> = Labelled(ProviderType::Government, "Govt Service");
const EMPLOYER: Labelled<ProviderType> = Labelled(ProviderType::Employer, "Employer");
const GIG: Labelled<ProviderType> = Labelled(ProviderType::Gig, "Gig Platform");

const INSURANCE: Labelled<ProviderSubType> =
    Labelled(ProviderSubType::Insurance, "Social Insurance");
// The spec's label for ISIC section G, word for word (its `subTypeLabel` is an enum).
const RETAIL: Labelled<ProviderSubType> = Labelled(
    ProviderSubType::IsicG,
    "Wholesale and retail trade; repair of motor vehicles and motorcycles",
);
const SERVICES: Labelled<ProviderSubType> =
    Labelled(ProviderSubType::Services, "Professional Services");
const TRANSPORT: Labelled<ProviderSubType> =
    Labelled(ProviderSubType::Transportation, "Transport and Delivery");

/// One provider as the emulator defines it.
struct Spec {
    id: &'static str,
    name: &'static str,
    long_name: &'static str,
    kind: Labelled<ProviderType>,
    sub_type: Labelled<ProviderSubType>,
    mfa: bool,
    supported: &'static [Datapoint],
    monitor_supported: bool,
}

impl Spec {
    /// A gig platform: MFA at login (as in Smile's spec examples), no monitoring.
    const fn gig(
        id: &'static str,
        name: &'static str,
        long_name: &'static str,
        sub_type: Labelled<ProviderSubType>,
        supported: &'static [Datapoint],
    ) -> Self {
        Spec {
            id,
            name,
            long_name,
            kind: GIG,
            sub_type,
            mfa: true,
            supported,
            monitor_supported: false,
        }
    }
}

/// The catalogue, in list order. Flags and data points follow Smile's spec examples where
/// they exist.
const CATALOGUE: &[Spec] = &[
    Spec {
        id: "sss_ph",
        name: "SSS",
        long_name: "Social Security System (Philippines)",
        kind: GOVERNMENT,
        sub_type: INSURANCE,
        mfa: false,
        supported: &[
            Datapoint::Identities,
            Datapoint::Employments,
            Datapoint::Contributions,
            Datapoint::Eincomes,
        ],
        monitor_supported: true,
    },
    Spec {
        id: "abccorp",
        name: "ABC Corporation",
        long_name: "ABC Corporation",
        kind: EMPLOYER,
        sub_type: RETAIL,
        mfa: false,
        supported: &[
            Datapoint::Identities,
            Datapoint::Employments,
            Datapoint::Incomes,
        ],
        monitor_supported: false,
    },
    Spec::gig(
        "upwork",
        "Upwork",
        "Upwork Global Inc.",
        SERVICES,
        &[
            Datapoint::Identities,
            Datapoint::Incomes,
            Datapoint::Eincomes,
        ],
    ),
    Spec::gig(
        "freelancer",
        "Freelancer",
        "Freelancer Technology Pty Limited",
        SERVICES,
        &[Datapoint::Identities, Datapoint::Incomes],
    ),
    Spec::gig(
        "grab",
        "Grab",
        "Grab Holdings Inc",
        TRANSPORT,
        &[
            Datapoint::Identities,
            Datapoint::Incomes,
            Datapoint::Eincomes,
        ],
    ),
];

impl Spec {
    fn to_provider(&self) -> Provider {
        Provider {
            id: self.id.to_owned(),
            name: self.name.to_owned(),
            long_name: self.long_name.to_owned(),
            logo_url: format!(
                "https://cdn.smileapi.io/image/provider-logo/v20210813064500/{}.png",
                self.id
            ),
            provider_type: self.kind.0.clone(),
            type_label: self.kind.1.to_owned(),
            sub_type: self.sub_type.0.clone(),
            sub_type_label: self.sub_type.1.to_owned(),
            active: true,
            enabled: true,
            mfa: self.mfa,
            account_connection: true,
            supported: self.supported.to_vec(),
            monitor_supported: self.monitor_supported,
        }
    }
}

/// Every provider, in catalogue order.
pub fn all() -> Vec<Provider> {
    CATALOGUE.iter().map(Spec::to_provider).collect()
}

/// One provider by id.
pub fn find(id: &str) -> Option<Provider> {
    CATALOGUE
        .iter()
        .find(|spec| spec.id == id)
        .map(Spec::to_provider)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_has_the_required_providers() {
        let kinds: Vec<(String, ProviderType)> =
            all().into_iter().map(|p| (p.id, p.provider_type)).collect();
        for (id, kind) in [
            ("sss_ph", ProviderType::Government),
            ("upwork", ProviderType::Gig),
            ("freelancer", ProviderType::Gig),
            ("grab", ProviderType::Gig),
            ("abccorp", ProviderType::Employer),
        ] {
            assert!(kinds.contains(&(id.to_owned(), kind)), "{id}");
        }
        assert!(find("upwork").is_some_and(|p| p.mfa));
        assert!(find("sss_ph").is_some_and(|p| !p.mfa));
        assert!(find("nope").is_none());
    }
}
