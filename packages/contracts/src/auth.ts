import { z } from 'zod';
import { Id, Timestamp } from './common.js';

/** Who may do what (DESIGN §8): viewers read, operators trade and configure, admins manage access. */
export const Role = z.enum(['viewer', 'operator', 'admin']);
export type Role = z.infer<typeof Role>;

export const Username = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]{0,63}$/,
    'must be 1–64 lower-case letters, digits, dots, dashes or underscores',
  );

/** Long enough that guessing is hopeless at the login rate limit; no other rules to game. */
export const Password = z
  .string()
  .min(12, 'must be at least 12 characters')
  .max(1024, 'must be at most 1 024 characters');

export const LoginBody = z
  .object({
    username: z.string().min(1, 'is required').max(64),
    password: z.string().min(1, 'is required').max(1024),
  })
  .strict();
export type LoginBody = z.infer<typeof LoginBody>;

export const Principal = z.object({
  name: z.string().describe('the username, or token:NAME for an API token'),
  role: Role,
  kind: z.enum(['session', 'bearer', 'api_token']),
});
export type Principal = z.infer<typeof Principal>;

/** `POST /v1/auth/login`: a bearer token for scripts (`Authorization: Bearer …`). */
export const LoginResult = z.object({
  token: z.string(),
  expires_at: Timestamp,
  user: Principal,
});
export type LoginResult = z.infer<typeof LoginResult>;

/**
 * The console's session: the cookie carries it (httpOnly, SameSite=Strict); every state-changing
 * request repeats `csrf_token` in the `X-CSRF-Token` header.
 */
export const SessionInfo = z.object({
  user: Principal,
  csrf_token: z.string().nullable().describe('null when the request was not made with the session cookie'),
  expires_at: Timestamp.nullable(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const User = z.object({
  username: Username,
  role: Role,
  disabled: z.boolean(),
  locked_until: Timestamp.nullable().describe('set after repeated failed logins'),
  last_login_at: Timestamp.nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type User = z.infer<typeof User>;

export const CreateUserBody = z.object({ username: Username, password: Password, role: Role }).strict();
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z
  .object({
    role: Role,
    password: Password,
    disabled: z.boolean().describe('a disabled user cannot log in; their sessions end'),
  })
  .partial()
  .strict();
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const ChangePasswordBody = z
  .object({ current_password: z.string().max(1024), new_password: Password })
  .strict();
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

export const TokenName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1–64 letters, digits, dots, dashes or underscores');

export const ApiToken = z.object({
  id: Id,
  name: TokenName,
  role: Role,
  created_by: z.string(),
  created_at: Timestamp,
  expires_at: Timestamp.nullable(),
  revoked_at: Timestamp.nullable(),
  last_used_at: Timestamp.nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

export const CreateTokenBody = z
  .object({
    name: TokenName,
    role: Role,
    expires_at: Timestamp.optional().describe('no expiry when left out'),
  })
  .strict();
export type CreateTokenBody = z.infer<typeof CreateTokenBody>;

/** The only time a token's secret is shown: keep it, it cannot be read again. */
export const CreatedToken = ApiToken.extend({ token: z.string() });
export type CreatedToken = z.infer<typeof CreatedToken>;
