//! What both browser test files share.

/// A created application's JSON, as the server answers it.
pub fn application_json(reference: &str) -> String {
    serde_json::json!({
        "id": format!("id-{reference}"), "reference": reference,
        "fullName": "George Palomero Jr.", "email": "g@example.com",
        "mobile": "+639559991234", "employer": "ABC Corporation",
        "monthlyIncome": 25000, "currency": "PHP", "status": "applied",
        "consentedAt": "2026-11-27T10:00:00Z", "createdAt": "2026-11-27T10:00:00Z"
    })
    .to_string()
}
