// Smile's key pair, the webhook secret and officers' passwords live on the server only:
// the release builds that browsers download must contain none of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

// Both bundles browsers download: the applicant's and the loan officers'.
const dists = [process.env.WINK_DIST_DIR ?? 'dist', process.env.WINK_OFFICER_DIST_DIR ?? 'officer/dist'];
// The running server's own key pair (xtask passes the values it started the server with),
// and the emulator's well-known defaults.
const secrets = (process.env.WINK_TEST_SECRETS ?? '')
  .split(',')
  .filter(Boolean)
  .concat(['sandbox-emulator-key', 'sandbox-emulator-secret']);

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

for (const dist of dists) {
  test(`the release build in ${dist} holds no Smile key, secret or webhook secret`, () => {
    const all = files(dist);
    assert.ok(all.some((f) => f.endsWith('.wasm')), `no wasm in ${dist}: build it first`);
    assert.ok(secrets.length >= 3, 'no secrets to look for');
    for (const file of all) {
      const bytes = readFileSync(file);
      for (const secret of secrets) {
        assert.equal(bytes.indexOf(Buffer.from(secret)), -1, `${file} contains a secret`);
      }
    }
  });
}
