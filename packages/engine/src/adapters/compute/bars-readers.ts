import type { BarsReaders } from '../../application/simulations/compute-tasks.js';
import { BarCsvError, parseBarCsv } from '../market-data/bar-csv.js';
import { seededUniform } from './seeded-uniform.js';

/** How the lab reads bars wherever it runs: on a compute thread, or in `ballast simulate`. */
export const BARS_READERS: BarsReaders = {
  parseCsv(text, source) {
    try {
      const series = parseBarCsv(text, { source });
      return { ok: true, bars: series, symbols: series.symbols };
    } catch (error) {
      if (!(error instanceof BarCsvError)) throw error;
      return { ok: false, message: error.message, details: { line: error.line, column: error.column } };
    }
  },
  uniformFor: seededUniform,
};
