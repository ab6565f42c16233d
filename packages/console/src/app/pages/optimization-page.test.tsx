import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_PARAMS,
  makeOptimization,
  makeOptimizationRow,
  makeSimulation,
} from '../../../test/factories';
import { fakeEngine } from '../../../test/fake-engine';
import { renderInConsole } from '../../../test/render';
import OptimizationPage from './optimization-page';

const row = (
  rank: number,
  up: number,
  down: number,
  ratio: number,
  m: { return_pct: number; sharpe: number },
) =>
  makeOptimizationRow(
    { 'trigger.up_pct': up, 'trigger.down_pct': down, 'sizing.rebalance_ratio': ratio },
    m,
    { rank },
  );

const ROWS = [
  row(1, 2, 2, 1, { return_pct: 9, sharpe: 1.4 }),
  row(2, 3, 2, 2, { return_pct: 14, sharpe: 1.1 }),
  row(3, 2, 2, 2, { return_pct: 4, sharpe: 0.9 }),
  row(4, 2, 3, 1, { return_pct: 3, sharpe: 0.5 }),
  makeOptimizationRow(
    { 'trigger.up_pct': 3, 'trigger.down_pct': 3, 'sizing.rebalance_ratio': 1 },
    {},
    { rank: 5, error: 'anchor.reset_pct must be wider than the triggers' },
  ),
];
const rowOf = (rank: number) =>
  screen
    .getByRole('table', { name: 'Ranked combinations' })
    .querySelector(`tr[data-rank="${rank}"]`) as HTMLElement;
const firstRanks = () =>
  within(screen.getByRole('table', { name: 'Ranked combinations' }))
    .getAllByRole('rowheader')
    .map((h) => h.textContent);

describe('the result of an optimization', () => {
  beforeEach(() => window.history.replaceState(null, '', '/optimizations/opt-1'));

  it('shows the combinations done while it runs', async () => {
    fakeEngine({
      'GET /v1/optimizations/opt-1': {
        body: makeOptimization({ status: 'running', done: 120, combinations: 400 }),
      },
    });
    renderInConsole(<OptimizationPage id="opt-1" />);
    const bar = await screen.findByRole('progressbar', { name: 'Optimization progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('120');
    expect(bar.getAttribute('aria-valuemax')).toBe('400');
    expect(bar.getAttribute('aria-valuetext')).toBe('120 of 400 combinations');
  });

  it('ranks the combinations, sorts them by any metric, and marks those not run', async () => {
    fakeEngine({ 'GET /v1/optimizations/opt-1': { body: makeOptimization({ rows: ROWS }) } });
    const user = userEvent.setup();
    renderInConsole(<OptimizationPage id="opt-1" />);
    await screen.findByRole('table', { name: 'Ranked combinations' });
    expect(firstRanks()).toEqual(['1', '2', '3', '4', '5']);
    expect(rowOf(5).textContent).toContain('Not run: anchor.reset_pct must be wider than the triggers');
    expect(within(rowOf(5)).queryByRole('button', { name: 'Open as simulation' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Return' }));
    expect(firstRanks()).toEqual(['2', '1', '3', '4', '5']);
    expect(screen.getByRole('columnheader', { name: /Return/ }).getAttribute('aria-sort')).toBe('descending');
    await user.click(screen.getByRole('button', { name: /Return/ }));
    expect(firstRanks()).toEqual(['4', '3', '1', '2', '5']);
  });

  it('draws a heatmap of the best row for each pair of values, each cell labelled', async () => {
    fakeEngine({ 'GET /v1/optimizations/opt-1': { body: makeOptimization({ rows: ROWS }) } });
    const user = userEvent.setup();
    renderInConsole(<OptimizationPage id="opt-1" />);
    const heatmap = await screen.findByRole('table', { name: 'Heatmap' });
    const cell = (label: RegExp) => within(heatmap).getByRole('cell', { name: label });
    // Sell trigger 2 / Buy trigger 2: the best Sharpe over both rebalance ratios is rank 1's.
    expect(cell(/^Sell trigger 2, Buy trigger 2:/).getAttribute('aria-label')).toBe(
      'Sell trigger 2, Buy trigger 2: Sharpe 1.40 (rank 1, with Rebalance ratio 1)',
    );
    expect(cell(/^Sell trigger 2, Buy trigger 2:/).textContent).toBe('1.40');
    expect(cell(/^Sell trigger 3, Buy trigger 3:/).getAttribute('aria-label')).toBe(
      'Sell trigger 3, Buy trigger 3: not run',
    );
    expect(cell(/^Sell trigger 2, Buy trigger 3:/).getAttribute('title')).toContain('rank 4');

    await user.selectOptions(screen.getByLabelText('Colour by'), 'return_pct');
    expect(cell(/^Sell trigger 2, Buy trigger 2:/).getAttribute('aria-label')).toBe(
      'Sell trigger 2, Buy trigger 2: Return +9.00 % (rank 1, with Rebalance ratio 1)',
    );
    await user.selectOptions(screen.getByLabelText('Rows'), 'sizing.rebalance_ratio');
    expect(cell(/^Sell trigger 2, Rebalance ratio 2:/).getAttribute('aria-label')).toContain('rank 3');
  });

  it('opens any row as a simulation on the optimization’s own bars, from its start, with that row’s parameters', async () => {
    const engine = fakeEngine({
      'GET /v1/optimizations/opt-1': { body: makeOptimization({ rows: ROWS }) },
      'POST /v1/simulations': { status: 202, body: makeSimulation({ id: 'sim-7', status: 'queued' }) },
    });
    const user = userEvent.setup();
    renderInConsole(<OptimizationPage id="opt-1" />);
    await screen.findByRole('table', { name: 'Ranked combinations' });
    await user.click(within(rowOf(2)).getByRole('button', { name: 'Open as simulation' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/Sell trigger 3, Buy trigger 2, Rebalance ratio 2/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Run simulation' }));

    await screen.findByText('Started the simulation Triggers · rank 2');
    expect(engine.changes().map((r) => [r.path, r.body])).toEqual([
      [
        '/v1/simulations',
        {
          name: 'Triggers · rank 2',
          bars: { kind: 'job', id: 'opt-1' },
          shares: '0',
          cash: '10000',
          params: { ...DEFAULT_PARAMS, trigger: { up_pct: 3, down_pct: 2 }, sizing: { rebalance_ratio: 2 } },
        },
      ],
    ]);
    expect(window.location.pathname).toBe('/simulations/sim-7');
  });
});
