//! User data: identities, employments, incomes, contributions, estimated incomes, and the
//! other data points, with the `metadata` block every stored item carries.
//!
//! Each type serves both the REST item (with `metadata`) and the `*Payload` form inside
//! payload bundles and webhooks (without it): `metadata` is optional and omitted when absent.

mod contribution;
mod eincome;
mod employment;
mod identity;
mod income;
mod metadata;
mod other;
mod payload;

pub use contribution::Contribution;
pub use eincome::Eincome;
pub use employment::Employment;
pub use identity::{
    Address, AddressTag, AddressType, Citizenship, ContactType, Email, Gender, Identity,
    MaritalStatus, Phone, PhoneType, SocialProfile, SocialType,
};
pub use income::Income;
pub use metadata::ItemMetadata;
pub use other::{
    Document, DocumentType, Insight, Liability, Link, LinkRecord, Rating, Transaction,
};
pub use payload::{
    AccountPayload, AllDatapointPayload, PayloadMetadata, UserPayload, UserPayloadAccount,
    UserPayloadArchive, UserPayloadForm,
};
