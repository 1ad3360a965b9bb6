// The first start in the browser (`smsinfo serve --setup-in-browser`): the first-run screen
// creates the organization and the admin, who is signed in at once; then the password change
// and signing out and in again.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startOffice } from './support/office.mjs';

let office;
let server;

before(async () => {
  office = await startOffice({ serveArgs: ['--setup-in-browser'] });
  server = office.server;
});

after(async () => {
  if (office) await office.stop();
});

const heading = (page, name) => page.getByRole('heading', { level: 1, name });
const FIRST_PASSWORD = 'starostovo heslo 2026';
const NEXT_PASSWORD = 'nové heslo starosty 7';

async function signIn(page, password) {
  await page.goto('/');
  await heading(page, 'Přihlášení').waitFor();
  await page.getByLabel('Uživatelské jméno').fill('starosta');
  await page.getByLabel('Heslo', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Přihlásit se' }).click();
}

test('the first visitor sets up the office and is signed in as its admin', async () => {
  const page = await office.newPage();
  await page.goto('/');
  await heading(page, 'První spuštění').waitFor();
  await office.screenshot(page, '00-first-run');
  await page.getByLabel('Název obce nebo úřadu').fill('Obec Vestec');
  await page.getByLabel('Centrální číslo').fill('720 001 676');
  await page.getByLabel('Uživatelské jméno').fill('starosta');
  await page.getByLabel('Heslo', { exact: true }).fill(FIRST_PASSWORD);
  await page.getByLabel('Heslo znovu').fill(FIRST_PASSWORD);
  await page.getByRole('button', { name: 'Vytvořit a přihlásit' }).click();
  await heading(page, 'Přehled').waitFor();
  await page.getByRole('banner').getByText('Obec Vestec').waitFor();
  await page.getByRole('navigation', { name: 'Hlavní nabídka' }).getByRole('link', { name: 'Nastavení', exact: true }).waitFor();
  assert.deepEqual(page.errors, []);

  // Nobody can set up a second time; a new visitor gets the sign-in screen.
  assert.deepEqual((await server.request('GET', '/api/v1/setup')).body, { required: false });
  const again = await server.request('POST', '/api/v1/setup', {
    organization_name: 'Převzato',
    username: 'vetrelec',
    password: 'heslo vetrelce 123',
  });
  assert.equal(again.status, 409, JSON.stringify(again.body));
  const other = await office.newPage();
  await other.goto('/');
  await heading(other, 'Přihlášení').waitFor();
});

test('the admin changes the password, signs out, and only the new password signs in', async () => {
  const page = await office.newPage();
  await signIn(page, FIRST_PASSWORD);
  await heading(page, 'Přehled').waitFor();
  await page.getByRole('banner').getByRole('link', { name: 'Změnit heslo' }).click();
  await heading(page, 'Změna hesla').waitFor();
  await page.getByLabel('Současné heslo').fill(FIRST_PASSWORD);
  await page.getByLabel('Nové heslo', { exact: true }).fill(NEXT_PASSWORD);
  await page.getByLabel('Nové heslo znovu').fill(NEXT_PASSWORD);
  await page.getByRole('button', { name: 'Změnit heslo' }).click();
  await page.getByText('Heslo je změněno.', { exact: false }).waitFor();
  await office.screenshot(page, 'screen-password');

  await page.getByRole('button', { name: 'Odhlásit se' }).click();
  await heading(page, 'Přihlášení').waitFor();
  // The session is gone on the server too, not only from the screen.
  const me = await page.evaluate(async () => (await fetch('/api/v1/session')).status);
  assert.equal(me, 401);

  await signIn(page, FIRST_PASSWORD);
  await page.getByRole('alert').waitFor();
  await heading(page, 'Přihlášení').waitFor();
  await signIn(page, NEXT_PASSWORD);
  await heading(page, 'Přehled').waitFor();
  assert.deepEqual(page.errors, []);
  assert.deepEqual(page.dialogs, []);
});
