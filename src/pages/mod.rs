//! One component per route.

mod apply;
mod done;
mod landing;
mod link;
mod not_found;
mod resume;

pub use apply::ApplyPage;
pub use done::DonePage;
pub use landing::Landing;
pub use link::LinkPage;
pub use not_found::NotFound;
pub use resume::ResumePage;
