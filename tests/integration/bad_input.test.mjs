// Bad input at the edges of the real binary: every malformed request gets a 4xx with a clear
// message and leaves nothing half-written; hostile citizen SMS are stored exactly as they came
// and handled like any other.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { eventually, startSmsinfo } from './support/server.mjs';

let server;

before(async () => {
  server = await startSmsinfo();
  await server.api('PATCH', '/api/v1/organization', { quiet_start_minute: 0, quiet_end_minute: 0 });
});

after(async () => {
  await server?.stop();
});

// Asserts a 4xx with an error body whose message matches `pattern`.
function assertRefused(res, status, pattern) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(typeof res.body, 'object', `an error body in JSON: ${res.body}`);
  assert.ok(res.body.error?.code, JSON.stringify(res.body));
  assert.match(res.body.error.message, pattern);
}

async function totals() {
  const [contacts, groups, messages, residents] = await Promise.all(
    ['contacts', 'groups', 'messages', 'residents'].map((r) => server.api('GET', `/api/v1/${r}?limit=1`)),
  );
  return { contacts: contacts.total, groups: groups.total, messages: messages.total, residents: residents.total };
}

test('requests without a valid token are refused with 401', async () => {
  assertRefused(await server.request('GET', '/api/v1/contacts', undefined, { token: null }), 401, /./);
  assertRefused(await server.request('GET', '/api/v1/contacts', undefined, { token: 'nonsense' }), 401, /./);
});

test('malformed JSON, a body that is not an object and a missing field are 400s', async () => {
  const before = await totals();
  const headers = { 'content-type': 'application/json' };
  assertRefused(await server.request('POST', '/api/v1/contacts', undefined, { raw: '{"phone": ', headers }), 400, /JSON/i);
  assertRefused(await server.request('POST', '/api/v1/contacts', undefined, { raw: '[1,2]', headers }), 400, /object/i);
  assertRefused(await server.request('POST', '/api/v1/messages', { recipients: { all: true } }), 400, /text/);
  assertRefused(await server.request('POST', '/api/v1/contacts', { phone: 42 }), 400, /phone/);
  assert.deepEqual(await totals(), before);
});

test('an invalid phone number is refused and no contact is written', async () => {
  const before = await totals();
  for (const phone of ['12', 'not a number', '+420 123', '+4206010000011234567']) {
    assertRefused(await server.request('POST', '/api/v1/contacts', { phone, surname: 'Novák' }), 400, /./);
  }
  assertRefused(await server.request('GET', '/api/v1/registrations?phone=abc'), 400, /./);
  assert.deepEqual(await totals(), before);
});

test('an empty, a blank and an oversized text are refused and nothing is queued', async () => {
  await server.api('POST', '/api/v1/contacts', { phone: '+420601100001', surname: 'Malý' });
  const before = await totals();
  assertRefused(await server.request('POST', '/api/v1/messages', { text: '', recipients: { all: true } }), 400, /empty|prazdny/);
  assertRefused(await server.request('POST', '/api/v1/messages', { text: ' \n\t ', recipients: { all: true } }), 400, /empty|prazdny/);
  assertRefused(
    await server.request('POST', '/api/v1/messages', { text: 'x'.repeat(1001), recipients: { all: true } }),
    400,
    /1000/,
  );
  assertRefused(await server.request('POST', '/api/v1/text/analyze', { text: '' }), 400, /empty|prazdny/);
  assert.deepEqual(await totals(), before);
});

test('an unknown group, contact or id is a 4xx and nothing is half-written', async () => {
  const group = await server.api('POST', '/api/v1/groups', { name: 'Zastupitelé' });
  const contact = await server.api('POST', '/api/v1/contacts', { phone: '+420601100002', surname: 'Velký' });
  const before = await totals();
  const unknownGroup = await server.request('POST', '/api/v1/messages', {
    text: 'Schůze zastupitelstva.',
    recipients: { groups: [group.id, 999999] },
  });
  assert.ok([400, 404].includes(unknownGroup.status), JSON.stringify(unknownGroup.body));
  assert.match(unknownGroup.body.error.message, /999999|group|skupin/i);
  // One unknown contact id among known ones: the group stays as it was.
  const members = await server.request('POST', `/api/v1/groups/${group.id}/members`, { contacts: [contact.id, 888888] });
  assert.equal(members.status, 404, JSON.stringify(members.body));
  assert.equal((await server.api('GET', `/api/v1/groups/${group.id}`)).member_count, 0);
  for (const route of ['/api/v1/contacts/777777', '/api/v1/messages/777777', '/api/v1/registrations/777777', '/api/v1/groups/777777']) {
    assertRefused(await server.request('GET', route), 404, /./);
  }
  assertRefused(await server.request('POST', '/api/v1/registrations/777777/approve', {}), 404, /./);
  assertRefused(await server.request('GET', '/api/v1/contacts/abc'), 404, /./);
  assert.deepEqual(await totals(), before);
});

test('a malformed register CSV is rejected whole with every bad row by line number', async () => {
  const good = 'Příjmení;Jméno;Ulice;Číslo popisné\nNovák;Jan;Hlavní;1\nNováková;Eva;Hlavní;1\n';
  const imported = await server.api('POST', '/api/v1/residents/import', undefined, {
    raw: good,
    headers: { 'content-type': 'text/csv' },
  });
  assert.equal(imported.imported, 2);
  const bad =
    'Příjmení;Jméno;Ulice;Číslo popisné\n' +
    'Svoboda;Petr;Polní;3\n' +
    ';Karel;Polní;4\n' + // line 3: no surname
    'Dvořák;Jiří;Polní;\n' + // line 4: no house number
    'Černý;"Pavel;Polní;5\n'; // line 5: an unterminated quote
  const res = await server.request('POST', '/api/v1/residents/import', undefined, {
    raw: bad,
    headers: { 'content-type': 'text/csv' },
  });
  assert.equal(res.status, 422, JSON.stringify(res.body));
  const lines = res.body.errors.map((e) => e.line);
  assert.ok(lines.includes(3) && lines.includes(4) && lines.includes(5), JSON.stringify(res.body.errors));
  assert.ok(res.body.errors.every((e) => typeof e.message === 'string' && e.message.length > 0));
  // Nothing of the bad file was imported: the previous register stands.
  assert.equal((await server.api('GET', '/api/v1/residents?limit=1')).total, 2);

  for (const notARegister of ['', 'just some text without separators', '\xff\xfeP\x00']) {
    const r = await server.request('POST', '/api/v1/residents/import', undefined, {
      raw: notARegister,
      headers: { 'content-type': 'text/csv' },
    });
    assert.ok(r.status >= 400 && r.status < 500, `${JSON.stringify(notARegister)}: ${r.status}`);
  }
  assert.equal((await server.api('GET', '/api/v1/residents?limit=1')).total, 2);
});

test('hostile citizen SMS are stored exactly as they came and handled like any other', async () => {
  const texts = [
    'Dobry den\u0000\u0007\u001b[31m s ridicimi znaky',
    'Děkujeme 👍🏽 za info 🚒',
    "'; DROP TABLE contacts; --",
    '<img src=x onerror=alert(1)><script>alert(2)</script>',
    'A'.repeat(1000),
  ];
  for (const [i, text] of texts.entries()) {
    const from = `+42060120000${i}`;
    const res = await server.request('POST', '/api/v1/simulator/inbound', { from, text });
    assert.equal(res.status, 202, JSON.stringify(res.body));
    const stored = await eventually(async () => {
      const r = await server.api('GET', `/api/v1/inbound?from=${encodeURIComponent(from)}`);
      return r.items[0]?.kind !== 'pending' && r.items[0];
    }, `the SMS from ${from}`);
    assert.equal(stored.text, text, `SMS ${i} changed on the way`);
    assert.equal(stored.kind, 'reply');
  }
  // The SQL did nothing: the contacts are still there.
  assert.ok((await server.api('GET', '/api/v1/contacts?limit=1')).total >= 2);
});

test('a flood from one number is throttled without losing what it sent', async () => {
  const from = '+420601300000';
  const sent = [];
  for (let i = 0; i < 40; i++) {
    sent.push(`zprava ${i}`);
    const res = await server.request('POST', '/api/v1/simulator/inbound', { from, text: `zprava ${i}` });
    assert.equal(res.status, 202);
  }
  const stored = await eventually(async () => {
    const r = await server.api('GET', `/api/v1/inbound?from=${from}&limit=100`);
    return r.total === 40 && r.items;
  }, 'all 40 SMS stored');
  assert.deepEqual(stored.map((s) => s.text).sort(), [...sent].sort());
  assert.ok(stored.some((s) => s.kind === 'throttled'), 'some SMS marked throttled');
  // The citizen is not answered 40 times.
  assert.equal((await server.api('GET', `/api/v1/simulator/outbox?to=${from}`)).total, 0);
});

test('a wrong method is a 405 that names the allowed ones, and the Bearer scheme is case-blind', async () => {
  const res = await server.request('PUT', '/api/v1/contacts', {});
  assert.equal(res.status, 405);
  assert.deepEqual(res.headers.get('allow').split(', ').sort(), ['GET', 'POST']);
  const lower = await fetch(server.url + '/api/v1/me', { headers: { authorization: `bearer ${server.token}` } });
  assert.equal(lower.status, 200);
});

test('organization settings out of range or of the wrong shape are refused', async () => {
  const before = await server.api('GET', '/api/v1/organization');
  for (const body of [
    { quiet_start_minute: 4294967296 + 60 },
    { quiet_end_minute: -1 },
    { quiet_end_minute: 1440 },
    { texts: 'Dekujeme' },
    { texts: { help: 42 } },
  ]) {
    assertRefused(await server.request('PATCH', '/api/v1/organization', body), 400, /./);
  }
  assert.deepEqual(await server.api('GET', '/api/v1/organization'), before);
});
