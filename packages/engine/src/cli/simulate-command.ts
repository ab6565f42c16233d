import { readFile } from 'node:fs/promises';
import type { SimulationResult as SimulationResultBody } from '@ballast/contracts';
import { BARS_READERS } from '../adapters/compute/bars-readers.js';
import { readCsvBars } from '../application/simulations/compute-tasks.js';
import { reportRun } from '../application/simulations/simulation-report.js';
import { type SimulationResult, simulateBars } from '../domain/simulation/simulate-bars.js';
import { metricsLine, type StartOptions, startFromOptions } from './simulation-options.js';
import { UsageError } from './usage-error.js';

export interface SimulateOptions extends StartOptions {
  readonly bars: string;
  readonly json: boolean;
}

/** `ballast simulate`: the same rules as live trading over a CSV of bars, filled at each bar's close. */
export async function simulate(options: SimulateOptions, out: (text: string) => void): Promise<number> {
  const start = startFromOptions(options);
  // A missing or malformed bars file is bad input, like a bad flag: exit code 2 with the reader's message.
  const text = await readFile(options.bars, 'utf8').catch((error: unknown) => {
    throw new UsageError(`--bars: ${error instanceof Error ? error.message : String(error)}`);
  });
  // Read as the lab reads them (one symbol); a single bar is a run too here, with --anchor.
  const prepared = readCsvBars(text, options.bars, BARS_READERS);
  if (!prepared.ok) throw new UsageError(prepared.message);
  const { bars } = prepared;
  const input = { bars, ...start };
  const result = simulateBars(input);
  // Measured as the API measures a simulation: the same report, the same buy-and-hold.
  const report = reportRun(input, result);
  out(options.json ? `${JSON.stringify(jsonOf(result, report))}\n` : tableOf(result, report, bars.length));
  return 0;
}

/** The original fields (trades, final) and, added, each trade's reason, the metrics and buy-and-hold. */
function jsonOf(r: SimulationResult, report: SimulationResultBody) {
  return {
    trades: r.trades.map((t, k) => ({
      timestamp: new Date(t.time).toISOString(),
      side: t.side,
      qty: t.qty.toFixed(),
      price: t.price.toFixed(),
      fee: t.fee.toFixed(),
      cash_after: t.cashAfter.toFixed(),
      shares_after: t.sharesAfter.toFixed(),
      reason: report.trades[k]?.reason ?? t.reason,
    })),
    final: {
      shares: r.final.shares.toFixed(),
      cash: r.final.cash.toFixed(),
      anchor: r.final.anchor?.toFixed() ?? null,
    },
    metrics: report.metrics,
    buy_and_hold: report.buy_and_hold,
  };
}

function tableOf(r: SimulationResult, report: SimulationResultBody, barCount: number): string {
  const rows = r.trades.map((t, k) =>
    [
      new Date(t.time).toISOString().slice(0, 19).replace('T', ' '),
      t.side.padEnd(4),
      t.qty.toFixed(6).padStart(14),
      t.price.toFixed(4).padStart(12),
      t.fee.toFixed(6).padStart(10),
      t.cashAfter.toFixed(2).padStart(14),
      t.sharesAfter.toFixed(6).padStart(14),
      report.trades[k]?.reason ?? t.reason,
    ].join('  '),
  );
  const header = [
    'time               ',
    'side',
    '           qty',
    '       price',
    '       fee',
    '    cash after',
    '  shares after',
    'why',
  ].join('  ');
  const final = `final: ${r.final.shares.toFixed(6)} shares, ${r.final.cash.toFixed(2)} cash, anchor ${r.final.anchor?.toFixed() ?? '-'}`;
  const stats = `${barCount} bars, ${r.trades.length} trades, ${r.skips} orders blocked by guardrails, ${r.anchorResets} anchor resets`;
  const figures = [
    metricsLine('strategy    ', report.metrics),
    metricsLine('buy-and-hold', report.buy_and_hold),
  ];
  return `${[header, ...rows].join('\n')}\n${stats}\n${final}\n${figures.join('\n')}\n`;
}
