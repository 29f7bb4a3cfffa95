//! The applicant's languages and the message catalogues both sides share.
//!
//! A catalogue is an enum declared with [`messages!`](crate::messages): one variant per
//! message, its parameters as fields, each with a stable key and its English text. English
//! is compiled in (the server answers API clients in it; most applicants read it). The
//! other languages are JSON objects of key → text (`locales/<lang>.json` at the
//! repository's root), which the applicant's app fetches only when someone reads them.
//! No i18n runtime crate: an English reader's bundle pays for a lookup and a substitution,
//! nothing else (issue 17 caps the two extra languages at 15 KB gzip for them).
//!
//! Texts name their parameters in braces, `{provider}`; `{{` and `}}` are literal braces.

use std::collections::{BTreeMap, BTreeSet};

use smile_api::wire_enum;

wire_enum! {
    #[wire_enum(closed)]
    /// A language the applicant's pages speak.
    #[derive(Default)]
    pub enum Lang {
        #[default]
        En = "en",
        /// Filipino.
        Fil = "fil",
        /// Bahasa Indonesia.
        Id = "id",
    }
}

impl Lang {
    /// The language named in itself, as a switcher shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fil => "Filipino",
            Lang::Id => "Bahasa Indonesia",
        }
    }

    /// The language's name in English, as the officer's dashboard shows it.
    pub fn english_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fil => "Filipino",
            Lang::Id => "Indonesian",
        }
    }

    /// The BCP 47 locale numbers, money and dates are formatted in.
    pub fn locale(self) -> &'static str {
        match self {
            Lang::En => "en-PH",
            Lang::Fil => "fil-PH",
            Lang::Id => "id-ID",
        }
    }

    /// The language of a BCP 47 tag, if it is one of ours: `fil-PH` and `tl` (Tagalog, what
    /// many browsers call Filipino) are Filipino; `id` and the retired `in` Indonesian.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "fil" | "tl" => Some(Lang::Fil),
            "id" | "in" => Some(Lang::Id),
            _ => None,
        }
    }

    /// The first of the browser's languages (most preferred first) that we speak; English
    /// when none is.
    pub fn from_browser<'a>(tags: impl IntoIterator<Item = &'a str>) -> Lang {
        tags.into_iter()
            .find_map(Lang::from_tag)
            .unwrap_or_default()
    }
}

/// `template` with each `{name}` replaced by its value in `params`. A name without a value
/// is left as written, so a mistake shows instead of vanishing (tests look for braces).
pub fn fill(template: &str, params: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find(['{', '}']) {
        out.push_str(&rest[..open]);
        let tail = &rest[open..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        match tail[1..].find('}').map(|end| &tail[1..=end]) {
            Some(name) if tail.starts_with('{') && is_name(name) => {
                match params.iter().find(|(key, _)| *key == name) {
                    Some((_, value)) => out.push_str(value),
                    None => out.push_str(&tail[..name.len() + 2]),
                }
                rest = &tail[name.len() + 2..];
            }
            _ => {
                out.push_str(&tail[..1]);
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn is_name(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A key's 32-bit FNV-1a hash: the id the app finds a message's text by (a test checks that
/// no two keys share one). `const`: each message's id is computed when the app compiles.
pub const fn key_id(key: &str) -> u32 {
    let bytes = key.as_bytes();
    let mut hash: u32 = 0x811c_9dc5;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u32;
        hash = hash.wrapping_mul(0x0100_0193);
        i += 1;
    }
    hash
}

/// The parameter names a template uses.
pub fn placeholders(template: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let tail = &rest[open..];
        if let Some(after) = tail.strip_prefix("{{") {
            rest = after;
            continue;
        }
        match tail[1..].find('}').map(|end| &tail[1..=end]) {
            Some(name) if is_name(name) => {
                names.insert(name.to_owned());
                rest = &tail[name.len() + 2..];
            }
            _ => rest = &tail[1..],
        }
    }
    names
}

/// The most parameters a message takes.
pub const MAX_PARAMS: usize = 3;

/// A message's parameters by name, in a fixed array: a `Vec` built in every message's arm
/// cost the applicant's bundle an allocation's code each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Params<'a> {
    pairs: [(&'static str, &'a str); MAX_PARAMS],
    len: usize,
}

impl<'a> Params<'a> {
    /// `pairs` (at most [`MAX_PARAMS`], checked when the catalogue compiles).
    pub const fn new<const N: usize>(given: [(&'static str, &'a str); N]) -> Self {
        const {
            assert!(
                N <= MAX_PARAMS,
                "a message takes at most MAX_PARAMS parameters"
            )
        };
        let mut pairs = [("", ""); MAX_PARAMS];
        let mut i = 0;
        while i < N {
            pairs[i] = given[i];
            i += 1;
        }
        Params { pairs, len: N }
    }

    pub fn as_slice(&self) -> &[(&'static str, &'a str)] {
        &self.pairs[..self.len]
    }
}

/// A message of a catalogue declared with [`messages!`](crate::messages), for code that
/// renders any of them (the app's `t`).
pub trait Message {
    /// [`key_id`] of the message's key: what the app looks texts up by, so the bundle
    /// carries four bytes per message instead of its key.
    fn id(&self) -> u32;
    /// The key in every language's catalogue.
    // `Self: Sized`: see `in_catalog`.
    fn key(&self) -> &'static str
    where
        Self: Sized;
    /// The English text, parameters not yet filled in.
    fn english_template(&self) -> &'static str;
    /// The parameters, by name.
    fn params(&self) -> Params<'_>;

    /// The message in the language of `catalog` (key → text); English where it has no text.
    // `Self: Sized` keeps these two out of `dyn Message` vtables (the app renders through
    // `dyn`, and a vtable entry would compile them for every catalogue).
    fn in_catalog(&self, catalog: &BTreeMap<String, String>) -> String
    where
        Self: Sized,
    {
        let template = catalog
            .get(self.key())
            .map(String::as_str)
            .unwrap_or(self.english_template());
        fill(template, self.params().as_slice())
    }

    /// The message in English.
    fn english(&self) -> String
    where
        Self: Sized,
    {
        fill(self.english_template(), self.params().as_slice())
    }
}

/// Declares a message catalogue: an enum whose variants are messages and whose fields are
/// their parameters (`&str`, formatted by the caller for the reader's locale), with each
/// message's key and English text.
///
/// ```
/// wink_api::messages! {
///     /// The link page's words.
///     pub enum Words {
///         Title = "link.title" => "Link your accounts",
///         Connected { provider } = "link.connected" => "{provider} is connected.",
///     }
/// }
/// use wink_api::i18n::Message;
/// assert_eq!(Words::Connected { provider: "SSS" }.english(), "SSS is connected.");
/// assert_eq!(Words::KEYS, ["link.title", "link.connected"]);
/// ```
#[macro_export]
macro_rules! messages {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident $({ $($param:ident),+ $(,)? })? = $key:literal => $english:literal
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        $vis enum $name<'a> {
            $( $(#[$vmeta])* $variant $({ $($param: &'a str),+ })?, )+
            #[doc(hidden)]
            __Lifetime(::core::marker::PhantomData<&'a ()>, ::core::convert::Infallible),
        }

        #[allow(dead_code)]
        impl<'a> $name<'a> {
            /// Every key, in declaration order.
            pub const KEYS: &'static [&'static str] = &[$($key),+];
            /// Every English text, in the order of [`Self::KEYS`].
            pub const ENGLISH: &'static [&'static str] = &[$($english),+];

            /// The message's key in every language's catalogue.
            pub fn key(&self) -> &'static str {
                match self {
                    $( Self::$variant { .. } => $key, )+
                    Self::__Lifetime(_, never) => match *never {},
                }
            }

            /// Every English text, end to end: one string and its ends (below) cost the
            /// bundle less than a pointer and a length per message.
            const TEXT: &'static str = concat!($($english),+);
            /// Where each text of [`Self::TEXT`] ends.
            const ENDS: [u16; $name::KEYS.len()] = {
                let lengths = [$($english.len()),+];
                let mut ends = [0u16; $name::KEYS.len()];
                let (mut i, mut end) = (0, 0);
                while i < lengths.len() {
                    end += lengths[i];
                    assert!(end <= u16::MAX as usize, "a catalogue's English is too long");
                    ends[i] = end as u16;
                    i += 1;
                }
                ends
            };

            /// The message's place in the catalogue.
            fn index(&self) -> usize {
                #[allow(non_camel_case_types, clippy::enum_variant_names)]
                enum Index { $($variant),+ }
                match self {
                    $( Self::$variant { .. } => Index::$variant as usize, )+
                    Self::__Lifetime(_, never) => match *never {},
                }
            }

            /// The English text, parameters not yet filled in.
            pub fn english_template(&self) -> &'static str {
                let at = self.index();
                let start = if at == 0 { 0 } else { Self::ENDS[at - 1] as usize };
                Self::TEXT.get(start..Self::ENDS[at] as usize).unwrap_or_default()
            }

            /// The English text of the message `key`, if this catalogue has it (from
            /// [`Self::TEXT`]: [`Self::ENGLISH`] in a bundle would hold every text twice).
            pub fn english_of(key: &str) -> Option<&'static str> {
                let at = Self::KEYS.iter().position(|k| *k == key)?;
                let start = if at == 0 { 0 } else { Self::ENDS[at - 1] as usize };
                Self::TEXT.get(start..Self::ENDS[at] as usize)
            }

            /// The parameters, by name.
            pub fn params(&self) -> $crate::i18n::Params<'a> {
                match *self {
                    $( Self::$variant $({ $($param),+ })? => $crate::i18n::Params::new([
                        $($( (stringify!($param), $param) ),+)?
                    ]), )+
                    Self::__Lifetime(_, never) => match never {},
                }
            }
        }

        impl $crate::i18n::Message for $name<'_> {
            fn id(&self) -> u32 {
                match self {
                    $( Self::$variant { .. } => const { $crate::i18n::key_id($key) }, )+
                    Self::__Lifetime(_, never) => match *never {},
                }
            }
            fn key(&self) -> &'static str {
                $name::key(self)
            }
            fn english_template(&self) -> &'static str {
                $name::english_template(self)
            }
            fn params(&self) -> $crate::i18n::Params<'_> {
                $name::params(self)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Message;

    messages! {
        enum Sample {
            Plain = "sample.plain" => "Plain words.",
            Greeting { name, place } = "sample.greeting" => "Hello {name}, welcome to {place}.",
        }
    }

    #[test]
    fn a_keys_english_is_its_template() {
        assert_eq!(Sample::english_of("sample.plain"), Some("Plain words."));
        assert_eq!(
            Sample::english_of("sample.greeting"),
            Some("Hello {name}, welcome to {place}.")
        );
        assert_eq!(Sample::english_of("sample.other"), None);
    }

    #[test]
    fn english_is_filled_in_and_keys_are_in_order() {
        assert_eq!(Sample::Plain.english(), "Plain words.");
        assert_eq!(
            Sample::Greeting {
                name: "Ñora",
                place: "Pasig"
            }
            .english(),
            "Hello Ñora, welcome to Pasig."
        );
        assert_eq!(Sample::KEYS, ["sample.plain", "sample.greeting"]);
        assert_eq!(Sample::Plain.params().as_slice(), []);
        assert_eq!(
            Sample::Greeting {
                name: "a",
                place: "b"
            }
            .params()
            .as_slice(),
            [("name", "a"), ("place", "b")]
        );
        assert_eq!(
            Sample::Greeting {
                name: "",
                place: ""
            }
            .english_template(),
            Sample::ENGLISH[1]
        );
    }

    #[test]
    fn a_catalog_overrides_english_and_falls_back_to_it() {
        let catalog = [(
            "sample.greeting".to_owned(),
            "Kumusta {name}, maligayang pagdating sa {place}.".to_owned(),
        )]
        .into_iter()
        .collect();
        let greeting = Sample::Greeting {
            name: "George",
            place: "Pasig",
        };
        assert_eq!(
            greeting.in_catalog(&catalog),
            "Kumusta George, maligayang pagdating sa Pasig."
        );
        assert_eq!(Sample::Plain.in_catalog(&catalog), "Plain words.");
    }

    #[test]
    fn braces_escape_and_unknown_names_stay_visible() {
        assert_eq!(fill("{{x}} {a}", &[("a", "1")]), "{x} 1");
        assert_eq!(fill("{missing} and {a}", &[("a", "1")]), "{missing} and 1");
        assert_eq!(fill("a } b { c", &[]), "a } b { c");
        assert_eq!(fill("{a}{a}", &[("a", "€")]), "€€");
        assert_eq!(
            placeholders("{a} {{b}} {c_1} { d }"),
            ["a", "c_1"].map(String::from).into()
        );
    }

    #[test]
    fn ids_are_the_keys_fnv_hashes() {
        // FNV-1a's published test vectors.
        assert_eq!(key_id(""), 0x811c_9dc5);
        assert_eq!(key_id("a"), 0xe40c_292c);
        assert_eq!(key_id("foobar"), 0xbf9c_f968);
        let greeting = Sample::Greeting {
            name: "",
            place: "",
        };
        assert_eq!(greeting.id(), key_id("sample.greeting"));
        assert_ne!(greeting.id(), Sample::Plain.id());
    }

    #[test]
    fn languages_from_the_browser() {
        assert_eq!(Lang::from_browser(["fil-PH", "en-US"]), Lang::Fil);
        assert_eq!(Lang::from_browser(["tl"]), Lang::Fil);
        assert_eq!(Lang::from_browser(["de-DE", "id-ID"]), Lang::Id);
        assert_eq!(Lang::from_browser(["in"]), Lang::Id);
        assert_eq!(Lang::from_browser(["de", "fr"]), Lang::En);
        assert_eq!(Lang::from_browser([]), Lang::En);
        assert_eq!(Lang::Fil.as_str(), "fil");
        assert_eq!(Lang::Id.native_name(), "Bahasa Indonesia");
    }
}
