//! George Palomero Jr. — Philippines, PHP. Smile's own sandbox identity (its docs' Identity
//! example), a security guard who left CDE Corporation, went four months without work, and
//! joined ABC Corporation; drives for GrabFood on the side.
//!
//! The persona with a contribution gap and an employer change.

use super::{Address, Gig, Job, Persona};

/// George Palomero Jr.
pub const GEORGE: Persona = Persona {
    key: "george",
    full_name: "George Cimafranca Palomero, Jr",
    first_name: "George",
    middle_name: Some("Cimafranca"),
    last_name: "Palomero",
    suffix: Some("Jr"),
    gender: "Male",
    dob: "1970-08-24",
    marital_status: "Married",
    country: "PH",
    currency: "PHP",
    email: "gpalomero1234@smileapi.io",
    phone: "+639559991234",
    calling_code: "63",
    password: "123456",
    photo_url: Some("https://cdn.smileapi.io/image/avatar/v20211115191600/george.jpg"),
    facebook: Some("https://www.facebook.com/gpalomero1234"),
    address: Address {
        line1: "12 Maybunga St",
        line2: Some("Barangay Paraiso"),
        city: "Pasig City",
        region: "NCR",
        zip: "1600",
        latitude: "14.573454",
        longitude: "121.085042",
    },
    jobs: &[
        Job {
            employer: "CDE Corporation",
            provider: None,
            employer_number: "ER-98765",
            employee_number: "CDE-98765",
            job_title: "Security Guard",
            work: "Security",
            department: None,
            status: "Permanent",
            from: 40,
            to: 18,
            monthly_salary: 15_000.0,
            contribution: 1_375.0,
        },
        // Months 17..=14 before the anchor: no employer, no contributions.
        Job {
            employer: "ABC Corporation",
            provider: Some("abccorp"),
            employer_number: "ER-654321",
            employee_number: "EMP-123456",
            job_title: "Security Guard",
            work: "Security",
            department: Some("Facilities"),
            status: "Permanent",
            from: 13,
            to: 0,
            monthly_salary: 18_000.0,
            contribution: 1_620.0,
        },
    ],
    gigs: &[Gig {
        provider: "grab",
        work_item: "GrabFood delivery partner",
        from: 10,
        to: 0,
        monthly: 6_500.0,
        variation: &[1.0, 0.85, 1.1, 0.95, 1.2, 0.9],
    }],
};
