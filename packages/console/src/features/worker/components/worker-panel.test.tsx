import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { makeWorkerStatus } from '../../../../test/factories';
import { fakeEngine } from '../../../../test/fake-engine';
import { renderInConsole } from '../../../../test/render';
import { WorkerPanel } from './worker-panel';

describe('the worker panel', () => {
  it('shows a fresh heartbeat plainly and an old one as stale', async () => {
    fakeEngine({ 'GET /v1/trading/worker/status': { body: makeWorkerStatus() } });
    const fresh = renderInConsole(<WorkerPanel />);
    await screen.findByText('Heartbeat');
    expect(screen.queryByText(/stale/)).toBeNull();
    fresh.unmount();

    const old = new Date(Date.now() - 60_000).toISOString();
    fakeEngine({ 'GET /v1/trading/worker/status': { body: makeWorkerStatus({ heartbeat_at: old }) } });
    renderInConsole(<WorkerPanel />);
    expect((await screen.findByText(/stale/)).textContent).toContain('no heartbeat for more than 15 s');
  });

  it('sends the interval the person typed and shows what the engine says about it', async () => {
    const engine = fakeEngine({
      'GET /v1/trading/worker/status': { body: makeWorkerStatus() },
      'PUT /v1/trading/worker': {
        status: 400,
        body: {
          error: {
            code: 'VALIDATION_FAILED',
            message: 'invalid request: interval_seconds must be at least 1 second',
            details: [{ field: 'interval_seconds', in: 'body', message: 'must be at least 1 second' }],
          },
        },
      },
    });
    const user = userEvent.setup();
    renderInConsole(<WorkerPanel />);
    const interval = await screen.findByLabelText('Interval');
    await user.clear(interval);
    await user.type(interval, '0');
    await user.click(screen.getByRole('button', { name: 'Save interval' }));
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Change interval' }),
    );
    expect(await screen.findByText('must be at least 1 second')).toBeTruthy();
    expect(engine.changes()).toEqual([expect.objectContaining({ body: { interval_seconds: 0 } })]);
  });

  it('turns scheduled trading off only after saying what that means', async () => {
    const engine = fakeEngine({
      'GET /v1/trading/worker/status': { body: makeWorkerStatus() },
      'PUT /v1/trading/worker': { body: makeWorkerStatus({ enabled: false, running: false }) },
    });
    const user = userEvent.setup();
    renderInConsole(<WorkerPanel />);
    await user.click(await screen.findByRole('switch', { name: /Scheduled trading on/ }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('kept across restarts');
    await user.click(within(dialog).getByRole('button', { name: 'Disable' }));
    await screen.findByText('Worker disabled');
    expect(engine.changes()).toEqual([expect.objectContaining({ method: 'PUT', body: { enabled: false } })]);
  });
});
