// Pasted phone numbers: normalized, deduplicated, invalid ones reported.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizePhone, parsePastedPhones } from '../test-build/logic/phones.js';

test('Czech numbers are normalized to E.164', () => {
  assert.equal(normalizePhone('720 001 676'), '+420720001676');
  assert.equal(normalizePhone('+420 720-001-676'), '+420720001676');
  assert.equal(normalizePhone('00420720001676'), '+420720001676');
  assert.equal(normalizePhone('abc'), null);
  assert.equal(normalizePhone('12'), null);
});

test('the same number written twice counts once', () => {
  const p = parsePastedPhones('720001676\n+420 720 001 676, 720000002; x12\n\n');
  assert.deepEqual(p.valid, ['+420720001676', '+420720000002']);
  assert.equal(p.duplicates, 1);
  assert.deepEqual(p.invalid, ['x12']);
});
