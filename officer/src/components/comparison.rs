use leptos::prelude::*;
use wink_api::summary::VerificationSummary;
use wink_api::Application;

use super::{DataTable, EvidenceTag};
use crate::format::{money, money_of};

/// What the applicant declared beside what the data says, with the name-match score.
#[component]
pub fn Comparison(application: Application, summary: VerificationSummary) -> impl IntoView {
    let name = summary.name;
    let employment = summary.employment;
    let income = summary.income;
    let score = name.score.map_or_else(
        || "No score (a name is unknown)".to_owned(),
        |s| format!("Name match {s}/100"),
    );
    let score_class = match name.score {
        Some(s) if s >= 80 => "score good",
        Some(_) => "score poor",
        None => "score",
    };
    let matches = match employment.employer_matches {
        Some(true) => "Same employer",
        Some(false) => "Different employer",
        None => "Not comparable",
    };
    let difference = income
        .difference_percent
        .map(|d| format!("{d:+.1}% against declared"))
        .unwrap_or_else(|| "Not comparable".into());
    let unknown = || "—".to_owned();
    view! {
        <DataTable
            label="Declared and verified"
            class="comparison"
            headers=&["", "Declared", "Verified", "Check"]
        >
                    <tr data-row="name">
                        <th scope="row">"Name"</th>
                        <td>{application.full_name}</td>
                        <td class="verified-name">
                            {name.verified.unwrap_or_else(unknown)}
                            {name.provider_id.map(|p| view! { <span class="muted">{format!(" ({p})")}</span> })}
                            <EvidenceTag evidence=name.evidence />
                        </td>
                        <td class=score_class data-score=name.score.map(|s| s.to_string())>{score}</td>
                    </tr>
                    <tr data-row="employer">
                        <th scope="row">"Employer"</th>
                        <td>{application.employer}</td>
                        <td>
                            {employment.verified_employer.unwrap_or_else(unknown)}
                            <EvidenceTag evidence=employment.evidence />
                        </td>
                        <td>{matches}</td>
                    </tr>
                    <tr data-row="income">
                        <th scope="row">"Monthly income"</th>
                        <td>{money(application.monthly_income as f64, &application.currency)}</td>
                        <td>
                            {income.estimated.as_ref().map(money_of).unwrap_or_else(unknown)}
                            <EvidenceTag evidence=income.evidence />
                        </td>
                        <td>{difference}</td>
                    </tr>
                    <tr data-row="contact">
                        <th scope="row">"Contact"</th>
                        <td>{application.email} <br /> {application.mobile}</td>
                        <td class="muted">"See identity"</td>
                        <td></td>
                    </tr>
                    <tr data-row="language">
                        <th scope="row">"Language"</th>
                        <td data-language=application.language.as_str()>
                            {application.language.english_name()}
                        </td>
                        <td class="muted">"Their pages are in it; write to them in it"</td>
                        <td></td>
                    </tr>
        </DataTable>
    }
}
