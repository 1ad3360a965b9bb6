// End to end against an SMSC we did not write: tests/smpp/smsc.mjs, built on the npm package
// `smpp` 0.5.1. Starts that SMSC and the real smsinfo binary with an smpp gateway, sends a bulk
// message to a few hundred numbers (a long Czech text, with and without transliteration),
// checks data_coding, UDH and registered_delivery on the wire and that every delivery ends
// `delivered`, then sends inbound SMS (single and concatenated) and checks they become a
// registration and a reply. Needs `npm ci --prefix tests/smpp` (scripts/test runs it) and
// SMSINFO_BIN (default build/ci/smsinfo).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const peerModules = path.join(root, 'tests', 'smpp', 'node_modules', 'smpp');
const bin = process.env.SMSINFO_BIN || path.join(root, 'build', 'ci', 'smsinfo');
const skip = !fs.existsSync(peerModules)
  ? 'tests/smpp/node_modules is missing: run `npm ci --prefix tests/smpp` first'
  : !fs.existsSync(bin)
    ? `no smsinfo binary at ${bin} (set SMSINFO_BIN)`
    : false;

const CZECH =
  'Příliš žluťoučký kůň úpěl ďábelské ódy. Upozorňujeme občany, že v pátek 12. 12. ' +
  'bude od 8:00 do 14:00 přerušena dodávka vody v ulicích Hlavní, Školní a Nádražní. ' +
  'Cisterna bude u obecního úřadu.';
const RECIPIENTS = 300;

let smsc;
let server;

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// Starts `smsinfo serve` in a fresh data folder with `extraToml` appended to its config;
// resolves once it serves, with its URL and the admin token printed on first start.
async function startSmsinfo(extraToml) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smsinfo-smpp-'));
  const port = await freePort();
  fs.writeFileSync(
    path.join(dataDir, 'smsinfo.toml'),
    `[server]\nlisten = "127.0.0.1:${port}"\n[dispatch]\nidle_poll_ms = 50\nretry_base_s = 1\n` +
      `[log]\nlevel = "warn"\n${extraToml}`,
  );
  const child = spawn(bin, ['--data', dataDir, 'serve'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.on('data', (d) => (output += d));
  const ready = await new Promise((resolve, reject) => {
    let token = null;
    const timer = setTimeout(() => reject(new Error(`smsinfo did not start:\n${output}`)), 30000);
    child.stdout.on('data', (d) => {
      output += d;
      const t = /token: (\S+)/.exec(output);
      if (t) token = t[1];
      const u = /serving on (http:\/\/\S+)/.exec(output);
      if (u && token) {
        clearTimeout(timer);
        resolve({ url: u[1], token });
      }
    });
    child.on('exit', (code) => reject(new Error(`smsinfo exited with ${code}:\n${output}`)));
  });
  return {
    ...ready,
    dataDir,
    output: () => output,
    async api(method, route, body) {
      const res = await fetch(ready.url + route, {
        method,
        headers: { authorization: `Bearer ${ready.token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      assert.ok(res.ok, `${method} ${route}: ${res.status} ${text}`);
      return text ? JSON.parse(text) : null;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function eventually(check, what, ms = 60000) {
  const deadline = Date.now() + ms;
  let last;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function phones() {
  const list = [];
  for (let i = 0; i < RECIPIENTS; i++) list.push(`+420720${String(100000 + i)}`);
  return list;
}

before(async () => {
  if (skip) return;
  const { startSmsc } = await import('../smpp/smsc.mjs');
  smsc = await startSmsc();
  server = await startSmsinfo(
    '[[gateway]]\nname = "operator"\ntype = "smpp"\nhost = "127.0.0.1"\n' +
      `port = ${smsc.port}\nsystem_id = "smsinfo"\npassword = "secret"\n` +
      'source_addr = "OBEC"\nsubmit_id_format = "hex"\nreceipt_id_format = "decimal"\n' +
      'window = 50\nenquire_link_s = 1\n',
  );
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

test('the session keeps the link alive and unbinds on shutdown', { skip }, async () => {
  await smsc.waitFor(() => smsc.records.some((r) => r.pdu === 'enquire_link'), 5000, 'enquire_link');
  await server.stop();
  await smsc.waitFor(() => smsc.records.some((r) => r.pdu === 'unbind'), 10000, 'unbind');
  server = null;
});
