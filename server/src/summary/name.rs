//! Name matching: a 0–100 score for "is this the same person's name?".
//!
//! ## Method
//!
//! 1. **Normalise** each name: lower-case, fold accents (an explicit table of the Latin-1
//!    and Latin Extended-A letters), drop apostrophes ("O'Brien" = "OBrien"), and split on
//!    everything else that is not a letter or digit (spaces, commas, periods, hyphens), so
//!    "Palomero, George" and "GEORGE P. PALOMERO" become word lists.
//! 2. **Drop suffixes and titles** — "Jr", "Jnr", "Sr", "Snr", "II", "III", "IV", "Mr",
//!    "Mrs", "Ms", "Dr", "Atty", "Engr", … — unless nothing else would be left.
//! 3. **Join split words** where the other name has them as one word ("Dela Cruz" =
//!    "Delacruz"; up to four words).
//! 4. **Pair words**, ignoring their order: the name with fewer words (the declared one on a
//!    tie) is the *short* name; each of its words is paired one-to-one with a word of the
//!    other name, best pairs first (greedy on similarity). Word similarity is 1 for equal
//!    words; 0.8 for an initial and a word starting with that letter ("P" ~ "Palomero");
//!    otherwise `1 − edit distance / longer length` (optimal string alignment, so a swap of
//!    two letters costs one edit), counted as 0 below 0.5.
//! 5. **Score** = 100 × the mean similarity of the short name's words. Words of the longer
//!    name left unpaired (typically middle names, or a second surname) cost nothing.
//!    Two guards keep partial names from passing: a one-word name against a longer one
//!    scores at most 60% of its similarity ("George" vs "George Palomero" = 60), and a
//!    pairing without any full word matching closely (≥ 0.85), e.g. initials only, scores
//!    at most 50.
//!
//! Suffixes are ignored, so a father and a son of the same name score 100: the score says
//! the names agree, not that the people are the same.

use super::text::{fold, is_apostrophe};

/// Words dropped before comparing: generational suffixes and titles. ("V" is not one of
/// them: it is far more often an initial.)
const IGNORED_WORDS: &[&str] = &[
    "jr", "jnr", "sr", "snr", "ii", "iii", "iv", "mr", "mrs", "ms", "mx", "miss", "dr", "atty",
    "engr", "prof",
];

/// Similarity of an initial and a word starting with it.
const INITIAL: f64 = 0.8;
/// Below this, two words count as unrelated (0).
const MIN_WORD_SIMILARITY: f64 = 0.5;
/// At least one pair of full words must be this similar for a score above [`NO_FULL_MATCH_CAP`].
const FULL_MATCH: f64 = 0.85;
const NO_FULL_MATCH_CAP: f64 = 0.5;
/// A one-word name against a longer one keeps this share of its similarity.
const SINGLE_WORD_FACTOR: f64 = 0.6;
/// The most words [`join_split_words`] joins into one.
const MAX_JOIN: usize = 4;

/// The score of `declared` against `verified` (0–100), `None` when either has no words.
pub fn score(declared: &str, verified: &str) -> Option<u8> {
    let mut declared = words(declared);
    let mut verified = words(verified);
    if declared.is_empty() || verified.is_empty() {
        return None;
    }
    join_split_words(&mut declared, &verified);
    join_split_words(&mut verified, &declared);
    let (short, long) = if declared.len() <= verified.len() {
        (&declared, &verified)
    } else {
        (&verified, &declared)
    };

    let mut pairs: Vec<(f64, usize, usize)> = Vec::with_capacity(short.len() * long.len());
    for (i, a) in short.iter().enumerate() {
        for (j, b) in long.iter().enumerate() {
            pairs.push((similarity(a, b), i, j));
        }
    }
    // Best first; ties by position, so the result does not depend on sort stability.
    pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut short_taken = vec![false; short.len()];
    let mut long_taken = vec![false; long.len()];
    let mut total = 0.0;
    let mut full_match = false;
    for (sim, i, j) in pairs {
        if short_taken[i] || long_taken[j] {
            continue;
        }
        short_taken[i] = true;
        long_taken[j] = true;
        total += sim;
        if sim >= FULL_MATCH && !is_initial(&short[i]) && !is_initial(&long[j]) {
            full_match = true;
        }
    }

    let mut score = total / short.len() as f64;
    if short.len() == 1 && long.len() > 1 {
        score *= SINGLE_WORD_FACTOR;
    }
    if !full_match {
        score = score.min(NO_FULL_MATCH_CAP);
    }
    Some((score * 100.0).round().clamp(0.0, 100.0) as u8)
}

/// Step 1–2: the comparable words of a name.
pub fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    for c in fold(name).chars() {
        if is_apostrophe(c) {
            continue;
        }
        if c.is_alphanumeric() {
            current.push(c);
        } else if !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    let kept: Vec<String> = words
        .iter()
        .filter(|w| !IGNORED_WORDS.contains(&w.as_str()))
        .cloned()
        .collect();
    if kept.is_empty() {
        words
    } else {
        kept
    }
}

/// Step 3: joins runs of `words` that `other` spells as one word.
fn join_split_words(words: &mut Vec<String>, other: &[String]) {
    let mut i = 0;
    while i + 1 < words.len() {
        let mut joined = words[i].clone();
        let mut matched = None;
        for (j, next) in words.iter().enumerate().take(i + MAX_JOIN).skip(i + 1) {
            joined.push_str(next);
            if other.contains(&joined) {
                matched = Some(j);
                break;
            }
        }
        if let Some(j) = matched {
            let merged: String = words.drain(i..=j).collect();
            words.insert(i, merged);
        }
        i += 1;
    }
}

fn is_initial(word: &str) -> bool {
    word.chars().count() == 1
}

/// Step 4: similarity of two normalised words, 0–1.
fn similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    if is_initial(a) || is_initial(b) {
        return if a.chars().next() == b.chars().next() {
            INITIAL
        } else {
            0.0
        };
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let longest = a.len().max(b.len()) as f64;
    let sim = 1.0 - osa_distance(&a, &b) as f64 / longest;
    if sim < MIN_WORD_SIMILARITY {
        0.0
    } else {
        sim
    }
}

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
/// two adjacent letters each cost one.
fn osa_distance(a: &[char], b: &[char]) -> usize {
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        d[i * width] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(declared: &str, verified: &str) -> u8 {
        score(declared, verified).unwrap_or_else(|| panic!("no score for {declared:?}"))
    }

    #[test]
    fn georges_spellings_all_match() {
        assert_eq!(s("George Palomero Jr.", "GEORGE P. PALOMERO"), 100);
        assert_eq!(s("Palomero, George", "George Cimafranca Palomero, Jr"), 100);
        assert_eq!(s("George Palomero", "George Cimafranca Palomero, Jr"), 100);
        assert_eq!(
            s("GEORGE C. PALOMERO JR", "George Cimafranca Palomero, Jr"),
            93
        );
        assert_eq!(
            s("george cimafranca palomero", "Palomero, George Cimafranca"),
            100
        );
        assert_eq!(s("George Palomero Sr.", "George Palomero III"), 100);
        assert_eq!(s("Mr. George Palomero", "George Palomero"), 100);
    }

    #[test]
    fn accents_case_and_punctuation_are_ignored() {
        assert_eq!(s("José Rizal", "Jose Rizal"), 100);
        assert_eq!(s("JOSÉ PROTASIO RIZAL", "josé rizal"), 100);
        assert_eq!(s("Ma. Teresa Peña", "MA TERESA PENA"), 100);
        assert_eq!(s("Sean O'Brien", "Sean OBrien"), 100);
        assert_eq!(s("Ana Santos-Reyes", "Ana Santos Reyes"), 100);
    }

    #[test]
    fn split_and_joined_surnames_match() {
        assert_eq!(s("Juan Dela Cruz", "Juan Delacruz"), 100);
        assert_eq!(s("Juan Delacruz", "JUAN DE LA CRUZ"), 100);
    }

    #[test]
    fn typos_score_high_but_below_exact() {
        let typo = s("George Palomaro", "George Palomero");
        assert!((90..100).contains(&typo), "{typo}");
        let swap = s("Geroge Palomero", "George Palomero");
        assert!((90..100).contains(&swap), "{swap}");
        let initial = s("G. Palomero", "George Palomero");
        assert_eq!(initial, 90);
    }

    #[test]
    fn different_names_score_below_the_threshold() {
        assert!(s("Maria Clara Santos", "George Cimafranca Palomero, Jr") < 30);
        assert!(s("Anisha Sharma", "George Palomero") < 30);
        // Same first name, different surname: half.
        assert_eq!(s("George Smith", "George Palomero"), 50);
        // Same names, conflicting middle name.
        assert_eq!(
            s("George Santos Palomero", "George Cimafranca Palomero"),
            67
        );
    }

    #[test]
    fn partial_names_do_not_pass() {
        assert_eq!(s("George", "George Palomero"), 60);
        assert_eq!(s("Sukarno", "SUKARNO"), 100);
        assert!(s("G. P.", "George Palomero") <= 50);
        assert_eq!(s("Palomero", "George Palomero"), 60);
    }

    #[test]
    fn score_is_symmetric_on_these_pairs() {
        for (a, b) in [
            ("George Palomero Jr.", "GEORGE P. PALOMERO"),
            ("José Rizal", "Rizal, Jose P."),
            ("George Smith", "George Palomero"),
            ("Juan Dela Cruz", "Juan Delacruz"),
            ("George", "George Palomero"),
        ] {
            assert_eq!(s(a, b), s(b, a), "{a} / {b}");
        }
    }

    #[test]
    fn empty_names_have_no_score() {
        assert_eq!(score("", "George Palomero"), None);
        assert_eq!(score("George Palomero", "  ,. "), None);
        // Only a suffix: kept rather than emptied.
        assert_eq!(score("Jr", "jr."), Some(100));
    }

    #[test]
    fn words_normalise_names() {
        assert_eq!(
            words("Palomero, George C. Jr."),
            vec!["palomero", "george", "c"]
        );
        assert_eq!(words("D'Angelo  ÑOÑO"), vec!["dangelo", "nono"]);
        assert_eq!(words("   "), Vec::<String>::new());
    }

    #[test]
    fn osa_distance_counts_swaps_as_one() {
        let d = |a: &str, b: &str| {
            osa_distance(
                &a.chars().collect::<Vec<_>>(),
                &b.chars().collect::<Vec<_>>(),
            )
        };
        assert_eq!(d("george", "geroge"), 1);
        assert_eq!(d("kitten", "sitting"), 3);
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("abc", ""), 3);
        assert_eq!(d("same", "same"), 0);
    }
}
