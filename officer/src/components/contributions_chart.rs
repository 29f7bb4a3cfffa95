use leptos::prelude::*;
use smile_api::{Contribution, Employment};
use wink_api::summary::ContributionGap;

use crate::chart::contributions::{layout, BASELINE, HEIGHT};
use crate::chart::{MARGIN, WIDTH};
use crate::format::{money, months};

/// Contributions per month as an SVG bar chart. Gap months are drawn as hatched bands
/// with a marker, employer changes as labelled lines; every bar has a `<title>`, and the
/// gaps and changes are also listed in words under the chart (what a screen reader reads
/// instead of the picture, which it gets a one-sentence description of).
#[component]
pub fn ContributionsChart(
    contributions: Vec<Contribution>,
    gaps: Vec<ContributionGap>,
    employments: Vec<Employment>,
    /// The summary's `countedThrough`: the chart reaches at least this month.
    through: Option<String>,
) -> impl IntoView {
    let Some(chart) = layout(&contributions, &gaps, &employments, through.as_deref()) else {
        return view! { <p class="empty">"No contributions synced."</p> }.into_any();
    };
    let first = chart
        .bars
        .first()
        .map(|b| b.month.label())
        .unwrap_or_default();
    let last = chart
        .bars
        .last()
        .map(|b| b.month.label())
        .unwrap_or_default();
    let description = format!(
        "{} months from {first} to {last}; the highest month is {}. {} {}.",
        chart.bars.len(),
        money(chart.max_amount, &chart.currency),
        match chart.gaps.len() {
            0 => "No gaps".to_owned(),
            1 => "1 gap".to_owned(),
            n => format!("{n} gaps"),
        },
        match chart.changes.len() {
            0 => "and no employer change".to_owned(),
            1 => "and 1 employer change".to_owned(),
            n => format!("and {n} employer changes"),
        },
    );
    let currency = chart.currency.clone();
    let bands = chart
        .gaps
        .iter()
        .map(|band| {
            view! {
                <g class="gap-band" data-from=band.gap.from.clone() data-to=band.gap.to.clone()>
                    <rect x=band.x y="4" width=band.width height=BASELINE - 4.0 fill="url(#gap-hatch)" />
                    <text x=band.x + band.width / 2.0 y="14" text-anchor="middle" class="gap-label">
                        "gap"
                    </text>
                </g>
            }
        })
        .collect_view();
    let bars = chart
        .bars
        .iter()
        .map(|bar| {
            let title = if bar.gap {
                format!("{}: no contribution (gap)", bar.month.label())
            } else {
                format!("{}: {}", bar.month.label(), money(bar.amount, &currency))
            };
            let class = if bar.gap { "bar gap" } else { "bar" };
            // A gap month has no bar: a short marker on the baseline shows the month.
            let (y, height) = if bar.gap {
                (BASELINE - 6.0, 6.0)
            } else {
                (bar.y, bar.height)
            };
            view! {
                <rect
                    class=class
                    data-month=bar.month.to_string()
                    data-amount=bar.amount.to_string()
                    x=bar.x
                    y=y
                    width=bar.width
                    height=height
                >
                    <title>{title}</title>
                </rect>
            }
        })
        .collect_view();
    let changes = chart
        .changes
        .iter()
        .map(|change| {
            view! {
                <g class="employer-change" data-month=change.month.to_string()>
                    <line x1=change.x x2=change.x y1="0" y2=BASELINE />
                    <title>
                        {format!("{}: {} → {}", change.month.label(), change.from, change.to)}
                    </title>
                </g>
            }
        })
        .collect_view();
    let ticks = chart
        .ticks
        .iter()
        .map(|(x, year)| {
            view! {
                <text x=*x y=HEIGHT - 6.0 class="tick">{year.to_string()}</text>
            }
        })
        .collect_view();
    let gap_items = chart
        .gaps
        .iter()
        .map(|band| {
            let gap = &band.gap;
            let ongoing = if gap.ongoing { ", still ongoing" } else { "" };
            view! {
                <li class="legend-gap" data-from=gap.from.clone() data-to=gap.to.clone()>
                    {format!(
                        "Gap: no contributions from {} to {} ({}){ongoing}.",
                        gap.from,
                        gap.to,
                        months(gap.months),
                    )}
                </li>
            }
        })
        .collect_view();
    let change_items = chart
        .changes
        .iter()
        .map(|change| {
            view! {
                <li class="legend-change">
                    {format!(
                        "Employer change in {}: {} → {}.",
                        change.month,
                        change.from,
                        change.to,
                    )}
                </li>
            }
        })
        .collect_view();
    view! {
        <figure class="chart contributions-chart">
            <svg
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                role="img"
                aria-labelledby="contrib-title contrib-desc"
            >
                <title id="contrib-title">"Contributions per month"</title>
                <desc id="contrib-desc">{description}</desc>
                <defs>
                    <pattern id="gap-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                        <rect width="6" height="6" class="hatch-bg" />
                        <line x1="0" y1="0" x2="0" y2="6" class="hatch-line" />
                    </pattern>
                </defs>
                {bands}
                <line class="baseline" x1=MARGIN x2=WIDTH - MARGIN y1=BASELINE y2=BASELINE />
                {bars}
                {changes}
                {ticks}
            </svg>
            <figcaption>
                <ul class="chart-legend">
                    <li class="key key-bar">"Contribution posted"</li>
                    <li class="key key-gap">"Gap (no contribution)"</li>
                    <li class="key key-change">"Employer change"</li>
                </ul>
                <ul class="chart-notes">{gap_items} {change_items}</ul>
            </figcaption>
        </figure>
    }
    .into_any()
}
