import { type ApiToken, CreateTokenBody, TokenName } from '@ballast/contracts';
import type { Config } from '../config.js';
import { presentToken } from '../http/routes/access-routes.js';
import { formatInstant, formatTable } from './format-table.js';
import { checked, parseOptions, positionalsOf, roleOption } from './parse-options.js';
import { UsageError } from './usage-error.js';
import { cliRequester, withAccess } from './with-access.js';

type Print = (text: string) => void;

const DAY_MS = 86_400_000;
const MAX_DAYS = 3650;

/** `ballast token create|list|revoke`: named API tokens for scripts, through TokenService (audited). */
export async function tokenCommand(args: string[], config: Config, out: Print): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'create':
      return createToken(rest, config, out);
    case 'list':
      return listTokens(rest, config, out);
    case 'revoke':
      return revokeToken(rest, config, out);
    default:
      throw new UsageError('token takes create, list or revoke');
  }
}

/**
 * The secret goes to stdout alone, so `TOKEN=$(ballast token create …)` captures exactly it; what it
 * is, and that it is shown only this once, goes to stderr.
 */
async function createToken(args: string[], config: Config, out: Print): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    name: { type: 'string' },
    role: { type: 'string' },
    'expires-in-days': { type: 'string' },
  });
  positionalsOf(positionals, [], 'token create');
  if (values.name === undefined) throw new UsageError('token create needs --name NAME');
  const name = checked(TokenName, values.name, `--name ${JSON.stringify(values.name)}`);
  const role = roleOption(values.role);
  const days = expiryDays(values['expires-in-days']);
  const body = CreateTokenBody.parse({
    name,
    role,
    ...(days === null ? {} : { expires_at: new Date(Date.now() + days * DAY_MS).toISOString() }),
  });
  const { token, secret } = await withAccess(config, (access) => access.tokens.create(body, cliRequester()));
  const shown = presentToken(token);
  const expiry = shown.expires_at === null ? 'no expiry' : `expires ${formatInstant(shown.expires_at)}`;
  process.stderr.write(
    `created token ${token.name} (${token.role}, ${expiry}, id ${token.id}).\nThis is the only time it is shown: keep it now (use it as Authorization: Bearer <token>).\n`,
  );
  out(secret);
  return 0;
}

function expiryDays(value: string | undefined): number | null {
  if (value === undefined) return null;
  const days = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(days >= 1 && days <= MAX_DAYS))
    throw new UsageError(`--expires-in-days must be a whole number of days from 1 to ${MAX_DAYS}`);
  return days;
}

async function listTokens(args: string[], config: Config, out: Print): Promise<number> {
  const { values, positionals } = parseOptions(args, { json: { type: 'boolean' } });
  positionalsOf(positionals, [], 'token list');
  const tokens = (await withAccess(config, (access) => access.tokens.list())).map(presentToken);
  out(values.json ? JSON.stringify(tokens, null, 2) : tokenTable(tokens, Date.now()));
  return 0;
}

async function revokeToken(args: string[], config: Config, out: Print): Promise<number> {
  const { positionals } = parseOptions(args, {});
  const [idOrName] = positionalsOf(positionals, ['ID_OR_NAME'], 'token revoke');
  const token = await withAccess(config, (access) => access.tokens.revoke(idOrName!, cliRequester()));
  out(`revoked token ${token.name} (id ${token.id}): it stops working at once`);
  return 0;
}

function statusOf(t: ApiToken, now: number): string {
  if (t.revoked_at !== null) return 'revoked';
  return t.expires_at !== null && Date.parse(t.expires_at) <= now ? 'expired' : 'active';
}

function tokenTable(tokens: readonly ApiToken[], now: number): string {
  if (tokens.length === 0)
    return 'no tokens yet: create one with `ballast token create --name NAME --role viewer`';
  return formatTable(
    ['id', 'name', 'role', 'status', 'expires', 'last used', 'created by'],
    tokens.map((t) => [
      t.id,
      t.name,
      t.role,
      statusOf(t, now),
      formatInstant(t.expires_at, 'never'),
      formatInstant(t.last_used_at, 'never'),
      t.created_by,
    ]),
  );
}
