import { randomBytes } from 'node:crypto';
import type { Clock } from '../../application/ports/clock.js';
import type { IdGenerator } from '../../application/ports/id-generator.js';

/**
 * UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits, with a counter in the
 * random field so ids made in the same millisecond still sort in creation order.
 */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export class UuidV7Generator implements IdGenerator {
  private lastMs = -1;
  private counter = 0;
  private timePrefix = '';
  private pool = Buffer.alloc(0);
  private poolOffset = 0;

  constructor(private readonly clock: Clock) {}

  next(): string {
    let ms = this.clock.now();
    if (ms <= this.lastMs) {
      ms = this.lastMs;
      this.counter += 1;
      if (this.counter > 0xfff) {
        ms += 1;
        this.counter = 0;
      }
    } else {
      this.counter = 0;
    }
    if (ms !== this.lastMs || this.timePrefix === '') {
      const t = ms.toString(16).padStart(12, '0');
      this.timePrefix = `${t.slice(0, 8)}-${t.slice(8, 12)}-`;
    }
    this.lastMs = ms;
    if (this.poolOffset + 8 > this.pool.length) {
      this.pool = randomBytes(4096);
      this.poolOffset = 0;
    }
    const p = this.pool;
    const o = this.poolOffset;
    this.poolOffset += 8;
    const variant = HEX[(p[o]! & 0x3f) | 0x80]!;
    const version = (0x7000 | this.counter).toString(16);
    return `${this.timePrefix}${version}-${variant}${HEX[p[o + 1]!]}-${HEX[p[o + 2]!]}${HEX[p[o + 3]!]}${HEX[p[o + 4]!]}${HEX[p[o + 5]!]}${HEX[p[o + 6]!]}${HEX[p[o + 7]!]}`;
  }
}
