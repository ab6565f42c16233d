import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BarCsvError, parseBarCsv, readBarCsvFile } from './bar-csv.js';

const DAX_CSV = fileURLToPath(new URL('../../../../../data-samples/eustock-dax.csv', import.meta.url));

/** The error a CSV fails with, so a test can look at its line, column and message. */
function failureOf(text: string): BarCsvError {
  try {
    parseBarCsv(text);
  } catch (error) {
    if (error instanceof BarCsvError) return error;
    throw error;
  }
  throw new Error('expected the CSV to be refused');
}

describe('parseBarCsv', () => {
  it('reads the DAX sample: 1 860 daily closes, exactly as written', async () => {
    const series = await readBarCsvFile(DAX_CSV);

    expect(series.length).toBe(1860);
    expect(series.symbols).toBeNull();
    expect(series.times).toHaveLength(1860);
    expect(series.closeText[0]).toBe('1628.75');
    expect(series.closes[0]).toBe(1628.75);
    expect(series.times[0]).toBe(Date.UTC(1991, 6, 1, 16));
    expect(series.closeText[1859]).toBe('5473.72');
    expect(series.times[1859]).toBe(Date.UTC(1998, 7, 14, 16));
  });

  it('finds the columns by name in any order, ignores other columns and keeps trailing zeros', () => {
    const series = parseBarCsv('volume,Close,note,TIMESTAMP,open\n100,12.50,first,2024-01-02T15:30:00Z,12\n');

    expect(series.closeText).toEqual(['12.50']);
    expect(series.closes[0]).toBe(12.5);
    expect(series.times[0]).toBe(Date.UTC(2024, 0, 2, 15, 30));
  });

  it('accepts ISO instants with offsets and fractions, plain dates, epoch seconds and epoch milliseconds', () => {
    const stamps = ['2024-01-01', '2024-01-01T00:00:01.250Z', '1704067202', '1704067203000'];
    const series = parseBarCsv(`timestamp,close\n${stamps.map((stamp) => `${stamp},1`).join('\n')}`);

    const start = Date.UTC(2024, 0, 1);
    expect(Array.from(series.times)).toEqual([start, start + 1250, start + 2000, start + 3000]);
    expect(parseBarCsv('timestamp,close\n2024-01-01T01:00+01:00,1').times[0]).toBe(start);
    expect(parseBarCsv('timestamp,close\n2023-12-31 19:00:00-05:00,1').times[0]).toBe(start);
  });

  it('takes blank lines, CRLF line ends, a byte-order mark and a trailing newline in its stride', () => {
    const series = parseBarCsv('\uFEFFtimestamp,close\r\n\r\n2024-01-01,1.5\r\n   \r\n2024-01-02,1.25\r\n');

    expect(series.closeText).toEqual(['1.5', '1.25']);
    expect(series.length).toBe(2);
  });

  it('names the line and the column of a close that is not a positive decimal', () => {
    const error = failureOf('timestamp,close\n2024-01-01,10\n\n2024-01-03,abc\n');

    expect(error.line).toBe(4);
    expect(error.column).toBe('close');
    expect(error.message).toBe('line 4: close "abc" is not a positive decimal');
    for (const bad of ['0', '0.00', '-1', '1e3', '.5', '5.', '1.2.3', '', '1 000', '+5', 'NaN']) {
      expect(() => parseBarCsv(`timestamp,close\n2024-01-01,"${bad}"`), bad).toThrow(/line 2: close/);
    }
  });

  it('refuses timestamps it would have to guess: no zone, impossible dates, words', () => {
    for (const stamp of [
      '2024-01-01T10:00:00',
      '2023-02-29',
      '2024-13-01',
      '2024-01-01T24:00Z',
      'yesterday',
    ]) {
      const error = failureOf(`timestamp,close\n${stamp},1`);
      expect(error.column).toBe('timestamp');
      expect(error.message).toContain(`line 2: timestamp "${stamp}"`);
    }
  });

  it('names the file, and explains a missing column, a short row and a file without data', () => {
    expect(() => parseBarCsv('time,close\n2024-01-01,1', { source: 'prices.csv' })).toThrow(
      'prices.csv: line 1: missing required column "timestamp" in the header',
    );
    expect(failureOf('timestamp,close\n2024-01-01,1\n2024-01-02\n').message).toBe(
      'line 3: expected 2 fields like the header, found 1',
    );
    expect(failureOf('timestamp,close\n\n').message).toContain('no data rows');
    expect(failureOf('').message).toContain('line 1: missing header row');
  });

  it('refuses rows that do not move forward in time', () => {
    const error = failureOf('timestamp,close\n2024-01-02,1\n2024-01-03,1\n2024-01-03,1\n');

    expect(error.line).toBe(4);
    expect(error.column).toBe('timestamp');
    expect(error.message).toContain('increasing time order');
    expect(failureOf('timestamp,close\n2024-01-02,1\n2024-01-01,1\n').line).toBe(3);
  });

  it('keeps one path per symbol: each symbol moves forward in time on its own', () => {
    const csv = [
      'symbol,timestamp,close',
      'SPY,2024-01-02,470.1',
      'TLT,2024-01-02,98.2',
      'SPY,2024-01-03,468.9',
      'TLT,2024-01-03,97.8',
    ].join('\n');
    const series = parseBarCsv(csv);

    expect(series.symbols).toEqual(['SPY', 'TLT', 'SPY', 'TLT']);
    expect(series.closeText).toEqual(['470.1', '98.2', '468.9', '97.8']);
    const backwards = failureOf(`${csv}\nTLT,2024-01-01,90`);
    expect(backwards.line).toBe(6);
    expect(backwards.message).toContain('for symbol TLT');
    expect(failureOf('symbol,timestamp,close\n,2024-01-02,1').column).toBe('symbol');
  });

  it('reads a long file of short rows in full', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `${i + 1},${(i % 90) + 1}`);
    const series = parseBarCsv(`timestamp,close\n${rows.join('\n')}`);

    expect(series.length).toBe(5000);
    expect(Array.from(series.times)).toEqual(rows.map((_, i) => (i + 1) * 1000));
    expect(series.closeText[4999]).toBe('50');
    expect(series.closes[4999]).toBe(50);
  });

  it('gives each close the same double that Number() would, for fast comparisons', () => {
    let state = 12345;
    const next = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state;
    };
    const texts = Array.from(
      { length: 2000 },
      (_, i) => `${next() % 100000}.${String(next()).slice(0, 1 + (i % 12))}`,
    );
    const csv = `timestamp,close\n${texts.map((text, i) => `${1_700_000_000 + i},${text}`).join('\n')}`;
    const series = parseBarCsv(csv);

    for (let i = 0; i < series.length; i++) expect(series.closes[i]).toBe(Number(series.closeText[i]));
  });
});
