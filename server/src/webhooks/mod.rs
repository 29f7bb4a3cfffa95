//! Smile's webhooks: taking them in (verify, store) and our subscription to them.

pub mod intake;
pub mod subscription;
