import type { CreateTokenBody } from '@ballast/contracts';
import { AppError } from '../app-error.js';
import { changeEvent, type Requester } from '../audit-draft.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { Secrets } from '../ports/secrets.js';
import type { Store } from '../ports/store.js';
import type { ApiTokenRecord } from '../records.js';
import { API_TOKEN_PREFIX } from './authenticator.js';

/** Named API tokens for scripts and other programs; the secret is shown once, only its digest is kept. */
export class TokenService {
  constructor(
    private readonly store: Store,
    private readonly secrets: Secrets,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  list(): Promise<ApiTokenRecord[]> {
    return this.store.tokens.list();
  }

  async create(body: CreateTokenBody, by: Requester): Promise<{ token: ApiTokenRecord; secret: string }> {
    const now = this.clock.now();
    const expiresAt = body.expires_at === undefined ? null : Date.parse(body.expires_at);
    if (expiresAt !== null && expiresAt <= now)
      throw new AppError('VALIDATION_FAILED', 'expires_at must be in the future', [
        { field: 'expires_at', message: 'must be in the future' },
      ]);
    const secret = this.secrets.newSecret(API_TOKEN_PREFIX);
    const token: ApiTokenRecord = {
      id: this.ids.next(),
      name: body.name,
      role: body.role,
      tokenHash: this.secrets.digest(secret),
      createdBy: by.actor,
      createdAt: now,
      expiresAt,
      revokedAt: null,
      lastUsedAt: null,
    };
    const recorded = await this.store.transaction(async (tx) => {
      if (await tx.tokens.getByName(body.name))
        throw new AppError('TOKEN_EXISTS', `a token named ${body.name} already exists`, [
          { field: 'name', message: 'is taken' },
        ]);
      await tx.tokens.insert(token);
      return tx.audit.append([
        changeEvent(
          this.ids,
          this.clock,
          by,
          'TokenCreated',
          {},
          {
            token_id: token.id,
            name: token.name,
            role: token.role,
            expires_at: body.expires_at ?? null,
          },
        ),
      ]);
    });
    by.onRecorded?.(recorded);
    return { token, secret };
  }

  /** Revokes by id or by name; revoking twice is refused, so the audit trail shows one revocation. */
  async revoke(idOrName: string, by: Requester): Promise<ApiTokenRecord> {
    const { token, recorded } = await this.store.transaction(async (tx) => {
      const found = (await tx.tokens.get(idOrName)) ?? (await tx.tokens.getByName(idOrName));
      if (!found) throw new AppError('TOKEN_NOT_FOUND', `token ${idOrName} does not exist`, { id: idOrName });
      if (found.revokedAt !== null)
        throw new AppError('TOKEN_REVOKED', `token ${found.name} was already revoked`, { id: found.id });
      const revoked = { ...found, revokedAt: this.clock.now() };
      await tx.tokens.update(revoked);
      const events = await tx.audit.append([
        changeEvent(this.ids, this.clock, by, 'TokenRevoked', {}, { token_id: found.id, name: found.name }),
      ]);
      return { token: revoked, recorded: events };
    });
    by.onRecorded?.(recorded);
    return token;
  }
}
