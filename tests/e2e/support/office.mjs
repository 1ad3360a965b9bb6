// The browser tests' harness: the real smsinfo binary serving the built web application
// (ui/dist) on a free loopback port, and Debian's Chromium driven headless by playwright-core.
// Nothing is skipped: a missing binary, ui/dist or Chromium fails the run with the command that
// makes it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { root, startSmsinfo, eventually } from '../../integration/support/server.mjs';

export { eventually };
export const uiDir = process.env.SMSINFO_UI_DIR || path.join(root, 'ui', 'dist');
export const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
export const screenshotDir = path.join(root, 'tests', 'e2e', 'screenshots');
export const fixtures = path.join(root, 'tests', 'e2e', 'fixtures');

// Chromium as the machine allows it: root needs --no-sandbox, and the background services
// (component updates, sync, metrics) would try to reach the network, which is closed.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=Translate,MediaRouter,OptimizationHints',
];

export async function launchBrowser() {
  assert.ok(
    fs.existsSync(chromiumPath),
    `no Chromium at ${chromiumPath}: scripts/install-deps --test installs Debian's chromium`,
  );
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
}

export function assertUiBuilt() {
  assert.ok(
    fs.existsSync(path.join(uiDir, 'index.html')),
    `no built web application at ${uiDir}: run npm ci --prefix ui && npm run build --prefix ui`,
  );
}

// Starts the server with the web application and a browser. Resolves with
// { server, browser, newPage(options), screenshot(page, name), stop() }.
export async function startOffice(options = {}) {
  assertUiBuilt();
  const browser = await launchBrowser();
  let server;
  try {
    server = await startSmsinfo({ uiDir, ...options });
  } catch (e) {
    await browser.close();
    throw e;
  }
  fs.mkdirSync(screenshotDir, { recursive: true });
  const contexts = [];
  return {
    server,
    browser,
    // A fresh browser context (own cookies) with a Czech locale and a desktop-sized window,
    // that records page errors and dialogs so that a test can assert that none happened.
    async newPage({ viewport = { width: 1280, height: 860 }, locale = 'cs-CZ' } = {}) {
      const context = await browser.newContext({ baseURL: server.url, viewport, locale, timezoneId: 'Europe/Prague' });
      contexts.push(context);
      context.setDefaultTimeout(10000);
      const page = await context.newPage();
      page.errors = [];
      page.dialogs = [];
      page.cspViolations = [];
      page.on('pageerror', (e) => page.errors.push(String(e)));
      page.on('console', (m) => {
        if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) page.cspViolations.push(m.text());
      });
      page.on('dialog', (d) => {
        page.dialogs.push(`${d.type()}: ${d.message()}`);
        d.dismiss().catch(() => {});
      });
      return page;
    },
    async screenshot(page, name) {
      await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
    },
    async stop() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close().catch(() => {});
      await server.stop();
    },
  };
}

// A same-origin API call made by the page itself (its cookies, no bearer token). Returns
// { status, body }. csrf: true sends the session's X-CSRF-Token (read from GET /api/v1/session).
export async function fetchInPage(page, method, route, body, { csrf = true } = {}) {
  return page.evaluate(
    async ({ method, route, body, csrf }) => {
      const headers = {};
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (csrf) {
        const s = await fetch('/api/v1/session', { credentials: 'same-origin' });
        headers['x-csrf-token'] = (await s.json()).csrf_token;
      }
      const res = await fetch(route, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed = text;
      try {
        parsed = JSON.parse(text);
      } catch {}
      return { status: res.status, body: parsed };
    },
    { method, route, body, csrf },
  );
}

// A temporary folder for files a test makes (e.g. a register CSV to upload).
export function tempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'smsinfo-e2e-'));
}
