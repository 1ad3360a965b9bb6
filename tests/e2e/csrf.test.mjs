// CSRF from inside the browser: a page of the application, signed in with the session cookie,
// makes state-changing requests. Without the X-CSRF-Token header they are refused; and a page
// of another site cannot use the cookie at all (SameSite=Strict).
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { fetchInPage, startOffice } from './support/office.mjs';

let office;
let server;

before(async () => {
  office = await startOffice();
  server = office.server;
});

after(async () => {
  if (office) await office.stop();
});

// Signs in from the page itself (fetch to POST /api/v1/session), so that the browser holds
// the HttpOnly session cookie; does not depend on the sign-in screen.
async function signedInPage() {
  const page = await office.newPage();
  await page.goto('/');
  const res = await page.evaluate(async ({ username, password }) => {
    const r = await fetch('/api/v1/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    return { status: r.status, cookieVisible: document.cookie.includes('smsinfo_session') };
  }, { username: server.username, password: server.password });
  assert.equal(res.status, 200);
  assert.equal(res.cookieVisible, false, 'the session cookie is HttpOnly');
  return page;
}

test('a state-changing request without the CSRF token is refused', async () => {
  const page = await signedInPage();
  const template = { name: 'Svoz odpadu', text: 'Svoz odpadu se posouvá na středu.' };
  for (const [method, route, body] of [
    ['POST', '/api/v1/templates', template],
    ['POST', '/api/v1/messages', { text: 'Podvržená zpráva', recipients: { phones: ['+420720999001'] } }],
    ['PATCH', '/api/v1/organization', { name: 'Podvržený název' }],
    ['DELETE', '/api/v1/session'],
  ]) {
    const refused = await fetchInPage(page, method, route, body, { csrf: false });
    assert.equal(refused.status, 403, `${method} ${route}: ${JSON.stringify(refused.body)}`);
    assert.equal(refused.body.error.code, 'csrf');
  }
  // A wrong token is no better than none.
  const wrong = await page.evaluate(async () => {
    const r = await fetch('/api/v1/templates', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': 'A'.repeat(43) },
      body: JSON.stringify({ name: 'x', text: 'y' }),
    });
    return r.status;
  });
  assert.equal(wrong, 403);
  // Nothing was written; the session is still valid, and with the token the same call works.
  assert.equal((await server.api('GET', '/api/v1/templates')).items.length, 0);
  assert.equal((await server.api('GET', '/api/v1/messages')).total, 0);
  const accepted = await fetchInPage(page, 'POST', '/api/v1/templates', template);
  assert.equal(accepted.status, 201, JSON.stringify(accepted.body));
  // A read needs no token.
  const read = await fetchInPage(page, 'GET', '/api/v1/templates', undefined, { csrf: false });
  assert.equal(read.status, 200);
});

test('a page of another site cannot act with the session cookie', async () => {
  const page = await signedInPage();
  // Another site (localhost is not the same site as 127.0.0.1) with an auto-submitting form
  // that posts to the application, and a fetch with credentials.
  const target = server.url + '/api/v1/templates';
  const evil = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><form id=f method=post action="${target}" enctype="text/plain">` +
      `<input name='{"name":"cizi","text":"x","a":"' value='"}'></form>`);
  });
  await new Promise((resolve) => evil.listen(0, '127.0.0.1', resolve));
  try {
    const evilUrl = `http://localhost:${evil.address().port}/`;
    await page.goto(evilUrl);
    const fetched = await page.evaluate(async (url) => {
      try {
        const r = await fetch(url, { method: 'POST', credentials: 'include', body: '{"name":"cizi2","text":"x"}' });
        return r.status;
      } catch (e) {
        return 'blocked';
      }
    }, target);
    assert.equal(fetched, 'blocked', 'a cross-site fetch must not be readable');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url() === target),
      page.evaluate(() => document.getElementById('f').submit()),
    ]);
    assert.ok([401, 403].includes(response.status()), `the cross-site form post answered ${response.status()}`);
  } finally {
    await new Promise((resolve) => evil.close(resolve));
  }
  const names = (await server.api('GET', '/api/v1/templates')).items.map((t) => t.name);
  assert.ok(!names.includes('cizi') && !names.includes('cizi2'), `a cross-site request wrote: ${names}`);
});
