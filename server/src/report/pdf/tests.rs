//! The PDF read back with lopdf: its text, pages, fonts and attachment.

use std::collections::BTreeMap;
use std::path::PathBuf;

use lopdf::content::Content;
use lopdf::{Document, Encoding, Object, ObjectId};
use wink_api::document::SourceKind;
use wink_api::officer::{Decision, DecisionOutcome};
use wink_api::report::{
    Change, ChangeKind, ChangeSection, ConsentReceipt, ContributionMonth, Report, ReportEmployment,
    ReportIdentity, ReportIncome, ReportSignature, ReportSource, SignedReport, SourceState,
    VerificationInstructions, WhatChanged, REPORT_FORMAT,
};
use wink_api::summary::{
    ContributionGap, ContributionSummary, EmploymentCheck, Evidence, Flag, FlagKind, Freshness,
    IncomeComparison, IncomeSource, Money, NameMatch, VerificationSummary,
};
use wink_api::{Application, ApplicationStatus, VerificationPath, CONSENT_TEXT, CONSENT_VERSION};

use super::{render, Paper, PdfError};

const FINGERPRINT: &str = "3F9A 61C2 0B7E D415";
const MARIA: &str = "Ma. Concepción Dela Peña-Ñañez";
const SRI: &str = "Sri Rahayu Ningsih binti Suparman";

fn php(amount: f64) -> Money {
    Money {
        amount,
        currency: "PHP".into(),
    }
}

/// `yyyy-MM`, `back` months before November 2026.
fn month(back: u32) -> String {
    let index = 2026 * 12 + 10 - back;
    format!("{}-{:02}", index / 12, index % 12 + 1)
}

/// George Palomero Jr.: 23 months at CDE Corporation, four months without work or
/// contributions, then ABC Corporation; SSS connected and a payslip uploaded.
fn george() -> SignedReport {
    let contributions = (1..=40)
        .rev()
        .map(|back| {
            let gap = (14..=17).contains(&back);
            let amount = match back {
                18..=40 => Some(php(1_375.0)),
                14..=17 => None,
                _ => Some(php(1_620.0)),
            };
            ContributionMonth {
                month: month(back),
                amount,
                gap,
            }
        })
        .collect();
    let gap = ContributionGap {
        from: month(17),
        to: month(14),
        months: 4,
        ongoing: false,
    };
    let report = Report {
        format: REPORT_FORMAT,
        report_id: "rpt-7K3QF9M2XW".into(),
        generated_at: "2026-11-20T09:30:12Z".into(),
        lender: "Wink Lending Corporation".into(),
        produced_by: "ana.reyes@winklending.ph".into(),
        applicant: Application {
            id: "app-01J9Z4".into(),
            reference: "WP-7K3QF9".into(),
            full_name: "George C. Palomero Jr.".into(),
            email: "gpalomero1234@smileapi.io".into(),
            mobile: "+639559991234".into(),
            employer: "ABC Corp.".into(),
            monthly_income: 24_000,
            currency: "PHP".into(),
            status: ApplicationStatus::Completed,
            verification: VerificationPath::Wink,
            language: Default::default(),
            consented_at: "2026-11-18T02:14:05Z".into(),
            created_at: "2026-11-18T02:14:05Z".into(),
        },
        sources: vec![
            ReportSource {
                source_id: "a-5f1c9e2b".into(),
                kind: SourceKind::Account,
                provider_id: "sss_ph".into(),
                label: "Social Security System".into(),
                linked_at: "2026-11-18T02:20:41Z".into(),
                data_as_of: Some("2026-11-18T02:21:07Z".into()),
                state: SourceState::Ready,
                error_code: None,
                status: "Connected".into(),
            },
            ReportSource {
                source_id: "u-88d02a7c".into(),
                kind: SourceKind::Document,
                provider_id: "PAYSLIP".into(),
                label: "Uploaded payslip".into(),
                linked_at: "2026-11-18T02:31:10Z".into(),
                data_as_of: None,
                state: SourceState::Analyzed,
                error_code: None,
                status: "Analysed".into(),
            },
        ],
        identities: vec![ReportIdentity {
            source_id: "a-5f1c9e2b".into(),
            full_name: "George Cimafranca Palomero, Jr".into(),
            birth_date: Some("1970-08-24".into()),
            name_score: Some(100),
        }],
        employments: vec![
            ReportEmployment {
                source_id: "a-5f1c9e2b".into(),
                employer: "ABC Corporation".into(),
                start_date: "2025-10-01".into(),
                end_date: None,
            },
            ReportEmployment {
                source_id: "a-5f1c9e2b".into(),
                employer: "CDE Corporation".into(),
                start_date: "2023-07-01".into(),
                end_date: Some("2025-05-31".into()),
            },
        ],
        contributions,
        contribution_gaps: vec![gap.clone()],
        incomes: vec![
            ReportIncome {
                source_id: "u-88d02a7c".into(),
                employer: Some("ABC Corporation".into()),
                start_date: "2026-10-16".into(),
                end_date: Some("2026-10-31".into()),
                gross: Some(php(9_000.0)),
                net: Some(php(7_912.5)),
            },
            ReportIncome {
                source_id: "u-88d02a7c".into(),
                employer: Some("ABC Corporation".into()),
                start_date: "2026-10-01".into(),
                end_date: Some("2026-10-15".into()),
                gross: Some(php(9_000.0)),
                net: None,
            },
        ],
        summary: VerificationSummary {
            as_of: "2026-11-20T09:30:12Z".into(),
            name: NameMatch {
                declared: "George C. Palomero Jr.".into(),
                verified: Some("George Cimafranca Palomero, Jr".into()),
                provider_id: Some("sss_ph".into()),
                score: Some(100),
                identities_compared: 1,
                evidence: Some(Evidence::ConnectedAccount),
            },
            employment: EmploymentCheck {
                declared_employer: "ABC Corp.".into(),
                current_employer: Some("ABC Corporation".into()),
                verified_employer: Some("ABC Corporation".into()),
                employed_since: Some("2025-10-01".into()),
                employment_ended: None,
                tenure_months: Some(13),
                employer_matches: Some(true),
                evidence: Some(Evidence::ConnectedAccount),
            },
            contributions: ContributionSummary {
                counted_through: Some(month(1)),
                months_last_12: Some(12),
                months_last_24: Some(20),
                gaps: vec![gap],
                last_posting_date: Some("2026-10-31".into()),
                months_since_last_posting: Some(1),
                average_monthly: Some(php(1_620.0)),
            },
            income: IncomeComparison {
                declared: php(24_000.0),
                estimated: Some(php(18_000.0)),
                source: Some(IncomeSource::Incomes),
                from_month: Some("2026-10".into()),
                to_month: Some("2026-10".into()),
                months_used: 1,
                difference_percent: Some(-25.0),
                evidence: Some(Evidence::UploadedDocument),
            },
            freshness: Freshness {
                newest_data_at: Some("2026-11-18T02:21:07Z".into()),
                age_days: Some(2),
            },
            flags: vec![
                Flag {
                    kind: FlagKind::ContributionGap,
                    reason: format!(
                        "No contributions posted for 4 months ({} to {}).",
                        month(17),
                        month(14)
                    ),
                    evidence: BTreeMap::from([
                        ("months".to_owned(), "4".to_owned()),
                        ("minGapMonths".to_owned(), "3".to_owned()),
                    ]),
                },
                Flag {
                    kind: FlagKind::IncomeBelowDeclared,
                    reason:
                        "Estimated income PHP 18,000.00 is 25.0% below the declared PHP 24,000.00."
                            .into(),
                    evidence: BTreeMap::from([
                        ("differencePercent".to_owned(), "-25.0".to_owned()),
                        ("maxBelowPercent".to_owned(), "20".to_owned()),
                    ]),
                },
            ],
        },
        consent: ConsentReceipt {
            agreed_at: "2026-11-18T02:14:05Z".into(),
            language: Default::default(),
            text: CONSENT_TEXT.into(),
            text_in_english: None,
            version: CONSENT_VERSION.into(),
            smile_template_id: Some("tpl-wink-ph-01".into()),
        },
        decision: Some(Decision {
            outcome: DecisionOutcome::RequestInfo,
            reason: "Income below declared; please upload the two latest payslips.".into(),
            officer_email: "ana.reyes@winklending.ph".into(),
            decided_at: "2026-11-20T09:28:40Z".into(),
        }),
        changes: Some(WhatChanged {
            since: "2026-11-19T08:00:00Z".into(),
            changes: vec![Change {
                kind: ChangeKind::NewContributionMonths,
                section: ChangeSection::Contributions,
                text: format!("New contribution month {}.", month(1)),
            }],
        }),
        verification: VerificationInstructions {
            keys_url: "https://portal.winklending.ph/.well-known/wink-report-keys.json".into(),
            verify_url: "https://portal.winklending.ph/verify".into(),
            how: "Drop this PDF or its report.json on the verify page, or run \
                  `wink-server verify-report FILE`."
                .into(),
        },
    };
    SignedReport {
        report,
        signature: ReportSignature {
            algorithm: "Ed25519".into(),
            key_id: "9c1e0f4b7a2d3e58".into(),
            signed_at: "2026-11-20T09:30:12Z".into(),
            value: "q2v1l0pJ3uJ7m2QwN1c4y9mK8sX0bR5tV6eW7fY8gZ9aA1bB2cC3dD4eE5fF6gG7hH8iI9jJ0kK1lL2mM3nN4oO5pA==".into(),
        },
    }
}

/// The George report with other people's names: a 120-character declared name, Filipino
/// and Indonesian spelling on the identities, and an officer's address too long for a line.
fn many_names() -> (SignedReport, String) {
    let long = "Maria Fernanda Esperanza Concepción de los Santos y Villanueva-Dimaculangan Ñañez \
                Rahayuni Kusumawardhani Sastroamidjojo"
        .to_owned();
    assert_eq!(long.chars().count(), 120);
    let mut signed = george();
    let report = &mut signed.report;
    report.applicant.full_name = long.clone();
    report.summary.name.declared = long.clone();
    report.summary.name.verified = Some(MARIA.into());
    report.produced_by =
        "maria.concepcion.dela.pena.nanez.senior.credit.officer.region.iv@winklending.ph".into();
    // She agreed in Filipino: the receipt quotes those words, and the English beside them.
    report.applicant.language = wink_api::Lang::Fil;
    report.consent.language = wink_api::Lang::Fil;
    report.consent.text = wink_api::consent_text(wink_api::Lang::Fil).into();
    report.consent.text_in_english = Some(CONSENT_TEXT.into());
    report.identities = [MARIA, SRI, &long]
        .into_iter()
        .map(|name| ReportIdentity {
            source_id: "a-5f1c9e2b".into(),
            full_name: name.into(),
            birth_date: None,
            name_score: Some(91),
        })
        .collect();
    (signed, long)
}

/// The text of every page.
fn page_texts(pdf: &Document) -> Vec<String> {
    pdf.get_pages()
        .values()
        .map(|&page| page_text(pdf, page))
        .collect()
}

/// A page's text in content order, a line per text object. lopdf's `extract_text` forgets
/// the font a `Q` restores (typst relies on it), so this follows the graphics state.
fn page_text(pdf: &Document, page: ObjectId) -> String {
    let encodings: BTreeMap<Vec<u8>, Encoding> = pdf
        .get_page_fonts(page)
        .unwrap()
        .into_iter()
        .map(|(name, font)| (name, font.get_font_encoding(pdf).unwrap()))
        .collect();
    let content = Content::decode(&pdf.get_page_content(page)).unwrap();
    let mut text = String::new();
    let mut font: Option<&[u8]> = None;
    let mut saved = Vec::new();
    for operation in &content.operations {
        match operation.operator.as_str() {
            "q" => saved.push(font),
            "Q" => font = saved.pop().flatten(),
            "Tf" => font = Some(operation.operands[0].as_name().unwrap()),
            "Tj" | "TJ" => {
                let encoding = &encodings[font.expect("a font is set before text")];
                let strings = operation.operands.iter().flat_map(|operand| match operand {
                    Object::Array(items) => items.iter().collect(),
                    other => vec![other],
                });
                for string in strings.filter_map(|object| object.as_str().ok()) {
                    text.push_str(&Document::decode_text(encoding, string).unwrap());
                }
            }
            "ET" => text.push('\n'),
            _ => {}
        }
    }
    text
}

/// The page's MediaBox width and height, rounded to points.
fn page_size(pdf: &Document, number: u32) -> (i64, i64) {
    let page = pdf.get_dictionary(pdf.get_pages()[&number]).unwrap();
    let media_box = page.get(b"MediaBox").unwrap().as_array().unwrap();
    let points: Vec<f32> = media_box.iter().map(|n| n.as_float().unwrap()).collect();
    (
        (points[2] - points[0]).round() as i64,
        (points[3] - points[1]).round() as i64,
    )
}

/// The attached file `name`, from the catalog's /Names /EmbeddedFiles tree.
fn attachment(pdf: &Document, name: &str) -> Vec<u8> {
    let names = pdf.catalog().unwrap().get_deref(b"Names", pdf).unwrap();
    let tree = names
        .as_dict()
        .unwrap()
        .get_deref(b"EmbeddedFiles", pdf)
        .unwrap();
    let entries = tree
        .as_dict()
        .unwrap()
        .get(b"Names")
        .unwrap()
        .as_array()
        .unwrap();
    let spec = entries
        .chunks(2)
        .find(|pair| pair[0].as_str().unwrap() == name.as_bytes())
        .map(|pair| pdf.dereference(&pair[1]).unwrap().1)
        .expect("the attachment is named in the tree");
    let file = spec
        .as_dict()
        .unwrap()
        .get_deref(b"EF", pdf)
        .unwrap()
        .as_dict()
        .unwrap()
        .get_deref(b"F", pdf)
        .unwrap();
    file.as_stream().unwrap().decompressed_content().unwrap()
}

/// Every font descriptor carries its font program.
fn assert_fonts_embedded(pdf: &Document) {
    let descriptors: Vec<_> = pdf
        .objects
        .values()
        .filter_map(|object| match object {
            Object::Dictionary(dict) if dict.has_type(b"FontDescriptor") => Some(dict),
            _ => None,
        })
        .collect();
    assert!(!descriptors.is_empty(), "no fonts");
    for descriptor in descriptors {
        assert!(
            [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"]
                .iter()
                .any(|key| descriptor.has(key)),
            "a font is not embedded: {descriptor:?}"
        );
    }
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"))
}

#[test]
fn george_renders_on_both_papers_with_text_fonts_page_numbers_and_the_signed_json() {
    let signed = george();
    for (paper, size) in [(Paper::A4, (595, 842)), (Paper::Letter, (612, 792))] {
        let bytes = render(&signed, FINGERPRINT, paper).unwrap();
        if paper == Paper::A4 {
            std::fs::write(target_dir().join("report-george.pdf"), &bytes).unwrap();
        }
        let pdf = Document::load_mem(&bytes).unwrap();
        let texts = page_texts(&pdf);
        let pages = texts.len();
        assert!(pages >= 2, "{pages} pages");
        for (index, text) in texts.iter().enumerate() {
            assert!(
                text.contains(&format!("Page {} of {pages}", index + 1)),
                "page {}: {text}",
                index + 1
            );
            assert!(
                text.contains("rpt-7K3QF9M2XW"),
                "page {}: {text}",
                index + 1
            );
            assert_eq!(page_size(&pdf, index as u32 + 1), size, "{paper}");
        }
        let first = &texts[0];
        for shown in [FINGERPRINT, "9c1e0f4b7a2d3e58", "2026-11-20 09:30 UTC"] {
            assert!(first.contains(shown), "{shown} not on page 1: {first}");
        }
        let all = texts.concat();
        for shown in [
            "George C. Palomero Jr.",
            "George Cimafranca Palomero, Jr",
            "CDE Corporation",
            "ABC Corporation",
            "No contributions 2025-06 to 2025-09 (4 months)",
            "Contribution gap",
            "Min gap months: 3",
            "Request more information",
            "What changed since 2026-11-19",
            "Social Security System",
            "PHP 24,000.00",
            "PHP 7,912.50",
            "−25.0 %",
            "tpl-wink-ph-01",
            "https://portal.winklending.ph/verify",
        ] {
            assert!(all.contains(shown), "{shown} missing: {all}");
        }
        assert_fonts_embedded(&pdf);
        assert_eq!(
            attachment(&pdf, "report.json"),
            serde_json::to_vec_pretty(&signed).unwrap()
        );
    }
}

#[test]
fn filipino_indonesian_and_long_names_are_real_text_on_both_papers() {
    let (signed, long) = many_names();
    for paper in Paper::ALL {
        let pdf = Document::load_mem(&render(&signed, FINGERPRINT, paper).unwrap()).unwrap();
        // Wrapped lines are separate runs: compare without the line breaks' spacing.
        let texts = page_texts(&pdf);
        let title: String = texts[0].split_whitespace().collect();
        assert!(
            title.contains(&long.split_whitespace().collect::<String>()),
            "{title}"
        );
        let all: String = texts.concat().split_whitespace().collect();
        for name in [MARIA, SRI, &long] {
            let name: String = name.split_whitespace().collect();
            assert!(all.contains(&name), "{name} missing on {paper}: {all}");
        }
        for words in [
            wink_api::consent_text(wink_api::Lang::Fil),
            CONSENT_TEXT,
            "LanguageFilipino",
        ] {
            let words: String = words.split_whitespace().collect();
            assert!(all.contains(&words), "{words} missing on {paper}");
        }
    }
}

#[test]
fn a_report_without_decision_changes_or_data_still_renders() {
    let mut signed = george();
    let report = &mut signed.report;
    report.decision = None;
    report.changes = None;
    report.sources.clear();
    report.identities.clear();
    report.employments.clear();
    report.contributions.clear();
    report.contribution_gaps.clear();
    report.incomes.clear();
    report.summary.flags.clear();
    let pdf = Document::load_mem(&render(&signed, FINGERPRINT, Paper::A4).unwrap()).unwrap();
    let all = page_texts(&pdf).concat();
    assert!(!all.contains("What changed"));
    assert!(all.contains("No contributions in the data."), "{all}");
}

#[test]
fn markup_in_the_data_is_shown_as_text_not_typeset() {
    let mut signed = george();
    let injected = "#panic(\"x\") = Heading *bold* $x$ <label> @ref";
    signed.report.applicant.full_name = injected.into();
    let pdf = Document::load_mem(&render(&signed, FINGERPRINT, Paper::A4).unwrap()).unwrap();
    assert!(page_texts(&pdf)[0].contains(injected));
}

#[test]
fn an_unparseable_generation_time_is_a_typed_error() {
    let mut signed = george();
    signed.report.generated_at = "yesterday".into();
    assert!(matches!(
        render(&signed, FINGERPRINT, Paper::A4),
        Err(PdfError::GeneratedAt(value)) if value == "yesterday"
    ));
}

#[test]
fn paper_is_read_from_its_query_value() {
    assert_eq!("a4".parse::<Paper>().unwrap(), Paper::A4);
    assert_eq!("letter".parse::<Paper>().unwrap(), Paper::Letter);
    assert!("legal".parse::<Paper>().is_err());
}
