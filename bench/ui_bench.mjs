// Web application speed: the first screen (sign-in) interactive in under 1 s on loopback, and
// the JavaScript shipped under 150 KB compressed. Prints a table.
//
//   node bench/ui_bench.mjs [loads=20] [contacts=0]
//
// With contacts > 0 it also imports that many generated contacts and times the contacts screen
// in the browser: from the last keystroke of a search to the table showing its result (this
// includes the screen's 250 ms typing pause before it asks the server).
//
// Needs ui/dist (npm ci --prefix ui && npm run build --prefix ui), playwright-core from
// tests/e2e (npm ci --prefix tests/e2e) and Debian's /usr/bin/chromium. SMSINFO_BIN chooses the
// binary (default build/release/smsinfo, then build/ci/smsinfo); SMSINFO_UI_DIR the built app.
// Each load is a fresh browser context: an empty cache, like a first visit.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (!process.env.SMSINFO_BIN) {
  for (const candidate of ['build/release/smsinfo', 'build/ci/smsinfo']) {
    if (fs.existsSync(path.join(root, candidate))) {
      process.env.SMSINFO_BIN = path.join(root, candidate);
      break;
    }
  }
}
const { bin } = await import('../tests/integration/support/server.mjs');
const { startOffice, uiDir } = await import('../tests/e2e/support/office.mjs');

const LOADS = Number(process.argv[2] ?? 20);
const CONTACTS = Number(process.argv[3] ?? 0);
const TARGET_MS = 1000;
const BUDGET_KB = 150;

// Sizes of what the browser downloads for the first screen: index.html and everything in
// dist/assets, raw and gzip -9 (what a compressing proxy or server sends).
function sizes() {
  const rows = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(js|mjs|css|html)$/.test(e.name)) {
        const raw = fs.readFileSync(p);
        rows.push({ file: path.relative(uiDir, p), raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length });
      }
    }
  };
  walk(uiDir);
  return rows;
}

// Installed before any script of the page runs: records, relative to the navigation start,
// when the sign-in form is first usable (its submit button present and enabled).
function watchForSignIn() {
  const check = () => {
    if (window.__signInReady) return;
    const button = document.querySelector('form button[type="submit"]');
    const user = document.getElementById('login-user');
    if (button && user && !button.disabled) window.__signInReady = performance.now();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

// The contacts screen over CONTACTS generated contacts: time from typing a search to the table
// showing its total, as a clerk sees it.
async function contactsScreen({ server, browser }) {
  const surnames = ['Novák', 'Svoboda', 'Dvořák', 'Černý', 'Procházka', 'Kučera', 'Veselý', 'Horák', 'Zýma', 'Žák'];
  const lines = ['phone;surname;first_name;street;house_number'];
  for (let i = 0; i < CONTACTS; ++i) {
    lines.push(`+420${720000000 + i * 7};${surnames[i % surnames.length]}${i % 3 ? 'ová' : ''};Jana;Ulice ${i % 150};${1 + (i % 400)}`);
  }
  const t0 = performance.now();
  await server.api('POST', '/api/v1/contacts/import', undefined, { raw: lines.join('\n') + '\n', headers: { 'content-type': 'text/csv' } });
  console.log(`\n${CONTACTS} contacts imported in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const context = await browser.newContext({ locale: 'cs-CZ', baseURL: server.url });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('Uživatelské jméno').fill(server.username);
  await page.getByLabel('Heslo', { exact: true }).fill(server.password);
  await page.getByRole('button', { name: 'Přihlásit se' }).click();
  await page.getByRole('heading', { level: 1, name: 'Přehled' }).waitFor();
  let t = performance.now();
  await page.goto('/contacts');
  await page.getByText(/^Kontaktů: \d/).waitFor();
  const openMs = performance.now() - t;
  const rows = [];
  for (const q of ['Nov', 'Zýma', 'Dvořáková', '7200007', 'qqqq', 'Žák']) {
    const field = page.getByLabel('Hledat', { exact: true });
    await field.fill('');
    await page.waitForTimeout(400);
    const expected = (await server.api('GET', `/api/v1/contacts?limit=1&q=${encodeURIComponent(q)}`)).total;
    t = performance.now();
    const answered = page.waitForResponse((r) => {
      const u = new URL(r.url());
      return u.pathname === '/api/v1/contacts' && u.searchParams.get('q') === q;
    });
    await field.fill(q);
    await answered;
    // The next frame after the answer: the table and its total are rendered.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    rows.push([q, expected, performance.now() - t]);
  }
  console.log(`contacts screen opened with ${CONTACTS} contacts in ${openMs.toFixed(0)} ms (navigation to the total shown)`);
  console.log('\n| search typed | matches | until the table shows it (ms, incl. 250 ms typing pause) |');
  console.log('|---|---|---|');
  for (const [q, n, ms] of rows) console.log(`| ${q} | ${n} | ${ms.toFixed(0)} |`);
  await context.close();
}

const office = await startOffice();
try {
  const { server, browser } = office;
  console.log(`binary: ${bin}; ui: ${uiDir}; Chromium ${browser.version()}; ` +
    `load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.availableParallelism()} cores`);
  const probe = await fetch(server.url + '/', { headers: { 'accept-encoding': 'gzip, br' } });
  const encoding = probe.headers.get('content-encoding') || 'none';

  const runs = [];
  for (let i = 0; i < LOADS; ++i) {
    const context = await browser.newContext({ locale: 'cs-CZ' });
    const page = await context.newPage();
    await page.addInitScript(watchForSignIn);
    let bytes = 0;
    page.on('response', async (r) => {
      const length = Number(r.headers()['content-length'] || 0);
      bytes += length;
    });
    await page.goto(server.url + '/', { waitUntil: 'load' });
    await page.waitForFunction(() => window.__signInReady, undefined, { timeout: 10000 });
    const t = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return {
        ready: window.__signInReady,
        response: nav.responseEnd,
        dcl: nav.domContentLoadedEventEnd,
        load: nav.loadEventEnd,
      };
    });
    // It is interactive: typing reaches the field.
    await page.getByLabel('Uživatelské jméno').fill('admin');
    runs.push({ ...t, bytes });
    await context.close();
  }

  const col = (k) => runs.map((r) => r[k]).sort((a, b) => a - b);
  const ready = col('ready');
  console.log(`\nFirst screen (sign-in), ${LOADS} loads from an empty cache over 127.0.0.1 (target: interactive < ${TARGET_MS} ms)\n`);
  console.log('| measure                           | median ms | p95 ms | max ms |');
  console.log('|-----------------------------------|-----------|--------|--------|');
  for (const [name, k] of [
    ['index.html received (responseEnd)', 'response'],
    ['DOMContentLoaded', 'dcl'],
    ['load', 'load'],
    ['sign-in form usable (interactive)', 'ready'],
  ]) {
    const v = col(k);
    console.log(`| ${name.padEnd(33)} | ${quantile(v, 0.5).toFixed(0).padStart(9)} | ${quantile(v, 0.95).toFixed(0).padStart(6)} | ${v[v.length - 1].toFixed(0).padStart(6)} |`);
  }
  console.log(`\nbytes over the wire per load (content-length, encoding from the server: ${encoding}): ${runs[0].bytes}`);

  const rows = sizes();
  console.log('\n| file | raw bytes | gzip -9 bytes |');
  console.log('|------|-----------|---------------|');
  for (const r of rows) console.log(`| ${r.file} | ${r.raw} | ${r.gzip} |`);
  const js = rows.filter((r) => /\.m?js$/.test(r.file)).reduce((a, r) => a + r.gzip, 0);
  const jsRaw = rows.filter((r) => /\.m?js$/.test(r.file)).reduce((a, r) => a + r.raw, 0);
  console.log(`\nJavaScript: ${(jsRaw / 1024).toFixed(1)} KB raw, ${(js / 1024).toFixed(1)} KB gzip (budget ${BUDGET_KB} KB): ${js < BUDGET_KB * 1024 ? 'ok' : 'OVER'}`);
  console.log(`interactive p95 ${quantile(ready, 0.95).toFixed(0)} ms (target ${TARGET_MS} ms): ${quantile(ready, 0.95) < TARGET_MS ? 'ok' : 'MISSED'}`);
  if (CONTACTS > 0) await contactsScreen(office);
} finally {
  await office.stop();
}
