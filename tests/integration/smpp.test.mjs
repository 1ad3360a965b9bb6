// End to end against an SMSC we did not write: tests/smpp/smsc.mjs, built on the npm package
// `smpp` 0.5.1. Starts that SMSC and the real smsinfo binary (tests/integration/support/
// server.mjs) with an smpp gateway, sends a bulk message to 3,000 numbers twice (a long Czech
// text without transliteration: UCS-2 in 4 parts, and with it: GSM 7-bit in 2 parts), checks
// data_coding, UDH and registered_delivery of all 18,000 submit_sm on the wire and that every
// delivery ends `delivered`, then sends inbound SMS (single and concatenated) and checks they
// become a registration and a reply, checks enquire_link both ways and the unbind on shutdown.
// Needs `npm ci --prefix tests/smpp` (scripts/test runs it) and SMSINFO_BIN.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { bin, eventually, root, startSmsinfo } from './support/server.mjs';

const peerModules = path.join(root, 'tests', 'smpp', 'node_modules', 'smpp');
const skip = !fs.existsSync(peerModules)
  ? 'tests/smpp/node_modules is missing: run `npm ci --prefix tests/smpp` first'
  : !fs.existsSync(bin)
    ? `no smsinfo binary at ${bin} (set SMSINFO_BIN)`
    : false;

const CZECH =
  'Příliš žluťoučký kůň úpěl ďábelské ódy. Upozorňujeme občany, že v pátek 12. 12. ' +
  'bude od 8:00 do 14:00 přerušena dodávka vody v ulicích Hlavní, Školní a Nádražní. ' +
  'Cisterna bude u obecního úřadu.';
const RECIPIENTS = 3000;

let smsc;
let server;

function phones() {
  const list = [];
  for (let i = 0; i < RECIPIENTS; i++) list.push(`+420720${String(100000 + i)}`);
  return list;
}

before(async () => {
  if (skip) return;
  const { startSmsc } = await import('../smpp/smsc.mjs');
  smsc = await startSmsc();
  server = await startSmsinfo({
    gateway:
      '[[gateway]]\nname = "operator"\ntype = "smpp"\nhost = "127.0.0.1"\n' +
      `port = ${smsc.port}\nsystem_id = "smsinfo"\npassword = "secret"\n` +
      'source_addr = "OBEC"\nsubmit_id_format = "hex"\nreceipt_id_format = "decimal"\n' +
      'window = 100\nbinds = 2\nenquire_link_s = 1\n',
  });
  await smsc.waitFor(() => smsc.records.some((r) => r.pdu === 'bind_transceiver'), 15000, 'bind');
  // No quiet hours: the bulk messages go out whatever the time of day.
  await server.api('PATCH', '/api/v1/organization', { quiet_start_minute: 0, quiet_end_minute: 0 });
});

after(async () => {
  if (server) await server.stop();
  if (smsc) await smsc.close();
});

// Sends CZECH to every number and waits until every delivery is `delivered`; returns the
// message and the submit_sm the SMSC got for it.
// Urgent messages ignore quiet hours at once; a normal one may wait until dispatch re-reads
// the quiet hours PATCHed in before() (it caches them per minute), hence the longer wait.
async function sendBulk(transliterate, urgent) {
  const first = smsc.records.length;
  const started = Date.now();
  const sent = await server.api('POST', '/api/v1/messages', {
    text: CZECH,
    transliterate,
    urgent,
    recipients: { phones: phones() },
  });
  assert.equal(sent.recipients, RECIPIENTS);
  await eventually(async () => {
    const m = await server.api('GET', `/api/v1/messages/${sent.id}`);
    return (m.counts.delivered || 0) === RECIPIENTS ? m : null;
  }, `all ${RECIPIENTS} deliveries delivered`, 120000);
  const submits = smsc.records.slice(first).filter((r) => r.pdu === 'submit_sm');
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `# ${RECIPIENTS} recipients x ${sent.segments} parts (${sent.encoding}): ` +
      `${submits.length} submit_sm, all delivered in ${seconds.toFixed(1)} s`,
  );
  return { sent, submits };
}

function checkConcatenation(submits, segments, dataCoding) {
  assert.equal(submits.length, RECIPIENTS * segments, 'one submit_sm per part per recipient');
  const byNumber = new Map();
  for (const s of submits) {
    assert.equal(s.data_coding, dataCoding);
    assert.equal(s.registered_delivery & 1, 1, 'a receipt is asked for every part');
    assert.equal(s.source_addr, 'OBEC');
    assert.equal(s.esm_class & 0x40, 0x40, 'UDHI set');
    assert.equal(s.udh.length, 1);
    assert.match(s.udh[0], /^0003/, 'concatenation IE, 8-bit reference');
    if (!byNumber.has(s.destination_addr)) byNumber.set(s.destination_addr, []);
    byNumber.get(s.destination_addr).push(s);
  }
  assert.equal(byNumber.size, RECIPIENTS);
  for (const [number, parts] of byNumber) {
    const udh = parts.map((p) => Buffer.from(p.udh[0], 'hex'));
    const refs = new Set(udh.map((u) => u[2]));
    assert.equal(refs.size, 1, `${number}: one reference for all parts`);
    assert.deepEqual(
      udh.map((u) => u[4]).sort(),
      Array.from({ length: segments }, (_, i) => i + 1),
      `${number}: every part once`,
    );
    assert.ok(udh.every((u) => u[3] === segments), `${number}: total ${segments}`);
  }
  return byNumber;
}

test('an urgent bulk message in UCS-2 arrives as UDH-concatenated parts and is delivered', { skip }, async () => {
  const { sent, submits } = await sendBulk(false, true);
  assert.equal(sent.encoding, 'ucs2');
  assert.ok(sent.segments >= 3, `segments: ${sent.segments}`);
  const byNumber = checkConcatenation(submits, sent.segments, 8);
  const parts = [...byNumber.values()][0].sort(
    (a, b) => Buffer.from(a.udh[0], 'hex')[4] - Buffer.from(b.udh[0], 'hex')[4],
  );
  assert.equal(parts.map((p) => p.text).join(''), sent.text, 'the parts join to the text');
  assert.match(sent.text, /žluťoučký/);
});

test('a transliterated bulk message goes as GSM 7-bit (data_coding 0) and is delivered', { skip }, async () => {
  const { sent, submits } = await sendBulk(true, false);
  assert.equal(sent.encoding, 'gsm7');
  assert.equal(sent.segments, 2);
  const byNumber = checkConcatenation(submits, sent.segments, 0);
  const parts = [...byNumber.values()][0].sort(
    (a, b) => Buffer.from(a.udh[0], 'hex')[4] - Buffer.from(b.udh[0], 'hex')[4],
  );
  assert.equal(parts.map((p) => p.text).join(''), sent.text);
  assert.match(sent.text, /zlutoucky/);
});

test('an inbound registration SMS becomes a registration and is answered', { skip }, async () => {
  const { ucs2 } = await import('../smpp/smsc.mjs');
  const from = '+420731000001';
  const statuses = await smsc.sendInbound({
    from,
    parts: [ucs2('*P Nováková,Jana,Hlavní 5')],
    dataCoding: 8,
  });
  assert.deepEqual(statuses, [0], 'deliver_sm_resp ESME_ROK after it was stored');
  const registration = await eventually(async () => {
    const list = await server.api('GET', `/api/v1/registrations?phone=${encodeURIComponent(from)}`);
    return (list.items || []).find((r) => r.phone === from);
  }, 'the registration');
  assert.equal(registration.surname, 'Nováková');
  await smsc.waitFor(
    () => smsc.records.some((r) => r.pdu === 'submit_sm' && r.destination_addr === from.slice(1)),
    30000,
    'the confirmation SMS to the citizen',
  );
});

test('a concatenated inbound SMS is reassembled into one reply', { skip }, async () => {
  const { gsmUnpacked } = await import('../smpp/smsc.mjs');
  const from = '+420731000002';
  const first = 'Dobry den, dekuji za informaci o vode. '.repeat(4).slice(0, 153);
  const second = 'Bude cisterna i v sobotu? Jan Novak';
  const statuses = await smsc.sendInbound({
    from,
    parts: [gsmUnpacked(first), gsmUnpacked(second)],
    dataCoding: 0,
    ref: 99,
  });
  assert.deepEqual(statuses, [0, 0]);
  const sms = await eventually(async () => {
    const list = await server.api('GET', '/api/v1/inbound');
    return (list.items || []).find((s) => s.from === from);
  }, 'the reassembled inbound SMS');
  assert.equal(sms.text, first + second);
  assert.equal(sms.kind, 'reply');
  assert.equal(sms.gateway, 'operator');
});

test('both sides keep the link alive with enquire_link', { skip }, async () => {
  await smsc.waitFor(
    () => smsc.records.some((r) => r.pdu === 'enquire_link'),
    5000,
    'enquire_link from smsinfo',
  );
  const statuses = await smsc.enquireLink();
  assert.ok(statuses.length >= 1);
  assert.ok(statuses.every((s) => s === 0), 'smsinfo answers enquire_link_resp ESME_ROK');
});

test('the gateway status shows both binds, their windows and the rate', { skip }, async () => {
  const { items } = await server.api('GET', '/api/v1/gateways');
  const operator = items.find((g) => g.name === 'operator');
  assert.ok(operator, JSON.stringify(items));
  assert.equal(operator.type, 'smpp');
  assert.equal(operator.default, true);
  assert.equal(operator.binds.length, 2);
  for (const b of operator.binds) {
    assert.equal(b.connected, true);
    assert.equal(b.window, 100);
    assert.ok(b.sent > 0, 'both binds sent');
  }
  const sent = operator.binds.reduce((n, b) => n + b.sent, 0);
  assert.ok(sent >= RECIPIENTS * 5, `parts sent: ${sent}`);
  const metrics = await server.request('GET', '/metrics', undefined, { token: null });
  assert.equal(metrics.status, 200);
  assert.match(metrics.body, /smsinfo_bind_connected\{gateway="operator",type="smpp",bind="0-transceiver"\} 1/);
  assert.match(metrics.body, /smsinfo_dispatch_receipts_by_state_total\{state="delivered"\} \d+/);
});

test('smsinfo unbinds on shutdown after draining', { skip }, async () => {
  const unbindsBefore = smsc.records.filter((r) => r.pdu === 'unbind').length;
  await server.stop();
  server = null;
  await smsc.waitFor(
    () => smsc.records.filter((r) => r.pdu === 'unbind').length >= unbindsBefore + 2,
    10000,
    'an unbind on each bind',
  );
});
