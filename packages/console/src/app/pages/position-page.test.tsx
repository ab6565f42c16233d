import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { makePortfolio, makePosition } from '../../../test/factories';
import { fakeEngine } from '../../../test/fake-engine';
import { renderInConsole } from '../../../test/render';
import type { PriceChartProps } from '../../features/positions/components/price-chart';
import PositionPage from './position-page';

/** Every set of props the chart was drawn with (the real chart needs a canvas jsdom has not got). */
const drawn = vi.hoisted(() => [] as PriceChartProps[]);
vi.mock('../../features/positions/components/price-chart', () => ({
  PriceChart: (props: PriceChartProps) => {
    drawn.push(props);
    return <div role="img" aria-label={`chart of ${props.symbol}`} />;
  },
}));

const AT = '2026-03-02T14:30:00.000Z';
const EMPTY_PAGE = { body: { items: [], next_cursor: null } };
const FILL = {
  id: 'trade-1',
  order_id: 'order-1',
  portfolio_id: 'pf-1',
  position_id: 'pos-1',
  symbol: 'ACME',
  side: 'buy',
  qty: '5',
  price: '97',
  fee: '0',
  executed_at: AT,
};

/** The test's hold on the page's query client, to refresh one query as the console would. */
let client: QueryClient | undefined;
function GrabClient() {
  client = useQueryClient();
  return null;
}

describe('the position page', () => {
  it('gives the chart the same fills when the page re-renders for other news, so it keeps its zoom', async () => {
    let reads = 0;
    fakeEngine({
      // Each read of the position brings a new last price: the page re-renders, the fills stay as they were.
      'GET /v1/positions/pos-1': () => ({ body: makePosition({ last_price: String(98 + reads++) }) }),
      'GET /v1/portfolios/pf-1': { body: makePortfolio() },
      'GET /v1/positions/pos-1/prices': {
        body: { position_id: 'pos-1', items: [{ at: AT, price: '98', anchor: '100' }] },
      },
      'GET /v1/trades': { body: { items: [FILL], next_cursor: null } },
      'GET /v1/orders': EMPTY_PAGE,
      'GET /v1/events': EMPTY_PAGE,
    });
    renderInConsole(
      <>
        <GrabClient />
        <PositionPage id="pos-1" />
      </>,
    );
    expect(await screen.findByRole('img', { name: 'chart of ACME' })).toBeTruthy();
    expect(screen.getByText('98.00')).toBeTruthy();
    const before = drawn.length;

    await act(() => client?.invalidateQueries({ queryKey: ['positions', 'one', 'pos-1'] }));
    await waitFor(() => expect(screen.getByText('99.00')).toBeTruthy());

    expect(drawn.length).toBeGreaterThan(before);
    const first = drawn[0]!;
    expect(first.trades.map((t) => t.id)).toEqual(['trade-1']);
    for (const props of drawn) {
      expect(props.trades).toBe(first.trades);
      expect(props.points).toBe(first.points);
      expect(props.triggers).toBe(first.triggers);
    }
  });
});
