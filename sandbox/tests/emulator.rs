//! The emulator over real HTTP, one test binary: each module covers one surface, all share
//! `common`'s set-up.

mod archives;
mod common;
mod faults;
mod life_events;
mod link;
mod open_api;
mod seed_demo;
mod tokens;
mod webhooks;
