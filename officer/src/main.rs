fn main() {
    console_error_panic_hook::set_once();
    // The build's prerendered sign-in, if the server sent one (it does only to a browser
    // without a session cookie), gives way to the app's, keeping what the officer typed
    // into it meanwhile: the app starts at its sign-in form rather than at "Checking your
    // session…" (and still checks).
    let saved = wink_web::prerendered::save();
    let signed_out = wink_web::prerendered::was_prerendered(&saved);
    leptos::mount::mount_to_body(move || {
        leptos::prelude::view! { <wink_officer::App signed_out /> }
    });
    wink_web::prerendered::take_over(saved);
}
