// The applicant's first screens, rendered at build time (issue 18): each route in each
// language is loaded once in Debian's Chromium from a running wink-server, and the DOM the
// app rendered is written into a copy of trunk's index.html, so a phone shows the form
// before the wasm arrives; the app takes it over when it mounts (src/prerendered.js).
// The officers' sign-in form is rendered the same way. Run by `cargo xtask` after a release
// build (WINK_BASE_URL: the server; WINK_DIST and WINK_OFFICER_DIST: the two builds, where
// prerendered/<lang>/<route>.html is written).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { baseUrl, launch } from '../../tests/e2e/browser.mjs';

// Each page: its route, the file it becomes under <dist>/prerendered/<lang>/, what shows
// once it is rendered, and whether the server's API may answer while it renders.
const APPLICANT = [
  // The start page: read, then left through its call to action. The API is held back:
  // the screen as it is before the server answers anything (no mode, no status, nothing
  // that differs between a build and the server that serves it).
  { path: '/', file: 'index.html', ready: 'main a[href]', api: false },
  { path: '/apply', file: 'apply.html', ready: 'main form input', api: false },
];
// The officers' sign-in: what the dashboard shows once the server says "no session" (the
// server sends it only to a browser without a session cookie). English only.
const OFFICER = [{ path: '/officer/', file: 'index.html', ready: '#officer-email', api: true }];
// The languages and the browser locale that makes the app choose each (wink_api::i18n::Lang).
const LANGUAGES = [
  ['en', 'en-PH'],
  ['fil', 'fil-PH'],
  ['id', 'id-ID'],
];
const TIMEOUT_MS = 60_000;

/**
 * The app's rendered body, marked for the takeover: every element the app added (trunk's
 * own <noscript> and scripts stay out), each top-level one tagged `data-prerendered`, and
 * every button disabled until the app's own replace them (a click before then would be
 * lost). Inline style attributes are refused: the page's CSP forbids them.
 */
function capture() {
  const parts = [];
  for (const el of document.body.children) {
    if (['SCRIPT', 'NOSCRIPT', 'TEMPLATE'].includes(el.tagName)) continue;
    const copy = el.cloneNode(true);
    copy.setAttribute('data-prerendered', '');
    for (const button of copy.querySelectorAll('button')) button.setAttribute('disabled', '');
    if (copy.matches('button')) copy.setAttribute('disabled', '');
    if (copy.matches('[style]') || copy.querySelector('[style]')) {
      throw new Error('an inline style attribute would be blocked by the CSP');
    }
    parts.push(copy.outerHTML);
  }
  return { lang: document.documentElement.lang, title: document.title, body: parts.join('') };
}

/** trunk's index.html with the captured body, language and title. */
function page(index, { lang, title, body }) {
  const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const withBody = index.replace(/<body>/, () => `<body>${body}`);
  if (withBody === index) throw new Error('index.html has no <body>');
  return withBody
    .replace(/<html lang="[^"]*">/, () => `<html lang="${lang}">`)
    .replace(/<title>[^<]*<\/title>/, () => `<title>${escape(title)}</title>`);
}

async function render(browser, route, locale) {
  const context = await browser.newContext({ locale, viewport: { width: 375, height: 740 } });
  try {
    if (!route.api) await context.route('**/api/**', () => {});
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(baseUrl + route.path, { timeout: TIMEOUT_MS });
    await page.locator(route.ready).first().waitFor({ state: 'visible', timeout: TIMEOUT_MS });
    if (errors.length) throw new Error(`${route.path} (${locale}): ${errors.join('; ')}`);
    return await page.evaluate(capture);
  } finally {
    await context.close();
  }
}

async function main() {
  const dist = process.env.WINK_DIST;
  const officerDist = process.env.WINK_OFFICER_DIST;
  if (!dist || !officerDist) throw new Error('WINK_DIST and WINK_OFFICER_DIST must be set (cargo xtask runs this)');
  const jobs = [];
  for (const [lang, locale] of LANGUAGES) {
    for (const route of APPLICANT) jobs.push({ dist, route, lang, locale });
  }
  for (const route of OFFICER) jobs.push({ dist: officerDist, route, lang: 'en', locale: 'en-PH' });
  const browser = await launch();
  const pages = [];
  try {
    for (const { dist, route, lang, locale } of jobs) {
      const index = readFileSync(join(dist, 'index.html'), 'utf8');
      const captured = await render(browser, route, locale);
      if (captured.lang !== lang) {
        throw new Error(`${route.path} in ${locale} rendered in "${captured.lang}", not ${lang}`);
      }
      pages.push([dist, join('prerendered', lang, route.file), page(index, captured)]);
    }
  } finally {
    await browser.close();
  }
  // Written once all are rendered: none is served while the others are captured.
  for (const [dist, file, html] of pages) {
    mkdirSync(join(dist, file, '..'), { recursive: true });
    writeFileSync(join(dist, file), html);
    console.log(`prerendered ${join(dist, file)}: ${html.length} B`);
  }
}

main().catch((err) => {
  console.error(`prerender: ${err.message}`);
  process.exit(1);
});
