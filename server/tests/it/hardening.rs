//! Hardened serving: the Content-Security-Policy of each front end, security headers on
//! every kind of route, caching and compression (issue 8, item 3).

use std::collections::HashMap;

use base64::Engine as _;
use reqwest::header::HeaderMap;
use sha2::{Digest, Sha256};

use crate::common::TestServer;

/// trunk's inline bootstrap, as in a release build's index.html.
const BOOTSTRAP: &str = "\nimport init, * as bindings from '/wink-portal-0123456789abcdef.js';\nconst wasm = await init({ module_or_path: '/wink-portal-0123456789abcdef_bg.wasm' });\n";
const OFFICER_BOOTSTRAP: &str =
    "\nimport init from '/officer/wink-officer-fedcba9876543210.js';\nawait init();\n";

/// A `dist/` like trunk's release build: the index page with its inline bootstrap, and
/// hashed assets big enough to be worth compressing.
fn build_front_end(dist: &std::path::Path, bootstrap: &str, js: &str) {
    std::fs::create_dir_all(dist).unwrap();
    std::fs::write(
        dist.join("index.html"),
        format!("<!DOCTYPE html><html><head><title>Wink Portal</title>\n<script type=\"module\">{bootstrap}</script><link rel=\"modulepreload\" href=\"/{js}\"></head><body></body></html>"),
    )
    .unwrap();
    let code = "export function hello() { return 'hello from a hashed asset'; }\n".repeat(50);
    std::fs::write(dist.join(js), code).unwrap();
    std::fs::write(
        dist.join(js.replace(".js", "_bg.wasm")),
        [0u8, 97, 115, 109, 1, 0, 0, 0].repeat(200),
    )
    .unwrap();
}

fn sha256_source(script: &str) -> String {
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script.as_bytes()))
    )
}

/// A server in `mode` with both front ends built.
async fn server(mode: &str) -> (TestServer, tempfile::TempDir) {
    let officer = tempfile::tempdir().unwrap();
    build_front_end(
        officer.path(),
        OFFICER_BOOTSTRAP,
        "wink-officer-fedcba9876543210.js",
    );
    let officer_dir = officer.path().display().to_string();
    let args = [
        "--officer-dist-dir",
        officer_dir.as_str(),
        "--background",
        "false",
    ];
    let server = match mode {
        "emulator" => TestServer::start_with(&args).await,
        real => TestServer::start_in_mode(real, &args).await,
    };
    build_front_end(server.dist(), BOOTSTRAP, "wink-portal-0123456789abcdef.js");
    (server, officer)
}

async fn get(server: &TestServer, path: &str, encoding: Option<&str>) -> reqwest::Response {
    let client = reqwest::Client::new();
    let mut request = client.get(format!("{}{path}", server.url));
    if let Some(encoding) = encoding {
        request = request.header("accept-encoding", encoding);
    }
    request.send().await.unwrap()
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).map(|v| v.to_str().unwrap())
}

/// A response's Content-Security-Policy, and its directives by name.
fn policy_of(response: &reqwest::Response) -> (String, HashMap<String, String>) {
    let csp = header(response.headers(), "content-security-policy")
        .unwrap()
        .to_owned();
    let directives = directives(&csp);
    (csp, directives)
}

/// CSP directives by name.
fn directives(csp: &str) -> HashMap<String, String> {
    csp.split(';')
        .filter_map(|d| {
            let d = d.trim();
            let (name, value) = d.split_once(' ').unwrap_or((d, ""));
            (!name.is_empty()).then(|| (name.to_owned(), value.to_owned()))
        })
        .collect()
}

/// Headers every response carries, whatever the route.
fn assert_common(headers: &HeaderMap, route: &str, hsts: bool) {
    assert_eq!(
        header(headers, "x-content-type-options"),
        Some("nosniff"),
        "{route}"
    );
    assert_eq!(
        header(headers, "referrer-policy"),
        Some("no-referrer"),
        "{route}"
    );
    let permissions = header(headers, "permissions-policy").unwrap_or_default();
    for feature in ["camera=()", "microphone=()", "geolocation=()", "payment=()"] {
        assert!(permissions.contains(feature), "{route}: {permissions}");
    }
    let sts = header(headers, "strict-transport-security");
    if hsts {
        assert!(
            sts.is_some_and(|v| v.starts_with("max-age=") && v.contains("includeSubDomains")),
            "{route}: {sts:?}"
        );
    } else {
        assert_eq!(
            sts, None,
            "{route}: no HSTS on http://localhost in emulator mode"
        );
    }
}

const ROUTES: [&str; 9] = [
    "/",
    "/apply",
    "/officer/",
    "/officer/applicants/42",
    "/wink-portal-0123456789abcdef.js",
    "/api/info",
    "/api/no-such-thing",
    "/healthz",
    "/readyz",
];

#[tokio::test]
async fn emulator_mode_pages_allow_only_their_own_origin() {
    let (server, _officer) = server("emulator").await;
    for route in ROUTES {
        let response = get(&server, route, None).await;
        assert_common(response.headers(), route, false);
    }
    for route in ["/", "/apply", "/applicants/42", "/index.html"] {
        let response = get(&server, route, None).await;
        assert_eq!(response.status(), 200, "{route}");
        let (csp, d) = policy_of(&response);
        assert_eq!(d["default-src"], "'self'", "{csp}");
        assert_eq!(
            d["script-src"],
            format!("'self' 'wasm-unsafe-eval' {}", sha256_source(BOOTSTRAP)),
            "the widget is same-origin (/sandbox/smile.v2.js): {csp}"
        );
        assert_eq!(d["connect-src"], "'self'", "{csp}");
        assert_eq!(d["object-src"], "'none'", "{csp}");
        assert_eq!(d["base-uri"], "'none'", "{csp}");
        assert_eq!(d["frame-ancestors"], "'none'", "{csp}");
        assert_eq!(d["form-action"], "'self'", "{csp}");
        assert!(!csp.contains("https:") && !csp.contains("nonce-"), "{csp}");
        assert!(!csp.contains("'unsafe-eval'"), "{csp}");
        assert_eq!(
            header(response.headers(), "cache-control"),
            Some("no-cache")
        );
    }
}

#[tokio::test]
async fn the_dashboard_allows_no_third_party_source_in_any_mode() {
    for mode in ["emulator", "sandbox", "production"] {
        let (server, _officer) = server(mode).await;
        for route in ["/officer/", "/officer/applicants/42", "/officer/index.html"] {
            let response = get(&server, route, None).await;
            assert_eq!(response.status(), 200, "{mode} {route}");
            let (csp, d) = policy_of(&response);
            assert_eq!(
                d["script-src"],
                format!(
                    "'self' 'wasm-unsafe-eval' {}",
                    sha256_source(OFFICER_BOOTSTRAP)
                ),
                "{mode} {route}: {csp}"
            );
            assert_eq!(d["frame-src"], "'none'", "{csp}");
            assert_eq!(d["style-src"], "'self'", "{csp}");
            assert_eq!(d["connect-src"], "'self'", "{csp}");
            assert_eq!(d["default-src"], "'self'", "{csp}");
            // Identity photos (`photoUrl`) are on Smile's CDN: images only, nothing else.
            assert_eq!(
                d["img-src"], "'self' data: https://cdn.smileapi.io",
                "{csp}"
            );
            assert!(
                !csp.contains("web.smileapi.io") && !csp.contains("link"),
                "{csp}"
            );
            assert!(!csp.contains("unsafe-inline"), "{csp}");
        }
    }
}

#[tokio::test]
async fn real_modes_allow_the_widget_hosts_and_send_hsts() {
    for (mode, link_host) in [
        ("sandbox", "https://link-sandbox.smileapi.io"),
        ("production", "https://link.smileapi.io"),
    ] {
        let (server, _officer) = server(mode).await;
        for route in ROUTES {
            let response = get(&server, route, None).await;
            assert_common(response.headers(), &format!("{mode} {route}"), true);
        }
        let response = get(&server, "/apply", None).await;
        let (csp, d) = policy_of(&response);
        assert_eq!(
            d["script-src"],
            format!(
                "'self' 'wasm-unsafe-eval' {} https://web.smileapi.io",
                sha256_source(BOOTSTRAP)
            ),
            "{csp}"
        );
        assert_eq!(d["connect-src"], format!("'self' {link_host}"), "{csp}");
        assert_eq!(d["frame-src"], "https://web.smileapi.io", "{csp}");
        assert_eq!(
            d["img-src"], "'self' data: https://web.smileapi.io https://cdn.smileapi.io",
            "{csp}"
        );
        assert_eq!(d["frame-ancestors"], "'none'", "{csp}");
    }
}

#[tokio::test]
async fn api_answers_are_never_stored_nor_compressed() {
    let (server, _officer) = server("emulator").await;
    for route in ["/api/info", "/api/no-such-thing", "/api/applications/me"] {
        let response = get(&server, route, Some("gzip, br")).await;
        assert_eq!(
            header(response.headers(), "cache-control"),
            Some("no-store"),
            "{route}"
        );
        assert_eq!(
            header(response.headers(), "content-encoding"),
            None,
            "{route}: BREACH"
        );
    }
}

#[tokio::test]
async fn hashed_assets_are_immutable_and_compressed() {
    let (server, _officer) = server("emulator").await;
    for (route, encoding) in [
        ("/wink-portal-0123456789abcdef.js", "gzip"),
        ("/wink-portal-0123456789abcdef_bg.wasm", "gzip"),
        ("/wink-portal-0123456789abcdef_bg.wasm", "br"),
        ("/officer/wink-officer-fedcba9876543210.js", "gzip"),
    ] {
        let plain = get(&server, route, None).await;
        assert_eq!(plain.status(), 200, "{route}");
        assert_eq!(header(plain.headers(), "content-encoding"), None, "{route}");
        let plain_len = plain.bytes().await.unwrap().len();
        let response = get(&server, route, Some(encoding)).await;
        assert_eq!(response.status(), 200, "{route}");
        assert_eq!(
            header(response.headers(), "cache-control"),
            Some("public, max-age=31536000, immutable"),
            "{route}"
        );
        assert_eq!(
            header(response.headers(), "content-encoding"),
            Some(encoding),
            "{route}"
        );
        assert_eq!(
            header(response.headers(), "x-content-type-options"),
            Some("nosniff")
        );
        let compressed_len = response.bytes().await.unwrap().len();
        assert!(
            compressed_len < plain_len / 4,
            "{route}: {compressed_len} of {plain_len}"
        );
    }
    // The page itself is revalidated, never cached for a year.
    let page = get(&server, "/", Some("gzip")).await;
    assert_eq!(header(page.headers(), "cache-control"), Some("no-cache"));
}

/// A release build's `name.br` (compressed once at brotli's best by `cargo xtask`) is sent
/// as it is to a browser that accepts brotli; others get the file, gzipped per request.
#[tokio::test]
async fn a_precompressed_asset_is_sent_as_built() {
    let (server, _officer) = server("emulator").await;
    let name = "wink-portal-00000000000000aa_bg.wasm";
    std::fs::write(server.dist().join(name), vec![7u8; 50_000]).unwrap();
    let built = b"precompressed at build time".to_vec();
    std::fs::write(server.dist().join(format!("{name}.br")), &built).unwrap();
    let route = format!("/{name}");
    let response = get(&server, &route, Some("gzip, deflate, br")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(response.headers(), "content-encoding"), Some("br"));
    assert_eq!(
        header(response.headers(), "cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(response.bytes().await.unwrap().as_ref(), built.as_slice());
    let gzip = get(&server, &route, Some("gzip")).await;
    assert_eq!(header(gzip.headers(), "content-encoding"), Some("gzip"));
    assert!(gzip.bytes().await.unwrap().len() < 1_000);
}

async fn prerendered_page(
    server: &TestServer,
    route: &str,
    language: &str,
    cookie: Option<&str>,
) -> (HeaderMap, String) {
    let mut request = reqwest::Client::new()
        .get(format!("{}{route}", server.url))
        .header("accept-language", language);
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status(), 200, "{route}");
    let headers = response.headers().clone();
    (headers, response.text().await.unwrap())
}

/// A route whose first screen the release build prerendered is sent as that page, in the
/// reader's language (the app's `wink_lang` cookie, else `Accept-Language`), with the same
/// CSP as `index.html` and revalidated; other routes, and languages not prerendered, get
/// `index.html`.
#[tokio::test]
async fn prerendered_first_screens_in_the_readers_language() {
    let (server, officer) = server("emulator").await;
    for (lang, route, file) in [
        ("en", "/apply", "apply"),
        ("fil", "/apply", "apply"),
        ("fil", "/", "index"),
    ] {
        let dir = server.dist().join("prerendered").join(lang);
        std::fs::create_dir_all(&dir).unwrap();
        let html = std::fs::read_to_string(server.dist().join("index.html"))
            .unwrap()
            .replace(
                "<body>",
                &format!("<body><main data-prerendered>{lang} {route}</main>"),
            );
        std::fs::write(dir.join(format!("{file}.html")), html).unwrap();
    }
    let page = |route: &'static str, language: &'static str, cookie: Option<&'static str>| {
        prerendered_page(&server, route, language, cookie)
    };
    let (headers, body) = page("/apply", "fil-PH,en;q=0.5", None).await;
    assert!(
        body.contains("<main data-prerendered>fil /apply</main>"),
        "{body}"
    );
    assert!(
        header(&headers, "content-security-policy")
            .is_some_and(|csp| csp.contains(&sha256_source(BOOTSTRAP))),
        "the bootstrap's hash, as for index.html"
    );
    assert_eq!(header(&headers, "cache-control"), Some("no-cache"));
    assert_eq!(header(&headers, "vary"), Some("accept-language, cookie"));
    let (_, body) = page("/apply", "fil-PH", Some("wink_lang=en")).await;
    assert!(body.contains(">en /apply<"), "the app's last language wins");
    // A browser revalidating the Filipino copy after a switch to English gets English, not
    // a 304 for the copy it has.
    let revalidated = reqwest::Client::new()
        .get(format!("{}/apply", server.url))
        .header("cookie", "wink_lang=en")
        .header("if-modified-since", "Fri, 01 Jan 2100 00:00:00 GMT")
        .send()
        .await
        .unwrap();
    assert_eq!(revalidated.status(), 200);
    assert!(revalidated.text().await.unwrap().contains(">en /apply<"));
    let (_, body) = page("/apply/", "de, en;q=0.1", None).await;
    assert!(body.contains(">en /apply<"));
    let (_, body) = page("/", "tl", None).await;
    assert!(body.contains(">fil /<"));
    // Not prerendered: English for `/`, and every other route, is the app's index.html.
    for (route, language) in [("/", "en"), ("/link", "fil"), ("/resume/abc", "fil")] {
        let (_, body) = page(route, language, None).await;
        assert!(!body.contains("data-prerendered"), "{route}: {body}");
    }
    let (_, body) = page("/apply", "id", None).await;
    assert!(
        body.contains(">en /apply<"),
        "English when the reader's is not there"
    );
    // The officers' sign-in, prerendered: sent without a session cookie only.
    let signin = officer.path().join("prerendered/en");
    std::fs::create_dir_all(&signin).unwrap();
    std::fs::write(
        signin.join("index.html"),
        "<main data-prerendered>sign in</main>",
    )
    .unwrap();
    let (_, body) = page("/officer/", "en", None).await;
    assert!(body.contains(">sign in<"), "{body}");
    let (_, body) = page("/officer/", "en", Some("wink_officer=abc")).await;
    assert!(
        !body.contains("data-prerendered"),
        "signed in: the app's own page"
    );
    // Nothing outside `prerendered/`, whatever the path says.
    let sneaky = get(&server, "/..%2Findex", None).await;
    assert_ne!(sneaky.status(), 500);
}

/// With the first screens' own build in `dist/start/`, `/` and `/apply` are its pages (or
/// its prerendered ones), every other route the whole app's; one CSP allows both
/// bootstraps by hash, and the smaller build's hashed files are cached like the app's.
#[tokio::test]
async fn the_first_screens_come_from_their_own_smaller_build() {
    let (server, _officer) = server("emulator").await;
    // Before it is built (`trunk serve` during development), the whole app serves them.
    let (_, body) = prerendered_page(&server, "/apply", "en", None).await;
    assert!(body.contains("wink-portal-0123456789abcdef.js"), "{body}");
    const START_BOOTSTRAP: &str =
        "\nimport init from '/start/wink-start-00aabbccddeeff11.js';\nawait init();\n";
    let start = server.dist().join("start");
    build_front_end(&start, START_BOOTSTRAP, "wink-start-00aabbccddeeff11.js");
    // It brings prerendered pages to life and renders nothing itself: until its pages are
    // rendered, the whole app still serves them.
    let (_, body) = prerendered_page(&server, "/apply", "en", None).await;
    assert!(body.contains("wink-portal-0123456789abcdef.js"), "{body}");
    let english = start.join("prerendered/en");
    std::fs::create_dir_all(&english).unwrap();
    for page in ["index.html", "apply.html"] {
        std::fs::copy(start.join("index.html"), english.join(page)).unwrap();
    }
    for route in ["/", "/apply", "/apply/"] {
        let (headers, body) = prerendered_page(&server, route, "en", None).await;
        assert!(
            body.contains("wink-start-00aabbccddeeff11.js"),
            "{route}: {body}"
        );
        let csp = header(&headers, "content-security-policy").unwrap_or_default();
        assert!(
            csp.contains(&sha256_source(START_BOOTSTRAP)),
            "{route}: {csp}"
        );
        assert!(csp.contains(&sha256_source(BOOTSTRAP)), "{route}: {csp}");
        assert_eq!(header(&headers, "cache-control"), Some("no-cache"));
    }
    for route in ["/link", "/done", "/resume/abc", "/applyx"] {
        let (headers, body) = prerendered_page(&server, route, "en", None).await;
        assert!(
            body.contains("wink-portal-0123456789abcdef.js"),
            "{route}: {body}"
        );
        let csp = header(&headers, "content-security-policy").unwrap_or_default();
        assert!(
            csp.contains(&sha256_source(START_BOOTSTRAP)),
            "{route}: {csp}"
        );
    }
    // Its prerendered pages are its own, in the reader's language.
    let dir = start.join("prerendered/fil");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("apply.html"),
        "<main data-prerendered>fil start</main>",
    )
    .unwrap();
    let (_, body) = prerendered_page(&server, "/apply", "fil-PH", None).await;
    assert!(body.contains(">fil start<"), "{body}");
    let (_, body) = prerendered_page(&server, "/apply", "en", None).await;
    assert!(body.contains("wink-start-00aabbccddeeff11.js"), "{body}");
    let asset = get(&server, "/start/wink-start-00aabbccddeeff11_bg.wasm", None).await;
    assert_eq!(asset.status(), 200);
    assert_eq!(
        header(asset.headers(), "cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    // Only reads: a POST to `/apply` is no page of either build.
    let post = reqwest::Client::new()
        .post(format!("{}/apply", server.url))
        .send()
        .await
        .unwrap();
    assert_ne!(post.status(), 200);
}

#[tokio::test]
async fn unhashed_files_such_as_translations_are_revalidated() {
    let (server, _officer) = server("emulator").await;
    std::fs::create_dir_all(server.dist().join("locales")).unwrap();
    std::fs::write(
        server.dist().join("locales/fil.json"),
        r#"{"common.skip_link": "Lumaktaw sa nilalaman"}"#,
    )
    .unwrap();
    let response = get(&server, "/locales/fil.json", Some("gzip")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        header(response.headers(), "cache-control"),
        Some("no-cache")
    );
    assert!(header(response.headers(), "content-type").is_some_and(|t| t.contains("json")));
}

#[tokio::test]
async fn the_bootstrap_hash_follows_a_rebuilt_index_page() {
    let (server, _officer) = server("emulator").await;
    let first = get(&server, "/", None).await;
    let first = policy_of(&first).0;
    assert!(first.contains(&sha256_source(BOOTSTRAP)), "{first}");
    let rebuilt = "\nimport init from '/wink-portal-aaaaaaaaaaaaaaaa.js';\nawait init();\n";
    build_front_end(server.dist(), rebuilt, "wink-portal-aaaaaaaaaaaaaaaa.js");
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
    std::fs::File::options()
        .write(true)
        .open(server.dist().join("index.html"))
        .unwrap()
        .set_modified(later)
        .unwrap();
    let second = get(&server, "/apply", None).await;
    let second = policy_of(&second).0;
    assert!(second.contains(&sha256_source(rebuilt)), "{second}");
    assert!(!second.contains(&sha256_source(BOOTSTRAP)), "{second}");
}
