import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { makeSimulationResult } from '../../../../test/factories';
import { SimulatedTradesTable } from './simulated-trades-table';

describe('the trades of a long simulation', () => {
  it('shows a hundred at a time, every column of each', async () => {
    const [first] = makeSimulationResult().trades;
    const trades = Array.from({ length: 250 }, (_, i) => ({
      ...first!,
      index: i,
      side: i % 2 === 0 ? ('buy' as const) : ('sell' as const),
      cash_after: String(10_000 - i),
    }));
    const user = userEvent.setup();
    render(<SimulatedTradesTable trades={trades} />);
    const table = screen.getByRole('table', { name: 'Trades' });
    const bars = () => [...table.querySelectorAll('tbody tr')].map((r) => Number(r.getAttribute('data-bar')));
    expect(bars()).toHaveLength(100);
    const cells = within(within(table).getAllByRole('row')[2]!).getAllByRole('cell');
    expect(cells.map((c) => c.textContent).slice(1)).toEqual([
      'SELL',
      '12.5',
      '96.10',
      '0.120125',
      '9,999.00',
      '62.5',
      'buy trigger: 96.1 is 3.9 % below the anchor 100',
    ]);
    expect(cells[0]!.querySelector('time')!.getAttribute('dateTime')).toBe('2024-01-01T01:30:00.000Z');
    expect(screen.getAllByText('Trades 1–100 of 250')).toHaveLength(2);

    await user.click(screen.getAllByRole('button', { name: 'Next' })[0]!);
    expect(bars()[0]).toBe(100);
    await user.click(screen.getAllByRole('button', { name: 'Next' })[0]!);
    expect(bars()).toHaveLength(50);
    expect(screen.getAllByRole('button', { name: 'Next' })[0]).toHaveProperty('disabled', true);
  });
});
