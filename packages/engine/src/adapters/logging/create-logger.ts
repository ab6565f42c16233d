import { type Logger, pino } from 'pino';

/**
 * Structured logs (pino). Readable lines on a terminal, JSON lines otherwise (files, supervisors),
 * unless LOG_FORMAT says which.
 */
export function createLogger(options: { level: string; format: 'pretty' | 'json' | 'auto' }): Logger {
  const pretty = options.format === 'pretty' || (options.format === 'auto' && process.stdout.isTTY === true);
  if (!pretty) return pino({ level: options.level, base: { pid: process.pid } });
  return pino({
    level: options.level,
    transport: {
      target: 'pino-pretty',
      options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' },
    },
  });
}
