import { expect, it } from 'vitest';
import { NodeSecrets } from '../../adapters/crypto/node-secrets.js';
import { UuidV7Generator } from '../../adapters/ids/uuid-v7-generator.js';
import { describeEachDialect, useTestStore } from '../../test-support/dialects.js';
import { MINUTE, T0 } from '../../test-support/record-factories.js';
import type { Requester } from '../audit-draft.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import { DEFAULT_ACCESS_POLICY } from './access-policy.js';
import { Authenticator } from './authenticator.js';
import { LoginService } from './login-service.js';
import { TokenService } from './token-service.js';
import { UserService } from './user-service.js';

/** The real secrets, counting the digests taken. */
class CountingSecrets extends NodeSecrets {
  digests = 0;
  override digest(secret: string): string {
    this.digests += 1;
    return super.digest(secret);
  }
}

const plainHasher: PasswordHasher = {
  hash: async (password) => `plain:${password}`,
  verify: async (hash, password) => hash === `plain:${password}`,
};

const ADMIN: Requester = { source: 'api/manual', actor: 'admin' };

describeEachDialect('checking a presented credential', (dialect) => {
  const ctx = useTestStore(dialect);

  function setUp() {
    const store = ctx.db.store;
    const secrets = new CountingSecrets();
    const ids = new UuidV7Generator(ctx.clock);
    return {
      store,
      secrets,
      authenticator: new Authenticator(store, secrets, ctx.clock),
      tokens: new TokenService(store, secrets, ids, ctx.clock),
      users: new UserService(store, plainHasher, secrets, ids, ctx.clock),
      logins: new LoginService(store, plainHasher, secrets, ids, ctx.clock, DEFAULT_ACCESS_POLICY),
    };
  }

  it('takes one digest of an API token and notes its use at most once a minute', async () => {
    const { store, secrets, authenticator, tokens } = setUp();
    const { token, secret } = await tokens.create({ name: 'ci', role: 'operator' }, ADMIN);

    secrets.digests = 0;
    expect(await authenticator.authenticate(secret, 'bearer')).toMatchObject({
      kind: 'api_token',
      name: 'token:ci',
      role: 'operator',
      tokenId: token.id,
    });
    expect(secrets.digests).toBe(1);
    expect((await store.tokens.get(token.id))!.lastUsedAt).toBe(T0);

    ctx.clock.advance(MINUTE / 2);
    await authenticator.authenticate(secret, 'bearer');
    expect((await store.tokens.get(token.id))!.lastUsedAt).toBe(T0);

    ctx.clock.advance(MINUTE);
    await authenticator.authenticate(secret, 'bearer');
    expect((await store.tokens.get(token.id))!.lastUsedAt).toBe(T0 + (3 * MINUTE) / 2);
  });

  it('refuses a revoked token and leaves its row as the revocation wrote it', async () => {
    const { store, authenticator, tokens } = setUp();
    const { token, secret } = await tokens.create({ name: 'ci', role: 'viewer' }, ADMIN);
    const revoked = await tokens.revoke(token.id, ADMIN);

    expect(await authenticator.authenticate(secret, 'bearer')).toBeNull();
    expect(await store.tokens.get(token.id)).toEqual(revoked);
  });

  it('takes one digest of a session cookie and names its user', async () => {
    const { secrets, authenticator, users, logins } = setUp();
    await users.create({ username: 'ann', password: 'ann-password', role: 'operator' }, ADMIN);
    const login = await logins.login({
      username: 'ann',
      password: 'ann-password',
      kind: 'session',
      ip: '::1',
    });

    secrets.digests = 0;
    expect(await authenticator.authenticate(login.secret, 'cookie')).toMatchObject({
      kind: 'session',
      name: 'ann',
      role: 'operator',
      sessionHash: login.principal.sessionHash,
    });
    expect(secrets.digests).toBe(1);
    expect(await authenticator.authenticate(login.secret, 'bearer')).toBeNull();
  });
});
