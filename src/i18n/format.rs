//! Numbers, money and dates in the reader's locale, by the browser's own `Intl` (no
//! formatting tables in the bundle): `₱25,000.00` for English and Filipino readers,
//! `Rp 25.000,00` for Indonesian ones; dates day first, the month in words.

use js_sys::{Array, Date, Function, Intl, Object, Reflect};
use wasm_bindgen::JsValue;
use wink_api::Lang;

fn locales(lang: Lang) -> Array {
    Array::of1(&JsValue::from_str(lang.locale()))
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let options = Object::new();
    for (key, value) in pairs {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&options, &(*key).into(), &(*value).into());
    }
    options
}

fn call(format: Function, value: &JsValue) -> Option<String> {
    format.call1(&JsValue::NULL, value).ok()?.as_string()
}

/// `amount` of `currency` (ISO 4217) in `lang`'s locale; plain digits with the code if the
/// browser does not know the currency.
pub fn format_money(lang: Lang, amount: f64, currency: &str) -> String {
    let format = Intl::NumberFormat::new(
        &locales(lang),
        &options(&[("style", "currency"), ("currency", currency)]),
    );
    call(format.format(), &JsValue::from_f64(amount))
        // Whole cents, as integers: Rust's float formatting would add ~10 KB to the bundle.
        .unwrap_or_else(|| {
            let cents = (amount * 100.0).round() as i64;
            format!("{currency} {}.{:02}", cents / 100, (cents % 100).abs())
        })
}

/// A whole number with the locale's grouping: `1,250` or `1.250`.
pub fn format_number(lang: Lang, value: u64) -> String {
    let format = Intl::NumberFormat::new(&locales(lang), &Object::new());
    call(format.format(), &JsValue::from_f64(value as f64)).unwrap_or_else(|| value.to_string())
}

/// An RFC 3339 time as a date in words, day first in every language (`7 December 2026`,
/// `7 Disyembre 2026`, `7 Desember 2026`), in the reader's time zone; as given if it is
/// not a time. The parts come from `Intl` (month names in the language); the order is
/// ours, as CLDR puts the month first in English and Filipino for the Philippines.
pub fn format_date(lang: Lang, rfc3339: &str) -> String {
    let date = Date::new(&JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    let format = Intl::DateTimeFormat::new(
        &locales(lang),
        &options(&[("day", "numeric"), ("month", "long"), ("year", "numeric")]),
    );
    let parts = format.format_to_parts(&date);
    let part = |kind: &str| {
        parts.iter().find_map(|part| {
            let of = |key: &str| Reflect::get(&part, &key.into()).ok()?.as_string();
            (of("type")? == kind).then(|| of("value")).flatten()
        })
    };
    match (part("day"), part("month"), part("year")) {
        (Some(day), Some(month), Some(year)) => format!("{day} {month} {year}"),
        _ => rfc3339.to_owned(),
    }
}
