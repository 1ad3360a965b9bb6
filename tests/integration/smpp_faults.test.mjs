// Faults end to end, with the real smsinfo binary and the SMSC built on the npm package `smpp`
// (tests/smpp/smsc.mjs), counted on the SMSC's side:
// - smsinfo is killed (SIGKILL, no drain) in the middle of a bulk send and started again on the
//   same data folder: every recipient ends delivered, every part reached the SMSC, and only
//   SMS that were in flight at the crash (at most the window) reached it twice;
// - the connection is lost while the window is full of unanswered submit_sm: those SMS are sent
//   again after the reconnect and nothing else is.
// Needs `npm ci --prefix tests/smpp` and SMSINFO_BIN.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { bin, eventually, root, startSmsinfo } from './support/server.mjs';

const peerModules = path.join(root, 'tests', 'smpp', 'node_modules', 'smpp');
const skip = !fs.existsSync(peerModules)
  ? 'tests/smpp/node_modules is missing: run `npm ci --prefix tests/smpp` first'
  : !fs.existsSync(bin)
    ? `no smsinfo binary at ${bin} (set SMSINFO_BIN)`
    : false;

const WINDOW = 50;

function gatewayToml(port, extra = '') {
  return (
    '[[gateway]]\nname = "operator"\ntype = "smpp"\nhost = "127.0.0.1"\n' +
    `port = ${port}\nsystem_id = "smsinfo"\npassword = "secret"\n` +
    'submit_id_format = "hex"\nreceipt_id_format = "decimal"\n' +
    `window = ${WINDOW}\nreconnect_min_ms = 100\nreconnect_max_ms = 500\n${extra}`
  );
}

function phones(count, first = 100000) {
  return Array.from({ length: count }, (_, i) => `+420721${String(first + i)}`);
}

// The process serving `dataDir`: the PID of our own child, found by its unique data folder.
function pidServing(dataDir) {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline;
    try {
      cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (cmdline[0] === bin && cmdline.includes(dataDir) && cmdline.includes('serve')) {
      return Number(entry);
    }
  }
  return null;
}

async function killHard(server) {
  const pid = pidServing(server.dataDir);
  assert.ok(pid, 'the smsinfo process');
  process.kill(pid, 'SIGKILL');
  await eventually(() => !fs.existsSync(`/proc/${pid}`) || isZombie(pid), 'the killed process to go');
}

function isZombie(pid) {
  try {
    return /\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

// submit_sm records per destination (without '+').
function submitsByNumber(records) {
  const by = new Map();
  for (const r of records) {
    if (r.pdu !== 'submit_sm') continue;
    if (!by.has(r.destination_addr)) by.set(r.destination_addr, []);
    by.get(r.destination_addr).push(r);
  }
  return by;
}

async function allDelivered(server, id, count) {
  return eventually(
    async () => {
      const m = await server.api('GET', `/api/v1/messages/${id}`);
      return (m.counts.delivered || 0) === count ? m : null;
    },
    `all ${count} deliveries delivered`,
    60000,
  );
}

test('a crash in the middle of a bulk send loses nothing and repeats at most the window', { skip }, async () => {
  const { startSmsc } = await import('../smpp/smsc.mjs');
  const smsc = await startSmsc();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smsinfo-crash-'));
  const RECIPIENTS = 3000;
  // A two-part GSM text: a part twice would show as a repeated (number, UDH seq) pair.
  const text = 'Oprava vodovodu: ' + 'voda nepotece od 8 do 14 hodin, cisterna u uradu. '.repeat(4);
  let server = await startSmsinfo({ dataDir, gateway: gatewayToml(smsc.port) });
  const token = server.token;
  try {
    await server.api('PATCH', '/api/v1/organization', { quiet_start_minute: 0, quiet_end_minute: 0 });
    const sent = await server.api('POST', '/api/v1/messages', {
      text,
      urgent: true,
      recipients: { phones: phones(RECIPIENTS) },
    });
    assert.equal(sent.segments, 2);
    await smsc.waitFor(() => smsc.counts.submit_sm >= 2000, 60000, '2,000 submit_sm');
    await killHard(server);
    const atCrash = smsc.counts.submit_sm;
    assert.ok(atCrash < RECIPIENTS * 2, `the crash came mid-send (${atCrash} parts sent)`);

    server = await startSmsinfo({ dataDir, token, gateway: gatewayToml(smsc.port) });
    const message = await allDelivered(server, sent.id, RECIPIENTS);
    assert.equal(message.counts.delivered, RECIPIENTS, 'every recipient ends delivered');

    const by = submitsByNumber(smsc.records);
    assert.equal(by.size, RECIPIENTS, 'every recipient reached the SMSC');
    let repeated = 0;
    for (const [number, parts] of by) {
      const seqs = parts.map((p) => Buffer.from(p.udh[0], 'hex')[4]);
      assert.ok(seqs.includes(1) && seqs.includes(2), `${number}: both parts`);
      if (parts.length > 2) repeated++;
    }
    console.log(
      `# crash after ${atCrash} of ${RECIPIENTS * 2} parts; ${repeated} recipients got an SMS twice ` +
        `(window ${WINDOW})`,
    );
    assert.ok(repeated <= WINDOW, `${repeated} recipients got an SMS twice; at most the window may`);
  } finally {
    await server.stop();
    await smsc.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('the connection lost with a full window sends exactly the unanswered SMS again', { skip }, async () => {
  const { startSmsc } = await import('../smpp/smsc.mjs');
  const smsc = await startSmsc();
  const server = await startSmsinfo({ gateway: gatewayToml(smsc.port, 'response_timeout_ms = 30000\n') });
  try {
    await server.api('PATCH', '/api/v1/organization', { quiet_start_minute: 0, quiet_end_minute: 0 });
    await smsc.waitFor(() => smsc.records.some((r) => r.pdu === 'bind_transceiver'), 15000, 'bind');
    smsc.hold(true);
    const RECIPIENTS = 400;
    const sent = await server.api('POST', '/api/v1/messages', {
      text: 'Kratka zprava o uzavirce',
      urgent: true,
      recipients: { phones: phones(RECIPIENTS, 200000) },
    });
    await smsc.waitFor(() => smsc.counts.held >= WINDOW, 30000, 'a full window');
    const gateways = await server.api('GET', '/api/v1/gateways');
    assert.equal(gateways.items[0].binds[0].in_flight, WINDOW, 'the window is full');
    const held = new Set(smsc.records.filter((r) => r.held).map((r) => r.destination_addr));
    assert.equal(held.size, WINDOW, 'nothing beyond the window was sent');
    smsc.dropConnections();
    smsc.hold(false);

    await allDelivered(server, sent.id, RECIPIENTS);
    const by = submitsByNumber(smsc.records);
    assert.equal(by.size, RECIPIENTS);
    for (const [number, parts] of by) {
      const expected = held.has(number) ? 2 : 1;
      assert.equal(parts.length, expected, `${number}: sent ${parts.length} times`);
    }
    const binds = smsc.records.filter((r) => r.pdu === 'bind_transceiver').length;
    assert.ok(binds >= 2, 'it bound again');
  } finally {
    await server.stop();
    await smsc.close();
  }
});
