use leptos::prelude::*;
use wink_api::officer::ApplicantRow;

use super::{DataTable, FlagList, ReviewBadge};
use crate::format::timestamp;
use crate::routes::Route;

/// The list itself; in a scrolling region on narrow screens so the page never scrolls
/// sideways.
#[component]
pub fn ApplicantTable(rows: Vec<ApplicantRow>) -> impl IntoView {
    let rows = rows
        .into_iter()
        .map(|row| {
            let href = Route::Applicant(row.id.clone()).href();
            view! {
                <tr data-applicant-id=row.id.clone() data-status=row.status.as_str()>
                    <th scope="row"><a href=href>{row.full_name}</a></th>
                    <td class="reference">{row.reference}</td>
                    <td><ReviewBadge status=row.status /></td>
                    <td><FlagList flags=row.flags /></td>
                    <td class="num">{row.name_score.map(|s| s.to_string()).unwrap_or_else(|| "—".into())}</td>
                    <td>{row.employer}</td>
                    <td class="email">{row.email}</td>
                    <td class="num">{row.accounts}</td>
                    <td class="when">{timestamp(&row.updated_at)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <DataTable
            label="Applicants"
            class="applicant-table"
            headers=&[
                "Name",
                "Reference",
                "Status",
                "Flags",
                "Name match",
                "Employer",
                "Email",
                "Accounts",
                "Updated",
            ]
        >
            {rows}
        </DataTable>
    }
}
