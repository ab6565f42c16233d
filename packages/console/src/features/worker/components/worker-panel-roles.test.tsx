import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeWorkerStatus } from '../../../../test/factories';
import { fakeEngine } from '../../../../test/fake-engine';
import { renderInConsole } from '../../../../test/render';
import { WorkerPanel } from './worker-panel';

const as = (role: 'viewer' | 'operator') => ({
  user: { name: 'pat', role, kind: 'session' as const },
  csrf_token: 'csrf',
  expires_at: null,
});

describe('what the worker panel offers by role', () => {
  it('shows a viewer the status but no control', async () => {
    fakeEngine({ 'GET /v1/trading/worker/status': { body: makeWorkerStatus() } });
    renderInConsole(<WorkerPanel />, as('viewer') as never);
    await screen.findByText('Heartbeat');
    expect(screen.queryByRole('button', { name: 'Run now' })).toBeNull();
    expect(screen.queryByRole('switch')).toBeNull();
    expect(screen.queryByLabelText('Interval')).toBeNull();
  });

  it('gives an operator Run now, the switch and the interval', async () => {
    fakeEngine({ 'GET /v1/trading/worker/status': { body: makeWorkerStatus() } });
    renderInConsole(<WorkerPanel />, as('operator') as never);
    expect(await screen.findByRole('button', { name: 'Run now' })).toBeTruthy();
    expect(screen.getByRole('switch', { name: /Scheduled trading on/ })).toBeTruthy();
    expect(screen.getByLabelText('Interval')).toBeTruthy();
  });
});
