import type { Instant } from '../../domain/ids.js';
import type { Clock } from '../ports/clock.js';
import type { Secrets } from '../ports/secrets.js';
import type { Store } from '../ports/store.js';
import type { ApiTokenRecord } from '../records.js';
import { type Principal, tokenActor } from './principal.js';

/** A token's last use is written at most this often, so reads never queue behind the trading writes. */
const LAST_USED_EVERY_MS = 60_000;
/**
 * While the database cannot be reached, a credential it confirmed this recently still reads (the
 * worker status, health): an outage must not blind the operator. Nothing can change meanwhile anyway.
 */
const OUTAGE_GRACE_MS = 10 * 60_000;

export const API_TOKEN_PREFIX = 'blt_';
export const SESSION_PREFIX = 'bls_';

/**
 * Turns a presented secret (a bearer token or the session cookie) into who it belongs to, or null:
 * unknown, expired, revoked, or its user disabled. Only digests are looked up.
 */
export class Authenticator {
  private readonly lastUseWritten = new Map<string, Instant>();
  private readonly confirmed = new Map<string, { principal: Principal; at: Instant }>();

  constructor(
    private readonly store: Store,
    private readonly secrets: Secrets,
    private readonly clock: Clock,
  ) {}

  async authenticate(secret: string, via: 'bearer' | 'cookie'): Promise<Principal | null> {
    // One digest per request: it keys the outage memory and is what the database is asked for.
    const hash = this.secrets.digest(secret);
    const key = `${via}:${hash}`;
    try {
      const principal =
        via === 'bearer' && secret.startsWith(API_TOKEN_PREFIX)
          ? await this.apiToken(hash)
          : secret.startsWith(SESSION_PREFIX)
            ? await this.session(hash, via)
            : null;
      if (principal) this.remember(key, principal);
      else this.confirmed.delete(key);
      return principal;
    } catch (error) {
      const known = this.confirmed.get(key);
      if (known && this.clock.now() - known.at < OUTAGE_GRACE_MS)
        return { ...known.principal, degraded: true };
      throw error;
    }
  }

  private remember(key: string, principal: Principal): void {
    this.confirmed.set(key, { principal, at: this.clock.now() });
    if (this.confirmed.size > 10_000) this.confirmed.delete(this.confirmed.keys().next().value!);
  }

  private async apiToken(hash: string): Promise<Principal | null> {
    const token = await this.store.tokens.getByHash(hash);
    const now = this.clock.now();
    if (!token || token.revokedAt !== null || (token.expiresAt !== null && token.expiresAt <= now))
      return null;
    await this.noteUse(token, now);
    return {
      kind: 'api_token',
      name: tokenActor(token.name),
      role: token.role,
      userId: null,
      tokenId: token.id,
      sessionHash: null,
      csrfToken: null,
      expiresAt: token.expiresAt,
    };
  }

  /** Two indexed reads: the session, then its user, so a disabled user or a new role counts at once. */
  private async session(hash: string, via: 'bearer' | 'cookie'): Promise<Principal | null> {
    const session = await this.store.sessions.getByHash(hash);
    const now = this.clock.now();
    if (!session || session.revokedAt !== null || session.expiresAt <= now) return null;
    // A cookie session is only good as a cookie, a login token only as a bearer token.
    if ((session.kind === 'session') !== (via === 'cookie')) return null;
    const user = await this.store.users.get(session.userId);
    if (!user || user.disabled) return null;
    return {
      kind: session.kind,
      name: user.username,
      role: user.role,
      userId: user.id,
      tokenId: null,
      sessionHash: hash,
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt,
    };
  }

  /** One single-column update, at most once a minute; it never touches a revoked token. */
  private async noteUse(token: ApiTokenRecord, now: Instant): Promise<void> {
    const last = this.lastUseWritten.get(token.id) ?? token.lastUsedAt ?? 0;
    if (now - last < LAST_USED_EVERY_MS) return;
    this.lastUseWritten.set(token.id, now);
    await this.store.tokens.touchLastUsed(token.id, now);
  }
}
