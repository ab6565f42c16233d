import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeCycle, makeEvent } from '../../../../test/factories';
import { fakeEngine } from '../../../../test/fake-engine';
import { renderInConsole } from '../../../../test/render';
import { CycleView } from './cycle-view';

const on = (position: string, symbol: string) => ({ position_id: position, symbol });

describe('one cycle, position by position', () => {
  it('groups each position’s chain in order and says how it ended', async () => {
    const events = [
      makeEvent({
        type: 'CycleStarted',
        position_id: null,
        symbol: null,
        payload: { positions: 2, symbols: 2 },
      }),
      makeEvent({
        type: 'PriceEvent',
        ...on('p1', 'ACME'),
        payload: { ok: true, symbol: 'ACME', price: '97', anchor: '100', provider: 'replay' },
      }),
      makeEvent({
        type: 'PriceEvent',
        ...on('p2', 'BETA'),
        payload: { ok: true, symbol: 'BETA', price: '97', anchor: '100', provider: 'replay' },
      }),
      makeEvent({
        type: 'TriggerEvaluated',
        ...on('p1', 'ACME'),
        payload: { outcome: 'evaluated', reason: 'buy trigger: -3.00% ≤ −3%' },
      }),
      makeEvent({
        type: 'TriggerEvaluated',
        ...on('p2', 'BETA'),
        payload: { outcome: 'evaluated', reason: 'buy trigger: -3.00% ≤ −3%' },
      }),
      makeEvent({
        type: 'GuardrailEvaluated',
        ...on('p1', 'ACME'),
        payload: {
          proposal: { side: 'buy', qty: '5.234455' },
          price: '97',
          band: {},
          allowed: true,
          reasons: [],
        },
      }),
      makeEvent({
        type: 'GuardrailEvaluated',
        ...on('p2', 'BETA'),
        payload: {
          proposal: { side: 'buy', qty: '0.523445' },
          price: '97',
          band: {},
          allowed: false,
          reasons: [{ message: 'order value 50.77 is below min_notional 100' }],
        },
      }),
      makeEvent({
        type: 'OrderCreated',
        ...on('p1', 'ACME'),
        payload: { side: 'buy', qty: '5.234455', price: '97' },
      }),
      makeEvent({
        type: 'ExecutionRecorded',
        ...on('p1', 'ACME'),
        payload: { status: 'filled', side: 'buy', qty: '5.234455', price: '97', fee: '0.050774' },
      }),
      makeEvent({
        type: 'PositionUpdated',
        ...on('p1', 'ACME'),
        payload: { shares: { before: '50', after: '55.234455' } },
      }),
      makeEvent({
        type: 'CycleCompleted',
        position_id: null,
        symbol: null,
        payload: { status: 'completed' },
      }),
    ];
    fakeEngine({
      'GET /v1/trading/cycles/cycle-1': {
        body: { cycle: makeCycle({ source: 'api/manual', actor: 'anonymous' }), events: [] },
      },
      'GET /v1/events': { body: { items: events, next_cursor: null } },
    });
    const { container } = renderInConsole(<CycleView id="cycle-1" />);
    await screen.findByText('Manual (console)');
    const acme = container.querySelector('[data-position-id="p1"]')!;
    const beta = container.querySelector('[data-position-id="p2"]')!;
    expect(
      [...acme.querySelectorAll('[data-event-type]')].map((e) => e.getAttribute('data-event-type')),
    ).toEqual([
      'PriceEvent',
      'TriggerEvaluated',
      'GuardrailEvaluated',
      'OrderCreated',
      'ExecutionRecorded',
      'PositionUpdated',
    ]);
    expect(acme.querySelector('h3')!.textContent).toBe('ACME filled');
    expect(beta.querySelector('h3')!.textContent).toBe('BETA blocked');
    expect(beta.textContent).toContain('order value 50.77 is below min_notional 100');
  });
});
