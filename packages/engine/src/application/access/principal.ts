import type { Role } from '@ballast/contracts';
import type { Instant } from '../../domain/ids.js';

/** Who made a request, once their credential checked out. */
export interface Principal {
  readonly kind: 'session' | 'bearer' | 'api_token';
  /** What the audit trail records as the actor: the username, or `token:NAME`. */
  readonly name: string;
  readonly role: Role;
  readonly userId: string | null;
  readonly tokenId: string | null;
  /** The digest of the session or login token presented (for logout). */
  readonly sessionHash: string | null;
  /** Set for console sessions: state-changing requests must repeat it. */
  readonly csrfToken: string | null;
  readonly expiresAt: Instant | null;
  /** Accepted from memory while the database is unreachable: reads only. */
  readonly degraded?: boolean;
}

/** The actor of a token in the audit trail; usernames cannot contain a colon, so the two never clash. */
export const tokenActor = (name: string) => `token:${name}`;
