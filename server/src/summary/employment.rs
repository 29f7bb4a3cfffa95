//! Employer names and employment history: who employs the applicant now, since when, and
//! whether that is the employer they declared.

use jiff::civil::Date;
use jiff::ToSpan;
use smile_api::Employment;

use super::text::{fold, is_apostrophe};
use super::time::{month_of, parse_date, whole_months};

/// Legal-form words dropped from the end of an employer's name ("ABC Co., Ltd." = "ABC").
const LEGAL_SUFFIXES: &[&str] = &[
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "company",
    "cos",
    "ltd",
    "limited",
    "llc",
    "llp",
    "lp",
    "plc",
    "opc",
    "gmbh",
    "ag",
    "sa",
    "sas",
    "srl",
    "spa",
    "bv",
    "nv",
    "pte",
    "pty",
    "bhd",
    "sdn",
    "tbk",
];
/// Words dropped from the start ("The ABC Company", Indonesia's "PT ABC").
const LEADING_WORDS: &[&str] = &["the", "pt"];
/// Two employment rows at one employer at most this far apart are one continuous spell
/// (social-security data has one row per month).
const CONTINUITY_DAYS: i64 = 31;

/// An employer name reduced for comparison: lower case, accents folded, periods and
/// apostrophes removed ("A.B.C." = "ABC"), "&" read as "and", other punctuation as spaces,
/// leading "the"/"PT" and trailing legal forms (Inc, Corp, Corporation, Co, Company, Ltd,
/// Limited, LLC, PLC, GmbH, …) removed, then the words joined without spaces
/// ("ABC Corporation" = "abc corp." = "ABC" → `abc`). Empty when there is nothing to
/// compare.
pub fn employer_key(name: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in fold(name).chars() {
        if c == '.' || is_apostrophe(c) {
            continue;
        }
        if c.is_alphanumeric() {
            current.push(c);
            continue;
        }
        if !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        if c == '&' || c == '+' {
            words.push("and".to_owned());
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    while words.len() > 1 && LEADING_WORDS.contains(&words[0].as_str()) {
        words.remove(0);
    }
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| LEGAL_SUFFIXES.contains(&w.as_str()))
    {
        words.pop();
    }
    words.concat()
}

/// A continuous stretch of employment at one employer.
#[derive(Clone, Debug, PartialEq)]
pub struct Spell {
    /// The employer as the newest row of the spell spells it.
    pub employer: String,
    pub key: String,
    pub since: Date,
    /// `None` while open-ended.
    pub until: Option<Date>,
    /// Still employed: open-ended, or the last row ends recently enough (reporting lags).
    pub current: bool,
    /// Whole months from `since` to now (current) or to the end of the spell.
    pub tenure_months: u32,
}

/// What the employments say.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EmploymentFacts {
    /// The spell compared with the declared employer: the current one (preferring the
    /// declared employer, then the longest), else the one that ended last.
    pub verified: Option<Spell>,
    /// Declared vs verified, normalised; `None` when either is unknown.
    pub employer_matches: Option<bool>,
}

/// Analyses `employments` as of `today`. An employment is current when it is open-ended or
/// ended in one of the last `grace_months` months (or later).
pub fn analyse(
    employments: &[Employment],
    declared_employer: &str,
    today: Date,
    grace_months: u32,
) -> EmploymentFacts {
    let spells = spells(employments, today, grace_months);
    let declared_key = employer_key(declared_employer);

    let current = spells.iter().filter(|s| s.current).min_by(|a, b| {
        let declared = |s: &Spell| !declared_key.is_empty() && s.key == declared_key;
        declared(b)
            .cmp(&declared(a))
            .then(a.since.cmp(&b.since))
            .then(a.employer.cmp(&b.employer))
    });
    let verified = current
        .or_else(|| {
            spells
                .iter()
                .max_by(|a, b| a.until.cmp(&b.until).then(a.since.cmp(&b.since)))
        })
        .cloned();
    let employer_matches = match &verified {
        Some(spell) if !declared_key.is_empty() => Some(spell.key == declared_key),
        _ => None,
    };
    EmploymentFacts {
        verified,
        employer_matches,
    }
}

/// Rows with an employer and a readable start, merged into continuous spells per employer.
pub fn spells(employments: &[Employment], today: Date, grace_months: u32) -> Vec<Spell> {
    struct Row<'a> {
        employer: &'a str,
        key: String,
        start: Date,
        end: Option<Date>,
    }
    let mut rows: Vec<Row<'_>> = employments
        .iter()
        .filter_map(|e| {
            let employer = e.employer.as_deref()?.trim();
            let key = employer_key(employer);
            // An employment that has not started yet (as of `today`) is not evidence.
            let start = parse_date(&e.start_date).filter(|start| *start <= today)?;
            let end = match &e.end_date {
                None => None,
                // An end date we cannot read: not evidence of an open employment.
                Some(text) => Some(parse_date(text)?.max(start)),
            };
            (!key.is_empty()).then_some(Row {
                employer,
                key,
                start,
                end,
            })
        })
        .collect();
    rows.sort_by(|a, b| a.key.cmp(&b.key).then(a.start.cmp(&b.start)));

    let recent = month_of(today).minus(grace_months);
    let mut spells: Vec<Spell> = Vec::new();
    let mut open: Option<Spell> = None;
    for row in rows {
        if let Some(spell) = open.as_mut() {
            let continues = spell.key == row.key
                && match spell.until {
                    None => true,
                    Some(until) => until
                        .checked_add(CONTINUITY_DAYS.days())
                        .ok()
                        .is_none_or(|limit| row.start <= limit),
                };
            if continues {
                spell.until = match (spell.until, row.end) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    _ => None,
                };
                // Rows are in start order: the newest row names the employer.
                spell.employer = row.employer.to_owned();
                continue;
            }
            spells.extend(open.take());
        }
        open = Some(Spell {
            employer: row.employer.to_owned(),
            key: row.key,
            since: row.start,
            until: row.end,
            current: false,
            tenure_months: 0,
        });
    }
    spells.extend(open);

    for spell in &mut spells {
        spell.current = spell.until.is_none_or(|until| month_of(until) >= recent);
        spell.tenure_months = if spell.current {
            whole_months(spell.since, today)
        } else {
            let end = spell.until.unwrap_or(today);
            whole_months(spell.since, end.tomorrow().unwrap_or(end))
        };
    }
    spells
}

#[cfg(test)]
mod tests {
    use smile_api::YearMonth;

    use super::*;

    fn row(employer: &str, start: &str, end: Option<&str>) -> Employment {
        Employment {
            id: format!("e-{employer}-{start}"),
            name: None,
            description: None,
            job_title: None,
            department: None,
            employee_number: None,
            employer_number: None,
            employer: Some(employer.to_owned()),
            status: None,
            start_date: start.to_owned(),
            end_date: end.map(str::to_owned),
            reported_date: None,
            metadata: None,
        }
    }

    /// Social-security style: one row per month, `from` to `to` inclusive.
    fn monthly(employer: &str, from: (i32, u32), to: (i32, u32)) -> Vec<Employment> {
        let from = YearMonth::new(from.0, from.1).unwrap();
        let to = YearMonth::new(to.0, to.1).unwrap();
        (0..=to.since(from))
            .map(|i| {
                let m = from.plus(i);
                row(employer, &m.first_day(), Some(&m.last_day()))
            })
            .collect()
    }

    fn today() -> Date {
        jiff::civil::date(2025, 1, 15)
    }

    #[test]
    fn employer_names_normalise_case_punctuation_and_legal_forms() {
        let abc = employer_key("ABC Corporation");
        assert_eq!(abc, "abc");
        for same in [
            "abc corp.",
            "ABC Corp",
            "A.B.C. Inc.",
            "ABC Co., Ltd.",
            "The ABC Company",
            "ABC, Incorporated",
            "  abc  ",
        ] {
            assert_eq!(employer_key(same), abc, "{same}");
        }
        assert_eq!(
            employer_key("Jollibee Foods Corporation"),
            employer_key("JOLLIBEE FOODS CORP")
        );
        assert_eq!(
            employer_key("Procter & Gamble"),
            employer_key("Procter and Gamble")
        );
        assert_eq!(employer_key("Café Niño Inc."), "cafenino");
        assert_eq!(employer_key("McDonald's"), "mcdonalds");
        assert_ne!(
            employer_key("ABC Corporation"),
            employer_key("CDE Corporation")
        );
        assert_ne!(employer_key("ABC Foods"), employer_key("ABC"));
        // A name that is only a legal form keeps it rather than becoming empty.
        assert_eq!(employer_key("Company"), "company");
        assert_eq!(employer_key(" .,- "), "");
    }

    #[test]
    fn georges_social_security_history_gives_abc_since_november_2023() {
        let mut rows = monthly("CDE Corporation", (2021, 8), (2023, 6));
        rows.extend(monthly("ABC Corporation", (2023, 11), (2024, 12)));
        let facts = analyse(&rows, "ABC Corp.", today(), 3);
        let spell = facts.verified.unwrap();
        assert_eq!(spell.employer, "ABC Corporation");
        assert!(spell.current);
        assert_eq!(spell.since.to_string(), "2023-11-01");
        assert_eq!(spell.until.unwrap().to_string(), "2024-12-31");
        assert_eq!(spell.tenure_months, 14);
        assert_eq!(facts.employer_matches, Some(true));

        let facts = analyse(&rows, "CDE Corporation", today(), 3);
        assert_eq!(facts.verified.unwrap().employer, "ABC Corporation");
        assert_eq!(facts.employer_matches, Some(false));
    }

    #[test]
    fn open_ended_employment_is_current() {
        let rows = [row("ABC Corporation", "2023-11-01", None)];
        let spell = analyse(&rows, "", today(), 3).verified.unwrap();
        assert!(spell.current);
        assert_eq!(spell.until, None);
        assert_eq!(spell.tenure_months, 14);
    }

    #[test]
    fn employment_that_ended_long_ago_is_not_current() {
        let rows = monthly("CDE Corporation", (2021, 9), (2023, 6));
        let facts = analyse(&rows, "CDE Corp", today(), 3);
        let spell = facts.verified.unwrap();
        assert!(!spell.current);
        assert_eq!(spell.until.unwrap().to_string(), "2023-06-30");
        // September 2021 to June 2023 inclusive.
        assert_eq!(spell.tenure_months, 22);
        assert_eq!(facts.employer_matches, Some(true));
    }

    #[test]
    fn reporting_lag_within_the_grace_months_is_still_current() {
        // Last reported month October 2024; in January 2025 with 3 grace months: current.
        let rows = monthly("ABC Corporation", (2024, 1), (2024, 10));
        assert!(analyse(&rows, "", today(), 3).verified.unwrap().current);
        // With 2 grace months it is not.
        assert!(!analyse(&rows, "", today(), 2).verified.unwrap().current);
    }

    #[test]
    fn a_break_at_the_same_employer_starts_a_new_spell() {
        let mut rows = monthly("ABC Corporation", (2022, 1), (2022, 12));
        rows.extend(monthly("ABC Corporation", (2024, 3), (2024, 12)));
        let spell = analyse(&rows, "", today(), 3).verified.unwrap();
        assert_eq!(spell.since.to_string(), "2024-03-01");
        assert_eq!(spell.tenure_months, 10);
    }

    #[test]
    fn among_concurrent_jobs_the_declared_one_is_verified() {
        let rows = [
            row("ABC Corporation", "2020-01-01", None),
            row("GrabFood", "2024-03-01", None),
        ];
        let facts = analyse(&rows, "Grab Food", today(), 3);
        assert_eq!(facts.verified.unwrap().employer, "GrabFood");
        assert_eq!(facts.employer_matches, Some(true));
        // Without a match, the longest-held current job.
        let facts = analyse(&rows, "XYZ Ltd", today(), 3);
        assert_eq!(facts.verified.unwrap().employer, "ABC Corporation");
        assert_eq!(facts.employer_matches, Some(false));
    }

    #[test]
    fn employments_starting_after_today_are_ignored() {
        let rows = [
            row("CDE Corporation", "2020-01-01", None),
            row("ABC Corporation", "2025-02-01", None),
        ];
        let facts = analyse(&rows, "ABC Corporation", today(), 3);
        assert_eq!(facts.verified.unwrap().employer, "CDE Corporation");
        assert_eq!(facts.employer_matches, Some(false));
    }

    #[test]
    fn rows_without_employer_or_readable_dates_are_ignored() {
        let mut nameless = row("x", "2024-01-01", None);
        nameless.employer = None;
        let rows = [
            nameless,
            row("   ", "2024-01-01", None),
            row("ABC", "not a date", None),
            row("ABC", "2024-01-01", Some("someday")),
        ];
        assert_eq!(
            analyse(&rows, "ABC", today(), 3),
            EmploymentFacts::default()
        );
        assert_eq!(analyse(&[], "ABC", today(), 3), EmploymentFacts::default());
    }

    #[test]
    fn unknown_declared_employer_gives_unknown_match() {
        let rows = [row("ABC Corporation", "2023-11-01", None)];
        let facts = analyse(&rows, "  ", today(), 3);
        assert!(facts.verified.is_some());
        assert_eq!(facts.employer_matches, None);
    }
}
