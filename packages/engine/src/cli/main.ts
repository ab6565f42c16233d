import { ConfigError, loadConfig } from '../config.js';
import { parseOptions } from './parse-options.js';
import { UsageError } from './usage-error.js';
import { engineVersion } from './version.js';

export const USAGE = `Usage: ballast <command> [options]

Commands:
  serve                      the API and the trading worker (default)
  worker                     the trading worker alone, no HTTP
  migrate                    apply database migrations and exit
  audit tail [--follow] [--source S] [--limit N]
                             print the latest audit events (and new ones with --follow)
  audit verify               check the audit trail's hash chain; exit 1 if it is broken
  user add NAME --role viewer|operator|admin [--password-stdin]
                             create a user; the password is typed twice, or read from stdin
  user passwd NAME [--password-stdin]
                             set a new password (ends their sessions, lifts a lock-out)
  user list [--json]         users with role, disabled, locked until, last login
  user disable NAME | user enable NAME
                             stop or allow their logins (disabling ends their sessions)
  token create --name NAME --role ROLE [--expires-in-days N]
                             create an API token; prints it once, alone on stdout
  token list [--json]        API tokens (never their secrets)
  token revoke ID_OR_NAME    revoke a token; it stops working at once
  simulate --bars FILE.csv --shares N --cash N [--anchor P] [--set name=value …] [--json]
                             play a CSV of bars (timestamp,close) through the trading rules
  optimize --bars FILE.csv --shares N --cash N [--anchor P] [--set name=value …]
           --grid name=v1,v2,… [--grid …] [--rank METRIC] [--top N] [--json]
                             run every combination of the grid on all cores, ranked (default: sharpe)
  version                    print the version

Configuration comes from the environment (DATABASE_URL, PORT, TRADING_WORKER_INTERVAL_SECONDS, …);
see docs/operations.md.`;

const print = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);

/** Entry point of the `ballast` command; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command = 'serve', ...rest] = argv;
  try {
    return await dispatch(command, rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`ballast: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`ballast: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`ballast: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

async function dispatch(command: string, args: string[]): Promise<number> {
  switch (command) {
    case 'serve':
    case 'worker': {
      // Each command loads only what it needs, so `simulate` or `audit` start without the HTTP stack.
      const config = loadConfig(process.env);
      const logger = (await import('../adapters/logging/create-logger.js')).createLogger(config.log);
      if (command === 'serve') return (await import('./serve-command.js')).serve(config, logger);
      return (await import('./worker-command.js')).runWorker(config, logger);
    }
    case 'migrate':
      return (await import('./migrate-command.js')).migrate(loadConfig(process.env), print);
    case 'audit':
      return audit(args);
    case 'user':
      return (await import('./user-command.js')).userCommand(args, loadConfig(process.env), print);
    case 'token':
      return (await import('./token-command.js')).tokenCommand(args, loadConfig(process.env), print);
    case 'simulate':
      return simulateCommand(args);
    case 'optimize':
      return optimizeCommand(args);
    case 'version':
    case '--version':
      print(engineVersion());
      return 0;
    case 'help':
    case '--help':
    case '-h':
      print(USAGE);
      return 0;
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  }
}

async function audit(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const config = loadConfig(process.env);
  const { auditTail, auditVerify } = await import('./audit-command.js');
  if (sub === 'verify') return auditVerify(config, print);
  if (sub !== 'tail') throw new UsageError('audit takes "tail" or "verify"');
  const { values } = parseOptions(rest, {
    follow: { type: 'boolean', short: 'f' },
    source: { type: 'string' },
    limit: { type: 'string' },
  });
  const limit = values.limit === undefined ? 20 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    throw new UsageError('--limit must be a whole number from 1 to 500');
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
  return auditTail(
    config,
    { follow: values.follow === true, source: values.source as string | undefined, limit },
    print,
    stop.signal,
  );
}

const START_FLAGS = {
  bars: { type: 'string' },
  shares: { type: 'string' },
  cash: { type: 'string' },
  anchor: { type: 'string' },
  set: { type: 'string', multiple: true },
  json: { type: 'boolean' },
} as const;

/** The flags `simulate` and `optimize` share, read the same way. */
function startFlags(command: string, values: Record<string, unknown>) {
  if (!values.bars) throw new UsageError(`${command} needs --bars FILE.csv`);
  return {
    bars: values.bars as string,
    shares: (values.shares as string) ?? '0',
    cash: (values.cash as string) ?? '0',
    anchor: values.anchor as string | undefined,
    set: (values.set as string[]) ?? [],
    json: values.json === true,
  };
}

async function simulateCommand(args: string[]): Promise<number> {
  const { values } = parseOptions(args, START_FLAGS);
  const { simulate } = await import('./simulate-command.js');
  return simulate(startFlags('simulate', values), print);
}

async function optimizeCommand(args: string[]): Promise<number> {
  const { values } = parseOptions(args, {
    ...START_FLAGS,
    grid: { type: 'string', multiple: true },
    rank: { type: 'string' },
    top: { type: 'string' },
  });
  const { optimize } = await import('./optimize-command.js');
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  const options = {
    ...startFlags('optimize', values),
    grid: (values.grid as string[]) ?? [],
    rank: values.rank as string | undefined,
    top: values.top as string | undefined,
  };
  return optimize(options, print, process.stderr, stop.signal);
}
