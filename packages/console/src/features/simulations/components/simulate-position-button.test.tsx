import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { makeSimulation } from '../../../../test/factories';
import { fakeEngine } from '../../../../test/fake-engine';
import { renderInConsole } from '../../../../test/render';
import { SimulatePositionButton } from './simulate-position-button';

describe('simulating a position’s parameters', () => {
  it('asks the engine to start from the position (its parameters and evaluated prices) and opens the result', async () => {
    window.history.replaceState(null, '', '/positions/pos-1');
    const engine = fakeEngine({
      'POST /v1/simulations': {
        status: 202,
        body: makeSimulation({ id: 'sim-3', status: 'queued', from_position: 'pos-1' }),
      },
    });
    const user = userEvent.setup();
    renderInConsole(<SimulatePositionButton positionId="pos-1" symbol="ACME" />);
    await user.click(screen.getByRole('button', { name: 'Simulate its parameters' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('heading').textContent).toBe('Simulate the parameters of ACME?');
    await user.click(within(dialog).getByRole('button', { name: 'Run simulation' }));
    await screen.findByText('Started a simulation of ACME');
    expect(engine.changes().map((r) => [r.method, r.path, r.body])).toEqual([
      ['POST', '/v1/simulations', { from_position: 'pos-1' }],
    ]);
    expect(window.location.pathname).toBe('/simulations/sim-3');
  });

  it('stays on the position and says why when the engine refuses', async () => {
    window.history.replaceState(null, '', '/positions/pos-1');
    fakeEngine({
      'POST /v1/simulations': {
        status: 409,
        body: {
          error: {
            code: 'SIMULATION_TOO_FEW_BARS',
            message: 'the position has 1 evaluated price; 2 are needed',
          },
        },
      },
    });
    const user = userEvent.setup();
    renderInConsole(<SimulatePositionButton positionId="pos-1" symbol="ACME" />);
    await user.click(screen.getByRole('button', { name: 'Simulate its parameters' }));
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Run simulation' }),
    );
    expect((await screen.findByRole('alert')).textContent).toContain(
      'the position has 1 evaluated price; 2 are needed',
    );
    expect(window.location.pathname).toBe('/positions/pos-1');
  });
});
