import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeOptimization, makeSimulation } from '../../../test/factories';
import { fakeEngine } from '../../../test/fake-engine';
import { renderInConsole } from '../../../test/render';
import OptimizationsPage from './optimizations-page';
import SimulationsPage from './simulations-page';

const as = (role: 'viewer' | 'operator') =>
  ({ user: { name: 'pat', role, kind: 'session' }, csrf_token: 'csrf', expires_at: null }) as never;
const EMPTY = { body: { items: [], next_cursor: null } };

describe('the lab pages by role', () => {
  it('shows a viewer the simulations but no form', async () => {
    fakeEngine({ 'GET /v1/simulations': { body: { items: [makeSimulation()], next_cursor: null } } });
    renderInConsole(<SimulationsPage />, as('viewer'));
    expect(await screen.findByRole('link', { name: 'Synthetic drift 5 %' })).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Simulations' }).textContent).toContain('+12.50 %');
    expect(screen.queryByRole('form', { name: 'New simulation' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Run simulation' })).toBeNull();
  });

  it('invites an operator to start the first simulation', async () => {
    fakeEngine({ 'GET /v1/simulations': EMPTY });
    renderInConsole(<SimulationsPage />, as('operator'));
    expect(await screen.findByText(/No simulations yet — start one/)).toBeTruthy();
    expect(screen.getByRole('form', { name: 'New simulation' })).toBeTruthy();
  });

  it('shows a viewer the optimizations but no form, and says when the list cannot be read', async () => {
    fakeEngine({ 'GET /v1/optimizations': { body: { items: [makeOptimization()], next_cursor: null } } });
    const view = renderInConsole(<OptimizationsPage />, as('viewer'));
    expect(await screen.findByRole('link', { name: 'Triggers' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Run optimization' })).toBeNull();
    view.unmount();

    fakeEngine({
      'GET /v1/optimizations': {
        status: 503,
        body: { error: { code: 'DATABASE_UNAVAILABLE', message: 'the database is not answering' } },
      },
    });
    renderInConsole(<OptimizationsPage />, as('operator'));
    expect((await screen.findByRole('alert')).textContent).toContain('the database is not answering');
  });
});
