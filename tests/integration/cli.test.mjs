// The `smsinfo` command line, run as an office's operator would: init, import, contacts,
// groups, send, registrations, text analyze, users and tokens on the data folder, and the
// simulator subcommands against the running server. Errors go to stderr with a non-zero code.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { eventually, runCli, startSmsinfo } from './support/server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const REGISTER = path.join(here, 'fixtures', 'residents.csv');

let dataDir;
let init;

function cli(...args) {
  return runCli(['--data', dataDir, ...args]);
}

// Runs a command that must succeed and print JSON; returns the parsed output.
function cliJson(...args) {
  const r = cli(...args);
  assert.equal(r.status, 0, `smsinfo ${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

before(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smsinfo-cli-'));
});

after(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('init prints the admin user, password and token once and refuses a second time', () => {
  const first = cli('init', '--name', 'Vestec', '--number', '+420720001676');
  assert.equal(first.status, 0, first.stderr);
  init = {
    user: /^user: (\S+)$/m.exec(first.stdout)?.[1],
    password: /^password: (\S+)$/m.exec(first.stdout)?.[1],
    token: /^token: (\S+)$/m.exec(first.stdout)?.[1],
  };
  assert.equal(init.user, 'admin');
  assert.ok(init.password?.length >= 12, first.stdout);
  assert.ok(init.token?.length >= 20, first.stdout);

  const second = cli('init');
  assert.notEqual(second.status, 0);
  assert.match(second.stderr, /already initialized/);
  assert.doesNotMatch(second.stdout, /password:|token:/);
});

test('every subcommand has --help', () => {
  const commands = [
    [], ['init'], ['serve'], ['import'], ['contacts'], ['contacts', 'list'], ['contacts', 'add'],
    ['contacts', 'delete'], ['groups'], ['groups', 'list'], ['groups', 'add'], ['groups', 'add-members'],
    ['send'], ['messages'], ['messages', 'list'], ['messages', 'show'], ['messages', 'cancel'],
    ['registrations'], ['registrations', 'list'], ['registrations', 'approve'], ['registrations', 'reject'],
    ['inbound'], ['users'], ['users', 'list'], ['users', 'add'], ['users', 'passwd'], ['tokens'],
    ['tokens', 'list'], ['tokens', 'create'], ['tokens', 'revoke'], ['text'], ['text', 'analyze'],
    ['simulator'], ['simulator', 'inbound'], ['simulator', 'outbox'],
  ];
  for (const c of commands) {
    const r = runCli([...c, '--help']);
    assert.equal(r.status, 0, `${c.join(' ')} --help: ${r.stderr}`);
    assert.match(r.stdout, /Usage:/, c.join(' '));
  }
});

test('bad input goes to stderr with a non-zero code and writes nothing', () => {
  const before = cliJson('contacts', 'list').total;
  for (const args of [
    ['contacts', 'add', '--phone', '12'],
    ['contacts', 'add'],
    ['groups', 'add-members', '999', '1'],
    ['send', '--text', '', '--all'],
    ['registrations', 'approve', '424242'],
    ['no-such-command'],
  ]) {
    const r = cli(...args);
    assert.notEqual(r.status, 0, args.join(' '));
    assert.ok(r.stderr.trim().length > 0, `${args.join(' ')} says why on stderr`);
  }
  assert.equal(cliJson('contacts', 'list').total, before);

  const badCsv = path.join(dataDir, 'bad.csv');
  fs.writeFileSync(badCsv, 'Příjmení;Jméno;Ulice;Číslo popisné\nNovák;Jan;Hlavní;\n');
  const r = cli('import', badCsv);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /2/); // names line 2
});

test('text analyze shows the text as phones get it, with its counts', () => {
  const gsm = cliJson('text', 'analyze', 'Příliš žluťoučký kůň');
  assert.equal(gsm.text, 'SMS Info OU:Prilis zlutoucky kun Vas OU');
  assert.equal(gsm.encoding, 'gsm7');
  assert.equal(gsm.segments, 1);
  const ucs2 = cliJson('text', 'analyze', '--keep-diacritics', 'Příliš žluťoučký kůň');
  assert.equal(ucs2.encoding, 'ucs2');
  assert.equal(ucs2.text, 'SMS Info OU:Příliš žluťoučký kůň Vas OU');
});

test('import, contacts, groups and send work on the data folder and the server delivers', async () => {
  const imported = cli('import', REGISTER);
  assert.equal(imported.status, 0, imported.stderr);
  assert.match(imported.stdout, /3000/);

  const group = cliJson('groups', 'add', 'Hasiči', '--description', 'Sbor dobrovolných hasičů');
  const a = cliJson('contacts', 'add', '--phone', '601 200 301', '--surname', 'Novák', '--street', 'Hlavní', '--group', String(group.id));
  const b = cliJson('contacts', 'add', '--phone', '+420601200302', '--surname', 'Svobodová', '--street', 'Polní');
  assert.equal(a.phone, '+420601200301');
  const added = cli('groups', 'add-members', String(group.id), String(b.id));
  assert.equal(added.status, 0, added.stderr);
  assert.equal(cliJson('contacts', 'list', '--group', String(group.id)).total, 2);
  assert.equal(cliJson('contacts', 'list', '--street', 'Polní').total, 1);

  const server = await startSmsinfo({ dataDir, token: init.token });
  try {
    await server.api('PATCH', '/api/v1/organization', { quiet_start_minute: 0, quiet_end_minute: 0 });
    const sent = cliJson('send', '--text', 'Cvičení hasičů v sobotu v 9:00.', '--group', String(group.id));
    assert.equal(sent.recipients, 2);
    await eventually(async () => {
      const m = await server.api('GET', `/api/v1/messages/${sent.id}`);
      return m.counts.delivered === 2;
    }, 'both delivered');
    const shown = cliJson('messages', 'show', String(sent.id));
    assert.equal(shown.counts.delivered, 2);

    // The simulator subcommands talk to the running server.
    const outbox = cliJson('simulator', 'outbox', '--to', '+420601200301');
    assert.deepEqual(outbox.items.map((i) => i.text), ['SMS Info OU:Cviceni hasicu v sobotu v 9:00. Vas OU']);
    const inbound = cli('simulator', 'inbound', '--from', '+420601200999', '--text', '*P Kučera,Vojtěch,Sadová 1');
    assert.equal(inbound.status, 0, inbound.stderr);
    const pending = await eventually(() => {
      const list = cliJson('registrations', 'list', '--status', 'pending');
      return list.items.find((r) => r.phone === '+420601200999');
    }, 'the registration');
    assert.equal(pending.match, 'matched');
    const approved = cliJson('registrations', 'approve', String(pending.id));
    assert.equal(approved.status, 'approved');
    await eventually(async () => {
      const o = cliJson('simulator', 'outbox', '--to', '+420601200999');
      return o.items.some((i) => i.text.includes('byla schvalena'));
    }, 'the approval SMS');

    // The password and token printed by init work against the server.
    const login = await fetch(server.url + '/api/v1/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: init.user, password: init.password }),
    });
    assert.equal(login.status, 200);
    const audit = await server.api('GET', '/api/v1/audit?limit=200');
    assert.ok(audit.items.some((e) => e.action === 'message.send' && e.actor === 'cli'), JSON.stringify(audit.items.slice(0, 3)));
  } finally {
    await server.stop();
  }
});

test('users and tokens are managed from the command line', () => {
  const user = cli('users', 'add', 'referentka', '--role', 'operator');
  assert.equal(user.status, 0, user.stderr);
  assert.match(user.stdout, /^password: \S{12,}$/m);
  const created = cli('tokens', 'create', 'skript');
  assert.equal(created.status, 0, created.stderr);
  assert.match(created.stdout, /smsi_/);
  const tokens = cliJson('tokens', 'list');
  const mine = tokens.find((t) => t.name === 'skript');
  assert.ok(mine, JSON.stringify(tokens));
  assert.equal(cli('tokens', 'revoke', String(mine.id)).status, 0);
  assert.equal(cli('users', 'add', 'x', '--role', 'emperor').status === 0, false);
});
