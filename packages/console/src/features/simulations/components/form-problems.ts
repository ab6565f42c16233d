import { problemsOf } from '../../../lib/api-client';

export interface FormProblems {
  /** The engine's message per wire path (`params.trigger.up_pct`, `bars.seed`, `grid.trigger.up_pct`). */
  readonly fields: Readonly<Record<string, string>>;
  /** What belongs to no field on the form: the engine's message, or the fields the form does not show. */
  readonly message: string | null;
}

export const NO_PROBLEMS: FormProblems = { fields: {}, message: null };

/**
 * A refusal as a form shows it: each error next to its field, and those the form has no field for
 * (a path it does not know) in the message, so none is ever lost.
 */
export function formProblemsOf(error: unknown, isShown: (path: string) => boolean): FormProblems {
  const { fields, message } = problemsOf(error);
  const shown: Record<string, string> = {};
  const others: string[] = [];
  for (const [path, text] of Object.entries(fields)) {
    if (isShown(path)) shown[path] = text;
    else others.push(`${path}: ${text}`);
  }
  const rest = others.length > 0 ? others.join('; ') : null;
  return { fields: shown, message: [message, rest].filter(Boolean).join(' ') || null };
}
