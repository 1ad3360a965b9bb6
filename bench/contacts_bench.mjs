// Contacts page speed: 100,000 contacts in a fresh data folder, the real server, and the
// searches the contacts screen makes (GET /api/v1/contacts?...&limit=50). Prints a table of
// median and p95 latency per query; the target is a search answered in under 100 ms.
//
//   node bench/contacts_bench.mjs [contacts] [runs]      (defaults: 100000, 40)
//
// SMSINFO_BIN chooses the binary (default build/release/smsinfo, then build/ci/smsinfo). Only
// talks to 127.0.0.1; the server is stopped and its data folder removed at the end, unless
// BENCH_DATA names a folder to keep: then a second run reuses its contacts (no import), e.g.
// to compare two binaries or to look at the database with sqlite3.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (!process.env.SMSINFO_BIN) {
  for (const candidate of ['build/release/smsinfo', 'build/ci/smsinfo']) {
    if (fs.existsSync(path.join(root, candidate))) {
      process.env.SMSINFO_BIN = path.join(root, candidate);
      break;
    }
  }
}
const { startSmsinfo, bin } = await import('../tests/integration/support/server.mjs');

const COUNT = Number(process.argv[2] ?? 100000);
const RUNS = Number(process.argv[3] ?? 40);
const TARGET_MS = 100;

// A deterministic generator (mulberry32) so that every run has the same contacts.
let seed = 20240601;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];

const SURNAMES = [
  'Novák', 'Svoboda', 'Novotný', 'Dvořák', 'Černý', 'Procházka', 'Kučera', 'Veselý', 'Horák',
  'Němec', 'Marek', 'Pospíšil', 'Pokorný', 'Hájek', 'Král', 'Jelínek', 'Růžička', 'Beneš',
  'Fiala', 'Sedláček', 'Doležal', 'Zeman', 'Kolář', 'Navrátil', 'Čermák', 'Vaněk', 'Urban',
  'Blažek', 'Kříž', 'Kovář', 'Kratochvíl', 'Bartoš', 'Vlček', 'Polák', 'Musil', 'Kopecký',
  'Šimek', 'Konečný', 'Malý', 'Holub', 'Štěpánek', 'Čech', 'Staněk', 'Kadlec', 'Dostál',
  'Soukup', 'Šťastný', 'Mareš', 'Moravec', 'Sýkora', 'Tichý', 'Valenta', 'Vávra', 'Matoušek',
  'Říha', 'Bláha', 'Ševčík', 'Hruška', 'Mašek', 'Bureš', 'Janda', 'Hrubý', 'Mach', 'Skála',
  'Zýma', 'Žák', 'Kubíček', 'Hanák', 'Ptáček', 'Adámek', 'Lukáš', 'Wagner', 'Zelenka',
];
const FIRST = [
  'Jan', 'Jiří', 'Petr', 'Josef', 'Pavel', 'Martin', 'Tomáš', 'Jaroslav', 'Miroslav', 'Zdeněk',
  'Marie', 'Jana', 'Eva', 'Hana', 'Anna', 'Lenka', 'Kateřina', 'Věra', 'Lucie', 'Alena',
];
const STREET_BASES = [
  'Sadová', 'Dlouhá', 'Krátká', 'Školní', 'Nádražní', 'Lipová', 'Polní', 'Zahradní', 'Luční',
  'Husova', 'Komenského', 'Masarykova', 'Palackého', 'Tyršova', 'Jiráskova', 'Nerudova',
  'Žižkova', 'Smetanova', 'Dvořákova', 'Havlíčkova', 'Na Výsluní', 'U Potoka', 'K Lesu',
  'Pod Kopcem', 'Za Humny', 'Březová', 'Dubová', 'Javorová', 'Jasanová', 'Topolová',
];
// 150 streets: the bases and numbered variants ("Sadová II" ...), like a larger town.
const STREETS = [];
for (const suffix of ['', ' II', ' III', ' IV', ' V']) for (const s of STREET_BASES) STREETS.push(s + suffix);
const GROUPS = ['Hasiči', 'Senioři', 'Rodiče', 'Podnikatelé', 'Zastupitelé', 'Chataři', 'Sport',
  'Knihovna', 'Odpady', 'Voda'];

function csvCell(v) {
  return /[;"\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function generateCsv(count) {
  const lines = ['phone;surname;first_name;street;house_number;groups'];
  for (let i = 0; i < count; ++i) {
    const female = random() < 0.5;
    let surname = pick(SURNAMES);
    if (female) surname = surname.endsWith('ý') ? surname.slice(0, -1) + 'á' : surname + 'ová';
    const first = pick(FIRST);
    const phone = '+420' + String(720000000 + i * 7);  // unique, valid Czech mobile range
    const groups = [];
    if (random() < 0.3) groups.push(pick(GROUPS));
    if (random() < 0.1) groups.push(pick(GROUPS));
    lines.push([phone, surname, first, pick(STREETS), String(1 + Math.floor(random() * 400)),
      [...new Set(groups)].join('|')].map(csvCell).join(';'));
  }
  return lines.join('\n') + '\n';
}

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

const keep = process.env.BENCH_DATA;
if (keep) fs.mkdirSync(keep, { recursive: true });
const server = await startSmsinfo(keep ? { dataDir: keep, token: process.env.BENCH_TOKEN } : {});
try {
  console.log(`binary: ${bin}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.availableParallelism()} cores`);
  if (keep && !server.token) throw new Error('BENCH_DATA reused: set BENCH_TOKEN to the token the first run printed');
  if (keep && server.password) console.log(`BENCH_DATA=${keep} BENCH_TOKEN=${server.token}`);
  const existing = (await server.api('GET', '/api/v1/contacts?limit=1')).total;
  if (existing === 0) {
    let t0 = performance.now();
    const csv = generateCsv(COUNT);
    const generatedMs = performance.now() - t0;
    t0 = performance.now();
    const report = await server.api('POST', '/api/v1/contacts/import', undefined, {
      raw: csv,
      headers: { 'content-type': 'text/csv; charset=utf-8' },
    });
    const importMs = performance.now() - t0;
    if (report.created !== COUNT) throw new Error(`import created ${report.created}: ${JSON.stringify(report.errors.slice(0, 3))}`);
    console.log(`${COUNT} contacts: CSV generated in ${generatedMs.toFixed(0)} ms (${(csv.length / 1e6).toFixed(1)} MB), ` +
      `imported through POST /api/v1/contacts/import in ${(importMs / 1000).toFixed(1)} s`);
  } else if (existing !== COUNT) {
    throw new Error(`${keep} holds ${existing} contacts, not ${COUNT}`);
  }

  const groups = (await server.api('GET', '/api/v1/groups')).items;
  const group = groups.find((g) => g.name === 'Hasiči') ?? groups[0];
  const rareGroup = groups.find((g) => g.name === 'Voda') ?? groups[0];
  const queries = [
    ['first page, no filter', ''],
    ['surname prefix "Nov"', 'q=Nov'],
    ['surname "Dvořáková"', `q=${encodeURIComponent('Dvořáková')}`],
    ['rare surname "Zýma"', `q=${encodeURIComponent('Zýma')}`],
    ['no match "qqqq"', 'q=qqqq'],
    ['phone fragment "2000070"', 'q=2000070'],
    ['exact phone', `phone=${encodeURIComponent('+420720000700')}`],
    ['street filter', `street=${encodeURIComponent('Sadová')}`],
    ['group filter', `group=${group.id}`],
    ['group + search "Nov"', `group=${rareGroup.id}&q=Nov`],
    ['street + search "ová"', `street=${encodeURIComponent('Lipová III')}&q=${encodeURIComponent('ová')}`],
    ['offset 99,000, no filter', `offset=${Math.max(0, COUNT - 1000)}`],
    ['offset 20,000 in "ová"', `q=${encodeURIComponent('ová')}&offset=20000`],
  ];

  const rows = [];
  for (const [name, query] of queries) {
    const route = `/api/v1/contacts?limit=50${query ? '&' + query : ''}`;
    const first = await server.api('GET', route);  // warm-up, and the total for the table
    const times = [];
    for (let i = 0; i < RUNS; ++i) {
      const t = performance.now();
      const res = await fetch(server.url + route, { headers: { authorization: `Bearer ${server.token}` } });
      await res.arrayBuffer();
      times.push(performance.now() - t);
      if (!res.ok) throw new Error(`${route}: ${res.status}`);
    }
    times.sort((a, b) => a - b);
    rows.push({ name, total: first.total, items: first.items.length, median: quantile(times, 0.5), p95: quantile(times, 0.95) });
  }

  const pad = (s, n) => String(s).padEnd(n);
  const lpad = (s, n) => String(s).padStart(n);
  console.log(`\nGET /api/v1/contacts?limit=50&... over ${COUNT} contacts, ${RUNS} runs each (target: p95 < ${TARGET_MS} ms)\n`);
  console.log(`| ${pad('query', 28)} | ${lpad('matches', 8)} | ${lpad('rows', 4)} | ${lpad('median ms', 9)} | ${lpad('p95 ms', 7)} | ok |`);
  console.log(`|${'-'.repeat(30)}|${'-'.repeat(10)}|${'-'.repeat(6)}|${'-'.repeat(11)}|${'-'.repeat(9)}|----|`);
  let missed = 0;
  for (const r of rows) {
    const ok = r.p95 < TARGET_MS;
    if (!ok) ++missed;
    console.log(`| ${pad(r.name, 28)} | ${lpad(r.total, 8)} | ${lpad(r.items, 4)} | ${lpad(r.median.toFixed(1), 9)} | ${lpad(r.p95.toFixed(1), 7)} | ${ok ? 'ok' : '--'} |`);
  }
  console.log(missed ? `\n${missed} queries missed the ${TARGET_MS} ms target` : `\nall queries under ${TARGET_MS} ms (p95)`);
} finally {
  await server.stop();
}
