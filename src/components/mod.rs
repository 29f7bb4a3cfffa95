mod mode_badge;

pub use mode_badge::ModeBadge;
