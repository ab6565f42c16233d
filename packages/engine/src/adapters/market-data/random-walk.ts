/**
 * A Brownian motion that can be read at any instant without state: Lévy's construction by midpoint
 * displacement, with every Gaussian drawn from a counter-based hash of (key, point).
 *
 * Over the horizon [0, 2^36] seconds (about 2 177 years), W(0) = 0 and W(2^36) ~ N(0, 2^36). The
 * midpoint of a dyadic interval [a, b] is (W(a) + W(b)) / 2 + N(0, (b - a) / 4): the exact law of a
 * Brownian bridge. Every integer second in (0, 2^36) is the midpoint of exactly one dyadic interval,
 * so the point itself keys its draw. Reading W(t) descends 36 levels to the one-second interval
 * around t, drawing 37 Gaussians: O(log T), no summing from an epoch. Inside that second W is
 * linear. Negative t reads a second, independent walk keyed by direction: a two-sided Brownian
 * motion through W(0) = 0. From 2^36 - 1 seconds on (the year 4197) W is held.
 */
export const HORIZON_LEVELS = 36;
export const HORIZON_SECONDS = 2 ** HORIZON_LEVELS;

/** The two 32-bit words that select one walk. */
export interface WalkKey {
  readonly high: number;
  readonly low: number;
}

const TWO_POW_32 = 4_294_967_296;
const SPAN = Array.from({ length: HORIZON_LEVELS + 1 }, (_, level) => 2 ** level);
/** sqrt(span / 4) for a dyadic interval of span 2^level. */
const MIDPOINT_SCALE = Array.from({ length: HORIZON_LEVELS + 1 }, (_, level) => Math.sqrt(2 ** level / 4));
const ENDPOINT_SCALE = Math.sqrt(HORIZON_SECONDS);

/** The walk of one name, e.g. `seed` and `symbol`. The NUL separator keeps ('ab','c') apart from ('a','bc'). */
export function walkKey(...parts: readonly string[]): WalkKey {
  const text = parts.join('\u0000');
  return { high: hashText(text, 0x9747b28c), low: hashText(text, 0x2545f491) };
}

/** W(t) of the walk `key`, in units of √second, t in seconds (fractional allowed). */
export function brownianAt(key: WalkKey, seconds: number): number {
  return new BrownianPath(key).at(seconds);
}

/**
 * One walk, remembering the dyadic intervals around the last instant read: the next read only
 * re-descends below the smallest interval that holds both instants, so reading a clock that moves
 * on costs a few draws. The remembered values are the same numbers a fresh descent computes, so the
 * result never depends on what was read before.
 */
export class BrownianPath {
  private forward: Descent | null = null;
  private backward: Descent | null = null;

  constructor(readonly key: WalkKey) {}

  at(seconds: number): number {
    if (seconds >= 0) {
      this.forward ??= new Descent(this.key, 0);
      return this.forward.at(seconds);
    }
    this.backward ??= new Descent(this.key, 1);
    return this.backward.at(-seconds);
  }
}

/** The walk on [0, 2^36] for one direction; `left[level]` etc. describe the interval of span 2^level. */
class Descent {
  private readonly left = new Float64Array(HORIZON_LEVELS + 1).fill(Number.NaN);
  private readonly wLeft = new Float64Array(HORIZON_LEVELS + 1);
  private readonly wRight = new Float64Array(HORIZON_LEVELS + 1);

  constructor(
    private readonly key: WalkKey,
    private readonly direction: number,
  ) {
    this.left[HORIZON_LEVELS] = 0;
    this.wRight[HORIZON_LEVELS] = ENDPOINT_SCALE * gaussianAt(key, direction, HORIZON_SECONDS);
  }

  at(seconds: number): number {
    const t = Math.min(seconds, HORIZON_SECONDS - 1);
    const { left, wLeft, wRight } = this;
    let level = 0;
    while (level < HORIZON_LEVELS && !(t >= left[level]! && t < left[level]! + SPAN[level]!)) level++;
    for (; level > 0; level--) {
      const mid = left[level]! + SPAN[level - 1]!;
      const wMid =
        (wLeft[level]! + wRight[level]!) / 2 +
        MIDPOINT_SCALE[level]! * gaussianAt(this.key, this.direction, mid);
      const below = level - 1;
      const lower = t < mid;
      left[below] = lower ? left[level]! : mid;
      wLeft[below] = lower ? wLeft[level]! : wMid;
      wRight[below] = lower ? wMid : wRight[level]!;
    }
    return wLeft[0]! + (wRight[0]! - wLeft[0]!) * (t - left[0]!);
  }
}

/**
 * Folds x into [-bound, bound] as if reflected at both walls: a reflected random walk is still a
 * random walk, and the fold is continuous, so a path stays a path.
 */
export function reflect(x: number, bound: number): number {
  const period = 4 * bound;
  let u = (x + bound) % period;
  if (u < 0) u += period;
  if (u > 2 * bound) u = period - u;
  return u - bound;
}

/** A standard normal for one point of one walk: Box–Muller on two uniforms hashed from (key, point). */
export function gaussianAt(key: WalkKey, direction: number, point: number): number {
  const h = hashPoint(key, point, direction);
  const u1 = (finalMix(h) + 0.5) / TWO_POW_32;
  const u2 = (finalMix(h ^ 0x5bd1e995) + 0.5) / TWO_POW_32;
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** A uniform in (0, 1) for (key, point, stream), never 0 or 1. */
export function uniformAt(key: WalkKey, point: number, stream: number): number {
  return (finalMix(hashPoint(key, point, stream)) + 0.5) / TWO_POW_32;
}

/** murmur3_32 over the point's two words and the stream, before the finaliser. */
function hashPoint(key: WalkKey, point: number, stream: number): number {
  let h = key.high;
  h = mixWord(h, point >>> 0);
  h = mixWord(h, Math.floor(point / TWO_POW_32));
  h = mixWord(h, key.low ^ stream);
  return h ^ 12;
}

function hashText(text: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = mixWord(h, text.charCodeAt(i));
  return finalMix(h ^ text.length);
}

/** One block of murmur3_32. */
function mixWord(hash: number, word: number): number {
  let k = Math.imul(word, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  let h = hash ^ k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** The murmur3 finaliser; returns an unsigned 32-bit integer. */
function finalMix(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
