import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

const EnvSchema = z.object({
  TRADING_WORKER_ENABLED: bool.default(true),
  TRADING_WORKER_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/ballast.db')
    .refine(
      (v) => v.startsWith('sqlite:'),
      'only sqlite:<path> is supported in this version (PostgreSQL comes next)',
    ),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(8000),
  MARKET_DATA: z
    .string()
    .default('simulated')
    .refine(
      (v) => v === 'simulated' || /^replay:.+/.test(v),
      'must be "simulated" or "replay:<path to csv>"',
    ),
  MARKET_DATA_SEED: z.string().min(1).default('ballast'),
  BROKER: z.enum(['paper']).default('paper'),
  PAPER_SLIPPAGE_BPS: z.coerce.number().min(0).max(1000).default(0),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['pretty', 'json', 'auto']).default('auto'),
  BALLAST_DEMO: bool.default(true),
  BALLAST_ALLOW_INSECURE_BIND: bool.default(false),
  CYCLE_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(500),
});

export interface Config {
  readonly worker: { readonly enabled: boolean; readonly intervalSeconds: number };
  readonly database: { readonly kind: 'sqlite'; readonly file: string; readonly url: string };
  readonly http: { readonly host: string; readonly port: number };
  readonly marketData:
    | { readonly kind: 'simulated'; readonly seed: string }
    | { readonly kind: 'replay'; readonly file: string };
  readonly broker: { readonly kind: 'paper'; readonly slippageBps: number };
  readonly log: { readonly level: string; readonly format: 'pretty' | 'json' | 'auto' };
  readonly demo: boolean;
  readonly cycleBatchSize: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads the environment once, at start-up; every bad variable is listed, not just the first. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const parsed = EnvSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!parsed.success)
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const e = parsed.data;
  if (!LOOPBACK.has(e.HOST) && !e.BALLAST_ALLOW_INSECURE_BIND) {
    throw new ConfigError([
      `HOST: ${e.HOST} is not a loopback address; Ballast has no TLS or login yet, so set BALLAST_ALLOW_INSECURE_BIND=true to expose it anyway`,
    ]);
  }
  return {
    worker: { enabled: e.TRADING_WORKER_ENABLED, intervalSeconds: e.TRADING_WORKER_INTERVAL_SECONDS },
    database: { kind: 'sqlite', file: e.DATABASE_URL.slice('sqlite:'.length), url: e.DATABASE_URL },
    http: { host: e.HOST, port: e.PORT },
    marketData:
      e.MARKET_DATA === 'simulated'
        ? { kind: 'simulated', seed: e.MARKET_DATA_SEED }
        : { kind: 'replay', file: e.MARKET_DATA.slice('replay:'.length) },
    broker: { kind: 'paper', slippageBps: e.PAPER_SLIPPAGE_BPS },
    log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT },
    demo: e.BALLAST_DEMO,
    cycleBatchSize: e.CYCLE_BATCH_SIZE,
  };
}
