//! Smile rows for the summary's tests: the fields that matter, the rest empty.

use smile_api::{Contribution, Eincome};

/// A PHP contribution dated `date`, without metadata.
pub fn contribution(date: &str, amount: f64) -> Contribution {
    Contribution {
        id: format!("con-{date}-{amount}"),
        date: date.to_owned(),
        currency: "PHP".to_owned(),
        amount,
        reference_id: None,
        metadata: None,
    }
}

/// A PHP estimated income for `month` (`yyyy-MM`), without metadata.
pub fn eincome(month: &str, amount: f64) -> Eincome {
    Eincome {
        id: format!("einc-{month}-{amount}"),
        month: month.to_owned(),
        currency: "PHP".to_owned(),
        base_amount: None,
        amount: Some(amount),
        metadata: None,
    }
}
