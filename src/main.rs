fn main() {
    console_error_panic_hook::set_once();
    // The reader's language first (a few KB, fetched only for Filipino and Indonesian
    // readers), so the first page is already in it.
    // wasm-bindgen's own spawner: Leptos sets up its executor when it mounts, not before.
    wasm_bindgen_futures::spawn_local(async {
        wink_portal::i18n::preload().await;
        // The build's prerendered first screen, if the server sent one, gives way to the
        // app, keeping what the reader typed into it meanwhile.
        let saved = wink_web::prerendered::save();
        leptos::mount::mount_to_body(wink_portal::App);
        wink_web::prerendered::take_over(saved);
    });
}
