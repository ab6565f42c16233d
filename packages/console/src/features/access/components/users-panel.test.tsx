import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeEngine } from '../../../../test/fake-engine';
import { renderInConsole } from '../../../../test/render';
import { UsersPanel } from './users-panel';

const AT = '2026-03-02T14:30:00.000Z';
const ALICE = {
  username: 'alice',
  role: 'admin',
  disabled: false,
  locked_until: null,
  last_login_at: null,
  created_at: AT,
  updated_at: AT,
};

describe('managing users', () => {
  it('says why the engine refused to demote the last admin, though the row shows no role error', async () => {
    const engine = fakeEngine({
      'GET /v1/users': { body: { items: [ALICE], next_cursor: null } },
      'PATCH /v1/users/alice': {
        status: 409,
        body: {
          error: {
            code: 'USER_LAST_ADMIN',
            message: 'alice is the last enabled admin',
            details: [{ field: 'role', message: 'would leave no enabled admin' }],
          },
        },
      },
    });
    const user = userEvent.setup();
    renderInConsole(<UsersPanel />);
    await user.selectOptions(await screen.findByLabelText('Role of alice'), 'viewer');
    await user.click(await screen.findByRole('button', { name: 'Make viewer' }));

    expect(await screen.findByText('role: would leave no enabled admin')).toBeTruthy();
    expect(engine.changes()).toEqual([
      expect.objectContaining({ method: 'PATCH', path: '/v1/users/alice', body: { role: 'viewer' } }),
    ]);
  });
});
