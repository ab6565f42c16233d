/** A small linear congruential generator: the same seed gives the same benchmark data on every run. */
export function seededUniform(seed) {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return (x + 0.5) / 2_147_483_648;
  };
}
