import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OptimizationRow, SimulationMetrics } from '@ballast/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = 'packages/engine/bin/ballast.js';
const DAX = 'data-samples/eustock-dax.csv';
const START = ['--bars', DAX, '--shares', '50', '--cash', '5000', '--set', 'market_hours=always'];

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function ballast(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

interface OptimizeOutput {
  bars: { source: string; count: number; first_at: string; last_at: string };
  rank_by: string;
  combinations: number;
  rows: OptimizationRow[];
  buy_and_hold: SimulationMetrics;
}

let dir: string;
beforeAll(() => {
  if (!existsSync(join(ROOT, 'packages/engine/dist/cli/main.js')))
    throw new Error('the CLI is not built: run `npm run build` before these tests');
  dir = mkdtempSync(join(tmpdir(), 'ballast-cli-opt-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ballast optimize over the DAX sample', () => {
  it('ranks a 3 × 3 grid by Sharpe on the worker threads, with the invalid combinations last', async () => {
    const run = await ballast(
      'optimize',
      ...START,
      '--grid',
      'trigger.up_pct=2,3,60',
      '--grid',
      'trigger.down_pct=2,3,4',
      '--json',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as OptimizeOutput;
    expect(out).toMatchObject({ rank_by: 'sharpe', combinations: 9, bars: { source: DAX, count: 1860 } });
    expect(out.rows.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // up_pct 60 is beyond reset_pct 50: no trigger could fire, so those three are not run.
    expect(out.rows.slice(6).map((r) => [r.params['trigger.up_pct'], r.error])).toEqual(
      [2, 3, 4].map(() => [
        60,
        'params.anchor.reset_pct must be greater than trigger.up_pct and trigger.down_pct, or no trigger could ever fire',
      ]),
    );
    const sharpes = out.rows.slice(0, 6).map((r) => r.metrics.sharpe!);
    expect(sharpes).toEqual([...sharpes].sort((a, b) => b - a));

    // The best row is what `ballast simulate` measures for the same parameters.
    const best = out.rows[0]!;
    const sets = Object.entries(best.params).flatMap(([name, value]) => ['--set', `${name}=${value}`]);
    const simulated = JSON.parse((await ballast('simulate', ...START, ...sets, '--json')).stdout);
    expect(best.metrics).toEqual(simulated.metrics);
    expect(out.buy_and_hold).toEqual(simulated.buy_and_hold);
  });

  it('prints a ranked table for people, the best --top rows, and buy-and-hold', async () => {
    const run = await ballast(
      'optimize',
      ...START,
      '--grid',
      'trigger.up_pct=2,3,4',
      '--rank',
      'return_pct',
      '--top',
      '2',
    );
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^rank\s+trigger\.up_pct\s+return %\s+annual %\s+volatility %\s+sharpe\s+drawdown %\s+fees\s+trades$/,
    );
    expect(lines[1]).toMatch(/^1\s+\d/);
    expect(lines[2]).toMatch(/^2\s+\d/);
    expect(lines[3]).toBe('the best 2 of 3 combinations, ranked by return_pct');
    expect(lines[4]).toMatch(/^buy-and-hold: 86437\.5 → \d+\.\d+ \(236\.07 %\).*, 1 trade$/);
    const json = JSON.parse(
      (
        await ballast(
          'optimize',
          ...START,
          '--grid',
          'trigger.up_pct=2,3,4',
          '--rank',
          'return_pct',
          '--top',
          '2',
          '--json',
        )
      ).stdout,
    );
    expect(json.rows).toHaveLength(2);
    expect(json.rows[0].metrics.return_pct).toBeGreaterThanOrEqual(json.rows[1].metrics.return_pct);
  });
});

describe('ballast optimize refuses bad input with exit code 2, naming the flag', () => {
  const cases: [string, string[], RegExp][] = [
    ['no grid', [], /optimize needs at least one --grid/],
    [
      'a parameter a grid cannot vary',
      ['--grid', 'trigger.nope=1,2'],
      /--grid "trigger\.nope" is not a parameter a grid can vary/,
    ],
    [
      'a value that is not a number',
      ['--grid', 'trigger.up_pct=2,x'],
      /--grid trigger\.up_pct: "x" is not a number/,
    ],
    [
      'an unknown metric',
      ['--grid', 'trigger.up_pct=2', '--rank', 'best'],
      /--rank must be one of return_pct, /,
    ],
    [
      'no rows to show',
      ['--grid', 'trigger.up_pct=2', '--top', '0'],
      /--top must be a whole number of at least 1/,
    ],
    [
      'a bad parameter',
      ['--grid', 'trigger.up_pct=2', '--set', 'trigger.down_pct=-1'],
      /--set trigger\.down_pct: must be greater than 0/,
    ],
  ];
  for (const [what, args, message] of cases)
    it(what, async () => {
      const run = await ballast('optimize', ...START, ...args);
      expect(run).toMatchObject({ code: 2, stdout: '' });
      expect(run.stderr).toMatch(message);
    });

  it('a CSV with a bad line names the file and the line', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'timestamp,close\n2026-01-05T15:00:00Z,100\n2026-01-06T15:00:00Z,-5\n');
    const run = await ballast('optimize', '--bars', file, '--cash', '1000', '--grid', 'trigger.up_pct=2');
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toContain(`${file}: line 3: close "-5" is not a positive decimal`);
  });
});
