//! `browser.js`: the browser's `Intl`, `fetch` and `JSON` in a few lines of JS, which cost
//! an English reader less than the same calls made from Rust through js-sys and web-sys
//! glue (-1 KB gzip of wasm; issue 17 caps what the languages add to their download). The
//! file ships as written (trunk does not minify it), so it carries no comments: they are
//! here.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/i18n/browser.js")]
extern "C" {
    /// `amount` of `currency` in `locale`; `None` if the browser cannot.
    #[wasm_bindgen(js_name = formatMoney)]
    pub fn format_money(locale: &str, amount: f64, currency: &str) -> Option<String>;

    /// A whole number with the locale's grouping; `None` if the browser cannot.
    #[wasm_bindgen(js_name = formatNumber)]
    pub fn format_number(locale: &str, value: f64) -> Option<String>;

    /// An ISO time as "day month year", the month in words; `None` if it is not a time or
    /// the browser cannot. The parts come from `Intl`, the order is ours: CLDR puts the
    /// month first in English and Filipino for the Philippines.
    #[wasm_bindgen(js_name = formatDate)]
    pub fn format_date(locale: &str, rfc3339: &str) -> Option<String>;

    /// A language's texts (key → text) as `[key, text, key, text, …]`; `undefined` after
    /// a network error, `timeout_ms` or a non-2xx answer (it says which in the console).
    #[wasm_bindgen(js_name = fetchTexts)]
    pub async fn fetch_texts(path: &str, timeout_ms: u32) -> JsValue;

    /// [`fetch_texts`]'s answer as strings (an async import can only answer a `JsValue`).
    pub fn strings(list: &JsValue) -> Option<Vec<String>>;

    /// `localStorage`'s `key`; `None` if absent or storage is refused (private browsing).
    #[wasm_bindgen(js_name = storedItem)]
    pub fn stored_item(key: &str) -> Option<String>;

    /// Stores `value` under `key` in `localStorage`, if the browser lets us.
    #[wasm_bindgen(js_name = storeItem)]
    pub fn store_item(key: &str, value: &str);

    /// The browser's languages, most preferred first.
    pub fn languages() -> Vec<String>;

    /// Sets `<html lang>`, and the `wink_lang` cookie that tells the server which
    /// language's prerendered first screen to send next time (a year; no other use).
    #[wasm_bindgen(js_name = setDocumentLang)]
    pub fn set_document_lang(lang: &str);
}
