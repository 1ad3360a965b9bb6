// An SMSC built on the independent npm package `smpp` (0.5.1), for the SMPP integration test:
// it listens on 127.0.0.1 port 0, accepts every bind, answers each submit_sm with a message id
// (hex in submit_sm_resp, the same id in decimal in the receipt), sends a DELIVRD receipt per
// part, can send inbound SMS as deliver_sm (single or concatenated with a UDH), and records
// what it got as JSON lines. Like a real SMSC it keeps a receipt it could not hand over (no
// receiver bound, or the connection went before deliver_sm_resp) and sends it after the next
// bind. For fault tests it can hold submit_sm unanswered (`hold(true)`), drop every
// connection (`dropConnections()`) and send enquire_link itself (`enquireLink()`).
//
// As a module: `const smsc = await startSmsc({ recordPath })`. As a program:
// `node tests/smpp/smsc.mjs [record.jsonl]` prints {"port": N} and runs until killed.
import fs from 'node:fs';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import smpp from 'smpp';

function udhHex(udh) {
  // The library parses the UDH into elements [IEI, length, data...].
  return (udh || []).map((element) => Buffer.from(element).toString('hex'));
}

// `tls`: { key, cert } (PEM) to accept SMPP over TLS only.
export async function startSmsc({
  recordPath = null,
  receipts = true,
  record: keep = true,
  tls = null,
} = {}) {
  const records = [];
  const waiters = [];
  const out = recordPath ? fs.createWriteStream(recordPath, { flags: 'a' }) : null;
  const sessions = new Set();
  const counts = { submit_sm: 0, held: 0, receipts: 0 };
  const pendingReceipts = []; // receipts waiting for a bound receiver
  let holding = false;
  let nextId = 0x1000;

  // Sends a receipt on a bound session, or keeps it until one binds; a receipt whose
  // connection goes before deliver_sm_resp is kept again.
  function sendReceipt(receipt) {
    const receiver = [...sessions].find((s) => s.bound && !s.closed);
    if (!receiver) {
      pendingReceipts.push(receipt);
      return;
    }
    receiver.outstanding.add(receipt);
    receiver.deliver_sm(receipt.pdu, (resp) => {
      receiver.outstanding.delete(receipt);
      counts.receipts++;
      record({ pdu: 'receipt_resp', id: receipt.id, command_status: resp.command_status });
    });
  }

  function record(entry) {
    entry.at = Date.now();
    if (entry.pdu === 'submit_sm') counts.submit_sm++;
    if (keep || entry.pdu !== 'receipt_resp') records.push(entry);
    if (out) out.write(JSON.stringify(entry) + '\n');
    for (const waiter of [...waiters]) {
      if (waiter.done()) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }

  const server = smpp.createServer(tls ? { key: tls.key, cert: tls.cert } : {}, (session) => {
    session.outstanding = new Set();
    session.on('error', () => {});
    session.on('close', () => {
      session.closed = true;
      sessions.delete(session);
      for (const receipt of session.outstanding) pendingReceipts.push(receipt);
      session.outstanding.clear();
      flushReceipts();
    });
    for (const command of ['bind_transceiver', 'bind_transmitter', 'bind_receiver']) {
      session.on(command, (pdu) => {
        session.send(pdu.response());
        session.bound = command !== 'bind_transmitter';
        sessions.add(session);
        record({ pdu: command, system_id: pdu.system_id, password: pdu.password });
        flushReceipts();
      });
    }
    session.on('enquire_link', (pdu) => {
      session.send(pdu.response());
      record({ pdu: 'enquire_link' });
    });
    session.on('unbind', (pdu) => {
      session.send(pdu.response());
      record({ pdu: 'unbind' });
      session.close();
    });
    session.on('submit_sm', (pdu) => {
      const id = nextId++;
      if (holding) counts.held++;
      else session.send(pdu.response({ message_id: id.toString(16) }));
      const sm = pdu.short_message || {};
      const payload = pdu.message_payload || null;
      record({
        pdu: 'submit_sm',
        id,
        source_addr: pdu.source_addr,
        source_addr_ton: pdu.source_addr_ton,
        destination_addr: pdu.destination_addr,
        dest_addr_ton: pdu.dest_addr_ton,
        data_coding: pdu.data_coding,
        esm_class: pdu.esm_class,
        registered_delivery: pdu.registered_delivery,
        udh: udhHex(sm.udh),
        text: typeof sm.message === 'string' ? sm.message : (payload && payload.message) || '',
        held: holding,
      });
      if (holding || !receipts || !(pdu.registered_delivery & 1)) return;
      const text =
        `id:${id} sub:001 dlvrd:001 submit date:2611281200 done date:2611281201 ` +
        'stat:DELIVRD err:000 text:';
      sendReceipt({
        id,
        pdu: {
          source_addr: pdu.destination_addr,
          source_addr_ton: 1,
          source_addr_npi: 1,
          destination_addr: pdu.source_addr,
          esm_class: 4,
          short_message: Buffer.from(text, 'latin1'),
        },
      });
    });
  });

  function flushReceipts() {
    if (![...sessions].some((s) => s.bound && !s.closed)) return;
    for (const receipt of pendingReceipts.splice(0)) sendReceipt(receipt);
  }

  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();

  // Sends an inbound SMS. `parts` is a list of Buffers (the user data of each deliver_sm);
  // with more than one, each gets a concatenation UDH (8-bit reference `ref`). Resolves with
  // the command_status of each deliver_sm_resp.
  async function sendInbound({ from, to = '420700000001', parts, dataCoding, ref = 42 }) {
    const session = [...sessions].find((s) => s.bound);
    if (!session) throw new Error('no bound receiver');
    const statuses = [];
    for (let i = 0; i < parts.length; i++) {
      const concat = parts.length > 1;
      const udh = concat ? Buffer.from([5, 0, 3, ref, parts.length, i + 1]) : Buffer.alloc(0);
      const status = await new Promise((resolve) => {
        session.deliver_sm(
          {
            source_addr: from.replace(/^\+/, ''),
            source_addr_ton: 1,
            source_addr_npi: 1,
            destination_addr: to,
            esm_class: concat ? 0x40 : 0,
            data_coding: dataCoding,
            short_message: Buffer.concat([udh, parts[i]]),
          },
          (resp) => resolve(resp.command_status),
        );
      });
      record({ pdu: 'inbound_resp', from, part: i + 1, command_status: status });
      statuses.push(status);
    }
    return statuses;
  }

  // Resolves once `done()` holds (checked after every record), or rejects after `ms`.
  function waitFor(done, ms = 30000, what = 'condition') {
    if (done()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = { done, resolve };
      waiters.push(waiter);
      setTimeout(() => {
        const index = waiters.indexOf(waiter);
        if (index >= 0) {
          waiters.splice(index, 1);
          reject(new Error(`smsc: timed out waiting for ${what}`));
        }
      }, ms).unref();
    });
  }

  // While on, submit_sm are recorded (held: true) and never answered, as by a stuck SMSC.
  function hold(on) {
    holding = on;
  }

  // Closes every connection at once (the SMSC restarts); receipts not yet acknowledged are
  // kept and sent after the next bind.
  function dropConnections() {
    for (const session of [...sessions]) session.socket.destroy();
  }

  // Sends enquire_link on every bound session; resolves with the command_status of each
  // enquire_link_resp.
  async function enquireLink() {
    const bound = [...sessions].filter((s) => !s.closed);
    if (bound.length === 0) throw new Error('no session');
    return Promise.all(
      bound.map(
        (session) =>
          new Promise((resolve) => {
            session.enquire_link({}, (resp) => {
              record({ pdu: 'enquire_link_resp', command_status: resp.command_status });
              resolve(resp.command_status);
            });
          }),
      ),
    );
  }

  async function close() {
    for (const session of sessions) session.close();
    await new Promise((resolve) => server.close(resolve));
    if (out) await new Promise((resolve) => out.end(resolve));
  }

  return { port, records, counts, sendInbound, waitFor, hold, dropConnections, enquireLink, close };
}

// GSM 7-bit, one septet per octet, for texts in the basic alphabet's ASCII subset.
export function gsmUnpacked(text) {
  return Buffer.from(text, 'latin1');
}

// UCS-2 as SMPP data_coding 8 carries it: UTF-16 big-endian.
export function ucs2(text) {
  return Buffer.from(text, 'utf16le').swap16();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const smsc = await startSmsc({ recordPath: process.argv[2] || null });
  process.stdout.write(JSON.stringify({ port: smsc.port }) + '\n');
}
