//! Reports signed and checked: the canonical JSON and its Ed25519 signature, the lender's
//! keys (active and retired, published for anyone), and the verification of a report file
//! (its JSON, or the `report.json` a PDF embeds). Knows nothing of how a report is built,
//! so the configuration and the app state can hold keys and a verifier without a circle.

pub mod embedded;
pub mod keys;
pub mod signing;
pub mod verify;
