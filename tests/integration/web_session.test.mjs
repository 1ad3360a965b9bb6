// The office web application's server side, end to end against the real binary: session
// cookies, CSRF, roles, server-sent events, security headers and static-file path safety.
// Needs SMSINFO_BIN (default build/ci/smsinfo). Uses the built-in simulator gateway.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { startSmsinfo } from './support/server.mjs';

const PASSWORD = 'correct horse battery';

let server;

// `smsinfo serve` in a fresh data folder with a stand-in UI folder; resolves with its URL and
// the first-start admin credentials it prints.
async function startWithUi() {
  const uiDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smsinfo-web-ui-'));
  fs.mkdirSync(path.join(uiDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(uiDir, 'index.html'), '<!doctype html><title>smsinfo ui</title>');
  fs.writeFileSync(path.join(uiDir, 'assets', 'app.js'), 'export {};');
  const started = await startSmsinfo({
    uiDir,
    gateway: '[[gateway]]\nname = "sim"\ntype = "simulator"\nreceipt_delay_ms = 100\n',
  });
  return {
    ...started,
    bearer: started.api,
    async stop() {
      await started.stop();
      fs.rmSync(uiDir, { recursive: true, force: true });
    },
  };
}

// Signs in; returns { cookie, csrf, body, setCookie }.
async function login(username, password) {
  const res = await fetch(server.url + '/api/v1/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body));
  const setCookie = res.headers.get('set-cookie');
  return { cookie: setCookie.split(';')[0], csrf: body.csrf_token, body, setCookie };
}

function withSession(session, method, route, body, { csrf = true } = {}) {
  const headers = { cookie: session.cookie, 'content-type': 'application/json' };
  if (csrf) headers['x-csrf-token'] = session.csrf;
  return fetch(server.url + route, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

// A GET with the path sent exactly as given (fetch would normalize "/../").
function rawGet(route) {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: route, method: 'GET' }, (res) => {
      let data = '';
      res.on('data', (d) => (data += d));
      res.on('end', () => resolve({ status: res.statusCode, body: data }));
    });
    req.on('error', reject);
    req.end();
  });
}

before(async () => {
  server = await startWithUi();
  await server.bearer('PATCH', '/api/v1/organization', { quiet_start_minute: 0, quiet_end_minute: 0 });
  await server.bearer('POST', '/api/v1/users', {
    username: 'prohlizec',
    password: PASSWORD,
    role: 'viewer',
  });
});

after(async () => {
  if (server) await server.stop();
});

test('login sets an HttpOnly SameSite=Strict session cookie', async () => {
  const s = await login('admin', server.password);
  assert.match(s.setCookie, /^smsinfo_session=[A-Za-z0-9_-]{40,};/);
  assert.match(s.setCookie, /HttpOnly/);
  assert.match(s.setCookie, /SameSite=Strict/);
  assert.equal(s.body.user.username, 'admin');
  assert.equal(s.body.user.role, 'admin');
  assert.ok(s.csrf.length >= 40);
  const me = await withSession(s, 'GET', '/api/v1/session');
  assert.equal(me.status, 200);
  assert.equal((await me.json()).organization.id, s.body.organization.id);
  const bad = await fetch(server.url + '/api/v1/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'wrong password' }),
  });
  assert.equal(bad.status, 401);
});

test('a cookie-authenticated POST needs the X-CSRF-Token header', async () => {
  const s = await login('admin', server.password);
  const template = { name: 'Voda', text: 'Zítra nepoteče voda.' };
  const refused = await withSession(s, 'POST', '/api/v1/templates', template, { csrf: false });
  assert.equal(refused.status, 403);
  assert.equal((await refused.json()).error.code, 'csrf');
  const accepted = await withSession(s, 'POST', '/api/v1/templates', template);
  assert.equal(accepted.status, 201, await accepted.clone().text());
  assert.equal((await accepted.json()).name, 'Voda');
});

test('a viewer cannot send', async () => {
  const viewer = await login('prohlizec', PASSWORD);
  const res = await withSession(viewer, 'POST', '/api/v1/messages', {
    text: 'Ahoj',
    recipients: { phones: ['+420720000001'] },
  });
  assert.equal(res.status, 403);
  const overview = await withSession(viewer, 'GET', '/api/v1/overview');
  assert.equal(overview.status, 200);
});

test('the event stream shows a sent message reaching delivered', async () => {
  const s = await login('admin', server.password);
  const controller = new AbortController();
  const stream = await fetch(server.url + '/api/v1/events', {
    headers: { cookie: s.cookie },
    signal: controller.signal,
  });
  assert.equal(stream.status, 200);
  assert.match(stream.headers.get('content-type'), /^text\/event-stream/);
  const reader = stream.body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  const sent = await (await withSession(s, 'POST', '/api/v1/messages', {
    text: 'Test živého průběhu',
    urgent: true, // quiet hours (cached per minute by dispatch) do not hold it back
    recipients: { phones: ['+420720000123'] },
  })).json();
  const deadline = Date.now() + 20000;
  let delivered = null;
  try {
    while (!delivered && Date.now() < deadline) {
      const { value, done } = await Promise.race([
        reader.read(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('no event in time')), 20000)),
      ]);
      if (done) break;
      buffered += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffered.indexOf('\n\n')) >= 0) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const type = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (type !== 'message' || !data) continue;
        const event = JSON.parse(data);
        if (event.id === sent.id && event.counts.delivered === 1) delivered = event;
      }
    }
  } finally {
    controller.abort();
  }
  assert.ok(delivered, `no "message" event with delivered = 1 for message ${sent.id}`);
});

test('every response carries the security headers', async () => {
  for (const route of ['/', '/api/v1/session', '/zpravy/1', '/assets/app.js']) {
    const res = await fetch(server.url + route);
    const csp = res.headers.get('content-security-policy');
    assert.ok(csp, `${route}: no CSP`);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  }
  const index = await fetch(server.url + '/zpravy/1');
  assert.equal(index.status, 200);
  assert.match(await index.text(), /smsinfo ui/);
  assert.equal(index.headers.get('cache-control'), 'no-cache');
  const asset = await fetch(server.url + '/assets/app.js');
  assert.match(asset.headers.get('content-type'), /javascript/);
  assert.match(asset.headers.get('cache-control'), /max-age=31536000/);
});

test('path traversal does not leak files', async () => {
  for (const route of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2fetc/passwd']) {
    const res = await rawGet(route);
    assert.doesNotMatch(res.body, /root:/, route);
    assert.ok(res.status === 404 || res.status === 400, `${route}: ${res.status}`);
  }
});

test('an admin changes a role and sign-in rights, which apply to open sessions at once', async () => {
  await server.bearer('POST', '/api/v1/users', { username: 'referent', password: PASSWORD, role: 'viewer' });
  const users = await server.bearer('GET', '/api/v1/users');
  const clerk = users.items.find((u) => u.username === 'referent');
  const session = await login('referent', PASSWORD);
  const send = () =>
    withSession(session, 'POST', '/api/v1/messages', { text: 'Ahoj', recipients: { phones: ['+420720000002'] } });
  assert.equal((await send()).status, 403);

  const promoted = await server.bearer('PATCH', `/api/v1/users/${clerk.id}`, { role: 'operator' });
  assert.equal(promoted.role, 'operator');
  assert.equal((await send()).status, 201);

  await server.bearer('PATCH', `/api/v1/users/${clerk.id}`, { active: false });
  assert.equal((await withSession(session, 'GET', '/api/v1/overview')).status, 401);
  const again = await fetch(server.url + '/api/v1/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'referent', password: PASSWORD }),
  });
  assert.equal(again.status, 401);

  // A viewer cannot change users; the only admin cannot demote itself.
  const viewer = await login('prohlizec', PASSWORD);
  assert.equal((await withSession(viewer, 'PATCH', `/api/v1/users/${clerk.id}`, { active: true })).status, 403);
  const admin = users.items.find((u) => u.role === 'admin');
  const demote = await server.request('PATCH', `/api/v1/users/${admin.id}`, { role: 'viewer' });
  assert.equal(demote.status, 409, JSON.stringify(demote.body));
  const bad = await server.request('PATCH', `/api/v1/users/${clerk.id}`, { role: 'emperor' });
  assert.equal(bad.status, 400);
});
