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

/// Checks a whole list answer, which must have items, against the spec's `schema`.
fn assert_list_conforms(schema: &str, list: &Value) {
    assert!(list["data"]["items"]
        .as_array()
        .is_some_and(|items| !items.is_empty()));
    assert_conforms(schema, list);
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
    emu.link_george_sss(&token).await;

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

#[tokio::test]
async fn deleting_an_archive_revokes_it() {
    let emu = start().await;
    let receiver = Receiver::start().await;
    emu.subscribe(&receiver.url, &["ARCHIVE_REVOKED"], "s3cret")
        .await;
    let (user_id, token) = emu.user().await;
    let id = upload(&emu, &token, "payslip.pdf").await;

    let path = format!("/v1/archives/{id}");
    let deleted: Value = emu.delete(&path).fetch().await;
    assert_conforms("CommonResponse", &deleted);
    assert_eq!(emu.get(&path).status().await, 404);
    assert_eq!(emu.delete(&path).status().await, 404);
    let revoked = receiver.wait_for(1).await[0].json();
    assert_conforms("ArchiveRevokedEvent", &revoked);
    assert_eq!(revoked["data"], json!({"userId": user_id, "archiveId": id}));
}

#[tokio::test]
async fn file_types_are_listed_and_filtered() {
    let emu = start().await;
    let all: Value = emu.get("/v1/fileTypes").fetch().await;
    assert_list_conforms("FileTypeListResponse", &all);
    let types: Vec<&str> = all["data"]["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|t| t["type"].as_str())
        .collect();
    for wanted in [
        "PAYSLIP",
        "EMPLOYMENT_CERTIFICATE",
        "TAX_DOCUMENT",
        "CLEARANCE_NBI",
    ] {
        assert!(types.contains(&wanted), "{wanted}");
    }
    let payslip: Value = emu.get("/v1/fileTypes?type=PAYSLIP").fetch().await;
    assert_eq!(payslip["data"]["items"].as_array().map(Vec::len), Some(1));
    let without_ocr: Value = emu.get("/v1/fileTypes?ocr=false").fetch().await;
    let items = without_ocr["data"]["items"].as_array().expect("items");
    assert!(!items.is_empty() && items.iter().all(|t| t["ocr"] == false));
    emu.get("/v1/fileTypes?active=maybe")
        .expect_code(400, "INVALID_PARAMETERS")
        .await;
}

#[tokio::test]
async fn uploads_list_archives_without_their_analysis() {
    let emu = start().await;
    let (user_id, token) = emu.user().await;
    let id = upload(&emu, &token, "payslip.pdf").await;
    settled(&emu, &id).await;

    let uploads: Value = emu
        .get(&format!("/v1/uploads?userId={user_id}"))
        .fetch()
        .await;
    assert_list_conforms("UploadListResponse", &uploads);
    let upload = &uploads["data"]["items"][0];
    assert_eq!(upload["id"], id.as_str());
    assert!(upload.get("extraction").is_none() && upload.get("validation").is_none());
    let archives: Value = emu
        .get(&format!(
            "/v1/archives?userId={user_id}&fileType=TAX_DOCUMENT"
        ))
        .fetch()
        .await;
    assert_eq!(archives["data"]["items"], json!([]));
}

/// A one-file API upload body.
fn api_upload(user_id: &str, file_name: &str) -> Value {
    json!({
        "userId": user_id,
        "fileType": "PAYSLIP",
        "rawFiles": [{
            "fileExtensionType": "PDF",
            "fileSubtype": "PAYSLIP",
            "fileName": file_name,
            "fileContent": "JVBERi0xLjQKJcOkw7zDtsOfCg==",
        }],
    })
}

#[tokio::test]
async fn an_api_upload_is_stored_and_analysed() {
    let emu = start().await;
    let (user_id, _) = emu.user().await;

    let created: Value = emu
        .post("/v1/archives")
        .json(&api_upload(&user_id, "christina-payslip.pdf"))
        .fetch()
        .await;
    assert_conforms("ArchiveCreateResponse", &created);
    let archive = &created["data"];
    assert_eq!(archive["providerId"], "tenant-provided");
    assert_eq!(archive["userId"], user_id.as_str());
    assert_eq!(archive["rawFiles"][0]["format"], "PDF");
    let id = archive["id"].as_str().expect("id");
    let analysed = settled(&emu, id).await;
    assert_eq!(analysed["state"]["status"], "ANALYZED");
    assert_eq!(analysed["extraction"]["analysis"]["currency"], "SGD");
    let incomes = sourced(&emu, "incomes", "Income", id).await;
    assert_eq!(incomes[0]["metadata"]["providerId"], "tenant-provided");
    assert_eq!(incomes[0]["currency"], "SGD");
}

#[tokio::test]
async fn a_bad_api_upload_is_refused_with_smile_s_error() {
    let emu = start().await;
    let (user_id, _) = emu.user().await;
    let mut no_files = api_upload(&user_id, "p.pdf");
    no_files["rawFiles"] = json!([]);
    let mut not_base64 = api_upload(&user_id, "p.pdf");
    not_base64["rawFiles"][0]["fileContent"] = json!("%%% not base64 %%%");
    let mut bad_format = api_upload(&user_id, "p.pdf");
    bad_format["rawFiles"][0]["fileExtensionType"] = json!("DOCX");
    let mut bad_type = api_upload(&user_id, "p.pdf");
    bad_type["fileType"] = json!("SELFIE");
    for body in [no_files, not_base64, bad_format, bad_type] {
        emu.post("/v1/archives")
            .json(&body)
            .expect_code(400, "INVALID_PARAMETERS")
            .await;
    }
    emu.post("/v1/archives")
        .json(&api_upload("nobody", "p.pdf"))
        .expect_code(404, "MISSING_RESOURCE")
        .await;
}

#[tokio::test]
async fn classify_names_the_file_type() {
    let emu = start().await;
    let (user_id, _) = emu.user().await;
    let mut body = api_upload(&user_id, "coe-2024.pdf");
    body.as_object_mut().expect("an object").remove("fileType");

    let classified: Value = emu.post("/v1/archives/classify").json(&body).fetch().await;
    assert_conforms("ArchiveClassifyResponse", &classified);
    assert_eq!(
        classified["data"]["classification"]["fileType"],
        "EMPLOYMENT_CERTIFICATE"
    );
}

/// `type` is required in an `Archive`: an API upload that names no `fileType` gets the
/// classified one.
#[tokio::test]
async fn an_api_upload_without_a_file_type_is_classified() {
    let emu = start().await;
    let (user_id, _) = emu.user().await;
    let mut body = api_upload(&user_id, "tax-2024.pdf");
    body.as_object_mut().expect("an object").remove("fileType");

    let created: Value = emu.post("/v1/archives").json(&body).fetch().await;
    assert_conforms("ArchiveCreateResponse", &created);
    assert_eq!(created["data"]["type"], "TAX_DOCUMENT");
}

#[tokio::test]
async fn several_files_chosen_together_make_one_archive() {
    let emu = start().await;
    let (user_id, token) = emu.user().await;
    let files = json!([
        {"fileName": "coe-page-1.png", "size": 2048},
        {"fileName": "coe-page-2.jpg", "size": 3000},
        {"fileName": "coe-signature.pdf"},
    ]);
    let archive: Value = emu
        .link(Method::POST, "/uploads", &token)
        .json(&json!({"fileType": "EMPLOYMENT_CERTIFICATE", "files": files}))
        .data()
        .await;

    let raw_files = archive["rawFiles"].as_array().expect("rawFiles");
    let described: Vec<(&str, &str, u64)> = raw_files
        .iter()
        .map(|f| {
            let field = |name: &str| f[name].as_str().expect(name);
            (
                field("name"),
                field("format"),
                f["size"].as_u64().expect("size"),
            )
        })
        .collect();
    assert_eq!(
        described,
        [
            ("coe-page-1.png", "PNG", 2),
            ("coe-page-2.jpg", "JPG", 3),
            ("coe-signature.pdf", "PDF", 0),
        ]
    );
    let id = archive["id"].as_str().expect("id");
    assert_eq!(
        settled(&emu, id).await["rawFiles"].as_array().map(Vec::len),
        Some(3)
    );
    let listed: Value = emu
        .get(&format!("/v1/archives?userId={user_id}"))
        .fetch()
        .await;
    assert_eq!(listed["data"]["items"].as_array().map(Vec::len), Some(1));
}

#[tokio::test]
async fn a_bad_widget_upload_is_refused_with_smile_s_error() {
    let emu = start().await;
    let (user_id, token) = emu.user().await;
    let file = json!({"fileName": "payslip.pdf", "size": 10});
    for body in [
        json!({"fileType": "SELFIE", "files": [file]}),
        json!({"fileType": "OTHERS", "files": [file]}),
        json!({"files": [file]}),
        json!({"fileType": "PAYSLIP", "files": []}),
        json!({"fileType": "PAYSLIP", "files": [file, {"fileName": "notes.docx"}]}),
        json!({"fileType": "PAYSLIP", "files": [file], "fileName": "payslip.pdf"}),
        json!({"fileType": "PAYSLIP"}),
    ] {
        let refused = emu
            .link(Method::POST, "/uploads", &token)
            .json(&body)
            .expect_code(400, "INVALID_PARAMETERS")
            .await;
        assert_conforms("CommonResponse", &refused);
    }
    let listed: Value = emu
        .get(&format!("/v1/archives?userId={user_id}"))
        .fetch()
        .await;
    assert_eq!(listed["data"]["items"], json!([]));
}

/// The `kind` items (`identities`, `employments`, `incomes`) whose source is `id`,
/// checked against the spec's `schema`.
async fn sourced(emu: &Emu, kind: &str, schema: &str, id: &str) -> Vec<Value> {
    let list: Value = emu.get(&format!("/v1/{kind}?sourceId={id}")).fetch().await;
    let items = list["data"]["items"].as_array().expect("items").clone();
    for item in &items {
        assert_conforms(schema, item);
        assert_eq!(item["metadata"]["sourceId"], id);
        assert_eq!(item["metadata"]["sourceType"], "ARCHIVE");
    }
    items
}

#[tokio::test]
async fn an_analysed_payslip_is_served_as_data_from_its_archive() {
    let emu = start().await;
    let (user_id, token) = emu.user().await;
    let account = emu.link_george_sss(&token).await;
    let id = upload(&emu, &token, "payslip.pdf").await;
    let payslip = settled(&emu, &id).await["extraction"]["analysis"].clone();

    let [identity] = &sourced(&emu, "identities", "Identity", &id).await[..] else {
        panic!("one identity");
    };
    assert_eq!(identity["fullName"], payslip["employeeName"]);
    assert_eq!(identity["metadata"]["userId"], user_id.as_str());
    assert_eq!(identity["metadata"]["providerId"], "user-provided");
    let [employment] = &sourced(&emu, "employments", "Employment", &id).await[..] else {
        panic!("one employment");
    };
    assert_eq!(employment["employer"], "ABC Corporation");
    let [income] = &sourced(&emu, "incomes", "Income", &id).await[..] else {
        panic!("one income");
    };
    for (field, from) in [
        ("grossAmount", "grossAmount"),
        ("netAmount", "netAmount"),
        ("startDate", "startDate"),
        ("endDate", "endDate"),
        ("currency", "currency"),
        ("employer", "employerName"),
    ] {
        assert_eq!(income[field], payslip[from], "{field}");
    }
    assert!(sourced(&emu, "contributions", "Contribution", &id)
        .await
        .is_empty());

    // By user: the account's items and the archive's together, each with its source.
    let identities: Value = emu
        .get(&format!("/v1/identities?userId={user_id}"))
        .fetch()
        .await;
    let sources: Vec<&str> = identities["data"]["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["metadata"]["sourceId"].as_str())
        .collect();
    assert_eq!(sources.len(), 2);
    assert!(sources.contains(&id.as_str()) && sources.contains(&account.id.as_str()));
    let by_id: Value = emu
        .get(&format!(
            "/v1/incomes/{}",
            income["id"].as_str().expect("id")
        ))
        .fetch()
        .await;
    assert_eq!(&by_id["data"], income);
}

#[tokio::test]
async fn a_mismatch_document_s_identity_is_the_other_name() {
    let emu = start().await;
    let (_, token) = emu.user().await;
    let id = upload(&emu, &token, "payslip-mismatch.pdf").await;
    let archive = settled(&emu, &id).await;
    let identities = sourced(&emu, "identities", "Identity", &id).await;
    assert_eq!(identities.len(), 1);
    assert_eq!(
        identities[0]["fullName"],
        archive["extraction"]["analysis"]["employeeName"]
    );
    assert_ne!(identities[0]["fullName"], "George Cimafranca Palomero, Jr");
}

#[tokio::test]
async fn revoking_an_archive_deletes_its_data() {
    let emu = start().await;
    let (_, token) = emu.user().await;
    let deleted_by_api = upload(&emu, &token, "payslip-may.pdf").await;
    let removed_in_widget = upload(&emu, &token, "payslip-june.pdf").await;
    for id in [&deleted_by_api, &removed_in_widget] {
        settled(&emu, id).await;
        assert!(!sourced(&emu, "identities", "Identity", id).await.is_empty());
    }
    let income = sourced(&emu, "incomes", "Income", &deleted_by_api).await[0]["id"].clone();

    emu.delete(&format!("/v1/archives/{deleted_by_api}"))
        .expect_code(200, "OK")
        .await;
    emu.link(
        Method::DELETE,
        &format!("/uploads/{removed_in_widget}"),
        &token,
    )
    .expect_code(200, "OK")
    .await;
    for id in [&deleted_by_api, &removed_in_widget] {
        for (kind, schema) in [
            ("identities", "Identity"),
            ("employments", "Employment"),
            ("incomes", "Income"),
        ] {
            assert!(sourced(&emu, kind, schema, id).await.is_empty(), "{kind}");
        }
    }
    emu.get(&format!("/v1/incomes/{}", income.as_str().expect("id")))
        .expect_code(404, "MISSING_RESOURCE")
        .await;
}

#[tokio::test]
async fn an_unreadable_file_yields_no_data() {
    let emu = start().await;
    let (user_id, token) = emu.user().await;
    let id = upload(&emu, &token, "payslip-unreadable.pdf").await;
    assert_eq!(settled(&emu, &id).await["state"]["status"], "ERROR");
    let identities: Value = emu
        .get(&format!("/v1/identities?userId={user_id}"))
        .fetch()
        .await;
    assert_eq!(identities["data"]["items"], json!([]));
}
