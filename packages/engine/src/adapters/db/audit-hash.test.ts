import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chainHash, GENESIS_HASH, hashedText } from './kysely-audit-log.js';

const row = {
  seq: 1,
  id: 'e1',
  type: 'PriceEvent',
  occurred_at: '2026-01-06T15:00:00.000Z',
  recorded_at: '2026-01-06T15:00:00.010Z',
  source: 'worker',
  actor: 'w "quoted" \\ actor',
  cycle_id: 'c1',
  parent_id: null,
  portfolio_id: 'p1',
  position_id: null,
  symbol: 'ACME',
};

describe('the text an audit hash covers', () => {
  it('is a JSON array of the envelope in a fixed order, a newline, then the payload text as stored', () => {
    const [envelope, payload] = hashedText(row, '{"price":"97"}').split('\n');
    expect(payload).toBe('{"price":"97"}');
    expect(JSON.parse(envelope!)).toEqual([
      1,
      'e1',
      'PriceEvent',
      '2026-01-06T15:00:00.000Z',
      '2026-01-06T15:00:00.010Z',
      'worker',
      'w "quoted" \\ actor',
      'c1',
      null,
      'p1',
      null,
      'ACME',
    ]);
  });

  it('chains: sha256 of the previous hash followed by that text, so anyone can recompute it', () => {
    const expected = createHash('sha256')
      .update(`${GENESIS_HASH}${hashedText(row, '{}')}`)
      .digest('hex');
    expect(chainHash(GENESIS_HASH, row, '{}')).toBe(expected);
    expect(chainHash(GENESIS_HASH, { ...row, actor: 'mallory' }, '{}')).not.toBe(expected);
    expect(chainHash(GENESIS_HASH, row, '{ }')).not.toBe(expected);
  });
});
