/**
 * Seeded uniform numbers in [0, 1): sfc32 (a small fast chaotic generator with 128 bits of state, passes
 * PractRand), its state filled by splitmix32 from the seed. Any safe integer is a seed, negative ones
 * too; the same seed gives the same numbers on every machine.
 */
export function seededUniform(seed: number): () => number {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`a seed is a whole number, not ${seed}`);
  const high = Math.floor(seed / 2 ** 32);
  const next = splitmix32((seed >>> 0) ^ Math.imul(high | 0, 0x9e3779b9));
  let [a, b, c, d] = [next(), next(), next(), next()];
  const step = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) step();
  return () => step() / 4_294_967_296;
}

function splitmix32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}
