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
      return this.refuse(attempt, user, why, now);
    }
    const opened = await this.openSession(user, attempt);
    if ('secret' in opened) return opened;
    if (opened.lockedUntil !== null) {
      await this.recordFailure(attempt, user, opened.reason);
      throw locked(opened.lockedUntil, now);
    }
    return this.refuse(attempt, user, opened.reason, now);
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

  /**
   * Opens the session, unless the user changed while the password was being verified (an admin
   * disabled them or reset their password, or failures locked them out): the row is read again in
   * the transaction, and the login writes only onto that fresh row, so it never reverts the change.
   */
  private async openSession(user: UserRecord, attempt: LoginAttempt): Promise<LoggedIn | Refusal> {
    const now = this.clock.now();
    const secret = this.secrets.newSecret(SESSION_PREFIX);
    const csrfToken = attempt.kind === 'session' ? this.secrets.newSecret('') : null;
    const expiresAt = now + this.policy.sessionHours * HOUR_MS;
    const hash = this.secrets.digest(secret);
    const outcome = await this.store.transaction(async (tx): Promise<UserRecord | Refusal> => {
      const fresh = await tx.users.get(user.id);
      if (!fresh) return { reason: 'unknown user', lockedUntil: null };
      const refusal = refusalOf(fresh, user, now);
      if (refusal) return refusal;
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
      await tx.users.update({ ...fresh, failedLogins: 0, lockedUntil: null, lastLoginAt: now });
      await tx.audit.append([
        this.event(fresh.username, 'LoginSucceeded', { kind: attempt.kind, ip: attempt.ip }),
      ]);
      return fresh;
    });
    if ('reason' in outcome) return outcome;
    return {
      secret,
      csrfToken,
      expiresAt,
      principal: {
        kind: attempt.kind,
        name: outcome.username,
        role: outcome.role,
        userId: outcome.id,
        tokenId: null,
        sessionHash: hash,
        csrfToken,
        expiresAt,
      },
    };
  }

  /** Records a failed login and refuses it (as locked, when this failure locked the account). */
  private async refuse(
    attempt: LoginAttempt,
    user: UserRecord | null,
    why: string,
    now: Instant,
  ): Promise<never> {
    const lockedNow = await this.recordFailure(attempt, user, why);
    if (lockedNow) throw locked(lockedNow, now);
    throw refused();
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

/** Why a login whose password checked out is refused after all. */
interface Refusal {
  readonly reason: string;
  /** Set when failures locked the account while the password was being verified. */
  readonly lockedUntil: Instant | null;
}

/** What changed about `seen` (the row the password was verified against) by the time `fresh` was read. */
function refusalOf(fresh: UserRecord, seen: UserRecord, now: Instant): Refusal | null {
  if (fresh.disabled) return { reason: 'user disabled', lockedUntil: null };
  // An admin set a new password meanwhile: the one just verified no longer opens the account.
  if (fresh.passwordHash !== seen.passwordHash) return { reason: 'wrong password', lockedUntil: null };
  if (fresh.lockedUntil && fresh.lockedUntil > now)
    return { reason: 'account locked after repeated failures', lockedUntil: fresh.lockedUntil };
  return null;
}

function locked(until: Instant, now: Instant): AppError {
  const seconds = Math.max(1, Math.ceil((until - now) / 1000));
  return new AppError(
    'AUTH_LOCKED',
    `too many failed logins: the account is locked for ${Math.ceil(seconds / 60)} more minutes`,
    { retry_after_seconds: seconds },
  );
}
