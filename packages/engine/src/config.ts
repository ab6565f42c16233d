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
      (v) => /^sqlite:.+/.test(v) || isPostgresUrl(v),
      'must be sqlite:<path> or postgres://user:password@host:port/database',
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
  PAPER_LATENCY_MS: z.coerce.number().int().min(0).max(10_000).default(0),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['pretty', 'json', 'auto']).default('auto'),
  BALLAST_DEMO: bool.default(true),
  BALLAST_ALLOW_INSECURE_BIND: bool.default(false),
  BALLAST_ADMIN_PASSWORD: z
    .string()
    .min(12, 'must be at least 12 characters (it becomes the password of the first admin)')
    .max(1024)
    .optional(),
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  CORS_ORIGINS: z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(',')
            .map((o) => o.trim())
            .filter(Boolean)
        : [],
    )
    .refine(
      (origins) => origins.every((o) => /^https?:\/\/[^/\s]+$/.test(o)),
      'must be a comma-separated list of origins such as https://ops.example.com',
    ),
  SESSION_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(10),
  CYCLE_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(500),
});

export interface Config {
  readonly worker: { readonly enabled: boolean; readonly intervalSeconds: number };
  readonly database: DatabaseConfig;
  readonly http: { readonly host: string; readonly port: number };
  readonly marketData:
    | { readonly kind: 'simulated'; readonly seed: string }
    | { readonly kind: 'replay'; readonly file: string };
  readonly broker: { readonly kind: 'paper'; readonly slippageBps: number; readonly latencyMs: number };
  readonly log: { readonly level: string; readonly format: 'pretty' | 'json' | 'auto' };
  readonly demo: boolean;
  readonly cycleBatchSize: number;
  readonly access: {
    /** The first admin's password when there is no user yet; never logged. */
    readonly adminPassword: string | null;
    readonly sessionHours: number;
    readonly maxFailedLogins: number;
    readonly lockoutMinutes: number;
    readonly loginAttemptsPerMinute: number;
    readonly corsOrigins: readonly string[];
  };
  readonly tls: { readonly certFile: string; readonly keyFile: string } | null;
}

/**
 * Where the data lives. `url` is safe to print (a PostgreSQL password is masked); only the store
 * opener reads `connectionString`.
 */
export type DatabaseConfig =
  | { readonly kind: 'sqlite'; readonly file: string; readonly url: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly connectionString: string };

function isPostgresUrl(value: string): boolean {
  if (!/^postgres(ql)?:\/\//.test(value)) return false;
  try {
    // A Unix socket may be named by `?host=/var/run/postgresql` instead of the URL's host.
    const url = new URL(value);
    return url.hostname !== '' || url.searchParams.has('host');
  } catch {
    return false;
  }
}

/** `postgres://user:***@host/db`: the password (in the URL or as `?password=`) masked, for logs. */
export function maskedDatabaseUrl(url: string): string {
  return url
    .replace(/^(postgres(?:ql)?:\/\/[^:/@]*:)[^@/]*@/, '$1***@')
    .replace(/([?&]password=)[^&]*/, '$1***');
}

function databaseConfig(url: string): DatabaseConfig {
  if (url.startsWith('sqlite:')) return { kind: 'sqlite', file: url.slice('sqlite:'.length), url };
  return { kind: 'postgres', url: maskedDatabaseUrl(url), connectionString: url };
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
  const problems: string[] = [];
  if (Boolean(e.TLS_CERT_FILE) !== Boolean(e.TLS_KEY_FILE))
    problems.push(
      'TLS_CERT_FILE and TLS_KEY_FILE: give both (the certificate and its private key) or neither',
    );
  const tls =
    e.TLS_CERT_FILE && e.TLS_KEY_FILE ? { certFile: e.TLS_CERT_FILE, keyFile: e.TLS_KEY_FILE } : null;
  if (!LOOPBACK.has(e.HOST) && !tls && !e.BALLAST_ALLOW_INSECURE_BIND)
    problems.push(
      `HOST: ${e.HOST} is not a loopback address, and without TLS passwords and tokens would cross the network in clear; set TLS_CERT_FILE and TLS_KEY_FILE, or BALLAST_ALLOW_INSECURE_BIND=true to expose it anyway (behind a TLS proxy)`,
    );
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    worker: { enabled: e.TRADING_WORKER_ENABLED, intervalSeconds: e.TRADING_WORKER_INTERVAL_SECONDS },
    database: databaseConfig(e.DATABASE_URL),
    http: { host: e.HOST, port: e.PORT },
    marketData:
      e.MARKET_DATA === 'simulated'
        ? { kind: 'simulated', seed: e.MARKET_DATA_SEED }
        : { kind: 'replay', file: e.MARKET_DATA.slice('replay:'.length) },
    broker: { kind: 'paper', slippageBps: e.PAPER_SLIPPAGE_BPS, latencyMs: e.PAPER_LATENCY_MS },
    log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT },
    demo: e.BALLAST_DEMO,
    cycleBatchSize: e.CYCLE_BATCH_SIZE,
    access: {
      adminPassword: e.BALLAST_ADMIN_PASSWORD ?? null,
      sessionHours: e.SESSION_HOURS,
      maxFailedLogins: e.LOGIN_MAX_FAILURES,
      lockoutMinutes: e.LOGIN_LOCKOUT_MINUTES,
      loginAttemptsPerMinute: e.LOGIN_ATTEMPTS_PER_MINUTE,
      corsOrigins: e.CORS_ORIGINS,
    },
    tls,
  };
}
