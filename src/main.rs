fn main() {
    console_error_panic_hook::set_once();
    wink_portal::boot(wink_portal::App);
}
