//! One component per route.

mod apply;
mod done;
mod landing;
mod link;
mod not_found;
mod resume;

pub use apply::ApplyPage;
pub use done::{DonePage, DoneText};
pub use landing::{Landing, LandingText};
pub use link::LinkPage;
pub use not_found::{NotFound, NotFoundText};
pub use resume::{ResumePage, ResumeText};
