import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { firstPageSize } from '../build/first-page.mjs';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
/** The budget of the console issue: the first page's JavaScript, gzipped. */
const BUDGET_BYTES = 300 * 1024;

describe('the production bundle', () => {
  it('loads the first page with less than 300 kB of gzipped JavaScript, the chart only later', () => {
    expect(existsSync(DIST), 'the console is built by npm test (pretest)').toBe(true);
    const size = firstPageSize(DIST);
    expect(size.jsGzipBytes).toBeLessThan(BUDGET_BYTES);
    expect(size.files.some((f) => f.includes('price-chart'))).toBe(false);
    expect(size.files.some((f) => f.includes('simulation-charts'))).toBe(false);
    expect(size.lazyJsGzipBytes).toBeGreaterThan(0);
  });
});
