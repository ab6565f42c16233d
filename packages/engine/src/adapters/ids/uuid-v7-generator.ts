import { randomBytes } from 'node:crypto';
import type { Clock } from '../../application/ports/clock.js';
import type { IdGenerator } from '../../application/ports/id-generator.js';

/**
 * UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits, with a counter in the
 * random field so ids made in the same millisecond still sort in creation order.
 */
export class UuidV7Generator implements IdGenerator {
  private lastMs = -1;
  private counter = 0;
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
    this.lastMs = ms;
    const b = Buffer.alloc(16);
    b.writeUIntBE(ms, 0, 6);
    b.writeUInt16BE(0x7000 | this.counter, 6);
    this.random(8).copy(b, 8);
    b[8] = (b[8]! & 0x3f) | 0x80;
    const h = b.toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  private random(n: number): Buffer {
    if (this.poolOffset + n > this.pool.length) {
      this.pool = randomBytes(4096);
      this.poolOffset = 0;
    }
    const out = this.pool.subarray(this.poolOffset, this.poolOffset + n);
    this.poolOffset += n;
    return out;
  }
}
