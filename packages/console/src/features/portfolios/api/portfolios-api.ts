import {
  type CreatePortfolioBody,
  Portfolio,
  PortfolioTotals,
  type UpdatePortfolioBody,
} from '@ballast/contracts';
import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { get, getAll, send } from '../../../lib/api-client';
import { ROOT } from '../../../lib/query-keys';

export const totalsQuery = queryOptions({
  queryKey: [ROOT.totals],
  queryFn: ({ signal }) => get(PortfolioTotals, '/v1/portfolios/totals', signal),
  refetchInterval: 15_000,
});

/** Every portfolio (a person has a handful; the engine pages at 500). */
export const portfoliosQuery = queryOptions({
  queryKey: [ROOT.portfolios, 'all'],
  queryFn: ({ signal }) => getAll(Portfolio, '/v1/portfolios', {}, signal),
  refetchInterval: 15_000,
});

export function portfolioQuery(id: string) {
  return queryOptions({
    queryKey: [ROOT.portfolios, 'one', id],
    queryFn: ({ signal }) => get(Portfolio, `/v1/portfolios/${encodeURIComponent(id)}`, signal),
  });
}

export function createPortfolio(body: Partial<CreatePortfolioBody>) {
  return send(Portfolio, 'POST', '/v1/portfolios', body);
}

export function updatePortfolio(id: string, body: UpdatePortfolioBody) {
  return send(Portfolio, 'PATCH', `/v1/portfolios/${encodeURIComponent(id)}`, body);
}

export function deletePortfolio(id: string) {
  return send(z.null(), 'DELETE', `/v1/portfolios/${encodeURIComponent(id)}`);
}
