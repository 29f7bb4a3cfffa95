//! The verification report (`wink_api::report`): signing, the lender's keys, and checking a
//! report file from anyone.

pub mod embedded;
pub mod keys;
pub mod signing;
pub mod verify;
