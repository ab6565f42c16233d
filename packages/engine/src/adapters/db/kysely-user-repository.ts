import type { Role } from '@ballast/contracts';
import type { Selectable } from 'kysely';
import type { UserRepository } from '../../application/ports/store.js';
import type { UserRecord } from '../../application/records.js';
import type { UsersTable } from './database-schema.js';
import type { DbExecutor } from './db-executor.js';
import { bool, flag, instant, instantOrNull, iso, isoOrNull } from './row-codecs.js';

function fromRow(r: Selectable<UsersTable>): UserRecord {
  return {
    id: r.id,
    username: r.username,
    passwordHash: r.password_hash,
    role: r.role as Role,
    disabled: bool(r.disabled),
    failedLogins: r.failed_logins,
    lockedUntil: instantOrNull(r.locked_until),
    lastLoginAt: instantOrNull(r.last_login_at),
    createdAt: instant(r.created_at),
    updatedAt: instant(r.updated_at),
  };
}

function toRow(u: UserRecord): Selectable<UsersTable> {
  return {
    id: u.id,
    username: u.username,
    password_hash: u.passwordHash,
    role: u.role,
    disabled: flag(u.disabled),
    failed_logins: u.failedLogins,
    locked_until: isoOrNull(u.lockedUntil),
    last_login_at: isoOrNull(u.lastLoginAt),
    created_at: iso(u.createdAt),
    updated_at: iso(u.updatedAt),
  };
}

export class KyselyUserRepository implements UserRepository {
  constructor(private readonly db: DbExecutor) {}

  async insert(u: UserRecord): Promise<void> {
    await this.db.insertInto('users').values(toRow(u)).execute();
  }

  async update(u: UserRecord): Promise<void> {
    const { id, ...values } = toRow(u);
    await this.db.updateTable('users').set(values).where('id', '=', id).execute();
  }

  async get(id: string): Promise<UserRecord | null> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : null;
  }

  async getByName(username: string): Promise<UserRecord | null> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    return row ? fromRow(row) : null;
  }

  async list(): Promise<UserRecord[]> {
    return (await this.db.selectFrom('users').selectAll().orderBy('username').execute()).map(fromRow);
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
