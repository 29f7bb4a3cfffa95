//! The employment timeline: one bar per continuous employment, on a month axis.
//!
//! Social-security providers report one employment row per month worked; employers report
//! one row per job. Rows for the same employer that touch or overlap are merged, so both
//! read as "CDE Corporation, Jan 2022 – May 2023".

use smile_api::{Employment, ItemMetadata};

use super::{round, MARGIN, WIDTH};
use smile_api::YearMonth;

/// One continuous employment.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub employer: String,
    pub job_title: Option<String>,
    pub from: YearMonth,
    /// The last month worked; `through` for a current employment.
    pub to: YearMonth,
    /// Still open-ended in the data.
    pub current: bool,
    /// The metadata of one merged row per source (account or document), first seen first.
    pub sources: Vec<ItemMetadata>,
}

impl Segment {
    pub fn months(&self) -> u32 {
        u32::try_from(self.to.since(self.from) + 1).unwrap_or(0)
    }
}

/// The continuous employments in `employments`, oldest first. An open-ended one runs to
/// `through` (the month the summary was computed in).
pub fn segments(employments: &[Employment], through: YearMonth) -> Vec<Segment> {
    let mut rows: Vec<Segment> = employments
        .iter()
        .filter_map(|e| {
            let employer = e.employer.as_deref()?.trim();
            let from = YearMonth::parse(&e.start_date)?;
            let end = e.end_date.as_deref().and_then(YearMonth::parse);
            (!employer.is_empty()).then(|| Segment {
                employer: employer.to_owned(),
                job_title: e.job_title.clone(),
                from,
                to: end.unwrap_or(through).max(from),
                current: end.is_none(),
                sources: e.metadata.clone().into_iter().collect(),
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        employer_key(&a.employer)
            .cmp(&employer_key(&b.employer))
            .then(a.from.cmp(&b.from))
    });
    let mut merged: Vec<Segment> = Vec::new();
    for row in rows {
        match merged.last_mut() {
            Some(last)
                if employer_key(&last.employer) == employer_key(&row.employer)
                    && row.from <= last.to.plus(1) =>
            {
                last.to = last.to.max(row.to);
                last.current |= row.current;
                if last.job_title.is_none() {
                    last.job_title = row.job_title;
                }
                for source in row.sources {
                    if !last.sources.iter().any(|s| s.source_id == source.source_id) {
                        last.sources.push(source);
                    }
                }
            }
            _ => merged.push(row),
        }
    }
    merged.sort_by_key(|s| s.from);
    merged
}

/// Employers compare without case or surrounding spaces.
pub fn employer_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Height of one lane (one segment).
pub const LANE: f64 = 34.0;
/// Room under the lanes for the year ticks.
pub const AXIS: f64 = 22.0;

/// A segment placed on the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub segment: Segment,
    pub x: f64,
    pub y: f64,
    pub width: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    pub bars: Vec<Bar>,
    /// `(x, year)` at each January within the range.
    pub ticks: Vec<(f64, i32)>,
    pub height: f64,
}

/// Places `segments` (from [`segments`]) one per lane on a shared month axis.
pub fn layout(segments: &[Segment]) -> Option<Timeline> {
    let first = segments.iter().map(|s| s.from).min()?;
    let last = segments.iter().map(|s| s.to).max()?;
    let months = f64::from(last.since(first) + 1);
    let unit = (WIDTH - 2.0 * MARGIN) / months;
    let x_of = |m: YearMonth| MARGIN + f64::from(m.since(first)) * unit;
    let bars = segments
        .iter()
        .enumerate()
        .map(|(lane, segment)| Bar {
            x: round(x_of(segment.from)),
            y: round(lane as f64 * LANE + 6.0),
            width: round(f64::from(segment.months()) * unit),
            segment: segment.clone(),
        })
        .collect();
    let ticks = first
        .through(last)
        .filter(|m| m.month() == 1)
        .map(|m| (round(x_of(m)), m.year()))
        .collect();
    Some(Timeline {
        bars,
        ticks,
        height: segments.len() as f64 * LANE + AXIS,
    })
}
