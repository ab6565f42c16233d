import type { CreateUserBody, UpdateUserBody } from '@ballast/contracts';
import { AppError } from '../app-error.js';
import { changeEvent, type Requester } from '../audit-draft.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { Secrets } from '../ports/secrets.js';
import type { Repositories, Store } from '../ports/store.js';
import type { UserRecord } from '../records.js';

export const FIRST_ADMIN = 'admin';

const notFoundUser = (username: string) =>
  new AppError('USER_NOT_FOUND', `user ${username} does not exist`, { username });

const wrongCurrentPassword = () =>
  new AppError('AUTH_INVALID_CREDENTIALS', 'the current password is wrong', [
    { field: 'current_password', message: 'is wrong' },
  ]);

/** Users and their roles; every change is audited, and a change of password or access ends their sessions. */
export class UserService {
  constructor(
    private readonly store: Store,
    private readonly hasher: PasswordHasher,
    private readonly secrets: Secrets,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  list(): Promise<UserRecord[]> {
    return this.store.users.list();
  }

  async create(body: CreateUserBody, by: Requester): Promise<UserRecord> {
    const now = this.clock.now();
    const user: UserRecord = {
      id: this.ids.next(),
      username: body.username,
      passwordHash: await this.hasher.hash(body.password),
      role: body.role,
      disabled: false,
      failedLogins: 0,
      lockedUntil: null,
      lastLoginAt: null,
      createdAt: now,
      updatedAt: now,
    };
    const recorded = await this.store.transaction(async (tx) => {
      if (await tx.users.getByName(body.username))
        throw new AppError('USER_EXISTS', `user ${body.username} already exists`, [
          { field: 'username', message: 'is taken' },
        ]);
      await tx.users.insert(user);
      return tx.audit.append([
        changeEvent(
          this.ids,
          this.clock,
          by,
          'UserCreated',
          {},
          { username: user.username, role: user.role },
        ),
      ]);
    });
    by.onRecorded?.(recorded);
    return user;
  }

  async update(username: string, patch: UpdateUserBody, by: Requester): Promise<UserRecord> {
    const passwordHash = patch.password === undefined ? null : await this.hasher.hash(patch.password);
    const { user, recorded } = await this.store.transaction(async (tx) => {
      const before = await tx.users.getByName(username);
      if (!before) throw notFoundUser(username);
      const now = this.clock.now();
      const after: UserRecord = {
        ...before,
        role: patch.role ?? before.role,
        disabled: patch.disabled ?? before.disabled,
        passwordHash: passwordHash ?? before.passwordHash,
        // A new password (set by an admin) also lifts a lock-out.
        ...(passwordHash ? { failedLogins: 0, lockedUntil: null } : {}),
        updatedAt: now,
      };
      await keepAnAdmin(tx, before, after);
      await tx.users.update(after);
      const ends = passwordHash !== null || after.disabled || after.role !== before.role;
      if (ends) await tx.sessions.revokeAllOf(before.id, now);
      const events = await tx.audit.append([
        changeEvent(
          this.ids,
          this.clock,
          by,
          'UserUpdated',
          {},
          {
            username,
            role: { before: before.role, after: after.role },
            disabled: { before: before.disabled, after: after.disabled },
            password_changed: passwordHash !== null,
            sessions_ended: ends,
          },
        ),
      ]);
      return { user: after, recorded: events };
    });
    by.onRecorded?.(recorded);
    return user;
  }

  /** A person changing their own password proves they know the current one. */
  async changeOwnPassword(userId: string, current: string, next: string, by: Requester): Promise<void> {
    const user = await this.store.users.get(userId);
    if (!user || !(await this.hasher.verify(user.passwordHash, current))) throw wrongCurrentPassword();
    const passwordHash = await this.hasher.hash(next);
    const recorded = await this.store.transaction(async (tx) => {
      // Read again: an admin may have disabled the user, or set a new password, while we hashed.
      const fresh = await tx.users.get(userId);
      if (!fresh || fresh.disabled)
        throw new AppError('AUTH_INVALID', 'the user was disabled meanwhile; nothing was changed');
      if (fresh.passwordHash !== user.passwordHash) throw wrongCurrentPassword();
      const now = this.clock.now();
      await tx.users.update({ ...fresh, passwordHash, updatedAt: now });
      await tx.sessions.revokeAllOf(fresh.id, now);
      return tx.audit.append([
        changeEvent(this.ids, this.clock, by, 'PasswordChanged', {}, { username: fresh.username }),
      ]);
    });
    by.onRecorded?.(recorded);
  }

  /**
   * On a database without users: creates `admin` with the given password, or a random one that the
   * caller shows once. Returns the password it generated (null when given one, or when users exist).
   */
  async ensureFirstAdmin(given: string | null): Promise<{ created: boolean; generated: string | null }> {
    if ((await this.store.users.count()) > 0) return { created: false, generated: null };
    const generated = given ? null : this.secrets.newPassword();
    const password = given ?? generated!;
    try {
      await this.create(
        { username: FIRST_ADMIN, password, role: 'admin' },
        { source: 'system', actor: 'ballast (first start)' },
      );
    } catch (error) {
      // Another process on the same database created the first user meanwhile.
      if (error instanceof AppError && error.code === 'USER_EXISTS')
        return { created: false, generated: null };
      throw error;
    }
    return { created: true, generated };
  }
}

/** Nobody can take away the last way in: one enabled admin always remains. */
async function keepAnAdmin(tx: Repositories, before: UserRecord, after: UserRecord): Promise<void> {
  const stillAdmin = (u: UserRecord) => u.role === 'admin' && !u.disabled;
  if (!stillAdmin(before) || stillAdmin(after)) return;
  const admins = (await tx.users.list()).filter(stillAdmin);
  if (admins.length <= 1)
    throw new AppError('USER_LAST_ADMIN', `${before.username} is the last enabled admin`, [
      { field: before.role !== after.role ? 'role' : 'disabled', message: 'would leave no enabled admin' },
    ]);
}
