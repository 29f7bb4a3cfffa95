//! One component per route.

mod apply;
mod done;
mod landing;
mod link;
mod not_found;
mod resume;

pub use apply::ApplyPage;
pub(crate) use apply::{fill_sandbox_persona, load_invite, InviteState, Sending};
pub use done::{DonePage, DoneText};
pub use landing::{Landing, LandingText, SignedOutText};
pub use link::LinkPage;
pub use not_found::{NotFound, NotFoundText};
pub use resume::{ResumePage, ResumeText};
