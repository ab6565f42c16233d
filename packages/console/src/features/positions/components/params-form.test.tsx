import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { makeEvent, makePosition } from '../../../../test/factories';
import { fakeEngine } from '../../../../test/fake-engine';
import { renderInConsole, TEST_CSRF } from '../../../../test/render';
import { ParamsForm } from './params-form';

const confirmIn = async (user: ReturnType<typeof userEvent.setup>, label: string) =>
  user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: label }));

describe('editing strategy parameters', () => {
  it('sends only what changed, as typed, and shows the engine’s error next to the field', async () => {
    const engine = fakeEngine({
      'PATCH /v1/positions/pos-1': {
        status: 400,
        body: {
          error: {
            code: 'VALIDATION_FAILED',
            message:
              'invalid strategy parameters: params.trigger.up_pct must be greater than 0 and at most 100',
            details: [{ field: 'params.trigger.up_pct', message: 'must be greater than 0 and at most 100' }],
          },
        },
      },
    });
    const user = userEvent.setup();
    renderInConsole(<ParamsForm position={makePosition()} />);
    const upPct = screen.getByLabelText('Sell trigger');
    await user.clear(upPct);
    await user.type(upPct, '-3');
    await user.click(screen.getByRole('button', { name: 'Save parameters' }));
    await confirmIn(user, 'Save parameters');

    const error = await screen.findByText('must be greater than 0 and at most 100');
    expect(upPct.getAttribute('aria-describedby')).toContain(error.id);
    expect(upPct.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Sell trigger')).toHaveProperty('value', '-3');
    expect(engine.changes()).toEqual([
      expect.objectContaining({ method: 'PATCH', body: { params: { trigger: { up_pct: '-3' } } } }),
    ]);
    // The session cookie alone cannot change anything: the console repeats its CSRF token.
    expect(engine.changes()[0]!.headers['x-csrf-token']).toBe(TEST_CSRF);
  });

  it('asks first and sends nothing when the person cancels', async () => {
    const engine = fakeEngine({});
    const user = userEvent.setup();
    renderInConsole(<ParamsForm position={makePosition()} />);
    expect(screen.getByRole('button', { name: 'Save parameters' })).toHaveProperty('disabled', true);
    await user.clear(screen.getByLabelText('Orders per day'));
    await user.type(screen.getByLabelText('Orders per day'), '8');
    await user.click(screen.getByRole('button', { name: 'Save parameters' }));
    await confirmIn(user, 'Cancel');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(engine.changes()).toEqual([]);
  });

  it('once saved, shows the audit event the engine recorded for the change', async () => {
    const recorded = makeEvent({
      seq: 812,
      type: 'PositionUpdatedByUser',
      source: 'api/manual',
      actor: 'anonymous',
      cycle_id: null,
      payload: {
        auto_trading_enabled: { before: true, after: true },
        params: { before: { trigger: { up_pct: 3 } }, after: { trigger: { up_pct: 4.5 } } },
      },
    });
    const engine = fakeEngine({
      'PATCH /v1/positions/pos-1': {
        body: makePosition({ params: { ...makePosition().params, trigger: { up_pct: 4.5, down_pct: 3 } } }),
        headers: { 'ballast-audit-events': '812' },
      },
      'GET /v1/events/812': { body: recorded },
    });
    const user = userEvent.setup();
    renderInConsole(<ParamsForm position={makePosition()} />);
    await user.clear(screen.getByLabelText('Sell trigger'));
    await user.type(screen.getByLabelText('Sell trigger'), '4.5');
    await user.click(screen.getByRole('button', { name: 'Save parameters' }));
    await confirmIn(user, 'Save parameters');

    const notice = (await screen.findByText('Saved the parameters of ACME')).closest(
      '.notice',
    ) as HTMLElement;
    await within(notice).findByText(/Audit #812/);
    expect(notice.textContent).toContain('PositionUpdatedByUser');
    expect(notice.textContent).toContain('by anonymous: trigger.up_pct 3 → 4.5');
    expect(engine.changes()[0]!.body).toEqual({ params: { trigger: { up_pct: '4.5' } } });
  });
});
