//! # smile-api
//!
//! Everything that speaks Smile's language, shared by Wink's server, its Smile emulator and
//! its front end:
//!
//! - the wire model of Smile's Open API 1.14.0 ([`Envelope`], [`Page`], [`User`], [`Token`],
//!   [`Provider`], [`Account`], the [`data`] items, [`Archive`], [`Webhook`]) and of its
//!   webhook [`Event`]s;
//! - the widget's options and callback payloads ([`widget`]);
//! - `Smile-Signature` signing and constant-time verification ([`signature`]);
//! - with the `client` feature, an HTTP client with timeouts, retries, `Retry-After` and a
//!   client-side rate limit ([`client`]).
//!
//! The model has no feature flags and builds for `wasm32-unknown-unknown`.
//!
//! ## Receiving a webhook
//!
//! ```
//! use smile_api::{sign, verify, Event, EventData, SIGNATURE_HEADER};
//!
//! let secret = b"a little secret";
//! let body = br#"{"id":"et-1","version":1,"type":"ACCOUNT_CONNECTED","createdAt":"2021-04-14T09:30:24Z",
//!   "data":{"userId":"t-1","accountId":"a-1","loginName":"george","providers":["sss_ph"]}}"#;
//! let header = sign(secret, body); // what Smile sends in the `Smile-Signature` header
//! # let _ = SIGNATURE_HEADER;
//!
//! verify(secret, body, Some(&header))?; // on the raw bytes, before parsing
//! let event = Event::from_slice(body)?;
//! match &event.data {
//!     EventData::AccountConnected(data) => assert_eq!(data.account_id, "a-1"),
//!     other => panic!("unexpected {other:?}"),
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Tolerant reader
//!
//! Every enum keeps values it does not know in an `Unknown(String)` variant and writes them
//! back verbatim, so a new value from Smile never breaks parsing. Where Smile's own material
//! disagrees (`datapoints`/`dataPoints`, a `stust` typo, `ratingId` for a link id) both
//! spellings are accepted and the spec's is emitted. Optional fields that are absent are
//! written as `null`, so a parse-and-serialise round trip keeps every field Smile sent.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[macro_use]
mod wire_enum;

pub mod account;
pub mod archive;
pub mod code;
pub mod common;
pub mod data;
pub mod envelope;
pub mod error_code;
pub mod event;
pub mod hosts;
pub mod provider;
pub mod signature;
pub mod task;
pub mod user;
pub mod webhook;
pub mod widget;
pub mod year_month;

#[cfg(feature = "client")]
pub mod client;

pub use account::{
    Account, AccountExport, Connection, ConnectionStatus, ExportExtensionType, Monitor,
    MonitorStatus,
};
pub use archive::{
    Archive, ArchiveState, ArchiveStatus, ClassifyArchiveRequest, CreateArchiveRequest, FileObject,
    FileType, RawFile, Upload,
};
pub use code::ResponseCode;
pub use common::{Datapoint, Date, DateTime, Mode, PayPeriod, SourceType, TaskType};
pub use data::{Contribution, Eincome, Employment, Identity, Income, ItemMetadata};
pub use envelope::{Ack, Envelope, Page};
pub use error_code::AccountErrorCode;
pub use event::{Event, EventData, EventType};
pub use provider::{Provider, ProviderSubType, ProviderType};
pub use signature::{sign, verify, SignatureError, SIGNATURE_HEADER};
pub use task::{Task, TaskStatus};
pub use user::{
    CreateUserRequest, CreatedUser, ExternalMetadata, MetadataError, SessionChannel, SessionStatus,
    Token, User, UserSession,
};
pub use webhook::{CreateWebhook, Webhook};
pub use wire_enum::UnknownVariant;
pub use year_month::{InvalidMonth, YearMonth};

/// What [`wire_enum!`]'s expansion names in other crates.
#[doc(hidden)]
pub mod __private {
    pub use serde;
}
