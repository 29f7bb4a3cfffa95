//! The wasm-bindgen binding of the global class `smile.v2.js` defines.

use js_sys::{Function, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Name of the global the widget script defines.
pub const GLOBAL_NAME: &str = "SmileLinkModal";

#[wasm_bindgen]
extern "C" {
    /// Smile's Wink widget. The glue looks the global up at call time, so it may be defined
    /// by a script loaded after the wasm started.
    #[wasm_bindgen(js_name = SmileLinkModal)]
    pub type SmileLinkModal;

    /// `new SmileLinkModal(options)`; a missing global or a throwing constructor is an `Err`.
    #[wasm_bindgen(constructor, catch, js_class = "SmileLinkModal")]
    pub fn new(options: &JsValue) -> Result<SmileLinkModal, JsValue>;

    /// Shows the widget.
    #[wasm_bindgen(method, catch, js_class = "SmileLinkModal")]
    pub fn open(this: &SmileLinkModal) -> Result<JsValue, JsValue>;
}

impl SmileLinkModal {
    /// Calls an optional method such as `close` or `destroy` if this widget has it. Smile
    /// documents only `open()`, so the others are looked up first and never assumed.
    /// Returns whether the method existed; its own errors are ignored (we are tearing down).
    pub fn call_if_present(&self, method: &str) -> bool {
        let Ok(value) = Reflect::get(self, &JsValue::from_str(method)) else {
            return false;
        };
        match value.dyn_into::<Function>() {
            Ok(function) => {
                let _ = function.call0(self);
                true
            }
            Err(_) => false,
        }
    }
}

/// Whether the widget script has defined its global.
pub fn global_is_defined() -> bool {
    Reflect::get(&js_sys::global(), &JsValue::from_str(GLOBAL_NAME))
        .map(|value| value.is_function())
        .unwrap_or(false)
}

/// A readable one-liner for a thrown JS value (an `Error`'s message, or its string form).
pub fn describe_js_error(value: &JsValue) -> String {
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    value.as_string().unwrap_or_else(|| format!("{value:?}"))
}
