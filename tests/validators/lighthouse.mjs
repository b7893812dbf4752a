// Lighthouse (the version pinned in package-lock.json) over several URLs with one Chromium.
//
//   node tests/validators/lighthouse.mjs OUT_DIR URL...
//
// Debian's /usr/bin/chromium (CHROME_PATH overrides it), headless; Lighthouse's default
// settings: the mobile form factor with its simulated slow-4G network and 4x CPU slowdown.
// Writes OUT_DIR/<n>.json, the full report of the n-th URL (0-based), and exits 0 when every
// URL was audited; a URL Lighthouse could not load is reported in its runtimeError.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const [outDir, ...urls] = process.argv.slice(2);
if (!outDir || urls.length === 0) {
  console.error("usage: node lighthouse.mjs OUT_DIR URL...");
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  chromeFlags: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
let failed = false;
try {
  for (const [index, url] of urls.entries()) {
    const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error" });
    if (!result) {
      console.error(`${url}: Lighthouse returned no result`);
      failed = true;
      continue;
    }
    writeFileSync(join(outDir, `${index}.json`), result.report);
  }
} finally {
  await chrome.kill();
}
process.exit(failed ? 1 : 0);
