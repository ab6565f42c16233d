import { type User, Username } from '@ballast/contracts';
import type { Config } from '../config.js';
import { presentUser } from '../http/routes/access-routes.js';
import { formatInstant, formatTable } from './format-table.js';
import { checked, parseOptions, positionalsOf, roleOption } from './parse-options.js';
import { readNewPassword } from './password-input.js';
import { UsageError } from './usage-error.js';
import { cliRequester, withAccess } from './with-access.js';

type Print = (text: string) => void;

/** `ballast user add|passwd|list|disable|enable`: every change through UserService, so it is audited. */
export async function userCommand(args: string[], config: Config, out: Print): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'add':
      return addUser(rest, config, out);
    case 'passwd':
      return setPassword(rest, config, out);
    case 'list':
      return listUsers(rest, config, out);
    case 'disable':
    case 'enable':
      return setDisabled(sub === 'disable', rest, config, out);
    default:
      throw new UsageError('user takes add, passwd, list, disable or enable');
  }
}

function usernameOf(positionals: string[], command: string): string {
  const [name] = positionalsOf(positionals, ['NAME'], command);
  return checked(Username, name, `NAME ${JSON.stringify(name)}`);
}

async function addUser(args: string[], config: Config, out: Print): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    role: { type: 'string' },
    'password-stdin': { type: 'boolean' },
  });
  const username = usernameOf(positionals, 'user add');
  const role = roleOption(values.role);
  const password = await readNewPassword(values['password-stdin'] === true);
  const user = await withAccess(config, (access) =>
    access.users.create({ username, password, role }, cliRequester()),
  );
  out(`created user ${user.username} (${user.role})`);
  return 0;
}

async function setPassword(args: string[], config: Config, out: Print): Promise<number> {
  const { values, positionals } = parseOptions(args, { 'password-stdin': { type: 'boolean' } });
  const username = usernameOf(positionals, 'user passwd');
  const password = await readNewPassword(values['password-stdin'] === true);
  await withAccess(config, (access) => access.users.update(username, { password }, cliRequester()));
  out(`set a new password for ${username}: their sessions have ended and any lock-out is lifted`);
  return 0;
}

async function setDisabled(disabled: boolean, args: string[], config: Config, out: Print): Promise<number> {
  const { positionals } = parseOptions(args, {});
  const username = usernameOf(positionals, disabled ? 'user disable' : 'user enable');
  await withAccess(config, (access) => access.users.update(username, { disabled }, cliRequester()));
  out(
    disabled ? `disabled ${username}: they cannot log in, their sessions have ended` : `enabled ${username}`,
  );
  return 0;
}

async function listUsers(args: string[], config: Config, out: Print): Promise<number> {
  const { values, positionals } = parseOptions(args, { json: { type: 'boolean' } });
  positionalsOf(positionals, [], 'user list');
  const users = (await withAccess(config, (access) => access.users.list())).map(presentUser);
  out(values.json ? JSON.stringify(users, null, 2) : userTable(users, Date.now()));
  return 0;
}

function userTable(users: readonly User[], now: number): string {
  if (users.length === 0) return 'no users yet: add one with `ballast user add NAME --role admin`';
  // A lock that has run out is still stored until the next login; it locks nobody out.
  const lockedUntil = (at: string | null) => (at !== null && Date.parse(at) > now ? formatInstant(at) : '-');
  return formatTable(
    ['username', 'role', 'disabled', 'locked until', 'last login'],
    users.map((u) => [
      u.username,
      u.role,
      u.disabled ? 'yes' : 'no',
      lockedUntil(u.locked_until),
      formatInstant(u.last_login_at, 'never'),
    ]),
  );
}
