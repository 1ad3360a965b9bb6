// The estimated cost of a send, as the new message screen shows it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sendCost } from '../test-build/logic/cost.js';

test('the cost of a send is segments times recipients times the price', () => {
  assert.deepEqual(sendCost(2, 350, 900), { segmentsPerRecipient: 2, totalSegments: 700, costMilli: 630000 });
});
