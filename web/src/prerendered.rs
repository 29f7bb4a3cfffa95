//! The first screen prerendered at build time (`xtask/js/prerender.mjs`: the applicant's
//! start page and form, the officers' sign-in), taken over when the app mounts: what the
//! reader typed or ticked there, and where their cursor was, is carried into the app's
//! own fields (matched by id, through the same input and change events typing makes), and
//! the prerendered nodes are removed in the same task as the app is mounted, so no frame
//! shows both or neither.
//!
//! `prerendered.js` ships as written (trunk does not minify it): its comments are here.
//! `savePrerendered` records the fields that differ from their prerendered defaults (and
//! the focused one) before the app mounts; `takeOver` removes the prerendered nodes and
//! replays those fields into the app's; a tick box is clicked rather than set, so the
//! app's handler sees it.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/prerendered.js")]
extern "C" {
    /// What the reader did on the prerendered screen (nothing when there is none).
    #[wasm_bindgen(js_name = savePrerendered)]
    pub fn save() -> JsValue;

    /// Whether the page came with a prerendered screen.
    #[wasm_bindgen(js_name = wasPrerendered)]
    pub fn was_prerendered(saved: &JsValue) -> bool;

    /// Removes the prerendered screen and replays `saved` into the app's fields.
    #[wasm_bindgen(js_name = takeOver)]
    pub fn take_over(saved: JsValue);
}
