import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMetrics } from '../../../../test/factories';
import { MetricsTable } from './metrics-table';

const NOT_ANNUALIZED = /Not annualized: the bars span less than a day/;

describe('the metrics of a simulation against buy and hold', () => {
  it('shows each figure of both side by side, and how far ahead or behind the strategy is', () => {
    render(
      <MetricsTable
        metrics={makeMetrics({ return_pct: 12.5, sharpe: 0.8 })}
        buyAndHold={makeMetrics({ return_pct: 20, sharpe: 1.1 })}
      />,
    );
    const table = screen.getByRole('table', { name: 'Metrics against buy and hold' });
    const sharpe = within(table).getByRole('rowheader', { name: 'Sharpe ratio' }).closest('tr')!;
    expect([...sharpe.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['0.80', '1.10']);
    expect(screen.getByText(/Behind buy and hold by 7\.50 % points of return/)).toBeTruthy();
    expect(screen.queryByText(NOT_ANNUALIZED)).toBeNull();
  });

  it('says why there are no annualized figures when the bars span less than a day', () => {
    const short = { annualized_return_pct: null, annualized_volatility_pct: null, sharpe: null };
    render(<MetricsTable metrics={makeMetrics(short)} buyAndHold={makeMetrics(short)} />);
    expect(screen.getByText(NOT_ANNUALIZED)).toBeTruthy();
  });
});
