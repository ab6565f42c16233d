import type { Role } from '@ballast/contracts';
import type { Selectable } from 'kysely';
import type { ApiTokenRepository } from '../../application/ports/store.js';
import type { ApiTokenRecord } from '../../application/records.js';
import type { Instant } from '../../domain/ids.js';
import type { ApiTokensTable } from './database-schema.js';
import type { DbExecutor } from './db-executor.js';
import { instant, instantOrNull, iso, isoOrNull } from './row-codecs.js';

function fromRow(r: Selectable<ApiTokensTable>): ApiTokenRecord {
  return {
    id: r.id,
    name: r.name,
    role: r.role as Role,
    tokenHash: r.token_hash,
    createdBy: r.created_by,
    createdAt: instant(r.created_at),
    expiresAt: instantOrNull(r.expires_at),
    revokedAt: instantOrNull(r.revoked_at),
    lastUsedAt: instantOrNull(r.last_used_at),
  };
}

function toRow(t: ApiTokenRecord): Selectable<ApiTokensTable> {
  return {
    id: t.id,
    name: t.name,
    role: t.role,
    token_hash: t.tokenHash,
    created_by: t.createdBy,
    created_at: iso(t.createdAt),
    expires_at: isoOrNull(t.expiresAt),
    revoked_at: isoOrNull(t.revokedAt),
    last_used_at: isoOrNull(t.lastUsedAt),
  };
}

export class KyselyApiTokenRepository implements ApiTokenRepository {
  constructor(private readonly db: DbExecutor) {}

  async insert(t: ApiTokenRecord): Promise<void> {
    await this.db.insertInto('api_tokens').values(toRow(t)).execute();
  }

  async update(t: ApiTokenRecord): Promise<void> {
    const { id, ...values } = toRow(t);
    await this.db.updateTable('api_tokens').set(values).where('id', '=', id).execute();
  }

  async touchLastUsed(id: string, at: Instant): Promise<void> {
    await this.db
      .updateTable('api_tokens')
      .set({ last_used_at: iso(at) })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
  }

  async get(id: string): Promise<ApiTokenRecord | null> {
    const row = await this.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : null;
  }

  async getByName(name: string): Promise<ApiTokenRecord | null> {
    const row = await this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirst();
    return row ? fromRow(row) : null;
  }

  async getByHash(tokenHash: string): Promise<ApiTokenRecord | null> {
    const row = await this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row ? fromRow(row) : null;
  }

  async list(): Promise<ApiTokenRecord[]> {
    return (await this.db.selectFrom('api_tokens').selectAll().orderBy('created_at', 'desc').execute()).map(
      fromRow,
    );
  }
}
