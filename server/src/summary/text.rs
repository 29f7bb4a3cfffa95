//! Text folding shared by name and employer matching, and number formatting for reasons.

/// Lower-cases `text` and folds Latin accents to ASCII ("José Peña" → "jose pena").
///
/// An explicit table of the Latin-1 Supplement and Latin Extended-A letters (U+00C0–U+017F)
/// instead of Unicode normalisation: it covers the names Wink sees (Filipino, Spanish,
/// Portuguese, Western and Central European) without a new dependency. Combining diacritics
/// (U+0300–U+036F, i.e. text already decomposed) are dropped. Other characters, e.g. other
/// scripts, are lower-cased and kept as they are.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if ('\u{0300}'..='\u{036F}').contains(&c) {
            continue;
        }
        match fold_char(c) {
            Some(ascii) => out.push_str(ascii),
            None => out.push(c),
        }
    }
    out
}

/// The ASCII spelling of a lower-case Latin-1 / Latin Extended-A letter.
fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ð' | 'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĳ' => "ij",
        'ĵ' => "j",
        'ķ' | 'ĸ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' | 'ŋ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ſ' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// Apostrophes, which join the letters around them ("O'Brien" → "obrien").
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ' | '`' | '´')
}

/// An amount for a sentence: thousands separated, cents only when there are any
/// ("18,000", "1,620.50", "-3").
pub fn amount(value: f64) -> String {
    let (sign, whole, frac) = in_cents(value);
    if frac == 0 {
        format!("{sign}{}", thousands(whole))
    } else {
        format!("{sign}{}.{frac:02}", thousands(whole))
    }
}

/// An amount with its cents always shown, as on a document ("18,000.00").
pub fn amount_with_cents(value: f64) -> String {
    let (sign, whole, frac) = in_cents(value);
    format!("{sign}{}.{frac:02}", thousands(whole))
}

/// The sign ("-" or ""), whole units and cents of `value`, rounded to the cent.
fn in_cents(value: f64) -> (&'static str, u64, u64) {
    let cents = (value.abs() * 100.0).round() as u64;
    let sign = if value < 0.0 && cents > 0 { "-" } else { "" };
    (sign, cents / 100, cents % 100)
}

/// `1234567` → "1,234,567".
fn thousands(whole: u64) -> String {
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(d);
    }
    grouped
}

/// Rounds to `decimals` places.
pub fn round(value: f64, decimals: i32) -> f64 {
    let factor = 10f64.powi(decimals);
    (value * factor).round() / factor
}

/// "1 month", "4 months".
pub fn months(n: u32) -> String {
    if n == 1 {
        "1 month".to_owned()
    } else {
        format!("{n} months")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_latin_accents() {
        assert_eq!(fold("José RIZAL"), "jose rizal");
        assert_eq!(fold("PEÑA Ñoño"), "pena nono");
        assert_eq!(fold("Łukasz Żółć"), "lukasz zolc");
        assert_eq!(fold("Straße Œuvre Æsir"), "strasse oeuvre aesir");
        assert_eq!(fold("Dvořák Ångström"), "dvorak angstrom");
        // Decomposed input: e + combining acute accent.
        assert_eq!(fold("Jose\u{0301}"), "jose");
        // Other scripts are kept (lower-cased where they have case).
        assert_eq!(fold("Ωμέγα 山田"), "ωμέγα 山田");
    }

    #[test]
    fn formats_amounts_for_sentences() {
        assert_eq!(amount(18000.0), "18,000");
        assert_eq!(amount(1620.5), "1,620.50");
        assert_eq!(amount(999.999), "1,000");
        assert_eq!(amount(1234567.0), "1,234,567");
        assert_eq!(amount(0.0), "0");
        assert_eq!(amount(-3.0), "-3");
        assert_eq!(months(1), "1 month");
        assert_eq!(months(4), "4 months");
        assert_eq!(round(12.345, 1), 12.3);
    }
}
