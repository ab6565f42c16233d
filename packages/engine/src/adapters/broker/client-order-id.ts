import { createHash } from 'node:crypto';

/**
 * The client order id of a position's order in a cycle: derived, not random, so a retry after a crash
 * produces the same id and the broker can recognise it. 26 base32 characters (130 bits) after a prefix
 * fit every broker's length limit.
 */
export function clientOrderIdFor(positionId: string, cycleId: string): string {
  const digest = createHash('sha256').update(`${positionId}|${cycleId}`).digest();
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5 && out.length < 26) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length === 26) break;
  }
  return `bl-${out}`;
}
