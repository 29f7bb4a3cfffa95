//! `Identity` (`i-…`): who the provider says the user is.

use serde::{Deserialize, Serialize};

use super::ItemMetadata;
use crate::common::Date;

wire_enum! {
    /// Gender (`RefGender`).
    pub enum Gender {
        Male = "Male",
        Female = "Female",
        NonBinary = "Non-binary",
    }
}

wire_enum! {
    /// Marital status (`RefMaritalStatus`).
    pub enum MaritalStatus {
        Divorced = "Divorced",
        Married = "Married",
        Separated = "Separated",
        Single = "Single",
        Widowed = "Widowed",
        LifetimePartner = "Lifetime Partner",
    }
}

wire_enum! {
    /// Citizenship.
    pub enum Citizenship {
        Citizen = "Citizen",
        ResidentAlien = "Resident Alien",
        NonResidentAlien = "Non-resident Alien",
        Undocumented = "Undocumented",
        Others = "Others",
    }
}

wire_enum! {
    /// Kind of e-mail address (`RefContactType`).
    pub enum ContactType {
        Primary = "Primary",
        Secondary = "Secondary",
        Work = "Work",
        Personal = "Personal",
    }
}

wire_enum! {
    /// Kind of phone number (`RefPhoneType`).
    pub enum PhoneType {
        Mobile = "Mobile",
        Fixed = "Fixed",
        Unspecified = "Unspecified",
    }
}

wire_enum! {
    /// Social network of a profile URL.
    pub enum SocialType {
        Twitter = "Twitter",
        Facebook = "Facebook",
        LinkedIn = "LinkedIn",
        Others = "Others",
    }
}

wire_enum! {
    /// Whether an address is primary or secondary.
    pub enum AddressType {
        Primary = "Primary",
        Secondary = "Secondary",
    }
}

wire_enum! {
    /// Address tags.
    pub enum AddressTag {
        Primary = "Primary",
        Secondary = "Secondary",
        Home = "Home",
        Work = "Work",
        Mailing = "Mailing",
        Foreign = "Foreign",
        Billing = "Billing",
        Permanent = "Permanent",
        Shipping = "Shipping",
    }
}

/// The user's identity as a provider holds it. `null` fields are `None`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Identity {
    /// Identity id.
    pub id: String,
    /// Full name.
    pub full_name: String,
    /// First name.
    #[serde(default)]
    pub first_name: Option<String>,
    /// Middle name.
    #[serde(default)]
    pub middle_name: Option<String>,
    /// Last name.
    #[serde(default)]
    pub last_name: Option<String>,
    /// Suffix, e.g. "Jr".
    #[serde(default)]
    pub suffix: Option<String>,
    /// Gender.
    #[serde(default)]
    pub gender: Option<Gender>,
    /// Date of birth.
    #[serde(default)]
    pub dob: Option<Date>,
    /// Marital status.
    #[serde(default)]
    pub marital_status: Option<MaritalStatus>,
    /// Country of residence, ISO 3166 alpha-2.
    #[serde(default)]
    pub country_residence: Option<String>,
    /// Citizenship.
    #[serde(default)]
    pub citizenship: Option<Citizenship>,
    /// Photo or avatar URL.
    #[serde(default)]
    pub photo_url: Option<String>,
    /// The provider's profile id.
    #[serde(default)]
    pub reference_id: Option<String>,
    /// Public profile URL.
    #[serde(default)]
    pub profile_url: Option<String>,
    /// Latest employer (deprecated by Smile).
    #[serde(default)]
    pub latest_employer_name: Option<String>,
    /// E-mail addresses.
    #[serde(default, deserialize_with = "crate::common::null_as_empty")]
    pub emails: Vec<Email>,
    /// Phone numbers.
    #[serde(default, deserialize_with = "crate::common::null_as_empty")]
    pub phones: Vec<Phone>,
    /// Social profile URLs.
    #[serde(default, deserialize_with = "crate::common::null_as_empty")]
    pub social_profiles: Vec<SocialProfile>,
    /// Postal addresses.
    #[serde(default, deserialize_with = "crate::common::null_as_empty")]
    pub addresses: Vec<Address>,
    /// Source of the item (absent in payload bundles).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<ItemMetadata>,
}

/// An e-mail address.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Email {
    /// The address.
    #[serde(default)]
    pub address: Option<String>,
    /// Its kind.
    #[serde(default, rename = "type")]
    pub kind: Option<ContactType>,
}

/// A phone number in E.164.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Phone {
    /// The number, e.g. `+639559991234`.
    #[serde(default)]
    pub number: Option<String>,
    /// Its kind.
    #[serde(default, rename = "type")]
    pub kind: Option<PhoneType>,
}

/// A social media profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SocialProfile {
    /// Profile URL.
    #[serde(default)]
    pub social_url: Option<String>,
    /// Network.
    #[serde(default, rename = "type")]
    pub kind: Option<SocialType>,
}

/// A postal address (`RefAddress`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    /// The whole address on one line.
    #[serde(default)]
    pub full_address: Option<String>,
    /// Street line 1.
    #[serde(default)]
    pub line1: Option<String>,
    /// Street line 2.
    #[serde(default)]
    pub line2: Option<String>,
    /// City.
    #[serde(default)]
    pub city: Option<String>,
    /// State, province or region.
    #[serde(default)]
    pub region: Option<String>,
    /// Post code.
    #[serde(default)]
    pub zip: Option<String>,
    /// Country, ISO 3166 alpha-2.
    #[serde(default)]
    pub country: Option<String>,
    /// Latitude, as a decimal string.
    #[serde(default)]
    pub latitude: Option<String>,
    /// Longitude, as a decimal string.
    #[serde(default)]
    pub longitude: Option<String>,
    /// Primary or secondary.
    #[serde(default, rename = "type")]
    pub kind: Option<AddressType>,
    /// Tags such as `Home`, `Work` (a `null` tag is dropped).
    #[serde(default, deserialize_with = "crate::common::vec_skip_nulls")]
    pub tags: Vec<AddressTag>,
}
