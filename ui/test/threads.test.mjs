// The inbox groups received SMS into one thread per citizen, newest thread first.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupThreads } from '../test-build/logic/threads.js';
import { sendCost } from '../test-build/logic/cost.js';

const sms = (id, from, at, read) => ({ id, from, text: `t${id}`, received_at: at, read });

test('threads count unread SMS and keep the newest', () => {
  const threads = groupThreads([
    sms(1, '+420720000001', '2026-05-01T10:00:00Z', true),
    sms(2, '+420720000002', '2026-05-02T10:00:00Z', false),
    sms(3, '+420720000001', '2026-05-03T10:00:00Z', false),
    sms(4, '+420720000001', '2026-05-03T09:00:00Z', false),
  ]);
  assert.equal(threads.length, 2);
  assert.equal(threads[0].phone, '+420720000001');
  assert.equal(threads[0].last.id, 3);
  assert.equal(threads[0].unread, 2);
  assert.equal(threads[0].count, 3);
  assert.equal(threads[1].unread, 1);
});

test('the cost of a send is segments times recipients times the price', () => {
  assert.deepEqual(sendCost(2, 350, 900), { segmentsPerRecipient: 2, totalSegments: 700, costMilli: 630000 });
});
