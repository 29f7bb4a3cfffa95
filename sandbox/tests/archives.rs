//! Uploaded documents: analysis decided by the persona and the file name, announced by
//! `ARCHIVE_*` webhooks, in the shapes of Smile's spec.

use reqwest::Method;
use serde_json::{json, Value};

use crate::common::spec::assert_conforms;
use crate::common::{eventually, start, Emu, Exchange, Receiver};

const ARCHIVE_EVENTS: [&str; 4] = [
    "ARCHIVE_STARTED",
    "ARCHIVE_ANALYZED",
    "ARCHIVE_FAILED",
    "ARCHIVE_REVOKED",
];

/// Uploads `file_name` as a payslip in the widget; returns the archive id.
async fn upload(emu: &Emu, token: &str, file_name: &str) -> String {
    let archive: Value = emu
        .link(Method::POST, "/uploads", token)
        .json(&json!({"fileType": "PAYSLIP", "fileName": file_name, "size": 40960}))
        .data()
        .await;
    assert_eq!(archive["state"]["status"], "STARTED");
    archive["id"].as_str().expect("archive id").to_owned()
}

/// The archive once its analysis is over, checked against the spec.
async fn settled(emu: &Emu, id: &str) -> Value {
    let path = format!("/v1/archives/{id}");
    eventually(|| async {
        let got: Value = emu.get(&path).fetch().await;
        got["data"]["state"]["status"] != "STARTED"
    })
    .await;
    let got: Value = emu.get(&path).fetch().await;
    assert_conforms("ArchiveGetResponse", &got);
    got["data"].clone()
}

fn score(archive: &Value, check: &str) -> f64 {
    archive["validation"][check]["score"]
        .as_f64()
        .expect("a score")
}

#[tokio::test]
async fn a_payslip_is_analysed_from_the_linked_persona_and_announced() {
    let emu = start().await;
    let receiver = Receiver::start().await;
    emu.subscribe(&receiver.url, &ARCHIVE_EVENTS, "s3cret")
        .await;
    let (user_id, token) = emu.user().await;
    emu.link_account(
        &token,
        "sss_ph",
        "gpalomero1234@smileapi.io",
        "123456",
        None,
    )
    .await;

    let id = upload(&emu, &token, "payslip-latest.pdf").await;
    let archive = settled(&emu, &id).await;

    assert_eq!(archive["state"]["status"], "ANALYZED");
    assert_eq!(archive["classification"]["fileType"], "PAYSLIP");
    let extraction = &archive["extraction"];
    assert_eq!(extraction["fileType"], "PAYSLIP");
    let payslip = &extraction["analysis"];
    assert_eq!(payslip["employerName"], "ABC Corporation");
    assert_eq!(payslip["employeeName"], "George Cimafranca Palomero, Jr");
    assert_eq!(payslip["currency"], "PHP");
    let (gross, net) = (
        payslip["grossAmount"].as_f64(),
        payslip["netAmount"].as_f64(),
    );
    assert!(gross.zip(net).is_some_and(|(g, n)| g > n && n > 0.0));
    for id_field in ["ssNumber", "taxNumber", "philHealthNumber", "pagIbigNumber"] {
        assert!(payslip[id_field].is_string(), "{id_field}");
    }
    for check in ["metadata", "computation", "identity", "location"] {
        assert_eq!(
            archive["validation"][check]["resultCode"], "PASSED",
            "{check}"
        );
        assert!((80.0..=100.0).contains(&score(&archive, check)), "{check}");
        assert!(archive["validation"][check]["resultMessage"].is_string());
    }

    let events = receiver.wait_for(2).await;
    let types: Vec<String> = events.iter().map(|e| e.event_type()).collect();
    assert_eq!(types, ["ARCHIVE_STARTED", "ARCHIVE_ANALYZED"]);
    for (event, schema) in events
        .iter()
        .zip(["ArchiveStartedEvent", "ArchiveAnalyzedEvent"])
    {
        let event = event.json();
        assert_conforms(schema, &event);
        assert_eq!(event["data"], json!({"userId": user_id, "archiveId": id}));
    }
}

#[tokio::test]
async fn the_file_name_names_the_persona_and_chooses_the_failing_check() {
    let emu = start().await;
    let (_, token) = emu.user().await;

    let ryan = settled(&emu, &upload(&emu, &token, "ryan-payslip.pdf").await).await;
    assert_eq!(
        ryan["extraction"]["analysis"]["employerName"],
        "PT Nusantara Digital"
    );
    assert_eq!(ryan["extraction"]["analysis"]["currency"], "IDR");

    let tampered = settled(&emu, &upload(&emu, &token, "payslip-tampered.pdf").await).await;
    assert_eq!(tampered["validation"]["metadata"]["resultCode"], "FAILED");
    assert!(score(&tampered, "metadata") < 80.0);
    assert!(score(&tampered, "identity") >= 80.0);

    let mismatch = settled(&emu, &upload(&emu, &token, "payslip-mismatch.pdf").await).await;
    assert_eq!(mismatch["validation"]["identity"]["resultCode"], "FAILED");
    assert!(score(&mismatch, "identity") < 80.0);
    assert!(score(&mismatch, "metadata") >= 80.0);
    assert_ne!(
        mismatch["extraction"]["analysis"]["employeeName"],
        "George Cimafranca Palomero, Jr"
    );
}

#[tokio::test]
async fn an_unreadable_file_fails_with_archive_failed() {
    let emu = start().await;
    let receiver = Receiver::start().await;
    emu.subscribe(&receiver.url, &["ARCHIVE_FAILED"], "s3cret")
        .await;
    let (user_id, token) = emu.user().await;

    let id = upload(&emu, &token, "unreadable-scan.png").await;
    let archive = settled(&emu, &id).await;

    assert_eq!(archive["state"]["status"], "ERROR");
    assert!(archive["state"]["errorCode"].is_string());
    assert!(archive["extraction"].is_null());
    let failed = receiver.wait_for(1).await[0].json();
    assert_conforms("ArchiveFailedEvent", &failed);
    assert_eq!(failed["data"]["userId"], user_id.as_str());
    assert_eq!(failed["data"]["archiveId"], id.as_str());
    assert_eq!(failed["data"]["errorCode"], "FILE_UNABLE_TO_RECOGNIZE");
}
