import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, makeOptimizationRow } from '../../../../test/factories';
import { simulationRequestFor } from './open-as-simulation';

describe('a combination as a simulation of its own', () => {
  it('runs on the optimization’s own bars, from its start, with the row’s values over its base parameters', () => {
    const request = {
      bars: { kind: 'csv', name: 'dax.csv', characters: 52_000 },
      shares: '0',
      cash: '10000',
      anchor: null,
      params: DEFAULT_PARAMS,
      market_hours: 'always',
      grid: { 'trigger.up_pct': [2, 3] },
      rank_by: 'sharpe',
      descending: true,
    };
    const row = makeOptimizationRow({ 'trigger.up_pct': 2, 'anchor.reset_pct': 40 });
    expect(simulationRequestFor({ id: 'opt-1', request }, row, 'Triggers · rank 1')).toEqual({
      name: 'Triggers · rank 1',
      bars: { kind: 'job', id: 'opt-1' },
      shares: '0',
      cash: '10000',
      market_hours: 'always',
      params: { ...DEFAULT_PARAMS, trigger: { up_pct: 2, down_pct: 3 }, anchor: { reset_pct: 40 } },
    });
  });
});
