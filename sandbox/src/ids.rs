//! Identifiers in Smile's shapes: a prefix and 32 lowercase hex characters.

use uuid::Uuid;

/// `<prefix><32 hex>`, e.g. `new_id("a-")` → `a-17bbf36498de4d68a0d4f86c7b62f69f`.
pub fn new_id(prefix: &str) -> String {
    format!("{prefix}{}", Uuid::new_v4().simple())
}

/// A request id: a hyphenated UUID v4, as in Smile's examples.
pub fn request_id() -> String {
    Uuid::new_v4().hyphenated().to_string()
}

/// An opaque link token. Long and random: it is a bearer secret for the widget.
pub fn access_token() -> String {
    format!("sbx-{}{}", Uuid::new_v4().simple(), Uuid::new_v4().simple())
}

/// A random webhook secret for subscriptions created without one.
pub fn webhook_secret() -> String {
    format!("whsec-{}", Uuid::new_v4().simple())
}
