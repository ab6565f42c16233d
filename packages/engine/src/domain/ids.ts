declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

export type PortfolioId = Brand<string, 'PortfolioId'>;
export type PositionId = Brand<string, 'PositionId'>;
export type CycleId = Brand<string, 'CycleId'>;
export type OrderId = Brand<string, 'OrderId'>;
export type TradeId = Brand<string, 'TradeId'>;
export type EventId = Brand<string, 'EventId'>;

/** Milliseconds since the Unix epoch; the domain never reads a clock, it is handed instants. */
export type Instant = number;
