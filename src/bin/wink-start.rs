//! The applicant's first screens on their own (`wink_portal::Start`), the bundle a phone
//! downloads before `/` and `/apply` work; trunk builds it with `start/Trunk.toml`.
//!
//! No `console_error_panic_hook` here (1.4 KB gzip of a bundle held to 100 KB): a panic
//! still stops the app, and the browser's console shows the trap without its message. The
//! whole app (`src/main.rs`), which runs the same pages, keeps the hook.

fn main() {
    wink_portal::boot(wink_portal::Start);
}
