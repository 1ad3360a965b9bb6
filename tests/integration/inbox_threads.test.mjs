// The inbox API: replies grouped into one thread per citizen by the server, with paging, an
// unread filter, search by number or name, and "mark this citizen's SMS read" in one request.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startSmsinfo } from './support/server.mjs';

let server;

async function citizenSends(from, text) {
  const res = await server.request('POST', '/api/v1/simulator/inbound', { from, text });
  assert.equal(res.status, 202, JSON.stringify(res.body));
}

async function threads(query = '') {
  return server.api('GET', `/api/v1/inbound/threads${query}`);
}

before(async () => {
  server = await startSmsinfo();
  await server.api('POST', '/api/v1/contacts', { phone: '+420602000001', surname: 'Šťastná', first_name: 'Eva' });
  // Five citizens answer; the first one twice. The simulator answers once the SMS is stored.
  await citizenSends('+420602000001', 'Bude voda i zítra?');
  for (let i = 2; i <= 5; i++) await citizenSends(`+42060200000${i}`, `Odpověď ${i}`);
  await citizenSends('+420602000001', 'A v kolik?');
});

after(async () => {
  await server?.stop();
});

test('threads come one per citizen, newest first, with counts and the contact name', async () => {
  const page = await threads();
  assert.equal(page.total, 5);
  assert.deepEqual(
    page.items.map((t) => t.phone),
    ['+420602000001', '+420602000005', '+420602000004', '+420602000003', '+420602000002'],
  );
  const eva = page.items[0];
  assert.equal(eva.count, 2);
  assert.equal(eva.unread, 2);
  assert.equal(eva.last.text, 'A v kolik?');
  assert.equal(eva.contact_name, 'Šťastná Eva');
  assert.equal(typeof eva.contact_id, 'number');
  assert.equal(page.items[1].contact_name, null);
  assert.equal(page.items[1].contact_id, null);
});

test('threads page with limit and offset and search by digits or by name without accents', async () => {
  const second = await threads('?limit=2&offset=2');
  assert.equal(second.total, 5);
  assert.deepEqual(second.items.map((t) => t.phone), ['+420602000004', '+420602000003']);
  assert.deepEqual((await threads('?q=stastna')).items.map((t) => t.phone), ['+420602000001']);
  assert.deepEqual((await threads('?q=602%20000%20003')).items.map((t) => t.phone), ['+420602000003']);
  assert.equal((await threads('?q=nikdo')).total, 0);
});

test('marking one citizen read in one request leaves the others unread', async () => {
  const marked = await server.api('POST', '/api/v1/inbound/read', { from: '602 000 001' });
  assert.equal(marked.marked, 2);
  assert.equal((await server.api('POST', '/api/v1/inbound/read', { from: '+420602000001' })).marked, 0);
  const unread = await threads('?unread=true');
  assert.equal(unread.total, 4);
  assert.ok(!unread.items.some((t) => t.phone === '+420602000001'));
  assert.equal((await threads()).items[0].unread, 0);
});

test('the threads API refuses bad parameters with a clear error', async () => {
  for (const [query, pattern] of [
    ['?unread=maybe', /unread/],
    ['?kind=spam', /kind/],
    ['?limit=0', /limit/],
    [`?q=${'x'.repeat(201)}`, /q is longer/],
  ]) {
    const res = await server.request('GET', `/api/v1/inbound/threads${query}`);
    assert.equal(res.status, 400, query);
    assert.match(JSON.stringify(res.body), pattern);
  }
  const noPhone = await server.request('POST', '/api/v1/inbound/read', { from: 'not a number' });
  assert.equal(noPhone.status, 400);
  const noBody = await server.request('POST', '/api/v1/inbound/read', {});
  assert.equal(noBody.status, 400);
  assert.match(JSON.stringify(noBody.body), /from/);
});
