//! The applicant's first screens on their own (`wink_portal::Start`), the bundle a phone
//! downloads before `/` and `/apply` work; trunk builds it with `start/Trunk.toml`.

fn main() {
    console_error_panic_hook::set_once();
    wink_portal::boot(wink_portal::Start);
}
