import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeEvent, makeSample, makeSimulation } from '../../../../test/factories';
import { fakeEngine } from '../../../../test/fake-engine';
import { renderInConsole, TEST_CSRF } from '../../../../test/render';
import { SimulationForm } from './simulation-form';

type User = ReturnType<typeof userEvent.setup>;
const confirmIn = async (user: User, label: string) =>
  user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: label }));
const retype = async (user: User, label: string, text: string) => {
  await user.clear(screen.getByLabelText(label));
  if (text) await user.type(screen.getByLabelText(label), text);
};
const run = async (user: User) => {
  await user.click(screen.getByRole('button', { name: 'Run simulation' }));
  await confirmIn(user, 'Run simulation');
};
const started = { status: 202, body: makeSimulation({ id: 'sim-9', status: 'queued' }) };

describe('starting a simulation', () => {
  beforeEach(() => window.history.replaceState(null, '', '/simulations'));

  it('sends the synthetic source as typed and only the parameters changed, then opens the result', async () => {
    const engine = fakeEngine({
      'POST /v1/simulations': { ...started, headers: { 'ballast-audit-events': '900' } },
      'GET /v1/events/900': {
        body: makeEvent({ seq: 900, type: 'SimulationStarted', source: 'simulation', actor: 'alice' }),
      },
    });
    const user = userEvent.setup();
    renderInConsole(<SimulationForm />);
    await retype(user, 'Seed', '7');
    await retype(user, 'Number of bars', '2000');
    await retype(user, 'Bar interval', '60');
    await retype(user, 'Start price', '50.5');
    await retype(user, 'Drift', '-2');
    await retype(user, 'Volatility', '');
    await retype(user, 'Shares', '10');
    await retype(user, 'Sell trigger', '4.5');
    await user.selectOptions(screen.getByLabelText('Market hours'), 'regular');
    await run(user);

    expect(await screen.findByText('Started the simulation Synthetic drift 5 %')).toBeTruthy();
    expect(engine.changes()).toHaveLength(1);
    expect(engine.changes()[0]!.body).toEqual({
      bars: {
        kind: 'synthetic',
        seed: 7,
        bars: 2000,
        interval_minutes: 60,
        start_price: '50.5',
        drift_pct_per_year: -2,
      },
      shares: '10',
      cash: '10000',
      params: { trigger: { up_pct: '4.5' } },
      market_hours: 'regular',
    });
    expect(engine.changes()[0]!.headers['x-csrf-token']).toBe(TEST_CSRF);
    expect(window.location.pathname).toBe('/simulations/sim-9');
    const notice = screen
      .getByText('Started the simulation Synthetic drift 5 %')
      .closest('.notice') as HTMLElement;
    expect((await within(notice).findByText(/Audit #900/)).textContent).toContain('SimulationStarted');
  });

  it('shows each of the engine’s field errors next to its field, and those it has no field for above the button', async () => {
    fakeEngine({
      'POST /v1/simulations': {
        status: 400,
        body: {
          error: {
            code: 'VALIDATION_FAILED',
            message: 'invalid simulation request',
            details: [
              { field: 'params.trigger.up_pct', message: 'must be greater than 0 and at most 100' },
              { field: 'bars.seed', message: 'must be a whole number' },
              { field: 'bars.start', message: 'must be an ISO 8601 instant' },
            ],
          },
        },
      },
    });
    const user = userEvent.setup();
    renderInConsole(<SimulationForm />);
    await retype(user, 'Sell trigger', '-3');
    await retype(user, 'Seed', '1.5');
    await run(user);

    const error = await screen.findByText('must be greater than 0 and at most 100');
    const upPct = screen.getByLabelText('Sell trigger');
    expect(upPct.getAttribute('aria-describedby')).toContain(error.id);
    expect(upPct.getAttribute('aria-invalid')).toBe('true');
    expect(upPct).toHaveProperty('value', '-3');
    const seedError = screen.getByText('must be a whole number');
    expect(screen.getByLabelText('Seed').getAttribute('aria-describedby')).toContain(seedError.id);
    expect(screen.getByText('bars.start: must be an ISO 8601 instant')).toBeTruthy();
    expect(window.location.pathname).toBe('/simulations');
  });

  it('offers the samples (one page, as the engine sends them) and sends the one picked', async () => {
    const samples = {
      items: [makeSample(), makeSample({ name: 'SMI', description: 'SMI daily closes' })],
      next_cursor: null,
    };
    const engine = fakeEngine({
      'GET /v1/simulations/samples': { body: samples },
      'POST /v1/simulations': started,
    });
    const user = userEvent.setup();
    renderInConsole(<SimulationForm />);
    await user.click(screen.getByLabelText('A sample of real closes'));
    await user.selectOptions(await screen.findByLabelText('Sample'), 'SMI');
    expect(screen.getByText('SMI daily closes')).toBeTruthy();
    await run(user);
    await screen.findByText(/Started the simulation/);
    expect(engine.changes()[0]!.body).toMatchObject({ bars: { kind: 'sample', name: 'SMI' } });
  });

  it('says so when the samples come in another shape than the engine’s contract (a drifted console)', async () => {
    fakeEngine({ 'GET /v1/simulations/samples': { body: [makeSample()] } });
    const user = userEvent.setup();
    renderInConsole(<SimulationForm />);
    await user.click(screen.getByLabelText('A sample of real closes'));
    expect(await screen.findByText(/does not match this console's version/)).toBeTruthy();
    expect(screen.queryByLabelText('Sample')).toBeNull();
  });

  it('reads a CSV file in the browser and sends its text', async () => {
    const engine = fakeEngine({ 'POST /v1/simulations': started });
    const user = userEvent.setup();
    renderInConsole(<SimulationForm />);
    await user.click(screen.getByLabelText('A CSV file'));
    const csv = 'timestamp,close\n2024-01-02T16:00:00Z,100\n2024-01-03T16:00:00Z,101.5\n';
    await user.upload(screen.getByLabelText('CSV file'), new File([csv], 'acme.csv', { type: 'text/csv' }));
    expect(await screen.findByText('acme.csv: 3 lines read')).toBeTruthy();
    await run(user);
    await screen.findByText(/Started the simulation/);
    expect(engine.changes()[0]!.body).toMatchObject({ bars: { kind: 'csv', csv, name: 'acme.csv' } });
  });

  it('refuses a CSV file over 16 MB in the browser, before sending anything', async () => {
    const engine = fakeEngine({});
    const user = userEvent.setup();
    renderInConsole(<SimulationForm />);
    await user.click(screen.getByLabelText('A CSV file'));
    const big = new File(['timestamp,close\n'], 'huge.csv', { type: 'text/csv' });
    Object.defineProperty(big, 'size', { value: 17_500_000 });
    await user.upload(screen.getByLabelText('CSV file'), big);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'huge.csv is 17.5 MB; the engine takes at most 16 MB. Use fewer bars.',
    );
    expect(engine.requests).toEqual([]);
  });
});
