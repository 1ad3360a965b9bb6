// Quiet hours decide whether a queued message waits for the morning.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inQuietHours, minutesInZone } from '../test-build/logic/quiet.js';

test('quiet hours may wrap past midnight', () => {
  assert.equal(inQuietHours(22 * 60, 21 * 60, 7 * 60), true);
  assert.equal(inQuietHours(3 * 60, 21 * 60, 7 * 60), true);
  assert.equal(inQuietHours(7 * 60, 21 * 60, 7 * 60), false);
  assert.equal(inQuietHours(12 * 60, 21 * 60, 7 * 60), false);
  assert.equal(inQuietHours(12 * 60, 600, 600), false);
});

test('the time of day is taken in the office time zone', () => {
  const at = new Date('2026-01-15T23:30:00Z');
  assert.equal(minutesInZone(at, 'Europe/Prague'), 30); // 00:30 CET
  assert.equal(minutesInZone(at, 'UTC'), 23 * 60 + 30);
});
