import { type ParseArgsConfig, parseArgs } from 'node:util';
import { Role } from '@ballast/contracts';
import type { z } from 'zod';
import { UsageError } from './usage-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<T extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>
>;

/** `node:util` parseArgs, strict, with every mistake a UsageError (exit 2, with the usage). */
export function parseOptions<T extends Options>(args: string[], options: T): Parsed<T> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Exactly the positional arguments a command takes (`['NAME']` for `user add NAME`), in order. */
export function positionalsOf(positionals: string[], names: readonly string[], command: string): string[] {
  if (positionals.length !== names.length)
    throw new UsageError(
      names.length === 0
        ? `${command} takes no arguments (got ${positionals.join(' ')})`
        : `${command} takes ${names.join(' ')} (got ${positionals.length} arguments)`,
    );
  return positionals;
}

/** Checks one argument against its contract schema; a failure names the argument, e.g. `NAME "Bob" must be …`. */
export function checked<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new UsageError(`${what} ${result.error.issues[0]?.message ?? 'is invalid'}`);
  return result.data;
}

/** `--role viewer|operator|admin`, required wherever it is taken. */
export function roleOption(value: string | undefined): Role {
  const parsed = Role.safeParse(value);
  if (parsed.success) return parsed.data;
  const roles = Role.options.join(', ');
  throw new UsageError(
    value === undefined
      ? `--role is required: one of ${roles}`
      : `--role must be one of ${roles}, not ${JSON.stringify(value)}`,
  );
}
