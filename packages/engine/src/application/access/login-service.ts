import type { Instant } from '../../domain/ids.js';
import { AppError } from '../app-error.js';
import { changeEvent, type Requester } from '../audit-draft.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { Secrets } from '../ports/secrets.js';
import type { Store } from '../ports/store.js';
import type { UserRecord } from '../records.js';
import type { AccessPolicy } from './access-policy.js';
import { SESSION_PREFIX } from './authenticator.js';
import type { Principal } from './principal.js';

const HOUR_MS = 3_600_000;

export interface LoginAttempt {
  readonly username: string;
  readonly password: string;
  /** `session`: the console's cookie (with a CSRF token); `bearer`: a token for scripts. */
  readonly kind: 'session' | 'bearer';
  readonly ip: string;
}

export interface LoggedIn {
  readonly secret: string;
  readonly csrfToken: string | null;
  readonly expiresAt: Instant;
  readonly principal: Principal;
}

const refused = () => new AppError('AUTH_INVALID_CREDENTIALS', 'wrong username or password');

/**
 * Logins and logouts. A wrong password counts against the user; after `maxFailedLogins` in a row
 * the account is locked for `lockoutMinutes`. Every attempt, good or bad, is an audit event.
 */
export class LoginService {
  /** Checked when the username is unknown, so a miss takes as long as a wrong password. */
  private decoy: Promise<string> | null = null;

  constructor(
    private readonly store: Store,
    private readonly hasher: PasswordHasher,
    private readonly secrets: Secrets,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly policy: AccessPolicy,
  ) {}

  async login(attempt: LoginAttempt): Promise<LoggedIn> {
    const user = await this.store.users.getByName(attempt.username);
    const now = this.clock.now();
    if (user?.lockedUntil && user.lockedUntil > now) {
      await this.recordFailure(attempt, user, 'account locked after repeated failures');
      throw locked(user.lockedUntil, now);
    }
    const good = user
      ? await this.hasher.verify(user.passwordHash, attempt.password)
      : await this.checkDecoy(attempt.password);
    if (!user || !good || user.disabled) {
      const why = !user ? 'unknown user' : !good ? 'wrong password' : 'user disabled';
      const lockedNow = await this.recordFailure(attempt, user, why);
      if (lockedNow) throw locked(lockedNow, now);
      throw refused();
    }
    return this.openSession(user, attempt);
  }

  async logout(principal: Principal, by: Requester): Promise<void> {
    if (!principal.sessionHash) return;
    const hash = principal.sessionHash;
    const recorded = await this.store.transaction(async (tx) => {
      await tx.sessions.revoke(hash, this.clock.now());
      return tx.audit.append([
        changeEvent(this.ids, this.clock, by, 'LoggedOut', {}, { kind: principal.kind }),
      ]);
    });
    by.onRecorded?.(recorded);
  }

  private async openSession(user: UserRecord, attempt: LoginAttempt): Promise<LoggedIn> {
    const now = this.clock.now();
    const secret = this.secrets.newSecret(SESSION_PREFIX);
    const csrfToken = attempt.kind === 'session' ? this.secrets.newSecret('') : null;
    const expiresAt = now + this.policy.sessionHours * HOUR_MS;
    const hash = this.secrets.digest(secret);
    await this.store.transaction(async (tx) => {
      await tx.sessions.deleteEnded(now);
      await tx.sessions.insert({
        tokenHash: hash,
        userId: user.id,
        kind: attempt.kind,
        csrfToken,
        createdAt: now,
        expiresAt,
        revokedAt: null,
      });
      await tx.users.update({ ...user, failedLogins: 0, lockedUntil: null, lastLoginAt: now });
      await tx.audit.append([
        this.event(user.username, 'LoginSucceeded', { kind: attempt.kind, ip: attempt.ip }),
      ]);
    });
    return {
      secret,
      csrfToken,
      expiresAt,
      principal: {
        kind: attempt.kind,
        name: user.username,
        role: user.role,
        userId: user.id,
        tokenId: null,
        sessionHash: hash,
        csrfToken,
        expiresAt,
      },
    };
  }

  /** Counts a failure and records it; returns the lock's end if this failure locked the account. */
  private async recordFailure(
    attempt: LoginAttempt,
    user: UserRecord | null,
    reason: string,
  ): Promise<Instant | null> {
    const now = this.clock.now();
    return this.store.transaction(async (tx) => {
      let lockedUntil: Instant | null = null;
      const fresh = user && (await tx.users.get(user.id));
      if (fresh && !(fresh.lockedUntil && fresh.lockedUntil > now)) {
        const failedLogins = fresh.failedLogins + 1;
        lockedUntil =
          failedLogins >= this.policy.maxFailedLogins ? now + this.policy.lockoutMinutes * 60_000 : null;
        await tx.users.update({ ...fresh, failedLogins: lockedUntil ? 0 : failedLogins, lockedUntil });
      }
      // The name tried is the caller's word, not an identity: the actor is the user only when one has
      // that name; otherwise `anonymous`, with what was typed kept in the payload.
      await tx.audit.append([
        this.event(user?.username ?? 'anonymous', 'LoginFailed', {
          username: attempt.username.slice(0, 64),
          kind: attempt.kind,
          ip: attempt.ip,
          reason,
          locked_until: lockedUntil === null ? null : new Date(lockedUntil).toISOString(),
        }),
      ]);
      return lockedUntil;
    });
  }

  /** A login event's actor is the name that was tried: that is who asked. */
  private event(actor: string, type: 'LoginSucceeded' | 'LoginFailed', payload: Record<string, unknown>) {
    return changeEvent(this.ids, this.clock, { source: 'api/manual', actor }, type, {}, payload);
  }

  private async checkDecoy(password: string): Promise<false> {
    this.decoy ??= this.hasher.hash(this.secrets.newPassword());
    await this.hasher.verify(await this.decoy, password);
    return false;
  }
}

function locked(until: Instant, now: Instant): AppError {
  const seconds = Math.max(1, Math.ceil((until - now) / 1000));
  return new AppError(
    'AUTH_LOCKED',
    `too many failed logins: the account is locked for ${Math.ceil(seconds / 60)} more minutes`,
    { retry_after_seconds: seconds },
  );
}
