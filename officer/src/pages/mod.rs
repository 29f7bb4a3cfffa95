//! One component per page.

mod applicant;
mod applicants;
mod audit;
mod login;
mod not_found;
mod rollout;

pub use applicant::ApplicantPage;
pub use applicants::ApplicantsPage;
pub use audit::AuditPage;
pub use login::LoginPage;
pub use not_found::NotFound;
pub use rollout::RolloutPage;
