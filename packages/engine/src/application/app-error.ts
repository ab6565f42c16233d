/**
 * An expected failure of a use case, with a stable UPPER_SNAKE code. The HTTP layer maps codes to
 * statuses in one table; the CLI prints the message. Nothing was changed when one is thrown.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function notFound(kind: 'portfolio' | 'position' | 'cycle' | 'order' | 'event', id: string): AppError {
  return new AppError(`${kind.toUpperCase()}_NOT_FOUND`, `${kind} ${id} does not exist`, { id });
}
