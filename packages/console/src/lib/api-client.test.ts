import { describe, expect, it } from 'vitest';
import { ApiError, problemsOf } from './api-client';

const lastAdmin = new ApiError(409, 'USER_LAST_ADMIN', 'alice is the last enabled admin', [
  { field: 'role', message: 'would leave no enabled admin' },
]);

describe('a refusal as a form shows it', () => {
  it('puts a field the form does not show into the message, so the refusal is not lost', () => {
    expect(problemsOf(lastAdmin, ['password'])).toEqual({
      fields: {},
      message: 'role: would leave no enabled admin',
    });
  });

  it('shows each named field the form has next to it, and the others in the message', () => {
    const refusal = new ApiError(400, 'VALIDATION_FAILED', 'invalid body', [
      { field: 'password', message: 'must be at least 12 characters' },
      { field: 'disabled', message: 'must be a boolean' },
    ]);
    expect(problemsOf(refusal, new Set(['password', 'role']))).toEqual({
      fields: { password: 'must be at least 12 characters' },
      message: 'disabled: must be a boolean',
    });
  });

  it('gives the engine’s message when it named no field, and nothing when nothing failed', () => {
    const halted = new ApiError(409, 'PORTFOLIO_HALTED', 'the portfolio is halted');
    expect(problemsOf(halted, ['name'])).toEqual({ fields: {}, message: 'the portfolio is halted' });
    expect(problemsOf(new Error('offline'))).toEqual({ fields: {}, message: 'offline' });
    expect(problemsOf(null)).toEqual({ fields: {}, message: null });
  });
});
