//! Security headers: the Content-Security-Policy of each front end, and the headers every
//! response carries (nosniff, Referrer-Policy, Permissions-Policy, HSTS outside emulator mode).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use axum::http::{header, HeaderName, HeaderValue, Response};
use base64::Engine as _;
use sha2::{Digest, Sha256};
use wink_api::Mode;

/// `Permissions-Policy`: the portal needs none of these features. (A file `<input>` for
/// uploads needs no permission.)
pub const PERMISSIONS_POLICY: &str = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";
/// `Referrer-Policy`: resume links carry a token in their URL; no other origin sees it.
pub const REFERRER_POLICY: &str = "no-referrer";
/// `Strict-Transport-Security` outside emulator mode (two years, as browsers' preload
/// lists expect).
pub const HSTS: &str = "max-age=63072000; includeSubDomains";
/// The CSP of any other HTML response (an error page, say): nothing may load or run.
pub const FALLBACK_CSP: &str =
    "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

pub const PERMISSIONS_POLICY_HEADER: HeaderName = HeaderName::from_static("permissions-policy");

/// Where the Smile widget comes from and talks to, as CSP sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WidgetSources {
    /// The origin of `smile.v2.js` (`'self'` when the page's own origin serves it, as the
    /// embedded emulator does at `/sandbox/smile.v2.js`).
    pub script: String,
    /// The origin of the widget's Link API (`apiHost`), `'self'` for the emulator.
    pub api: String,
}

impl WidgetSources {
    /// From the script URL and `apiHost` the server hands the widget: a relative URL (or no
    /// `apiHost`) is this origin.
    pub fn new(script_url: &str, api_host: Option<&str>) -> Self {
        let origin = |url: &str| origin_of(url).unwrap_or_else(|| "'self'".to_owned());
        Self {
            script: origin(script_url),
            api: api_host.map_or_else(|| "'self'".to_owned(), origin),
        }
    }
}

/// Which front end a page belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    /// The applicant app: it loads Smile's widget on the link page.
    Applicant(WidgetSources),
    /// The officers' dashboard: no third-party source at all.
    Officer,
}

impl Page {
    /// The policy for this page, `script_hashes` being the `'sha256-…'` sources of the
    /// page's inline scripts (trunk's bootstrap module).
    pub fn csp(&self, script_hashes: &[String]) -> String {
        let hashes: String = script_hashes.iter().map(|h| format!(" {h}")).collect();
        match self {
            Page::Applicant(widget) => {
                // 'self' is already there; a same-origin widget (the emulator) adds nothing.
                let extra = |source: &str| {
                    if source == "'self'" {
                        String::new()
                    } else {
                        format!(" {source}")
                    }
                };
                let script = extra(&widget.script);
                let api = extra(&widget.api);
                // Provider logos in the widget come from Smile's CDN (Smile's widget only;
                // the emulator's stand-in draws none).
                let logos = if widget.script == "'self'" {
                    String::new()
                } else {
                    format!(" {}", smile_api::hosts::STATIC_ASSETS_ORIGIN)
                };
                let frame = if widget.script == "'self'" {
                    "'self'".to_owned()
                } else {
                    widget.script.clone()
                };
                // style-src 'unsafe-inline': the widget styles itself with an injected
                // <style> sheet (the emulator's stand-in does, and Smile's evergreen script
                // cannot be hashed); the app itself uses only its stylesheet. Scripts stay
                // strict: no inline script but trunk's bootstrap, by hash.
                format!(
                    "default-src 'self'; \
                     script-src 'self' 'wasm-unsafe-eval'{hashes}{script}; \
                     connect-src 'self'{api}; \
                     frame-src {frame}; \
                     img-src 'self' data:{script}{logos}; \
                     style-src 'self' 'unsafe-inline'{script}; \
                     font-src 'self'{script}; \
                     object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
                )
            }
            // No third-party script, frame or connection; images only from Smile's CDN,
            // where the identity photos the dashboard shows (`photoUrl`) live.
            Page::Officer => format!(
                "default-src 'self'; \
                 script-src 'self' 'wasm-unsafe-eval'{hashes}; \
                 connect-src 'self'; \
                 frame-src 'none'; \
                 img-src 'self' data: {cdn}; \
                 style-src 'self'; \
                 font-src 'self'; \
                 object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
                cdn = smile_api::hosts::STATIC_ASSETS_ORIGIN,
            ),
        }
    }
}

/// The CSP header of one front end's pages: computed from its index files (the whole app's
/// and, for the applicant, the first screens' build) when the server starts, and again
/// whenever one changes (a rebuild during development).
#[derive(Clone)]
pub struct HtmlPolicy {
    page: Page,
    indexes: Vec<PathBuf>,
    cache: Arc<Mutex<Option<Computed>>>,
}

/// A computed header and the modification times of the index files it was computed from.
type Computed = (Vec<Option<SystemTime>>, HeaderValue);

impl HtmlPolicy {
    pub fn new(page: Page, indexes: Vec<PathBuf>) -> Self {
        let policy = Self {
            page,
            indexes,
            cache: Arc::new(Mutex::new(None)),
        };
        policy.header();
        policy
    }

    /// The `Content-Security-Policy` value for the index pages as they are on disk now:
    /// each page's bootstrap is allowed by its hash, and nothing else inline.
    pub fn header(&self) -> HeaderValue {
        let modified: Vec<Option<SystemTime>> = self
            .indexes
            .iter()
            .map(|index| std::fs::metadata(index).and_then(|m| m.modified()).ok())
            .collect();
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((when, value)) = cache.as_ref() {
            if *when == modified && modified.iter().any(Option::is_some) {
                return value.clone();
            }
        }
        let hashes: Vec<String> = self
            .indexes
            .iter()
            .filter_map(|index| std::fs::read_to_string(index).ok())
            .flat_map(|html| inline_script_hashes(&html))
            .collect();
        let value = HeaderValue::from_str(&self.page.csp(&hashes))
            .expect("a CSP built from origins and base64 is a valid header value");
        *cache = Some((modified, value.clone()));
        value
    }
}

/// `'sha256-…'` of the content of each `<script>` without `src` (trunk's inline bootstrap
/// `<script type="module">import init … </script>`), exactly as the browser hashes it.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let lower = html.to_ascii_lowercase();
    let mut at = 0;
    while let Some(start) = lower[at..].find("<script").map(|i| i + at) {
        let Some(tag_end) = lower[start..].find('>').map(|i| i + start) else {
            break;
        };
        let Some(close) = lower[tag_end..].find("</script").map(|i| i + tag_end) else {
            break;
        };
        let tag = &lower[start..tag_end];
        let has_src = tag
            .split(|c: char| c.is_ascii_whitespace())
            .any(|attr| attr.starts_with("src="));
        if !has_src {
            let content = &html[tag_end + 1..close];
            let digest = Sha256::digest(content.as_bytes());
            hashes.push(format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            ));
        }
        at = close;
    }
    hashes
}

/// `https://host[:port]` of an absolute http(s) URL.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    if scheme != "https" && scheme != "http" {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    (!authority.is_empty()).then(|| format!("{scheme}://{authority}"))
}

/// HSTS for every response outside emulator mode (which runs on plain http://localhost).
pub fn hsts(mode: Mode) -> Option<HeaderValue> {
    (mode != Mode::Emulator).then(|| HeaderValue::from_static(HSTS))
}

/// The fallback CSP for an HTML response that has none of its own.
pub fn fallback_csp<B>(response: &Response<B>) -> Option<HeaderValue> {
    is_html(response).then(|| HeaderValue::from_static(FALLBACK_CSP))
}

pub fn is_html<B>(response: &Response<B>) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"))
}

/// A file name trunk hashed (`wink-portal-6a7114df5ad7c8c4_bg.wasm`, `main-10d8…f.css`):
/// its content never changes under that name. Trunk writes its 64-bit hash in hex without
/// leading zeros (`main-18988bd283adf55.css`), so 12 to 16 digits count: fewer is one name
/// in 65,536 and then only revalidates.
pub fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let Some((stem, _)) = name.split_once('.') else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (12..=16).contains(&hash.len())
            && hash
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

/// The index file of a front end.
pub fn index_of(dist: &Path) -> PathBuf {
    dist.join("index.html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_bootstrap_is_hashed_and_external_scripts_are_not() {
        let html = "<head><script type=\"module\">\nimport init from '/a.js';\n</script>\
                    <script src=\"/b.js\"></script><SCRIPT>x()</SCRIPT></head>";
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 2);
        let expected = base64::engine::general_purpose::STANDARD
            .encode(Sha256::digest(b"\nimport init from '/a.js';\n"));
        assert_eq!(hashes[0], format!("'sha256-{expected}'"));
        assert!(inline_script_hashes("<p>no script</p>").is_empty());
    }

    #[test]
    fn officer_policy_has_no_third_party_script_frame_or_connection() {
        let csp = Page::Officer.csp(&["'sha256-abc'".into()]);
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc';"),
            "{csp}"
        );
        assert!(
            csp.contains("img-src 'self' data: https://cdn.smileapi.io;"),
            "{csp}"
        );
        let without_images = csp.replace("https://cdn.smileapi.io;", "");
        assert!(!without_images.contains("https:"), "{csp}");
        assert!(!csp.contains("unsafe-inline"), "{csp}");
    }

    #[test]
    fn applicant_policy_names_the_widget_hosts_of_the_mode() {
        let emulator = Page::Applicant(WidgetSources::new("/sandbox/smile.v2.js", None)).csp(&[]);
        assert!(!emulator.contains("https:"), "{emulator}");
        assert!(emulator.contains("frame-src 'self';"), "{emulator}");
        let sandbox = Page::Applicant(WidgetSources::new(
            smile_api::hosts::WIDGET_SCRIPT_URL,
            Some(smile_api::hosts::LINK_HOST_SANDBOX),
        ))
        .csp(&[]);
        assert!(
            sandbox.contains("script-src 'self' 'wasm-unsafe-eval' https://web.smileapi.io;"),
            "{sandbox}"
        );
        assert!(
            sandbox.contains("connect-src 'self' https://link-sandbox.smileapi.io;"),
            "{sandbox}"
        );
        assert!(
            sandbox.contains("frame-src https://web.smileapi.io;"),
            "{sandbox}"
        );
    }

    #[test]
    fn hashed_assets_are_recognised() {
        assert!(is_hashed_asset("/wink-portal-6a7114df5ad7c8c4_bg.wasm"));
        assert!(is_hashed_asset("/officer/main-10d805ceff2f86af.css"));
        // Trunk drops a hash's leading zeros.
        assert!(is_hashed_asset("/main-18988bd283adf55.css"));
        assert!(!is_hashed_asset("/locales/fil.json"));
        assert!(!is_hashed_asset("/a-cafe.css"));
        assert!(!is_hashed_asset("/favicon.svg"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/main-10d805ceff2f86ag.css"));
    }
}
