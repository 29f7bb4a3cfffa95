// Shared set-up for the end-to-end suite: Debian's Chromium driven by playwright-core
// (never a downloaded browser), against the server named by WINK_BASE_URL.
import { chromium } from 'playwright-core';

export const baseUrl = process.env.WINK_BASE_URL ?? 'http://127.0.0.1:3000';

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/// A fresh page that records every uncaught error and console error, so tests can assert
/// that a flow ran clean.
export async function openPage(browser, { width = 375, height = 740 } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  return { page, problems };
}
