import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { makeSimulation } from '../../../test/factories';
import { fakeEngine } from '../../../test/fake-engine';
import { renderInConsole } from '../../../test/render';
import SimulationPage from './simulation-page';

// jsdom has no canvas: the chart chunk is replaced; what it draws is tested in chart-data.test.ts.
vi.mock('../../features/simulations/components/simulation-charts', () => ({
  default: ({ result }: { result: { series: unknown[] } }) => <p>charts of {result.series.length} points</p>,
}));

const as = (role: 'viewer' | 'operator') =>
  ({ user: { name: 'pat', role, kind: 'session' }, csrf_token: 'csrf', expires_at: null }) as never;

describe('the result of a simulation', () => {
  it('shows the progress while it runs, then the metrics beside buy and hold, the trades and the charts', async () => {
    let reads = 0;
    const engine = fakeEngine({
      'GET /v1/simulations/sim-1': () => ({
        body: ++reads < 3 ? makeSimulation({ status: 'running', progress: 0.4 }) : makeSimulation(),
      }),
    });
    renderInConsole(<SimulationPage id="sim-1" />);
    const bar = await screen.findByRole('progressbar', { name: 'Simulation progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('40');
    expect(screen.queryByRole('heading', { name: 'Metrics' })).toBeNull();

    // Read again every half second while it runs, until it is done.
    await screen.findByRole('heading', { name: 'Metrics' }, { timeout: 3_000 });
    expect(screen.queryByRole('progressbar')).toBeNull();
    const metrics = screen.getByRole('table', { name: 'Metrics against buy and hold' });
    const cells = (label: string) =>
      within(within(metrics).getByRole('rowheader', { name: label }).closest('tr')!)
        .getAllByRole('cell')
        .map((c) => c.textContent);
    expect(cells('Return')).toEqual(['+12.50 %', '+8.00 %']);
    expect(cells('Sharpe ratio')).toEqual(['0.43', '0.18']);
    expect(cells('Max drawdown')).toEqual(['18.40 %', '33.10 %']);
    expect(cells('Fees')).toEqual(['12.345678', '0.00']);
    expect(cells('Trades')).toEqual(['57', '1']);
    const trades = screen.getByRole('table', { name: 'Trades' });
    expect(within(trades).getByText('buy trigger: 96.1 is 3.9 % below the anchor 100')).toBeTruthy();
    expect(await screen.findByText('charts of 2 points')).toBeTruthy();
    const polls = engine.requests.length;
    await new Promise((r) => setTimeout(r, 700));
    expect(engine.requests.length).toBe(polls);
  });

  it('says why a failed simulation has no result, in the engine’s words', async () => {
    fakeEngine({
      'GET /v1/simulations/sim-1': {
        body: makeSimulation({ status: 'failed', error: 'the CSV has no close column' }),
      },
    });
    renderInConsole(<SimulationPage id="sim-1" />);
    expect((await screen.findByRole('alert')).textContent).toContain(
      'The simulation failed. the CSV has no close column',
    );
    expect(screen.queryByRole('heading', { name: 'Metrics' })).toBeNull();
  });

  it('lets an operator cancel a running simulation after asking, and shows a viewer no Cancel', async () => {
    const running = makeSimulation({ status: 'running' });
    const engine = fakeEngine({
      'GET /v1/simulations/sim-1': { body: running },
      'POST /v1/simulations/sim-1/cancel': { body: { ...running, status: 'cancelled' } },
    });
    const user = userEvent.setup();
    const view = renderInConsole(<SimulationPage id="sim-1" />, as('viewer'));
    await screen.findByRole('progressbar');
    expect(screen.queryByRole('button', { name: /Cancel/ })).toBeNull();
    view.unmount();

    renderInConsole(<SimulationPage id="sim-1" />, as('operator'));
    await user.click(await screen.findByRole('button', { name: 'Cancel simulation' }));
    await user.click(
      within(screen.getByRole('dialog')).getByRole('button', { name: 'Yes, cancel the simulation' }),
    );
    await screen.findByText('Cancelled the simulation');
    await waitFor(() =>
      expect(engine.changes().map((r) => `${r.method} ${r.path}`)).toEqual([
        'POST /v1/simulations/sim-1/cancel',
      ]),
    );
  });

  it('says when the engine does not know the simulation', async () => {
    fakeEngine({
      'GET /v1/simulations/nope': {
        status: 404,
        body: { error: { code: 'SIMULATION_NOT_FOUND', message: 'no simulation nope' } },
      },
    });
    renderInConsole(<SimulationPage id="nope" />);
    expect((await screen.findByRole('alert')).textContent).toContain('no simulation nope');
  });
});
