import type { SimulationBars } from '../../domain/simulation/simulate-bars.js';

/**
 * Bars as they cross between threads: times and closes in shared memory (every thread reads the same
 * bytes, nothing is copied), the exact close texts as one string (one copy per thread, split there).
 */
export interface SharedBars {
  readonly times: Float64Array;
  readonly closes: Float64Array;
  readonly text: string;
}

export function shareBars(bars: SimulationBars): SharedBars {
  return {
    times: inSharedMemory(bars.times),
    closes: inSharedMemory(bars.closes),
    text: bars.closeText.join('\n'),
  };
}

export function barsFromShared(shared: SharedBars): SimulationBars {
  const closeText = shared.text.split('\n');
  return { length: closeText.length, times: shared.times, closes: shared.closes, closeText };
}

function inSharedMemory(values: Float64Array): Float64Array {
  if (values.buffer instanceof SharedArrayBuffer) return values;
  const shared = new Float64Array(new SharedArrayBuffer(values.length * Float64Array.BYTES_PER_ELEMENT));
  shared.set(values);
  return shared;
}
