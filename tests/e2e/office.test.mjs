// The office web application in a real browser: Debian's Chromium (headless, playwright-core)
// against the real smsinfo binary serving ui/dist, with the built-in simulator as the phone
// network. Screens are found by the Czech labels and test ids that docs/ui.md lists.
// Set-up that the issue does not ask to do through the screens is done through the API.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { eventually, fixtures, startOffice } from './support/office.mjs';

// Receipts arrive 1.5 s after submission, so that the message page can be seen in `sent`
// before it turns `delivered` through the event stream.
const GATEWAY = '[[gateway]]\nname = "sim"\ntype = "simulator"\nreceipt_delay_ms = 1500\n';

let office;
let server;

before(async () => {
  office = await startOffice({ gateway: GATEWAY });
  server = office.server;
  // Quiet hours off: a message sent at night in the test run must go at once.
  await server.api('PATCH', '/api/v1/organization', {
    name: 'Obec Vestec',
    quiet_start_minute: 0,
    quiet_end_minute: 0,
  });
});

after(async () => {
  if (office) await office.stop();
});

const heading = (page, name) => page.getByRole('heading', { level: 1, name });

async function signIn(page, username = server.username, password = server.password) {
  await page.goto('/');
  await heading(page, 'Přihlášení').waitFor();
  await page.getByLabel('Uživatelské jméno').fill(username);
  await page.getByLabel('Heslo', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Přihlásit se' }).click();
  await heading(page, 'Přehled').waitFor();
}

async function goTo(page, link, title) {
  await page.getByRole('navigation', { name: 'Hlavní nabídka' }).getByRole('link', { name: link, exact: true }).click();
  await heading(page, title).waitFor();
}

function assertNothingRan(page) {
  assert.deepEqual(page.dialogs, [], 'the page opened dialogs');
  assert.deepEqual(page.errors, [], 'the page threw errors');
  assert.deepEqual(page.cspViolations, [], 'the page broke its Content-Security-Policy');
}

let nextPhone = 720555000;
const newPhone = () => `+420${++nextPhone}`;

async function importRegisterViaApi() {
  const csv = fs.readFileSync(path.join(fixtures, 'residents.csv'));
  await server.api('POST', '/api/v1/residents/import', undefined, {
    raw: csv,
    headers: { 'content-type': 'text/csv' },
  });
}

test('a clerk signs in with the password and lands on the overview', async () => {
  const page = await office.newPage();
  await page.goto('/');
  await heading(page, 'Přihlášení').waitFor();
  await office.screenshot(page, '01-login');

  await page.getByLabel('Uživatelské jméno').fill(server.username);
  await page.getByLabel('Heslo', { exact: true }).fill('not the password');
  await page.getByRole('button', { name: 'Přihlásit se' }).click();
  await page.getByRole('alert').waitFor();
  await heading(page, 'Přihlášení').waitFor();

  await page.getByLabel('Heslo', { exact: true }).fill(server.password);
  await page.getByRole('button', { name: 'Přihlásit se' }).click();
  await heading(page, 'Přehled').waitFor();
  for (const id of ['overview-messages', 'overview-registrations', 'overview-unread', 'overview-gateway']) {
    await page.getByTestId(id).waitFor();
  }
  const nav = page.getByRole('navigation', { name: 'Hlavní nabídka' });
  for (const link of ['Přehled', 'Nová zpráva', 'Zprávy', 'Doručené', 'Registrace', 'Kontakty', 'Nastavení']) {
    await nav.getByRole('link', { name: link, exact: true }).waitFor();
  }
  await office.screenshot(page, '02-overview');

  // The session survives a reload (HttpOnly cookie; the CSRF token comes back from the server).
  await page.reload();
  await heading(page, 'Přehled').waitFor();
  assertNothingRan(page);
});

test('a clerk imports the residence register and finds a resident in it', async () => {
  const page = await office.newPage();
  await signIn(page);
  await goTo(page, 'Evidence obyvatel', 'Evidence obyvatel');
  await page.getByLabel('Soubor evidence (CSV)').setInputFiles(path.join(fixtures, 'residents-cp1250.csv'));
  await page.getByRole('button', { name: 'Importovat evidenci' }).click();
  const result = page.getByTestId('import-result');
  await result.waitFor();
  assert.match(await result.innerText(), /120/, 'the result names the 120 imported residents');
  await page.getByTestId('last-import').waitFor();

  // Windows-1250 was decoded: the name with diacritics is found as it is written.
  await page.getByLabel('Hledat v evidenci').fill('Blažková');
  await page.getByRole('cell', { name: /Blažková Michaela/ }).first().waitFor();
  await eventually(async () => (await page.getByRole('cell', { name: /Beneš/ }).count()) === 0, 'the search to filter the table', 5000);
  assert.equal(await page.getByRole('cell', { name: /Blažková/ }).count(), 3, 'three residents named Blažková');
  await office.screenshot(page, '03-register');
  const residents = await server.api('GET', '/api/v1/residents?q=Bla%C5%BEkov%C3%A1');
  assert.equal(residents.total, 3);
  assertNothingRan(page);
});

test('a citizen registers by SMS and the clerk approves the registration', async () => {
  await importRegisterViaApi();
  const phone = newPhone();
  await server.api('POST', '/api/v1/simulator/inbound', { from: phone, text: '*P Blažková,Michaela,Zahradní 25' });
  await eventually(async () => {
    const r = await server.api('GET', `/api/v1/registrations?status=pending&phone=${encodeURIComponent(phone)}`);
    return r.total === 1;
  }, 'the pending registration');

  const page = await office.newPage();
  await signIn(page);
  await goTo(page, 'Registrace', 'Registrace');
  const row = page.getByRole('row').filter({ hasText: 'Blažková' });
  await row.first().waitFor();
  await row.first().getByText('Shoda', { exact: true }).waitFor();
  await office.screenshot(page, '04-registrations');
  await row.first().getByRole('button', { name: 'Schválit' }).click();

  await eventually(async () => {
    const c = await server.api('GET', `/api/v1/contacts?phone=${encodeURIComponent(phone)}`);
    return c.total === 1 && c.items[0].surname === 'Blažková';
  }, 'the approved registration as a contact', 10000);
  const reg = await server.api('GET', `/api/v1/registrations?phone=${encodeURIComponent(phone)}`);
  assert.equal(reg.items[0].status, 'approved');
  // The citizen got the confirmation SMS.
  await eventually(async () => {
    const out = await server.api('GET', `/api/v1/simulator/outbox?to=${encodeURIComponent(phone)}`);
    return out.total >= 2;  // "received" and "approved"
  }, 'the approval SMS', 10000);
  assertNothingRan(page);
});

test('the registrations screen shows the register entry beside the SMS', async () => {
  await importRegisterViaApi();
  const phone = newPhone();
  await server.api('POST', '/api/v1/simulator/inbound', { from: phone, text: '*P Beneš,Karel,Průhonická 15' });
  const page = await office.newPage();
  await signIn(page);
  await goTo(page, 'Registrace', 'Registrace');
  const row = page.getByRole('row').filter({ hasText: 'Beneš' }).first();
  await row.waitFor();
  // The matched resident as the register has him (the year of birth only the register knows).
  await row.getByText('1975').waitFor({ timeout: 3000 });
});

// A group with contacts (set-up through the API); returns the group.
async function makeGroup(name, people) {
  const group = await server.api('POST', '/api/v1/groups', { name });
  for (const [surname, first] of people) {
    await server.api('POST', '/api/v1/contacts', { phone: newPhone(), surname, first_name: first, groups: [group.id] });
  }
  return group;
}

test('the new message screen counts recipients once and names them in the confirmation', async () => {
  const group = await makeGroup('Senioři', [['Stará', 'Marie'], ['Starý', 'Josef']]);
  const member = (await server.api('GET', `/api/v1/contacts?group=${group.id}`)).items[0];
  const page = await office.newPage();
  await signIn(page);
  await goTo(page, 'Nová zpráva', 'Nová zpráva');
  await page.getByLabel('Text zprávy').fill('Očkování proti chřipce ve středu.');
  await page.getByRole('group', { name: 'Skupiny' }).getByLabel('Senioři').check();
  // One pasted number is a member already, one is new and written twice: 2 + 1 = 3.
  await page.getByLabel('Telefonní čísla').fill(`${member.phone}\n+420 720 444 001\n720444001`);
  await eventually(async () => /\b3\b/.test(await page.getByTestId('recipient-count').innerText()), 'recipient count 3', 5000);
  await page.getByRole('button', { name: 'Odeslat…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Potvrzení odeslání' });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /\b3\b/, 'the confirmation names the number of recipients');
  await dialog.getByRole('button', { name: 'Zpět' }).click();

  // Right after a change of the selection, sending waits for the new count: the dialog never
  // names the count (or the cost) of an older selection.
  await page.getByRole('group', { name: 'Skupiny' }).getByLabel('Senioři').uncheck();
  assert.ok(await page.getByRole('button', { name: 'Odeslat…' }).isDisabled(), 'no sending on a stale count');
  await eventually(async () => /\b2\b/.test(await page.getByTestId('recipient-count').innerText()), 'recipient count 2', 5000);
  await page.getByRole('button', { name: 'Odeslat…' }).click();
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /\b2\b/);
  await dialog.getByRole('button', { name: 'Zpět' }).click();
  assertNothingRan(page);
});

test('a message sent to a group reaches delivered on its page without a reload', async () => {
  await makeGroup('Hasiči', [['Hasič', 'Jan'], ['Stříkačka', 'Petr'], ['Hadice', 'Eva']]);

  const page = await office.newPage();
  await signIn(page);
  await goTo(page, 'Nová zpráva', 'Nová zpráva');
  await page.getByLabel('Text zprávy').fill('Cvičení hasičů v sobotu v 9:00 u zbrojnice.');
  await page.getByRole('group', { name: 'Skupiny' }).getByLabel('Hasiči').check();
  await eventually(async () => /\b3\b/.test(await page.getByTestId('recipient-count').innerText()), 'recipient count 3', 5000);
  await page.getByLabel('Odeslat ihned').check();
  await page.getByTestId('phone-preview').getByText(/zbrojnice/).waitFor();
  await page.getByTestId('text-counter').getByText(/\d/).first().waitFor();
  await office.screenshot(page, '05-compose');

  const eventStreams = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/events')) eventStreams.push(r.url());
  });
  let documentLoads = 0;
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) documentLoads++;
  });
  await page.evaluate(() => {
    window.__sameDocument = true;
  });
  await page.getByRole('button', { name: 'Odeslat…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Potvrzení odeslání' });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /\b3\b/, 'the confirmation names the number of recipients');
  await office.screenshot(page, '06-confirm');
  await dialog.getByRole('button', { name: 'Ano, odeslat' }).click();

  await page.waitForURL(/\/messages\/\d+$/);
  const id = Number(/\/messages\/(\d+)$/.exec(page.url())[1]);
  await heading(page, `Zpráva č. ${id}`).waitFor();
  const progress = page.getByTestId('message-progress');
  await progress.waitFor();
  const before = await progress.innerText();
  assert.doesNotMatch(before, /Doručeno 3 z 3/, 'receipts take 1.5 s: the page must first show the message undelivered');
  await page.waitForFunction(
    () => /Doručeno 3 z 3/.test(document.querySelector('[data-testid="message-progress"]')?.textContent ?? ''),
    undefined,
    { timeout: 20000 },
  );
  await office.screenshot(page, '07-message-delivered');
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page was reloaded');
  assert.ok(documentLoads <= 1, `the page navigated ${documentLoads} times (a pushState counts once)`);
  const message = await server.api('GET', `/api/v1/messages/${id}`);
  assert.equal(message.counts.delivered, 3);
  assertNothingRan(page);
});

test('the recipients table of a message follows the delivery live', async () => {
  const group = await makeGroup('Zastupitelé', [['Starosta', 'Jan'], ['Místostarostová', 'Eva']]);
  const page = await office.newPage();
  await signIn(page);
  const sent = await server.api('POST', '/api/v1/messages', { text: 'Zasedání v pondělí.', recipients: { groups: [group.id] }, urgent: true });
  await page.goto(`/messages/${sent.id}`);
  await heading(page, `Zpráva č. ${sent.id}`).waitFor();
  await page.waitForFunction(
    () => /Doručeno 2 z 2/.test(document.querySelector('[data-testid="message-progress"]')?.textContent ?? ''),
    undefined,
    { timeout: 20000 },
  );
  const table = page.getByRole('table', { name: 'Stav příjemců' });
  await eventually(async () => (await table.getByText('doručeno', { exact: true }).count()) === 2, 'two delivered rows', 5000);
});

test('a clerk reads a citizen’s reply and answers it from the thread', async () => {
  const phone = newPhone();
  await server.api('POST', '/api/v1/contacts', { phone, surname: 'Odpovědná', first_name: 'Alena' });
  const sent = await server.api('POST', '/api/v1/messages', { text: 'Zítra nepoteče voda.', recipients: { phones: [phone] }, urgent: true });
  await eventually(async () => {
    const out = await server.api('GET', `/api/v1/simulator/outbox?to=${encodeURIComponent(phone)}`);
    return out.total >= 1;
  }, 'the message on the citizen’s phone');
  await server.api('POST', '/api/v1/simulator/inbound', { from: phone, text: 'Jak dlouho to potrvá?' });

  const page = await office.newPage();
  await signIn(page);
  await goTo(page, 'Doručené', 'Doručené zprávy');
  const threads = page.getByRole('table', { name: 'Konverzace' });
  await threads.waitFor();
  await office.screenshot(page, '08-inbox');
  await threads.getByRole('row').filter({ hasText: 'Jak dlouho to potrvá?' }).getByRole('link').first().click();
  await heading(page, /^Konverzace s /).waitFor();
  await page.getByTestId('inbound-text').filter({ hasText: 'Jak dlouho to potrvá?' }).waitFor();

  // The reply is linked to the message it answers.
  await page.getByRole('link', { name: `Odpověď na zprávu č. ${sent.id}` }).waitFor();
  await page.getByLabel('Odpověď', { exact: true }).fill('Do 16 hodin, děkujeme za trpělivost.');
  await page.getByRole('button', { name: 'Odeslat odpověď' }).click();
  await page.getByTestId('thread').getByText(/Do 16 hodin/).waitFor();
  await office.screenshot(page, '09-thread');

  await eventually(async () => {
    const out = await server.api('GET', `/api/v1/simulator/outbox?to=${encodeURIComponent(phone)}`);
    return out.items.some((m) => m.text.includes('Do 16 hodin'));
  }, 'the reply on the citizen’s phone', 10000);
  const inbound = await server.api('GET', `/api/v1/inbound?from=${encodeURIComponent(phone)}`);
  const sms = inbound.items.find((m) => m.text === 'Jak dlouho to potrvá?');
  assert.ok(sms, 'the inbound SMS is listed');
  assert.ok(sms.read_at || sms.read === true, `opening the thread marks it read: ${JSON.stringify(sms)}`);
  assertNothingRan(page);
});

test('a clerk erases everything held about one person', async () => {
  const phone = newPhone();
  await server.api('POST', '/api/v1/contacts', { phone, surname: 'Zapomenutá', first_name: 'Irena', street: 'Lipová', house_number: '7' });
  await server.api('POST', '/api/v1/simulator/inbound', { from: phone, text: 'Prosím smažte mé údaje.' });
  await eventually(async () => (await server.api('GET', `/api/v1/inbound?from=${encodeURIComponent(phone)}`)).total >= 1, 'the inbound SMS');

  const page = await office.newPage();
  await signIn(page);
  await goTo(page, 'Ochrana údajů', 'Ochrana osobních údajů');
  await page.getByLabel('Telefonní číslo').fill(phone);
  await page.getByRole('button', { name: 'Vyhledat údaje' }).click();
  const report = page.getByTestId('privacy-report');
  await report.getByText('Zapomenutá').first().waitFor();
  await report.getByText('Prosím smažte mé údaje.').first().waitFor();
  await office.screenshot(page, '10-privacy');
  await page.getByRole('button', { name: 'Vymazat údaje…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Vymazat osobní údaje' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Ano, vymazat' }).click();
  await page.locator('[data-testid="notice"].alert-ok').waitFor(); // the notice element is always there

  const contacts = await server.api('GET', `/api/v1/contacts?phone=${encodeURIComponent(phone)}`);
  assert.equal(contacts.total, 0, 'the contact is gone');
  const held = await server.api('GET', `/api/v1/privacy/export?phone=${encodeURIComponent(phone)}`);
  assert.doesNotMatch(JSON.stringify(held), /Zapomenutá|Prosím smažte/, 'nothing personal is left');
  const audit = await server.api('GET', '/api/v1/audit?limit=50');
  assert.ok(audit.items.some((e) => /erase/.test(e.action)), 'the erasure is in the audit log');
  // The audit screen names the action in words, with its code beside it.
  await goTo(page, 'Audit', 'Auditní záznam');
  await page.getByTestId('audit-row').filter({ hasText: 'Osobní údaje vymazány' }).first().waitFor();
  assertNothingRan(page);
});

test('an operator sees no settings, is refused on the settings page and by the API', async () => {
  await server.api('POST', '/api/v1/users', { username: 'operatorka', password: 'heslo operátorky 1', role: 'operator' });
  const page = await office.newPage();
  await signIn(page, 'operatorka', 'heslo operátorky 1');
  const nav = page.getByRole('navigation', { name: 'Hlavní nabídka' });
  await nav.getByRole('link', { name: 'Nová zpráva', exact: true }).waitFor();
  assert.equal(await nav.getByRole('link', { name: 'Nastavení', exact: true }).count(), 0, 'no settings link');
  assert.equal(await nav.getByRole('link', { name: 'Audit', exact: true }).count(), 0, 'no audit link');

  await page.goto('/settings');
  await page.getByText('Nemáte oprávnění').first().waitFor();
  assert.equal(await page.getByRole('button', { name: 'Uložit nastavení' }).count(), 0, 'no settings form');
  await office.screenshot(page, '11-operator-settings');

  // The server is the authority: with a valid session and CSRF token the calls are refused.
  const { fetchInPage } = await import('./support/office.mjs');
  for (const [method, route, body] of [
    ['GET', '/api/v1/users'],
    ['POST', '/api/v1/users', { username: 'vetrelec', password: 'heslo vetrelce 1', role: 'admin' }],
    ['PATCH', '/api/v1/organization', { name: 'Převzato' }],
    ['POST', '/api/v1/tokens', { name: 'zadni vratka' }],
  ]) {
    const res = await fetchInPage(page, method, route, body);
    assert.equal(res.status, 403, `${method} ${route}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const org = await server.api('GET', '/api/v1/organization');
  assert.equal(org.name, 'Obec Vestec');
  assertNothingRan(page);
});

test('an admin makes a viewer an operator and takes away sign-in in the settings', async () => {
  await server.api('POST', '/api/v1/users', { username: 'brigadnik', password: 'heslo brigadnika 1', role: 'viewer' });
  const page = await office.newPage();
  await signIn(page);
  await goTo(page, 'Nastavení', 'Nastavení');
  await page.getByLabel('Role uživatele brigadnik').selectOption('operator');
  await page.getByText('Uživatel brigadnik je změněn.').waitFor();
  await page.getByRole('button', { name: 'Zablokovat přihlášení uživatele brigadnik' }).click();
  await page.getByRole('button', { name: 'Odblokovat přihlášení uživatele brigadnik' }).waitFor();
  await eventually(async () => {
    const users = await server.api('GET', '/api/v1/users');
    const u = users.items.find((x) => x.username === 'brigadnik');
    return u.role === 'operator' && u.active === false;
  }, 'the change stored', 5000);
  const login = await fetch(server.url + '/api/v1/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'brigadnik', password: 'heslo brigadnika 1' }),
  });
  assert.equal(login.status, 401);
  assertNothingRan(page);
});

test('the inbox pages its conversations, finds them by number or name and shows only unread ones', async () => {
  // 55 citizens write from numbers no other test uses; one of them is a contact by name.
  const phones = Array.from({ length: 55 }, (_, i) => `+420733990${String(i).padStart(3, '0')}`);
  await server.api('POST', '/api/v1/contacts', { phone: phones[1], surname: 'Stránková', first_name: 'Věra' });
  for (const [i, from] of phones.entries()) {
    await server.api('POST', '/api/v1/simulator/inbound', { from, text: `Dotaz číslo ${i}` });
  }
  await eventually(async () => (await server.api('GET', '/api/v1/inbound/threads?q=733990&limit=1')).total === 55, 'the 55 threads');
  await server.api('POST', '/api/v1/inbound/read', { from: phones[0] });

  const page = await office.newPage();
  await signIn(page);
  await goTo(page, 'Doručené', 'Doručené zprávy');
  const threads = page.getByRole('table', { name: 'Konverzace' });
  const rows = threads.getByTestId('thread-row');
  const pager = page.getByRole('navigation', { name: 'Stránkování' });
  await page.getByLabel('Hledat číslo nebo jméno').fill('733990');
  await pager.getByText('1–50 z 55').waitFor();
  assert.equal(await rows.count(), 50);
  await pager.getByRole('button', { name: 'Další' }).click();
  await pager.getByText('51–55 z 55').waitFor();
  await eventually(async () => (await rows.count()) === 5, 'the second page: 5 threads', 5000);

  // The unread filter starts again at the first page and leaves out the thread read above.
  await page.getByLabel('Jen nepřečtené').check();
  await pager.getByText('1–50 z 54').waitFor();
  await page.getByLabel('Hledat číslo nebo jméno').fill(phones[0].slice(1));
  await threads.getByText('Žádná konverzace neodpovídá.').waitFor();
  await page.getByLabel('Jen nepřečtené').uncheck();
  await rows.filter({ hasText: 'Dotaz číslo 0' }).waitFor();

  // A contact's thread is named by the contact and found by the name.
  await page.getByLabel('Hledat číslo nebo jméno').fill('Stránková');
  await threads.getByRole('link', { name: 'Stránková Věra' }).waitFor();
  assert.equal(await rows.count(), 1);
  await office.screenshot(page, 'screen-inbox-filtered');
  assertNothingRan(page);
});

test('an SMS containing HTML shows as text and runs nothing', async () => {
  const phone = newPhone();
  const evil = '<img src=x onerror=alert(1)>';
  await server.api('POST', '/api/v1/simulator/inbound', { from: phone, text: `Dobrý den ${evil}` });
  await server.api('POST', '/api/v1/simulator/inbound', { from: newPhone(), text: `*P ${evil},<b>Jan</b>,Dlouhá 2` });

  const page = await office.newPage();
  await signIn(page);
  await goTo(page, 'Doručené', 'Doručené zprávy');
  await page.getByText(evil, { exact: false }).first().waitFor();
  await office.screenshot(page, '12-inbox-html');
  await page.getByRole('row').filter({ hasText: evil }).getByRole('link').first().click();
  await heading(page, /^Konverzace s /).waitFor();
  const shown = page.getByTestId('inbound-text').filter({ hasText: evil });
  await shown.waitFor();
  assert.equal((await shown.innerText()).trim(), `Dobrý den ${evil}`);
  await office.screenshot(page, '13-thread-html');

  await goTo(page, 'Registrace', 'Registrace');
  await page.getByText('<b>Jan</b>').first().waitFor();
  await office.screenshot(page, '14-registrations-html');

  // A contact imported with markup in the name: the contacts table and the privacy report.
  const contactPhone = newPhone();
  await server.api('POST', '/api/v1/contacts', { phone: contactPhone, surname: `<svg onload=alert(2)>`, first_name: '<i>Eva</i>' });
  await goTo(page, 'Kontakty', 'Kontakty');
  await page.getByLabel('Hledat', { exact: true }).fill('svg');
  await page.getByText('<svg onload=alert(2)>').first().waitFor();
  await goTo(page, 'Ochrana údajů', 'Ochrana osobních údajů');
  await page.getByLabel('Telefonní číslo').fill(contactPhone);
  await page.getByRole('button', { name: 'Vyhledat údaje' }).click();
  await page.getByTestId('privacy-report').getByText('<svg onload=alert(2)>').first().waitFor();
  assert.equal(await page.locator('main svg[onload], main i').filter({ hasText: 'Eva' }).count(), 0, 'markup from a contact was rendered');

  await page.waitForTimeout(300);  // an onerror handler would have fired by now
  assert.equal(await page.locator('img[src="x"]').count(), 0, 'an <img> element was created');
  assert.equal(await page.locator('svg[onload]').count(), 0, 'an <svg onload> element was created');
  assert.equal(await page.locator('main b').filter({ hasText: 'Jan' }).count(), 0, 'a <b> element was created');
  assertNothingRan(page);
});

// Every screen of the navigation, as an admin: it renders its heading, throws nothing, and
// every form field has a name a screen reader can read. Screenshots of each, on a desktop
// and on a phone, go to tests/e2e/screenshots/ to be looked at.
const SCREENS = [
  ['Přehled', 'Přehled', 'overview'],
  ['Nová zpráva', 'Nová zpráva', 'send'],
  ['Zprávy', 'Zprávy', 'messages'],
  ['Doručené', 'Doručené zprávy', 'inbox'],
  ['Registrace', 'Registrace', 'registrations'],
  ['Kontakty', 'Kontakty', 'contacts'],
  ['Skupiny', 'Skupiny', 'groups'],
  ['Evidence obyvatel', 'Evidence obyvatel', 'register'],
  ['Ochrana údajů', 'Ochrana osobních údajů', 'privacy'],
  ['Audit', 'Auditní záznam', 'audit'],
  ['Nastavení', 'Nastavení', 'settings'],
];

async function unlabelledFields(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('main input, main select, main textarea')]
      .filter((el) => el.type !== 'hidden' && el.offsetParent !== null)
      .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || el.title))
      .map((el) => el.outerHTML.slice(0, 120)),
  );
}

test('every screen of the navigation renders with labelled fields, on a desktop and on a phone', async () => {
  const page = await office.newPage();
  await signIn(page);
  for (const [link, title, name] of SCREENS) {
    await goTo(page, link, title);
    await page.waitForLoadState('networkidle');
    assert.deepEqual(await unlabelledFields(page), [], `${title}: fields without a label`);
    await office.screenshot(page, `screen-${name}`);
  }
  assertNothingRan(page);

  const phone = await office.newPage({ viewport: { width: 390, height: 844 } });
  await signIn(phone);
  for (const [link, title, name] of SCREENS) {
    const nav = phone.getByRole('navigation', { name: 'Hlavní nabídka' });
    if (!(await nav.getByRole('link', { name: link, exact: true }).isVisible())) {
      await phone.getByRole('button', { name: 'Nabídka' }).click();
    }
    await goTo(phone, link, title);
    await phone.waitForLoadState('networkidle');
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `${title}: the page is ${overflow} px wider than the phone screen`);
    // No table scrolls sideways either: list tables become stacked cards on a phone.
    const wide = await phone.evaluate(() =>
      [...document.querySelectorAll('main .table-wrap')].filter((w) => w.scrollWidth - w.clientWidth > 1).map((w) => w.querySelector('table')?.getAttribute('aria-label') ?? w.textContent.slice(0, 40)),
    );
    assert.deepEqual(wide, [], `${title}: tables that scroll sideways on a phone`);
    await office.screenshot(phone, `phone-${name}`);
  }
  assertNothingRan(phone);
});

test('the application switches to English and remembers it', async () => {
  const page = await office.newPage();
  await signIn(page);
  await page.getByTestId('language-switch').first().click();
  await page.getByRole('navigation', { name: 'Main menu' }).or(page.getByRole('navigation').filter({ hasText: 'Overview' })).first().waitFor();
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  await office.screenshot(page, 'screen-overview-en');
  assertNothingRan(page);
});

test('the contacts table lists names in Czech order', async () => {
  for (const surname of ['Žák', 'Chalupa', 'Čermák', 'Zeman', 'Cibulka', 'Hájek', 'Šimek']) {
    await server.api('POST', '/api/v1/contacts', { phone: newPhone(), surname, first_name: 'Test', company: 'Řazení s.r.o.' });
  }
  const page = await office.newPage();
  await signIn(page);
  await goTo(page, 'Kontakty', 'Kontakty');
  await page.getByLabel('Hledat', { exact: true }).fill('razeni');
  const rows = page.getByRole('row').filter({ hasText: 'Řazení s.r.o.' });
  await eventually(async () => (await rows.count()) === 7, 'seven contacts of the company', 5000);
  const names = (await rows.allInnerTexts()).map((t) => /(\S+) Test|Test (\S+)/.exec(t)).map((m) => m?.[1] ?? m?.[2]);
  assert.deepEqual(names, ['Cibulka', 'Čermák', 'Hájek', 'Chalupa', 'Šimek', 'Zeman', 'Žák']);
  await office.screenshot(page, 'screen-contacts-czech-order');
  assertNothingRan(page);
});

test('a clerk signs in and reaches a screen with the keyboard alone', async () => {
  const page = await office.newPage();
  await page.goto('/');
  await heading(page, 'Přihlášení').waitFor();
  // Tab to the username field wherever the focus starts (the language switch comes first).
  for (let i = 0; i < 5 && !(await page.evaluate(() => document.activeElement?.id === 'login-user')); ++i) {
    await page.keyboard.press('Tab');
  }
  await page.keyboard.type(server.username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(server.password);
  await page.keyboard.press('Enter');
  await heading(page, 'Přehled').waitFor();

  // The first Tab reaches the skip link, which moves the focus to the main content.
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => document.activeElement?.textContent?.trim());
  assert.equal(first, 'Přeskočit na obsah');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => !!document.activeElement?.closest('main')),
    'after the skip link the next Tab lands in the main content, past the navigation');

  // Back (Shift+Tab) from the main content into the navigation, to Kontakty; Enter opens it.
  for (let i = 0; i < 20; ++i) {
    if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === 'Kontakty') break;
    await page.keyboard.press('Shift+Tab');
  }
  assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Kontakty');
  await page.keyboard.press('Enter');
  await heading(page, 'Kontakty').waitFor();
  // The focus is visible: the focused element has an outline or a box shadow.
  await page.keyboard.press('Tab');
  const ring = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
  });
  assert.ok(ring, 'the focused element shows a focus ring');
  assertNothingRan(page);
});
