//! Smile's hosts: Open API base URLs, the widget script, and the widget's Link API.

/// Open API base URL in sandbox mode.
pub const SANDBOX_BASE_URL: &str = "https://sandbox.smileapi.io/v1";
/// Open API base URL in production mode.
pub const PRODUCTION_BASE_URL: &str = "https://open.smileapi.io/v1";
/// The Wink widget script (v2, current), the same for both modes.
pub const WIDGET_SCRIPT_URL: &str = "https://web.smileapi.io/v2/smile.v2.js";
/// The widget's Link API in sandbox mode (the legacy `apiHost` option).
pub const LINK_HOST_SANDBOX: &str = "https://link-sandbox.smileapi.io/v1";
/// The widget's Link API in production mode.
pub const LINK_HOST_PRODUCTION: &str = "https://link.smileapi.io/v1";
/// The only address Smile sends webhooks from (may be allow-listed).
pub const WEBHOOK_SOURCE_IP: &str = "18.142.61.230";
/// Smile's static assets: provider logos and identity photos (`photoUrl`, `logoUrl`).
pub const STATIC_ASSETS_ORIGIN: &str = "https://cdn.smileapi.io";
