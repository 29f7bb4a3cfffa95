//! The applicant's first screens on their own (`wink_portal::first_screens`), the bundle a
//! phone downloads before `/` and `/apply` work: it brings their prerendered pages to life
//! rather than rendering them; trunk builds it with `start/Trunk.toml`.
//!
//! No `console_error_panic_hook` here (1.4 KB gzip of a bundle held to 100 KB): a panic
//! still stops the program, and the browser's console shows the trap without its message.
//! The whole app (`src/main.rs`), which renders the same pages, keeps the hook.

fn main() {
    wink_portal::first_screens::start();
}
