//! Smile's webhooks: the receiver (verify, store, acknowledge) and our subscription.

mod receiver;
pub mod subscription;

pub use receiver::router;
