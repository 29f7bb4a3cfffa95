use leptos::prelude::*;
use smile_api::Employment;
use wink_api::document::DataSource;

use super::SourceTag;
use crate::chart::employment::{layout, segments, LANE};
use crate::chart::WIDTH;
use crate::format::months;
use crate::provenance::Provenance;
use smile_api::YearMonth;

/// Each continuous employment as a bar on a shared month axis (SVG), and the same list in
/// words beneath it, each with the sources it came from.
#[component]
pub fn EmploymentTimeline(
    employments: Vec<Employment>,
    /// Where open-ended employments end (the summary's month).
    through: YearMonth,
    /// The detail's sources, to name each employment's.
    sources: Vec<DataSource>,
) -> impl IntoView {
    let segments = segments(&employments, through);
    let Some(timeline) = layout(&segments) else {
        return view! { <p class="empty">"No employment synced."</p> }.into_any();
    };
    let height = timeline.height;
    let bars = timeline
        .bars
        .iter()
        .map(|bar| {
            let s = &bar.segment;
            let label = format!(
                "{}: {} – {}",
                s.employer,
                s.from.label(),
                if s.current {
                    "now".to_owned()
                } else {
                    s.to.label()
                }
            );
            // The name sits inside the bar when it fits, else just after it.
            let inside = bar.width > 150.0;
            let (text_x, anchor) = if inside {
                (bar.x + 6.0, "start")
            } else if bar.x + bar.width + 150.0 < WIDTH {
                (bar.x + bar.width + 6.0, "start")
            } else {
                (bar.x - 6.0, "end")
            };
            view! {
                <g class="segment" class:current=s.current data-employer=s.employer.clone()>
                    <rect x=bar.x y=bar.y width=bar.width height=LANE - 10.0 rx="4">
                        <title>{label}</title>
                    </rect>
                    <text
                        x=text_x
                        y=bar.y + (LANE - 10.0) / 2.0 + 5.0
                        text-anchor=anchor
                        class:inside=inside
                    >
                        {s.employer.clone()}
                    </text>
                </g>
            }
        })
        .collect_view();
    let ticks = timeline
        .ticks
        .iter()
        .map(|(x, year)| {
            view! {
                <line class="tick-line" x1=*x x2=*x y1="0" y2=height - 18.0 />
                <text class="tick" x=*x y=height - 4.0>{year.to_string()}</text>
            }
        })
        .collect_view();
    let items = segments
        .iter()
        .map(|s| {
            let until = if s.current {
                "now".to_owned()
            } else {
                s.to.label()
            };
            let title = s
                .job_title
                .as_deref()
                .map(|t| format!(", {t}"))
                .unwrap_or_default();
            let from = if s.sources.is_empty() {
                view! { <SourceTag provenance=Provenance::Unknown /> }.into_any()
            } else {
                s.sources
                    .iter()
                    .enumerate()
                    .map(|(i, metadata)| {
                        let provenance = Provenance::of(&sources, Some(metadata));
                        view! { {(i > 0).then_some(", ")} <SourceTag provenance /> }
                    })
                    .collect_view()
                    .into_any()
            };
            view! {
                <li data-employer=s.employer.clone()>
                    <strong>{s.employer.clone()}</strong>
                    {format!("{title}: {} – {until} ({})", s.from.label(), months(s.months()))}
                    <span class="provenance">" — from " {from}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <figure class="chart employment-timeline">
            <svg
                viewBox=format!("0 0 {WIDTH} {height}")
                role="img"
                aria-labelledby="employment-title"
            >
                <title id="employment-title">"Employment timeline"</title>
                {ticks}
                {bars}
            </svg>
            <figcaption>
                <ul class="chart-notes">{items}</ul>
            </figcaption>
        </figure>
    }
    .into_any()
}
