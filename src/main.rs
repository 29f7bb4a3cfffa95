fn main() {
    console_error_panic_hook::set_once();
    // The reader's language first (a few KB, fetched only for Filipino and Indonesian
    // readers), so the first page is already in it.
    // wasm-bindgen's own spawner: Leptos sets up its executor when it mounts, not before.
    wasm_bindgen_futures::spawn_local(async {
        wink_portal::i18n::preload().await;
        leptos::mount::mount_to_body(wink_portal::App);
    });
}
