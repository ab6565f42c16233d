import { z } from 'zod';

/** Money and quantities travel as plain decimal strings, never as binary floating point. */
export const DecimalString = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/, 'must be a decimal number written as a string, e.g. "1250.50"')
  .describe('exact decimal as a string');

/** A decimal given either as a JSON number or as a decimal string (inputs only). */
export const DecimalInput = z.union([z.number().finite(), DecimalString]);

export const Id = z.string().min(1).max(64).describe('identifier');
export const Timestamp = z.iso.datetime({ offset: true }).describe('ISO 8601 instant');

export const ErrorBody = z.object({
  error: z.object({
    code: z.string().describe('stable UPPER_SNAKE code'),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** One rejected field, named by its path (e.g. `params.trigger.up_pct`). */
export const FieldError = z.object({ field: z.string(), message: z.string() });
export type FieldError = z.infer<typeof FieldError>;

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), next_cursor: z.string().nullable() });
}

export const BooleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
