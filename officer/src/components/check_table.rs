use leptos::prelude::*;
use wink_api::document::DocumentCheck;

use crate::document::{meter_label, Verdict};

/// Width of a check's score track, in SVG user units: one unit per point.
const TRACK: u8 = 100;

/// Smile's checks of one document: per check a score bar with the lender's minimum marked
/// on it, the verdict in words, and for a low one what it means.
#[component]
pub fn CheckTable(
    checks: Vec<DocumentCheck>,
    /// The lowest passing score.
    threshold: u8,
    /// The id of the heading that names the table.
    labelled_by: String,
) -> impl IntoView {
    if checks.is_empty() {
        return view! { <p class="empty">"Smile ran no checks on this document."</p> }.into_any();
    }
    let rows = checks
        .into_iter()
        .map(|check| check_row(check, threshold))
        .collect_view();
    view! {
        <p class="hint">
            {format!("A check passes at {threshold} or above, marked on each bar.")}
        </p>
        <table class="checks" aria-labelledby=labelled_by>
            <thead>
                <tr>
                    <th scope="col">"Check"</th>
                    <th scope="col">{format!("Score (minimum {threshold})")}</th>
                    <th scope="col">"Result"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

fn check_row(check: DocumentCheck, threshold: u8) -> impl IntoView {
    let verdict = Verdict::of(&check, threshold);
    let low = verdict.is_low();
    let score = match check.score {
        Some(score) => view! {
            <ScoreMeter label=meter_label(check.kind, score, threshold) score threshold low />
            <span class="check-score">{format!("{score} / 100")}</span>
        }
        .into_any(),
        None => view! { <span class="check-score muted">"No score"</span> }.into_any(),
    };
    let explanation = low.then(|| {
        view! { <p class="check-explanation">{check.kind.low_score_explanation()}</p> }
    });
    let message = check
        .message
        .map(|m| view! { <p class="check-message muted">{format!("Smile: {m}")}</p> });
    view! {
        <tr class="check" data-check=check.kind.as_str() data-low=low.to_string()>
            <th scope="row">{check.kind.label()}</th>
            <td class="check-score-cell">{score}</td>
            <td>
                <strong class="check-verdict">{verdict.label(threshold)}</strong>
                {explanation}
                {message}
            </td>
        </tr>
    }
}

/// A score as a bar on a 0–100 track, with the minimum marked and numbered above it.
#[component]
fn ScoreMeter(
    /// The bar in words, for screen readers.
    label: String,
    score: u8,
    threshold: u8,
    low: bool,
) -> impl IntoView {
    let title = label.clone();
    let marker = threshold.min(TRACK);
    view! {
        <svg
            class="check-meter"
            viewBox=format!("0 0 {TRACK} 24")
            width="140"
            height="34"
            role="img"
            aria-label=label
        >
            <title>{title}</title>
            <rect class="track" x="0" y="11" width=TRACK height="10" rx="2" />
            <rect class="fill" class:low=low x="0" y="11" width=score.min(TRACK) height="10" rx="2" />
            <line class="threshold" x1=marker x2=marker y1="9" y2="23" />
            <text class="threshold-label" x=marker y="7" text-anchor="middle">
                {threshold.to_string()}
            </text>
        </svg>
    }
}
