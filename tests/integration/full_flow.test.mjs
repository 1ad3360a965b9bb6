// The whole SMS path of issue #2, end to end, on the built-in simulator: the real binary on a
// free loopback port with a fresh data folder imports the residence register, citizens
// register, unregister and reply through the simulated network, the office approves, sends to
// a group and to a street, and every recipient's final state and the exact text each
// simulated phone received are checked.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { eventually, startSmsinfo } from './support/server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const REGISTER = fs.readFileSync(path.join(here, 'fixtures', 'residents.csv'));

const PREFIX = 'SMS Info OU:';
const RECEIVED = `${PREFIX}Dekujeme, vase registrace do SMS info byla prijata a ceka na schvaleni obecnim uradem.`;
const APPROVED = `${PREFIX}Vase registrace do SMS info byla schvalena. Vas OU`;
const REJECTED = `${PREFIX}Vasi registraci do SMS info nelze schvalit. Informace poda obecni urad.`;
const UNREGISTERED = `${PREFIX}Byli jste odhlaseni z SMS info a vase udaje byly smazany.`;
const HELP = `${PREFIX}Registrace: *P Prijmeni,Jmeno,Ulice a CP[,Firma]. Odhlaseni: *P`;

// The citizens of this story: phone, what they send, and what the register says of it.
const KUCERA = { phone: '+420601000001', text: '*P Kučera,Vojtěch,Sadová 1', match: 'matched' };
const HOLUB = { phone: '+420601000002', text: '*p  holub , pavel , Školní 6/7', match: 'matched' };
const CERMAK = { phone: '+420601000003', text: '*P Čermák,Zdeněk,Vestec 4', match: 'matched' };
const DVORAK = { phone: '+420601000004', text: '*P Dvorak,Dominik,Dlouha c.p. 2,', match: 'matched' };
const DVORAKOVA = {
  phone: '+420601000005',
  text: '*P Dvořáková, Michaela, Dlouhá č.p. 2, Kadeřnictví Míša',
  match: 'matched',
};
const CERNY = { phone: '+420601000006', text: '*P Černý,Lukáš,Vestec 12', match: 'ambiguous' };
const STRANGER = { phone: '+420601000007', text: '*P Nováček,Jan,Neexistující 999', match: 'unmatched' };
const CONFUSED = { phone: '+420601000008', text: '*P jen jmeno' };

let server;
const log = {}; // what the scenario learned on the way, shared by the ordered tests below

async function outbox(phone) {
  const res = await server.api('GET', `/api/v1/simulator/outbox?to=${encodeURIComponent(phone)}`);
  return res.items.map((i) => i.text);
}

async function citizenSends(phone, text) {
  const res = await server.request('POST', '/api/v1/simulator/inbound', { from: phone, text });
  assert.equal(res.status, 202, JSON.stringify(res.body));
}

async function registrationOf(phone) {
  const res = await server.api('GET', `/api/v1/registrations?phone=${encodeURIComponent(phone)}`);
  return res.items[0];
}

async function messageDone(id) {
  return eventually(async () => {
    const m = await server.api('GET', `/api/v1/messages/${id}`);
    const open = ['queued', 'sending', 'submitted'].reduce((n, s) => n + (m.counts[s] ?? 0), 0);
    return open === 0 ? m : null;
  }, `message ${id} to reach final states`);
}

async function deliveriesByPhone(id) {
  const res = await server.api('GET', `/api/v1/messages/${id}/deliveries?limit=1000`);
  return Object.fromEntries(res.items.map((d) => [d.phone, d.state]));
}

before(async () => {
  server = await startSmsinfo({
    gateway:
      '[[gateway]]\nname = "sim"\ntype = "simulator"\nreceipt_delay_ms = 50\n' +
      'failing_numbers = ["+420601000099"]\n',
  });
  // No quiet hours while the story runs, whatever the time of day of the test run.
  await server.api('PATCH', '/api/v1/organization', { quiet_start_minute: 0, quiet_end_minute: 0 });
});

after(async () => {
  await server?.stop();
});

describe('the whole SMS path on the simulator', () => {
  test('the residence register imports whole from the Czech CSV export', async () => {
    const res = await server.request('POST', '/api/v1/residents/import', undefined, {
      raw: REGISTER,
      headers: { 'content-type': 'text/csv' },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.imported, 3000);
    assert.deepEqual(res.body.errors, []);
    const page = await server.api('GET', '/api/v1/residents?limit=1');
    assert.equal(page.total, 3000);
  });

  test('registrations by SMS are stored, matched against the register and confirmed', async () => {
    for (const c of [KUCERA, HOLUB, CERMAK, DVORAK, DVORAKOVA, CERNY, STRANGER]) {
      await citizenSends(c.phone, c.text);
    }
    for (const c of [KUCERA, HOLUB, CERMAK, DVORAK, DVORAKOVA, CERNY, STRANGER]) {
      const reg = await eventually(() => registrationOf(c.phone), `registration of ${c.phone}`);
      assert.equal(reg.status, 'pending', c.text);
      assert.equal(reg.match, c.match, `${c.text}: ${JSON.stringify(reg)}`);
      if (c.match === 'matched') assert.ok(reg.resident_id, c.text);
      else assert.equal(reg.resident_id ?? null, null, c.text);
      log[c.phone] = reg;
      await eventually(async () => (await outbox(c.phone)).length === 1, `confirmation to ${c.phone}`);
      assert.deepEqual(await outbox(c.phone), [RECEIVED]);
    }
    // The registration keeps what the citizen wrote; the address is understood.
    assert.equal(log[HOLUB.phone].surname, 'holub');
    assert.equal(log[HOLUB.phone].first_name, 'pavel');
    assert.equal(log[HOLUB.phone].street, 'Školní');
    assert.equal(log[HOLUB.phone].house_number, '6');
    assert.equal(log[HOLUB.phone].orientation_number, '7');
    assert.equal(log[DVORAKOVA.phone].company, 'Kadeřnictví Míša');
    assert.equal(log[DVORAK.phone].company ?? '', '');
    assert.equal(log[CERNY.phone].candidates.length, 2);

    const inbound = await server.api('GET', `/api/v1/inbound?from=${encodeURIComponent(KUCERA.phone)}`);
    assert.equal(inbound.total, 1);
    assert.equal(inbound.items[0].kind, 'registration');
    assert.equal(inbound.items[0].text, KUCERA.text);
  });

  test('a malformed command is stored and answered with the help SMS', async () => {
    await citizenSends(CONFUSED.phone, CONFUSED.text);
    await eventually(async () => (await outbox(CONFUSED.phone)).length === 1, 'help SMS');
    assert.deepEqual(await outbox(CONFUSED.phone), [HELP]);
    const inbound = await server.api('GET', `/api/v1/inbound?from=${encodeURIComponent(CONFUSED.phone)}`);
    assert.equal(inbound.items[0].kind, 'invalid_command');
    assert.equal(inbound.items[0].text, CONFUSED.text);
    assert.equal(await registrationOf(CONFUSED.phone), undefined);
  });

  test('approving makes a contact with the register spelling and rejecting tells the citizen', async () => {
    for (const c of [KUCERA, HOLUB, CERMAK, DVORAK, DVORAKOVA]) {
      const reg = await server.api('POST', `/api/v1/registrations/${log[c.phone].id}/approve`, {});
      assert.equal(reg.status, 'approved');
    }
    const rejected = await server.api('POST', `/api/v1/registrations/${log[STRANGER.phone].id}/reject`, {});
    assert.equal(rejected.status, 'rejected');
    // Approving twice is refused and changes nothing.
    const again = await server.request('POST', `/api/v1/registrations/${log[KUCERA.phone].id}/approve`, {});
    assert.equal(again.status, 409, JSON.stringify(again.body));

    for (const c of [KUCERA, HOLUB, CERMAK, DVORAK, DVORAKOVA]) {
      await eventually(async () => (await outbox(c.phone)).length === 2, `approval SMS to ${c.phone}`);
      assert.deepEqual(await outbox(c.phone), [RECEIVED, APPROVED]);
      const contacts = await server.api('GET', `/api/v1/contacts?phone=${encodeURIComponent(c.phone)}`);
      assert.equal(contacts.total, 1, c.phone);
      log[`contact ${c.phone}`] = contacts.items[0];
    }
    await eventually(async () => (await outbox(STRANGER.phone)).length === 2, 'rejection SMS');
    assert.deepEqual(await outbox(STRANGER.phone), [RECEIVED, REJECTED]);
    assert.equal((await server.api('GET', `/api/v1/contacts?phone=${STRANGER.phone}`)).total, 0);

    // The register's spelling wins over what the citizen typed without diacritics.
    const dvorak = log[`contact ${DVORAK.phone}`];
    assert.equal(dvorak.surname, 'Dvořák');
    assert.equal(dvorak.street, 'Dlouhá');
    assert.equal(dvorak.house_number, '2');
    assert.equal(log[`contact ${DVORAKOVA.phone}`].company, 'Kadeřnictví Míša');
    assert.equal(log[`contact ${CERMAK.phone}`].street, '');
  });

  test('a message to a group reaches each member once with the composed GSM text', async () => {
    const group = await server.api('POST', '/api/v1/groups', { name: 'Hasiči' });
    const extra = await server.api('POST', '/api/v1/contacts', {
      phone: '720 000 111',
      surname: 'Veselý',
      first_name: 'Petr',
      street: 'Polní',
      house_number: '8',
      groups: [group.id],
    });
    assert.equal(extra.phone, '+420720000111');
    await server.api('POST', `/api/v1/groups/${group.id}/members`, {
      contacts: [log[`contact ${KUCERA.phone}`].id, log[`contact ${HOLUB.phone}`].id],
    });
    const sent = await server.api('POST', '/api/v1/messages', {
      text: 'Zítra od 8 do 12 hodin nepoteče voda.',
      // The same people named twice over (group, contact id, raw number) get it once.
      recipients: { groups: [group.id], contacts: [log[`contact ${KUCERA.phone}`].id], phones: [KUCERA.phone] },
    });
    assert.equal(sent.recipients, 3);
    assert.equal(sent.encoding, 'gsm7');
    assert.equal(sent.segments, 1);
    assert.equal(sent.total_segments, 3);
    log.groupMessage = sent.id;

    const done = await messageDone(sent.id);
    assert.equal(done.counts.delivered, 3);
    const expected = `${PREFIX}Zitra od 8 do 12 hodin nepotece voda. Vas OU`;
    assert.deepEqual(await deliveriesByPhone(sent.id), {
      [KUCERA.phone]: 'delivered',
      [HOLUB.phone]: 'delivered',
      '+420720000111': 'delivered',
    });
    const one = await server.api('GET', `/api/v1/messages/${sent.id}/deliveries?phone=${encodeURIComponent('601 000 001')}`);
    assert.deepEqual(one.items.map((d) => d.phone), [KUCERA.phone]);
    assert.equal((await outbox(KUCERA.phone)).at(-1), expected);
    assert.equal((await outbox(HOLUB.phone)).at(-1), expected);
    assert.deepEqual(await outbox('+420720000111'), [expected]);
    assert.equal((await outbox(KUCERA.phone)).length, 3);
  });

  test('a message to a street keeps its diacritics in UCS-2 when asked to', async () => {
    const sent = await server.api('POST', '/api/v1/messages', {
      text: 'Ulice Dlouhá: v pátek se čistí kanalizace, neparkujte prosím u domů.',
      recipients: { streets: ['Dlouhá'] },
      transliterate: false,
    });
    assert.equal(sent.recipients, 2);
    assert.equal(sent.encoding, 'ucs2');
    const done = await messageDone(sent.id);
    assert.equal(done.counts.delivered, 2);
    const expected =
      `${PREFIX}Ulice Dlouhá: v pátek se čistí kanalizace, neparkujte prosím u domů. Vas OU`;
    assert.equal(sent.segments, 2); // 86 UCS-2 characters: two parts of 67
    for (const phone of [DVORAK.phone, DVORAKOVA.phone]) {
      assert.equal((await outbox(phone)).at(-1), expected, phone);
    }
    assert.deepEqual(await deliveriesByPhone(sent.id), {
      [DVORAK.phone]: 'delivered',
      [DVORAKOVA.phone]: 'delivered',
    });
  });

  test('a number the network cannot reach ends undeliverable while the others are delivered', async () => {
    const sent = await server.api('POST', '/api/v1/messages', {
      text: 'Test dosazitelnosti.',
      recipients: { phones: ['+420601000099', CERMAK.phone] },
    });
    await messageDone(sent.id);
    assert.deepEqual(await deliveriesByPhone(sent.id), {
      '+420601000099': 'undeliverable',
      [CERMAK.phone]: 'delivered',
    });
    assert.deepEqual(await outbox('+420601000099'), []);
  });

  test('a reply is tied to the contact and to the last message sent to that number', async () => {
    await citizenSends(KUCERA.phone, 'Dekuji, budeme doma.');
    const reply = await eventually(async () => {
      const res = await server.api('GET', `/api/v1/inbound?from=${encodeURIComponent(KUCERA.phone)}&kind=reply`);
      return res.items[0];
    }, 'the reply');
    assert.equal(reply.text, 'Dekuji, budeme doma.');
    assert.equal(reply.contact_id, log[`contact ${KUCERA.phone}`].id);
    assert.equal(reply.in_reply_to, log.groupMessage);
  });

  test('a concatenated SMS arriving out of order is reassembled into one reply', async () => {
    const long =
      'Dobrý den, chtěla bych se zeptat, zda bude voda přerušena i v ulici Školní, kde bydlí ' +
      'moje maminka, a jestli bude k dispozici cisterna. Děkuji za odpověď, Holubová.';
    const res = await server.request('POST', '/api/v1/simulator/inbound', {
      from: HOLUB.phone,
      text: long,
      out_of_order: true,
    });
    assert.equal(res.status, 202);
    const reply = await eventually(async () => {
      const r = await server.api('GET', `/api/v1/inbound?from=${encodeURIComponent(HOLUB.phone)}&kind=reply`);
      return r.items[0];
    }, 'the long reply');
    assert.equal(reply.text, long);
  });

  test('*P alone unregisters and erases the personal data of that number', async () => {
    await citizenSends(CERMAK.phone, '*P');
    await eventually(async () => (await outbox(CERMAK.phone)).includes(UNREGISTERED), 'unregistration SMS');
    const contacts = await server.api('GET', `/api/v1/contacts?phone=${encodeURIComponent(CERMAK.phone)}`);
    assert.equal(contacts.total, 0);
    assert.equal(await registrationOf(CERMAK.phone), undefined);
    // The SMS from that number keep only that an unregistration happened, and when.
    const inbound = await server.api('GET', `/api/v1/inbound?from=${encodeURIComponent(CERMAK.phone)}`);
    assert.equal(inbound.total, 0, JSON.stringify(inbound.items));
    const anonymous = await server.api('GET', '/api/v1/inbound?kind=unregistration');
    assert.equal(anonymous.total, 1);
    assert.equal(anonymous.items[0].text, '');
    assert.ok(!JSON.stringify(anonymous.items[0]).includes(CERMAK.phone.slice(4)));
    const erased = await server.api('GET', '/api/v1/inbound?limit=500');
    assert.ok(!JSON.stringify(erased.items).includes('Čermák'), 'no trace of the name in the inbox');
    // The next message to everyone does not reach the unregistered number.
    const all = await server.api('POST', '/api/v1/messages', { text: 'Pro vsechny.', recipients: { all: true } });
    assert.equal(all.recipients, 5); // Kučera, Holub, Dvořák, Dvořáková, Veselý
    await messageDone(all.id);
    assert.equal((await deliveriesByPhone(all.id))[CERMAK.phone], undefined);
  });

  test('quiet hours hold normal messages, urgent ones go at once, and a queued one can be cancelled', async () => {
    // Quiet all day but the last minute: a normal message waits, an urgent one does not.
    await server.api('PATCH', '/api/v1/organization', { quiet_start_minute: 0, quiet_end_minute: 1439 });
    const normal = await server.api('POST', '/api/v1/messages', {
      text: 'Pozvanka na verejne zasedani.',
      recipients: { phones: [DVORAK.phone] },
    });
    const urgent = await server.api('POST', '/api/v1/messages', {
      text: 'Pozor, uzavirka silnice!',
      recipients: { phones: [DVORAK.phone] },
      urgent: true,
    });
    const done = await messageDone(urgent.id);
    assert.equal(done.counts.delivered, 1);
    assert.equal((await outbox(DVORAK.phone)).at(-1), `${PREFIX}Pozor, uzavirka silnice! Vas OU`);
    assert.equal((await server.api('GET', `/api/v1/messages/${normal.id}`)).counts.queued, 1);

    const cancelled = await server.api('POST', `/api/v1/messages/${normal.id}/cancel`, {});
    assert.equal(cancelled.cancelled, 1);
    assert.equal((await server.api('GET', `/api/v1/messages/${normal.id}`)).counts.cancelled, 1);
    await server.api('PATCH', '/api/v1/organization', { quiet_start_minute: 0, quiet_end_minute: 0 });

    // A message scheduled for later stays queued until cancelled; cancelling again changes nothing.
    const later = await server.api('POST', '/api/v1/messages', {
      text: 'Pripominka: svoz odpadu.',
      recipients: { phones: [DVORAK.phone] },
      send_at: new Date(Date.now() + 3600_000).toISOString(),
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal((await server.api('GET', `/api/v1/messages/${later.id}`)).counts.queued, 1);
    assert.equal((await server.api('POST', `/api/v1/messages/${later.id}/cancel`, {})).cancelled, 1);
    assert.equal((await server.api('POST', `/api/v1/messages/${later.id}/cancel`, {})).cancelled, 0);
    assert.ok(!(await outbox(DVORAK.phone)).some((t) => t.includes('Pozvanka') || t.includes('Pripominka')));
  });

  test('every change by the office is in the audit log with who did it', async () => {
    const audit = await server.api('GET', '/api/v1/audit?limit=500');
    const actions = new Set(audit.items.map((a) => a.action));
    for (const a of ['residents.import', 'registration.approve', 'registration.reject', 'message.send', 'message.cancel', 'group.create', 'contact.create']) {
      assert.ok(actions.has(a), `${a} missing from ${[...actions].join(', ')}`);
    }
    const send = audit.items.find((a) => a.action === 'message.send');
    assert.ok(send.actor, JSON.stringify(send));
    assert.ok(send.at, JSON.stringify(send));
  });
});
