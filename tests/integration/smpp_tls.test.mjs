// SMPP over TLS with the real binary: the SMSC built on the npm package `smpp` serves TLS only,
// with a self-signed certificate made by the openssl command line for this test. smsinfo with
// tls = true and that certificate as tls_ca_file binds, sends and gets receipts; without the
// CA it refuses the SMSC before sending its password, and says why in the gateway status.
// Needs `npm ci --prefix tests/smpp`, openssl and SMSINFO_BIN.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { bin, eventually, root, startSmsinfo } from './support/server.mjs';

const peerModules = path.join(root, 'tests', 'smpp', 'node_modules', 'smpp');
const skip = !fs.existsSync(peerModules)
  ? 'tests/smpp/node_modules is missing: run `npm ci --prefix tests/smpp` first'
  : !fs.existsSync(bin)
    ? `no smsinfo binary at ${bin} (set SMSINFO_BIN)`
    : false;

let dir;
let smsc;
let certFile;

function gatewayToml(port, tlsLines) {
  return (
    '[[gateway]]\nname = "operator"\ntype = "smpp"\nhost = "127.0.0.1"\n' +
    `port = ${port}\nsystem_id = "smsinfo"\npassword = "secret"\n` +
    'submit_id_format = "hex"\nreceipt_id_format = "decimal"\n' +
    `reconnect_min_ms = 200\nreconnect_max_ms = 1000\n${tlsLines}`
  );
}

before(async () => {
  if (skip) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smsinfo-tls-'));
  certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  const made = spawnSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=smsc.test',
    '-addext', 'subjectAltName=DNS:smsc.test',
  ], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  const { startSmsc } = await import('../smpp/smsc.mjs');
  smsc = await startSmsc({ tls: { key: fs.readFileSync(keyFile), cert: fs.readFileSync(certFile) } });
});

after(async () => {
  if (smsc) await smsc.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('smsinfo binds over verified TLS, sends and gets the receipts', { skip }, async () => {
  const server = await startSmsinfo({
    gateway: gatewayToml(
      smsc.port,
      `tls = true\ntls_ca_file = "${certFile}"\ntls_server_name = "smsc.test"\n`,
    ),
  });
  try {
    await smsc.waitFor(() => smsc.records.some((r) => r.pdu === 'bind_transceiver'), 15000, 'bind');
    await server.api('PATCH', '/api/v1/organization', { quiet_start_minute: 0, quiet_end_minute: 0 });
    const phones = Array.from({ length: 100 }, (_, i) => `+420722${String(100000 + i)}`);
    const sent = await server.api('POST', '/api/v1/messages', {
      text: 'Zprava pres TLS',
      urgent: true,
      recipients: { phones },
    });
    await eventually(async () => {
      const m = await server.api('GET', `/api/v1/messages/${sent.id}`);
      return (m.counts.delivered || 0) === 100;
    }, 'all 100 delivered over TLS');
    const { items } = await server.api('GET', '/api/v1/gateways');
    assert.equal(items[0].binds[0].connected, true);
    assert.equal(items[0].binds[0].sent, 100);
  } finally {
    await server.stop();
  }
});

test('smsinfo refuses an SMSC whose certificate it cannot verify', { skip }, async () => {
  const bindsBefore = smsc.records.filter((r) => r.pdu === 'bind_transceiver').length;
  const server = await startSmsinfo({ gateway: gatewayToml(smsc.port, 'tls = true\n') });
  try {
    const status = await eventually(async () => {
      const { items } = await server.api('GET', '/api/v1/gateways');
      return items[0].binds[0]?.last_error ? items[0] : null;
    }, 'a bind error', 15000);
    assert.equal(status.connected, false);
    assert.match(status.binds[0].last_error, /TLS handshake.*certificate/);
    const bindsAfter = smsc.records.filter((r) => r.pdu === 'bind_transceiver').length;
    assert.equal(bindsAfter, bindsBefore, 'no bind (and no password) went to the SMSC');
  } finally {
    await server.stop();
  }
});
