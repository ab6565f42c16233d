export * from './auth.js';
export * from './common.js';
export * from './events.js';
export * from './orders.js';
export * from './params.js';
export * from './portfolios.js';
export * from './positions.js';
export * from './trading.js';
