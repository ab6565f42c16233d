import { z } from 'zod';
import { DecimalString, Id, Timestamp } from './common.js';

export const OrderSide = z.enum(['buy', 'sell']);
export const OrderStatus = z.enum([
  'new',
  'submitted',
  'partially_filled',
  'filled',
  'rejected',
  'cancelled',
  'expired',
]);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const Order = z.object({
  id: Id,
  client_order_id: z.string(),
  portfolio_id: Id,
  position_id: Id,
  cycle_id: Id,
  symbol: z.string(),
  side: OrderSide,
  qty: DecimalString,
  price: DecimalString,
  est_fee: DecimalString,
  status: OrderStatus,
  reason: z.string().nullable(),
  source: z.string(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Order = z.infer<typeof Order>;

export const Trade = z.object({
  id: Id,
  order_id: Id,
  portfolio_id: Id,
  position_id: Id,
  symbol: z.string(),
  side: OrderSide,
  qty: DecimalString,
  price: DecimalString,
  fee: DecimalString,
  executed_at: Timestamp,
});
export type Trade = z.infer<typeof Trade>;

export const OrderListQuery = z.object({
  portfolio_id: z.string().max(64).optional(),
  position_id: z.string().max(64).optional(),
  status: OrderStatus.optional(),
});
export const TradeListQuery = z.object({
  portfolio_id: z.string().max(64).optional(),
  position_id: z.string().max(64).optional(),
});
