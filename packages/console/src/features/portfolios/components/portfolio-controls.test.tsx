import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { makeCycle, makeEvent, makePortfolio } from '../../../../test/factories';
import { fakeEngine } from '../../../../test/fake-engine';
import { renderInConsole } from '../../../../test/render';
import { PortfolioStateControl } from './portfolio-controls';

describe('the kill switch', () => {
  it('halts only after confirmation, then shows the audit event of the change', async () => {
    const engine = fakeEngine({
      'PATCH /v1/portfolios/pf-1': {
        body: makePortfolio({ state: 'halted' }),
        headers: { 'ballast-audit-events': '77' },
      },
      'GET /v1/events/77': {
        body: makeEvent({
          seq: 77,
          type: 'PortfolioUpdated',
          source: 'api/manual',
          actor: 'anonymous',
          cycle_id: null,
          position_id: null,
          symbol: null,
          payload: { changes: { state: { before: 'active', after: 'halted' } } },
        }),
      },
    });
    const user = userEvent.setup();
    renderInConsole(<PortfolioStateControl portfolio={makePortfolio()} />);
    expect(screen.getByRole('button', { name: 'Active' }).getAttribute('aria-pressed')).toBe('true');

    await user.click(screen.getByRole('button', { name: 'Halt' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('kill switch: no orders at all');
    expect(engine.changes()).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Halt trading' }));

    const notice = (await screen.findByText('“Main” is now halted')).closest('.notice') as HTMLElement;
    expect((await within(notice).findByText(/Audit #77/)).closest('li')?.textContent).toBe(
      'Audit #77 PortfolioUpdated by anonymous: state active → halted',
    );
    expect(engine.changes()).toEqual([
      expect.objectContaining({ method: 'PATCH', path: '/v1/portfolios/pf-1', body: { state: 'halted' } }),
    ]);
  });

  it('says why the engine refused, and links to the blocked run it recorded', async () => {
    fakeEngine({
      'PATCH /v1/portfolios/pf-1': {
        status: 409,
        body: {
          error: {
            code: 'PORTFOLIO_HALTED',
            message:
              'the portfolio is halted (kill switch): the run was recorded as blocked and no order was placed',
            details: { cycle_id: makeCycle().id },
          },
        },
      },
    });
    const user = userEvent.setup();
    renderInConsole(<PortfolioStateControl portfolio={makePortfolio()} />);
    await user.click(screen.getByRole('button', { name: 'Pause' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Set paused' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Set “Main” to paused: refused');
    expect(alert.textContent).toContain('recorded as blocked');
    expect(within(alert).getByRole('link').getAttribute('href')).toBe('/cycles/cycle-1');
  });
});
