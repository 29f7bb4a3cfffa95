//! Brotli at its best quality, once at build time, for the wasm, JS and CSS trunk built:
//! the server sends `name.br` to browsers that accept it (`ServeDir::precompressed_br`)
//! instead of compressing on every request at a quality fast enough for that (tower-http's
//! default, 4). For the applicant's wasm that is about 45 KB less on a phone's first load.
//! Every trunk build replaces `dist/` whole, so no `.br` outlives the file it was made
//! from. HTML and the translations are left to per-request compression (`index.html` is
//! read for its CSP hashes; `locales/` may be edited in place).

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

/// Brotli's best quality and largest window.
const QUALITY: u32 = 11;
const WINDOW: u32 = 24;

/// Writes `file.br` beside every wasm, JS and CSS file under `dist`; the number of files
/// written.
pub fn dist(dist: &Path) -> Result<usize> {
    let mut written = 0;
    for path in crate::files_under(dist)?
        .into_iter()
        .filter(|p| worth_it(p))
    {
        let bytes = std::fs::read(&path)?;
        let mut target = path.into_os_string();
        target.push(".br");
        std::fs::write(&target, brotli(&bytes)?)
            .with_context(|| format!("write {}", Path::new(&target).display()))?;
        written += 1;
    }
    Ok(written)
}

fn worth_it(path: &Path) -> bool {
    let kind = path.extension().and_then(|e| e.to_str());
    matches!(kind, Some("wasm" | "js" | "css"))
}

pub fn brotli(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 1 << 16, QUALITY, WINDOW);
        writer.write_all(bytes)?;
        writer.flush()?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_wasm_js_and_css_and_the_result_decompresses() {
        assert!(worth_it(Path::new(
            "dist/wink-portal-6a7114df5ad7c8c4_bg.wasm"
        )));
        assert!(worth_it(Path::new("dist/main-10d8a1b2c3d4e5f6.css")));
        assert!(!worth_it(Path::new("dist/index.html")));
        assert!(!worth_it(Path::new("dist/locales/fil.json")));
        assert!(!worth_it(Path::new(
            "dist/wink-portal-6a7114df5ad7c8c4_bg.wasm.br"
        )));
        let text = "the same words again and again ".repeat(200);
        let packed = brotli(text.as_bytes()).unwrap();
        assert!(packed.len() < text.len() / 10);
        let mut unpacked = Vec::new();
        brotli::BrotliDecompress(&mut packed.as_slice(), &mut unpacked).unwrap();
        assert_eq!(unpacked, text.as_bytes());
    }

    #[test]
    fn writes_a_br_beside_each_at_any_depth() {
        let dist = std::env::temp_dir().join(format!("xtask-precompress-{}", std::process::id()));
        std::fs::create_dir_all(dist.join("snippets/x")).unwrap();
        std::fs::write(dist.join("app-0123456789abcdef_bg.wasm"), [0u8; 300]).unwrap();
        std::fs::write(dist.join("snippets/x/glue.js"), "export const a = 1;").unwrap();
        std::fs::write(dist.join("index.html"), "<html></html>").unwrap();
        assert_eq!(super::dist(&dist).unwrap(), 2);
        assert!(dist.join("app-0123456789abcdef_bg.wasm.br").is_file());
        assert!(dist.join("snippets/x/glue.js.br").is_file());
        assert!(!dist.join("index.html.br").exists());
        std::fs::remove_dir_all(&dist).unwrap();
    }
}
