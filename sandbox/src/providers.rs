//! The emulator's provider catalogue: what `/providers` lists and what each provider's
//! accounts yield.

use smile_api::{Datapoint, Provider, ProviderSubType, ProviderType};

/// One provider as the emulator defines it.
struct Spec {
    id: &'static str,
    name: &'static str,
    long_name: &'static str,
    kind: ProviderType,
    type_label: &'static str,
    sub_type: ProviderSubType,
    sub_type_label: &'static str,
    mfa: bool,
    supported: &'static [Datapoint],
    monitor_supported: bool,
}

/// The catalogue, in list order. Flags and data points follow Smile's spec examples where
/// they exist (the gig platforms are `mfa: true` there).
const CATALOGUE: &[Spec] = &[
    Spec {
        id: "sss_ph",
        name: "SSS",
        long_name: "Social Security System (Philippines)",
        kind: ProviderType::Government,
        type_label: "Govt Service",
        sub_type: ProviderSubType::Insurance,
        sub_type_label: "Social Insurance",
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
        kind: ProviderType::Employer,
        type_label: "Employer",
        sub_type: ProviderSubType::IsicG,
        sub_type_label: "Wholesale and Retail Trade",
        mfa: false,
        supported: &[
            Datapoint::Identities,
            Datapoint::Employments,
            Datapoint::Incomes,
        ],
        monitor_supported: false,
    },
    Spec {
        id: "upwork",
        name: "Upwork",
        long_name: "Upwork Global Inc.",
        kind: ProviderType::Gig,
        type_label: "Gig Platform",
        sub_type: ProviderSubType::Services,
        sub_type_label: "Professional Services",
        mfa: true,
        supported: &[
            Datapoint::Identities,
            Datapoint::Incomes,
            Datapoint::Eincomes,
        ],
        monitor_supported: false,
    },
    Spec {
        id: "freelancer",
        name: "Freelancer",
        long_name: "Freelancer Technology Pty Limited",
        kind: ProviderType::Gig,
        type_label: "Gig Platform",
        sub_type: ProviderSubType::Services,
        sub_type_label: "Professional Services",
        mfa: true,
        supported: &[Datapoint::Identities, Datapoint::Incomes],
        monitor_supported: false,
    },
    Spec {
        id: "grab",
        name: "Grab",
        long_name: "Grab Holdings Inc",
        kind: ProviderType::Gig,
        type_label: "Gig Platform",
        sub_type: ProviderSubType::Transportation,
        sub_type_label: "Transport and Delivery",
        mfa: true,
        supported: &[
            Datapoint::Identities,
            Datapoint::Incomes,
            Datapoint::Eincomes,
        ],
        monitor_supported: false,
    },
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
            provider_type: self.kind.clone(),
            type_label: self.type_label.to_owned(),
            sub_type: self.sub_type.clone(),
            sub_type_label: self.sub_type_label.to_owned(),
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
