import { describe, expect, it } from 'vitest';
import { isFinalStatus, transitionOrder } from './order-status.js';

describe('the order lifecycle', () => {
  it('lets a stored order be filled straight away by a broker that answers at once', () => {
    expect(transitionOrder('new', 'filled')).toBe('filled');
    expect(transitionOrder('submitted', 'partially_filled')).toBe('partially_filled');
  });
  it('lets reconciliation give a stored order the final state the broker reports, whatever it is', () => {
    for (const final of ['filled', 'rejected', 'cancelled', 'expired'] as const)
      expect(transitionOrder('new', final)).toBe(final);
    expect(() => transitionOrder('submitted', 'submitted')).toThrow(/cannot go from submitted to submitted/);
  });
  it('refuses to move a final order anywhere', () => {
    expect(() => transitionOrder('filled', 'cancelled')).toThrow(/cannot go from filled to cancelled/);
    expect(() => transitionOrder('rejected', 'filled')).toThrow();
  });
  it('knows which states are final', () => {
    expect(isFinalStatus('filled')).toBe(true);
    expect(isFinalStatus('submitted')).toBe(false);
  });
});
