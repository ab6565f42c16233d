import type { Selectable } from 'kysely';
import type { SessionRepository } from '../../application/ports/store.js';
import type { SessionRecord } from '../../application/records.js';
import type { Instant } from '../../domain/ids.js';
import type { SessionsTable } from './database-schema.js';
import type { DbExecutor } from './db-executor.js';
import { instant, instantOrNull, iso, isoOrNull } from './row-codecs.js';

function fromRow(r: Selectable<SessionsTable>): SessionRecord {
  return {
    tokenHash: r.token_hash,
    userId: r.user_id,
    kind: r.kind as SessionRecord['kind'],
    csrfToken: r.csrf_token,
    createdAt: instant(r.created_at),
    expiresAt: instant(r.expires_at),
    revokedAt: instantOrNull(r.revoked_at),
  };
}

export class KyselySessionRepository implements SessionRepository {
  constructor(private readonly db: DbExecutor) {}

  async insert(s: SessionRecord): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        token_hash: s.tokenHash,
        user_id: s.userId,
        kind: s.kind,
        csrf_token: s.csrfToken,
        created_at: iso(s.createdAt),
        expires_at: iso(s.expiresAt),
        revoked_at: isoOrNull(s.revokedAt),
      })
      .execute();
  }

  async getByHash(tokenHash: string): Promise<SessionRecord | null> {
    const row = await this.db
      .selectFrom('sessions')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row ? fromRow(row) : null;
  }

  async revoke(tokenHash: string, at: Instant): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ revoked_at: iso(at) })
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .execute();
  }

  async revokeAllOf(userId: string, at: Instant): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ revoked_at: iso(at) })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  async deleteEnded(before: Instant): Promise<number> {
    const cutoff = iso(before);
    const result = await this.db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('expires_at', '<', cutoff), eb('revoked_at', '<', cutoff)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
