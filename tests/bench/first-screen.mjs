// First-screen benchmark (issue 18): how long a phone on a slow network waits, from
// navigation start, until each page's first form field is visible and accepts input, for the
// app and for a static snapshot of the same screen (its rendered HTML and CSS, no script).
// Run by `cargo xtask bench screen` against a running wink-server (WINK_BASE_URL); writes
// the raw figures as JSON to WINK_FIRST_SCREEN_OUT, which xtask summarises.
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { brotliCompressSync } from 'node:zlib';
import { baseUrl, launch } from '../e2e/browser.mjs';

/** Cold loads per page and variant; the median is reported. */
const LOADS = 5;
/** A page whose target never shows within this is a failure, not a hang. */
const TIMEOUT_MS = 60_000;

// Lighthouse's mobile profile: its "slow 4G" network and a 4× slower CPU, on a phone screen
// (412 × 823 at 1.75 device pixels per CSS pixel).
const NETWORK = {
  offline: false,
  latency: 150,
  downloadThroughput: 1.6e6 / 8,
  uploadThroughput: 750e3 / 8,
};
const CPU_SLOWDOWN = 4;
const PHONE = {
  viewport: { width: 412, height: 823 },
  deviceScaleFactor: 1.75,
  isMobile: true,
  hasTouch: true,
};

const FIELD = 'input, select, textarea';
const SCREENS = [
  { path: '/apply', target: 'first form field', selector: FIELD },
  // The start page has no form field (src/pages/landing.rs): it is read, then left through
  // its call to action, "Start your application" — the first link or button in <main>.
  { path: '/', target: 'primary call to action', selector: 'main a[href], main button' },
  { path: '/officer/', target: 'first form field (sign-in)', selector: FIELD },
];

/**
 * Runs in the page before any of its own scripts (an init script, which the page's CSP does
 * not govern): resolves `window.__firstScreen` in the first animation frame in which an
 * element matching `selector` is visible and usable. Animation frames do not run while
 * render-blocking CSS is still loading, so a field that is in the DOM but not yet painted
 * does not count — for the app and the snapshot alike.
 */
function watchFirstScreen(selector) {
  let resolve;
  window.__firstScreen = new Promise((r) => { resolve = r; });
  window.__cspViolations = 0;
  document.addEventListener('securitypolicyviolation', () => { window.__cspViolations += 1; });
  const usable = (el) => {
    if (el.disabled || el.readOnly || el.type === 'hidden' || el.closest('[inert]')) return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0
      && el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  };
  const describe = (el) => {
    let name = el.tagName.toLowerCase();
    if (el.id) name += `#${el.id}`;
    else if (el.name) name += `[name=${el.name}]`;
    const text = (el.textContent ?? '').trim().slice(0, 40);
    return text ? `${name} "${text}"` : name;
  };
  const check = () => {
    const el = Array.from(document.querySelectorAll(selector)).find(usable);
    if (el) resolve({ ms: performance.now(), element: describe(el) });
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

/** A fresh context (no cache, cookies or connections) with the mobile profile applied. */
async function coldPage(browser, selector, { throttled }) {
  const context = await browser.newContext(PHONE);
  await context.addInitScript(watchFirstScreen, selector);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (throttled) {
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  }
  return { context, page, cdp };
}

/** Rejects with `message` if `promise` has not settled within TIMEOUT_MS. */
function within(promise, message) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Navigates and waits for the first screen; `what` names the load in errors. */
async function firstScreen(page, url, what) {
  const response = await page.goto(url, { waitUntil: 'commit', timeout: TIMEOUT_MS });
  const watching = await page.evaluate(() => window.__firstScreen !== undefined);
  if (!watching) throw new Error(`${what}: the init script did not run in the page`);
  const seen = await within(
    page.evaluate(() => window.__firstScreen),
    `${what}: nothing usable appeared within ${TIMEOUT_MS / 1000} s`,
  );
  return { response, seen };
}

/** One cold, throttled load of `url`: time to the first screen and bytes on the wire. */
async function measure(browser, screen, url, what) {
  const { context, page, cdp } = await coldPage(browser, screen.selector, { throttled: true });
  try {
    const requests = new Map();
    cdp.on('Network.responseReceived', ({ requestId, response }) => {
      const headers = Object.fromEntries(
        Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), v]),
      );
      requests.set(requestId, { url: response.url, encoding: headers['content-encoding'] ?? 'none' });
    });
    let bytes = 0;
    let wasm;
    cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
      // encodedDataLength: everything received for the request, headers included.
      bytes += encodedDataLength;
      const request = requests.get(requestId);
      if (request?.url.endsWith('.wasm')) {
        wasm = { url: request.url, encoding: request.encoding, bytes: encodedDataLength };
      }
    });
    const { response, seen } = await firstScreen(page, url, what);
    // What the load fetches after its first screen (the server status, say) counts too:
    // bytes are summed once the network has been quiet for 500 ms.
    await page.waitForLoadState('networkidle', { timeout: TIMEOUT_MS }).catch(() => {});
    return {
      ms: seen.ms,
      element: seen.element,
      bytes,
      wasm,
      csp: response?.headers()['content-security-policy'] ?? null,
      cspViolations: await page.evaluate(() => window.__cspViolations),
    };
  } finally {
    await context.close();
  }
}

/**
 * The page as the app renders it, unthrottled, once its first screen shows: every script
 * and script/wasm preload removed, stylesheets (and other links) pointed at the app
 * server by absolute URL, so the snapshot downloads the same CSS over the same network.
 */
async function snapshotOf(browser, screen) {
  const { context, page } = await coldPage(browser, screen.selector, { throttled: false });
  try {
    await firstScreen(page, baseUrl + screen.path, `snapshot of ${screen.path}`);
    return await page.evaluate(() => {
      const root = document.documentElement.cloneNode(true);
      for (const el of root.querySelectorAll('script, link[rel=modulepreload]')) el.remove();
      for (const el of root.querySelectorAll('link[rel=preload]')) {
        if (['script', 'fetch', 'worker'].includes(el.getAttribute('as'))) el.remove();
      }
      for (const link of root.querySelectorAll('link[href]')) {
        link.setAttribute('href', link.href);
        // Subresource integrity on a cross-origin stylesheet needs CORS the server does
        // not offer; the check costs no bytes, so the snapshot goes without it.
        link.removeAttribute('integrity');
        link.removeAttribute('crossorigin');
      }
      for (const img of root.querySelectorAll('img[src]')) img.setAttribute('src', img.src);
      return `<!DOCTYPE html>\n${root.outerHTML}`;
    });
  } finally {
    await context.close();
  }
}

/**
 * Serves each snapshot at its page's path on 127.0.0.1 (a random port), brotli-compressed
 * when asked, as wink-server compresses its HTML.
 */
async function serveSnapshots(snapshots) {
  const server = createServer((req, res) => {
    const html = snapshots.get(new URL(req.url, 'http://x').pathname);
    if (html === undefined) {
      res.writeHead(404).end();
      return;
    }
    const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' };
    if (/\bbr\b/.test(req.headers['accept-encoding'] ?? '')) {
      res.writeHead(200, { ...headers, 'content-encoding': 'br' }).end(brotliCompressSync(html));
    } else {
      res.writeHead(200, headers).end(html);
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}` };
}

async function main() {
  const out = process.env.WINK_FIRST_SCREEN_OUT;
  if (!out) throw new Error('WINK_FIRST_SCREEN_OUT is not set (run it with cargo xtask bench screen)');
  // The whole run must end even if a browser call hangs.
  setTimeout(() => {
    console.error('first-screen: gave up after 20 minutes');
    process.exit(1);
  }, 20 * 60_000).unref();

  const browser = await launch();
  const snapshots = new Map();
  let snapshotServer;
  try {
    for (const screen of SCREENS) snapshots.set(screen.path, await snapshotOf(browser, screen));
    snapshotServer = await serveSnapshots(snapshots);
    const results = [];
    for (const screen of SCREENS) {
      const result = { path: screen.path, target: screen.target, app: [], snapshot: [] };
      console.log(`\n${screen.path} (${screen.target}): ${LOADS} cold loads each, app then snapshot`);
      for (const [variant, origin] of [['app', baseUrl], ['snapshot', snapshotServer.url]]) {
        for (let i = 1; i <= LOADS; i += 1) {
          const what = `${screen.path}, ${variant} load ${i}`;
          const load = await measure(browser, screen, origin + screen.path, what);
          if (variant === 'app' && !load.csp) {
            throw new Error(`${what}: the page came without a Content-Security-Policy`);
          }
          console.log(
            `  ${variant.padEnd(8)} ${i}/${LOADS}: ${Math.round(load.ms)} ms, ${load.bytes} B` +
              ` (${load.element}${load.cspViolations ? `, ${load.cspViolations} CSP violations` : ''})`,
          );
          result[variant].push(load);
        }
      }
      results.push(result);
    }
    writeFileSync(out, JSON.stringify({ loads: LOADS, pages: results }, null, 2));
  } finally {
    snapshotServer?.server.close();
    await browser.close();
  }
}

main().catch((err) => {
  console.error(`first-screen: ${err.message}`);
  process.exit(1);
});
