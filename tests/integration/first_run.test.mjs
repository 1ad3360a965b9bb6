// `smsinfo serve --setup-in-browser`: on the first start no admin is created; the office's
// first visitor sets up the organization and the admin account once (the web application's
// first-run screen), and nobody can do it a second time.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { eventually, startSmsinfo } from './support/server.mjs';

let server;

before(async () => {
  server = await startSmsinfo({ serveArgs: ['--setup-in-browser'] });
});

after(async () => {
  await server?.stop();
});

test('the first start prints no credentials and asks for the set-up in the browser', async () => {
  // The hint follows the "serving on" line the launcher waits for.
  await eventually(() => /first start: open http:\/\/127\.0\.0\.1:\d+ to create/.test(server.output()), 'the set-up hint');
  assert.equal(server.password, undefined);
  assert.equal(server.token, undefined);
  assert.doesNotMatch(server.output(), /password:|token:/);
});

test('the first visitor sets up the organization and admin once', async () => {
  assert.deepEqual((await server.request('GET', '/api/v1/setup')).body, { required: true });
  const weak = await server.request('POST', '/api/v1/setup', {
    organization_name: 'Obec Vestec',
    username: 'starosta',
    password: 'short',
  });
  assert.equal(weak.status, 400, JSON.stringify(weak.body));
  assert.deepEqual((await server.request('GET', '/api/v1/setup')).body, { required: true });

  const done = await server.request('POST', '/api/v1/setup', {
    organization_name: 'Obec Vestec',
    central_number: '+420720001676',
    username: 'starosta',
    password: 'dlouhe heslo starosty',
  });
  assert.equal(done.status, 201, JSON.stringify(done.body));
  assert.match(done.headers.get('set-cookie') ?? '', /HttpOnly/);
  assert.deepEqual((await server.request('GET', '/api/v1/setup')).body, { required: false });

  const again = await server.request('POST', '/api/v1/setup', {
    organization_name: 'Obec Jinde',
    username: 'utocnik',
    password: 'jine dlouhe heslo',
  });
  assert.equal(again.status, 409, JSON.stringify(again.body));

  const login = await server.request('POST', '/api/v1/session', { username: 'starosta', password: 'dlouhe heslo starosty' });
  assert.equal(login.status, 200, JSON.stringify(login.body));
  const intruder = await server.request('POST', '/api/v1/session', { username: 'utocnik', password: 'jine dlouhe heslo' });
  assert.equal(intruder.status, 401);
});
