use leptos::prelude::*;
use smile_api::data::Address;
use smile_api::Identity;
use wink_api::document::DataSource;

use super::SourceTag;
use crate::provenance::Provenance;

/// Each synced identity: names, date of birth, addresses, phones, emails and photo, with
/// the source it came from (a connected account or an uploaded document).
#[component]
pub fn IdentityCard(
    identities: Vec<Identity>,
    /// The detail's sources, to name each identity's.
    sources: Vec<DataSource>,
) -> impl IntoView {
    if identities.is_empty() {
        return view! { <p class="empty">"No identity synced yet."</p> }.into_any();
    }
    identities
        .into_iter()
        .map(|identity| {
            let provenance = Provenance::of(&sources, identity.metadata.as_ref());
            let provider_id = identity.metadata.as_ref().map(|m| m.provider_id.clone());
            let alt = format!("Photo of {} from {}", identity.full_name, provenance.label());
            let photo = identity.photo_url.clone().map(|url| {
                view! {
                    <img class="photo" src=url alt=alt loading="lazy" referrerpolicy="no-referrer" width="96" height="96" />
                }
            });
            let other_names = [
                ("First name", identity.first_name.clone()),
                ("Middle name", identity.middle_name.clone()),
                ("Last name", identity.last_name.clone()),
                ("Suffix", identity.suffix.clone()),
            ]
            .into_iter()
            .filter_map(|(label, value)| value.map(|v| view! { <dt>{label}</dt><dd>{v}</dd> }))
            .collect_view();
            let addresses = identity.addresses.iter().map(address_line).collect::<Vec<_>>();
            let phones = identity
                .phones
                .iter()
                .filter_map(|p| p.number.clone())
                .collect::<Vec<_>>();
            let emails = identity
                .emails
                .iter()
                .filter_map(|e| e.address.clone())
                .collect::<Vec<_>>();
            view! {
                <article class="identity" data-provider-id=provider_id>
                    {photo}
                    <dl class="facts">
                        <dt>"Full name"</dt>
                        <dd class="verified-name">{identity.full_name.clone()}</dd>
                        {other_names}
                        <dt>"Date of birth"</dt>
                        <dd>{identity.dob.clone().unwrap_or_else(|| "—".into())}</dd>
                        <dt>"Addresses"</dt>
                        <dd>{list(addresses)}</dd>
                        <dt>"Phones"</dt>
                        <dd>{list(phones)}</dd>
                        <dt>"Emails"</dt>
                        <dd>{list(emails)}</dd>
                        <dt>"Source"</dt>
                        <dd><SourceTag provenance /></dd>
                    </dl>
                </article>
            }
        })
        .collect_view()
        .into_any()
}

fn list(items: Vec<String>) -> AnyView {
    if items.is_empty() {
        return "—".into_any();
    }
    view! { <ul class="plain">{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }
        .into_any()
}

/// An address on one line: the full address when given, else its parts.
fn address_line(address: &Address) -> String {
    if let Some(full) = address.full_address.as_deref().filter(|s| !s.is_empty()) {
        return full.to_owned();
    }
    [
        &address.line1,
        &address.line2,
        &address.city,
        &address.region,
        &address.zip,
        &address.country,
    ]
    .into_iter()
    .filter_map(|part| part.as_deref().filter(|s| !s.is_empty()))
    .collect::<Vec<_>>()
    .join(", ")
}
