import { readFile } from 'node:fs/promises';
import { fieldText, isBlank, positiveDecimalAt, splitFields, timestampAt } from './bar-csv-fields.js';

/**
 * Bars read from a CSV file, column-wise so a simulation can loop over a million of them without
 * allocating. Row `i` is `times[i]`, `closes[i]`, `closeText[i]` and, with a symbol column, `symbols[i]`.
 */
export interface BarSeries {
  /** The symbol of each row, or null when the file has no `symbol` column (one unnamed path). */
  readonly symbols: readonly string[] | null;
  /** Bar time of each row, ms since the epoch; strictly increasing per symbol. */
  readonly times: Float64Array;
  /** The close as a JS number: for fast comparisons only, never for money. */
  readonly closes: Float64Array;
  /** The close exactly as written in the file (a plain positive decimal): build a `Decimal` from it. */
  readonly closeText: readonly string[];
  readonly length: number;
}

export interface BarCsvOptions {
  /** Names the file in error messages, e.g. `eustock-dax.csv`. */
  readonly source?: string;
}

/** A CSV that cannot be read as bars; the message names the line and, when it applies, the column. */
export class BarCsvError extends Error {
  constructor(
    readonly line: number,
    readonly column: string | null,
    readonly detail: string,
    readonly source?: string,
  ) {
    super(`${source === undefined ? '' : `${source}: `}line ${line}: ${detail}`);
    this.name = 'BarCsvError';
  }
}

const KNOWN_COLUMNS = ['timestamp', 'close', 'open', 'high', 'low', 'volume', 'symbol'] as const;
type KnownColumn = (typeof KNOWN_COLUMNS)[number];

interface Layout {
  readonly fieldCount: number;
  readonly timestamp: number;
  readonly close: number;
  readonly symbol: number;
}

/** One symbol's rows so far ('' for a file without a symbol column): a shared name and the last time. */
interface Track {
  readonly name: string;
  last: number;
}

/** A few symbols are matched in place, so a row costs no symbol string; the rest go through a map. */
const IN_PLACE_SYMBOLS = 8;

/**
 * Parses bars from CSV text with a header row. Required columns `timestamp` and `close`, in any
 * order; `open`, `high`, `low`, `volume` and `symbol` are recognised, any other column is ignored.
 * Only timestamp, close and symbol are read: open/high/low/volume are neither stored nor checked.
 * Blank lines, `\r\n`, a byte-order mark and fields in double quotes are fine; a field cannot hold
 * a comma. Throws a `BarCsvError` on the first bad row.
 */
export function parseBarCsv(text: string, options: BarCsvOptions = {}): BarSeries {
  return new BarCsvReader(text, options.source).read();
}

/** Reads and parses a bar CSV file; errors name the file as given. */
export async function readBarCsvFile(path: string): Promise<BarSeries> {
  return parseBarCsv(await readFile(path, 'utf8'), { source: path });
}

class BarCsvReader {
  private layout: Layout | null = null;
  /** Start and end offset of each field of the current row, reused from row to row. */
  private bounds = new Int32Array(0);
  private times: Float64Array;
  private closes: Float64Array;
  private readonly closeText: string[] = [];
  private symbols: string[] | null = null;
  private readonly tracks = new Map<string, Track>();
  private readonly fewTracks: Track[] = [];
  private readonly unnamed: Track = { name: '', last: Number.NEGATIVE_INFINITY };
  private length = 0;
  private lineNo = 0;

  constructor(
    private readonly text: string,
    private readonly source: string | undefined,
  ) {
    const capacity = Math.max(16, Math.ceil(text.length / 24));
    this.times = new Float64Array(capacity);
    this.closes = new Float64Array(capacity);
  }

  read(): BarSeries {
    const { text } = this;
    for (let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0; pos < text.length; ) {
      const newline = text.indexOf('\n', pos);
      const end = newline < 0 ? text.length : newline;
      const stop = end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      this.lineNo++;
      if (!isBlank(text, pos, stop)) {
        if (this.layout === null) this.readHeader(text.slice(pos, stop));
        else this.readRow(this.layout, pos, stop);
      }
      pos = end + 1;
    }
    if (this.layout === null) return this.fail(null, 'missing header row (timestamp,close)', 1);
    if (this.length === 0) return this.fail(null, 'no data rows after the header');
    const [times, closes] = [this.times.slice(0, this.length), this.closes.slice(0, this.length)];
    return { symbols: this.symbols, times, closes, closeText: this.closeText, length: this.length };
  }

  private readHeader(line: string): void {
    const names = line.split(',').map((name) => fieldText(name, 0, name.length).toLowerCase());
    const index = new Map<KnownColumn, number>();
    names.forEach((name, i) => {
      const known = KNOWN_COLUMNS.find((column) => column === name);
      if (known === undefined) return;
      if (index.has(known)) this.fail(known, `column "${known}" appears twice in the header`);
      index.set(known, i);
    });
    for (const required of ['timestamp', 'close'] as const) {
      if (!index.has(required)) this.fail(required, `missing required column "${required}" in the header`);
    }
    const ix = (column: KnownColumn) => index.get(column) ?? -1;
    const [timestamp, close, symbol] = [ix('timestamp'), ix('close'), ix('symbol')];
    this.layout = { fieldCount: names.length, timestamp, close, symbol };
    this.bounds = new Int32Array(names.length * 2);
    this.symbols = symbol < 0 ? null : [];
  }

  private readRow(layout: Layout, start: number, stop: number): void {
    const { bounds, text } = this;
    const count = splitFields(text, start, stop, bounds);
    if (count !== layout.fieldCount) this.failFieldCount(count);
    const at = layout.symbol * 2;
    const ts = layout.timestamp * 2;
    const cs = layout.close * 2;
    const track = at < 0 ? this.unnamed : this.trackAt(bounds[at]!, bounds[at + 1]!);
    if (this.length === this.times.length) this.grow();
    this.advance(track, this.timeAt(bounds[ts]!, bounds[ts + 1]!));
    this.pushClose(text.slice(bounds[cs]!, bounds[cs + 1]!));
    this.symbols?.push(track.name);
    this.length++;
  }

  private timeAt(start: number, end: number): number {
    const time = timestampAt(this.text, start, end);
    if (!Number.isNaN(time)) return time;
    const stamp = fieldText(this.text, start, end);
    const expected = 'an ISO 8601 instant with a zone, a YYYY-MM-DD date or epoch seconds/milliseconds';
    return this.fail('timestamp', `timestamp "${stamp}" is not ${expected}`);
  }

  private pushClose(raw: string): void {
    let text = raw;
    let value = positiveDecimalAt(text, 0, text.length);
    if (Number.isNaN(value)) {
      text = fieldText(raw, 0, raw.length);
      value = positiveDecimalAt(text, 0, text.length);
      if (Number.isNaN(value)) this.fail('close', `close "${text}" is not a positive decimal`);
    }
    this.closes[this.length] = value;
    this.closeText.push(text);
  }

  private trackAt(start: number, end: number): Track {
    const length = end - start;
    for (const track of this.fewTracks) {
      if (track.name.length === length && this.text.startsWith(track.name, start)) return track;
    }
    const symbol = fieldText(this.text, start, end);
    if (symbol === '') this.fail('symbol', 'symbol is empty');
    let track = this.tracks.get(symbol);
    if (track === undefined) {
      track = { name: symbol, last: Number.NEGATIVE_INFINITY };
      this.tracks.set(symbol, track);
      const asWritten = symbol.length === length && this.text.startsWith(symbol, start);
      if (asWritten && this.fewTracks.length < IN_PLACE_SYMBOLS) this.fewTracks.push(track);
    }
    return track;
  }

  /** Moves the track on to `time`, which must be after the track's previous row. */
  private advance(track: Track, time: number): void {
    if (time <= track.last) {
      const of = track.name === '' ? '' : ` for symbol ${track.name}`;
      const when = `${new Date(time).toISOString()} is not after ${new Date(track.last).toISOString()}`;
      this.fail('timestamp', `rows must be in increasing time order${of}: ${when}`);
    }
    track.last = time;
    this.times[this.length] = time;
  }

  private grow(): void {
    const [times, closes] = [
      new Float64Array(this.times.length * 2),
      new Float64Array(this.times.length * 2),
    ];
    times.set(this.times);
    closes.set(this.closes);
    [this.times, this.closes] = [times, closes];
  }

  private failFieldCount(count: number): never {
    return this.fail(null, `expected ${this.layout?.fieldCount} fields like the header, found ${count}`);
  }

  private fail(column: KnownColumn | null, detail: string, line = this.lineNo): never {
    throw new BarCsvError(line, column, detail, this.source);
  }
}
