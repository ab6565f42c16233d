/** The most points a stored series keeps: enough for any chart, small enough to send at once. */
export const MAX_SERIES_POINTS = 2_000;

/**
 * The bars a chart of `length` bars keeps, at most `max` (≥ 4), ascending: all of them when they fit;
 * otherwise the first, the last, and in each of (max − 2) / 2 equal buckets between them the bar with
 * the lowest and the one with the highest close, so no peak or trough of the price disappears.
 */
export function sampleIndices(closes: ArrayLike<number>, length: number, max = MAX_SERIES_POINTS): number[] {
  if (max < 4) throw new RangeError(`a series keeps at least 4 points, not ${max}`);
  if (length <= max) return Array.from({ length }, (_, i) => i);
  const picked = [0];
  const inner = length - 2;
  const buckets = Math.floor((max - 2) / 2);
  for (let b = 0; b < buckets; b++) {
    const from = 1 + Math.floor((b * inner) / buckets);
    const to = 1 + Math.floor(((b + 1) * inner) / buckets);
    let low = from;
    let high = from;
    for (let i = from + 1; i < to; i++) {
      if (closes[i]! < closes[low]!) low = i;
      if (closes[i]! > closes[high]!) high = i;
    }
    picked.push(Math.min(low, high));
    if (high !== low) picked.push(Math.max(low, high));
  }
  picked.push(length - 1);
  return picked;
}
