// The compose screen's live recipient count (POST /api/v1/recipients/preview): the same
// deduplicated number a send would reach, invalid pasted numbers named, and nothing written.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startSmsinfo } from './support/server.mjs';

let server;
let group;

async function preview(recipients) {
  return server.request('POST', '/api/v1/recipients/preview', { recipients });
}

before(async () => {
  server = await startSmsinfo();
  group = await server.api('POST', '/api/v1/groups', { name: 'Zahrádkáři' });
  const people = [
    ['720 100 001', 'Malá', 'Polní', [group.id]],
    ['720 100 002', 'Velký', 'Polní', [group.id]],
    ['720 100 003', 'Horák', 'Školní', []],
  ];
  for (const [phone, surname, street, groups] of people) {
    await server.api('POST', '/api/v1/contacts', { phone, surname, first_name: 'Jan', street, house_number: '1', groups });
  }
});

after(async () => {
  await server?.stop();
});

test('the preview counts each phone once across group, street and pasted numbers', async () => {
  const res = await preview({ groups: [group.id], streets: ['polni'], phones: ['+420720100001', '777 200 300', 'nonsense'] });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.deepEqual(res.body, { recipients: 3, invalid_phones: ['nonsense'] });
});

test('everyone plus a stranger pasted twice counts the stranger once', async () => {
  const res = await preview({ all: true, phones: ['777 200 300', '+420777200300', '720 100 003'] });
  assert.equal(res.body.recipients, 4);
});

test('the preview agrees with the message the same selection creates, and creates none itself', async () => {
  const recipients = { all: true, groups: [group.id], phones: ['777 200 301'] };
  const counted = (await preview(recipients)).body.recipients;
  assert.equal((await server.api('GET', '/api/v1/messages')).total, 0);
  const sent = await server.api('POST', '/api/v1/messages', { text: 'Schůze v pátek.', recipients });
  assert.equal(sent.recipients, counted);
});

test('an empty selection counts nobody and an unknown group is refused', async () => {
  assert.deepEqual((await preview({})).body, { recipients: 0, invalid_phones: [] });
  const unknown = await preview({ all: true, groups: [99999] });
  assert.equal(unknown.status, 404);
  assert.match(JSON.stringify(unknown.body), /group 99999/);
  const malformed = await server.request('POST', '/api/v1/recipients/preview', { recipients: 'all' });
  assert.equal(malformed.status, 400);
});
