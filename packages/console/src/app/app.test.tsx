import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { makeWorkerStatus } from '../../test/factories';
import { fakeEngine } from '../../test/fake-engine';
import { App } from './app';

const DASHBOARD = {
  'GET /v1/trading/worker/status': { body: makeWorkerStatus() },
  'GET /v1/trading/cycles': { body: { items: [], next_cursor: null } },
  'GET /v1/portfolios/totals': { body: { currencies: [] } },
  'GET /v1/portfolios': { body: { items: [], next_cursor: null } },
};
const SIGNED_IN = {
  user: { name: 'alice', role: 'operator', kind: 'session' },
  csrf_token: 'csrf-1',
  expires_at: '2026-12-01T21:00:00.000Z',
};
const UNAUTHENTICATED = {
  status: 401,
  body: { error: { code: 'AUTH_REQUIRED', message: 'log in first' } },
};

describe('getting into the console', () => {
  it('asks a visitor to log in, says why a login failed, then opens the dashboard', async () => {
    let attempts = 0;
    const engine = fakeEngine({
      ...DASHBOARD,
      'GET /v1/auth/session': UNAUTHENTICATED,
      'POST /v1/auth/session': () =>
        ++attempts === 1
          ? {
              status: 401,
              body: { error: { code: 'AUTH_INVALID_CREDENTIALS', message: 'wrong username or password' } },
            }
          : { body: SIGNED_IN },
    });
    const user = userEvent.setup();
    render(<App />);
    await user.type(await screen.findByLabelText('Username'), 'alice');
    await user.type(screen.getByLabelText('Password'), 'not-the-password');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('wrong username or password');

    await user.type(screen.getByLabelText('Password'), 'the-right-password');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('heading', { name: 'Dashboard' })).toBeTruthy();
    expect(screen.getByText('alice')).toBeTruthy();
    expect(
      engine.requests.filter((r) => r.path === '/v1/auth/session' && r.method === 'POST').map((r) => r.body),
    ).toEqual([
      { username: 'alice', password: 'not-the-password' },
      { username: 'alice', password: 'the-right-password' },
    ]);
  });

  it('logs out on request, and shows no Access page to an operator', async () => {
    const engine = fakeEngine({
      ...DASHBOARD,
      'GET /v1/auth/session': { body: SIGNED_IN },
      'DELETE /v1/auth/session': { status: 204 },
    });
    const user = userEvent.setup();
    render(<App />);
    await screen.findByRole('heading', { name: 'Dashboard' });
    expect(screen.queryByRole('link', { name: 'Access' })).toBeNull();
    await user.click(within(screen.getByRole('banner')).getByRole('button', { name: 'Log out' }));
    expect((await screen.findByRole('status')).textContent).toBe('You are logged out.');
    expect(screen.getByRole('button', { name: 'Log in' })).toBeTruthy();
    const logout = engine.requests.find((r) => r.method === 'DELETE')!;
    expect(logout.headers['x-csrf-token']).toBe('csrf-1');
  });

  it('returns to the login page when the engine no longer knows the session', async () => {
    fakeEngine({
      ...DASHBOARD,
      'GET /v1/auth/session': { body: SIGNED_IN },
      'GET /v1/portfolios/totals': {
        status: 401,
        body: { error: { code: 'AUTH_INVALID', message: 'the session is unknown, expired or revoked' } },
      },
    });
    render(<App />);
    expect(await screen.findByText('Your session ended. Log in again.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Log in' })).toBeTruthy();
  });
});
