//! Ryan Lestari — Indonesia, IDR. A web developer who moved from ABC Corporation's Jakarta
//! office to PT Nusantara Digital without a break, and freelances on Upwork and Freelancer.
//!
//! Smile's older docs call him "Ryan Ng"; the newest call him "Ryan Lestari".

use super::{Address, Gig, Job, Persona};

pub const RYAN: Persona = Persona {
    key: "ryan",
    full_name: "Ryan Lestari",
    first_name: "Ryan",
    middle_name: None,
    last_name: "Lestari",
    suffix: None,
    gender: "Male",
    dob: "1992-03-15",
    marital_status: "Single",
    country: "ID",
    currency: "IDR",
    email: "ryan1234@smileapi.io",
    phone: "+628119994321",
    calling_code: "62",
    password: "654321",
    photo_url: None,
    facebook: None,
    address: Address {
        line1: "Jl. Kemang Raya No. 8",
        line2: Some("Bangka, Mampang Prapatan"),
        city: "Jakarta Selatan",
        region: "DKI Jakarta",
        zip: "12730",
        latitude: "-6.260112",
        longitude: "106.815634",
    },
    jobs: &[
        Job {
            employer: "ABC Corporation",
            provider: Some("abccorp"),
            employer_number: "ER-ID-2231",
            employee_number: "EMP-ID-4410",
            job_title: "Junior Web Developer",
            work: "Software development",
            department: Some("Digital"),
            status: "Permanent",
            from: 34,
            to: 15,
            monthly_salary: 9_500_000.0,
            contribution: 380_000.0,
        },
        Job {
            employer: "PT Nusantara Digital",
            provider: None,
            employer_number: "ER-ID-7789",
            employee_number: "ND-00217",
            job_title: "Web Developer",
            work: "Software development",
            department: Some("Engineering"),
            status: "Permanent",
            from: 14,
            to: 0,
            monthly_salary: 13_000_000.0,
            contribution: 520_000.0,
        },
    ],
    gigs: &[
        Gig {
            provider: "upwork",
            work_item: "Web development (fixed-price contracts)",
            from: 26,
            to: 0,
            monthly: 4_500_000.0,
            variation: &[1.0, 1.3, 0.7, 1.1, 0.9, 1.25, 0.8],
        },
        Gig {
            provider: "freelancer",
            work_item: "WordPress maintenance",
            from: 18,
            to: 3,
            monthly: 1_800_000.0,
            variation: &[1.0, 0.9, 1.15],
        },
    ],
};
