// Czech formatting of the UI (compiled from src/logic by `npm test`).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  compareCzech, formatDateTime, formatMoneyMilli, formatPhone, minutesToTime, timeToMinutes,
} from '../test-build/logic/format.js';

test('Czech phone numbers are grouped by three', () => {
  assert.equal(formatPhone('+420720001676'), '+420 720 001 676');
  assert.equal(formatPhone('+4915112345678'), '+4915112345678');
  assert.equal(formatPhone(''), '');
});

test('money is in crowns with a comma and two decimals', () => {
  assert.match(formatMoneyMilli(2500), /^2,50\s?Kč$/);
});

test('Czech sorting puts Č after C and Ch after H', () => {
  const sorted = ['Chrást', 'Cihelná', 'Čechova', 'Hlavní'].sort(compareCzech);
  assert.deepEqual(sorted, ['Cihelná', 'Čechova', 'Hlavní', 'Chrást']);
});

test('quiet hours convert between minutes and HH:MM', () => {
  assert.equal(minutesToTime(21 * 60), '21:00');
  assert.equal(minutesToTime(7 * 60 + 5), '07:05');
  assert.equal(timeToMinutes('7:30'), 450);
  assert.equal(timeToMinutes('24:00'), null);
  assert.equal(timeToMinutes('nonsense'), null);
});

test('dates and times carry the full year, Czech style', () => {
  const shown = formatDateTime('2026-11-29T03:12:00Z');
  assert.match(shown, /^\d{1,2}\.\s?11\.\s?2026\s+\d{1,2}:12$/, shown);
  assert.equal(formatDateTime(''), '');
});
