import { type Logger, pino } from 'pino';

/** Credentials never reach a log line, whatever a request or an error carries. */
const REDACT = {
  paths: [
    'req.headers.authorization',
    'req.headers.cookie',
    'req.headers["x-csrf-token"]',
    'res.headers["set-cookie"]',
    '*.password',
    '*.token',
    '*.secret',
  ],
  censor: '[redacted]',
};

/**
 * Structured logs (pino). Readable lines on a terminal, JSON lines otherwise (files, supervisors),
 * unless LOG_FORMAT says which.
 */
export function createLogger(options: { level: string; format: 'pretty' | 'json' | 'auto' }): Logger {
  const pretty = options.format === 'pretty' || (options.format === 'auto' && process.stdout.isTTY === true);
  if (!pretty) return pino({ level: options.level, base: { pid: process.pid }, redact: REDACT });
  return pino({
    level: options.level,
    redact: REDACT,
    transport: {
      target: 'pino-pretty',
      options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' },
    },
  });
}
