import {
  type CashMovementBody,
  type CreatePositionBody,
  Position,
  PriceHistory,
  type SetAnchorBody,
  type UpdatePositionBody,
} from '@ballast/contracts';
import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { get, getAll, type Loose, send, withQuery } from '../../../lib/api-client';
import { ROOT } from '../../../lib/query-keys';

/** The positions of one portfolio (or of all), every page. */
export function positionsQuery(portfolioId?: string) {
  return queryOptions({
    queryKey: [ROOT.positions, 'list', portfolioId ?? 'all'],
    queryFn: ({ signal }) => getAll(Position, '/v1/positions', { portfolio_id: portfolioId }, signal),
    refetchInterval: 15_000,
  });
}

export function positionQuery(id: string) {
  return queryOptions({
    queryKey: [ROOT.positions, 'one', id],
    queryFn: ({ signal }) => get(Position, `/v1/positions/${encodeURIComponent(id)}`, signal),
    refetchInterval: 15_000,
  });
}

export function priceHistoryQuery(id: string, limit = 2000) {
  return queryOptions({
    queryKey: [ROOT.prices, id, limit],
    queryFn: ({ signal }) =>
      get(PriceHistory, withQuery(`/v1/positions/${encodeURIComponent(id)}/prices`, { limit }), signal),
  });
}

export function createPosition(portfolioId: string, body: Loose<CreatePositionBody>) {
  return send(Position, 'POST', `/v1/portfolios/${encodeURIComponent(portfolioId)}/positions`, body);
}

export function updatePosition(id: string, body: Loose<UpdatePositionBody>) {
  return send(Position, 'PATCH', `/v1/positions/${encodeURIComponent(id)}`, body);
}

export function moveCash(id: string, body: Loose<CashMovementBody>) {
  return send(Position, 'POST', `/v1/positions/${encodeURIComponent(id)}/cash`, body);
}

export function setAnchor(id: string, body: Loose<SetAnchorBody>) {
  return send(Position, 'PUT', `/v1/positions/${encodeURIComponent(id)}/anchor`, body);
}

export function deletePosition(id: string) {
  return send(z.null(), 'DELETE', `/v1/positions/${encodeURIComponent(id)}`);
}
