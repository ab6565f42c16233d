import { expect, it } from 'vitest';
import { NodeSecrets } from '../../adapters/crypto/node-secrets.js';
import { UuidV7Generator } from '../../adapters/ids/uuid-v7-generator.js';
import { describeEachDialect, useTestStore } from '../../test-support/dialects.js';
import type { Requester } from '../audit-draft.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import { DEFAULT_ACCESS_POLICY } from './access-policy.js';
import { LoginService } from './login-service.js';
import { UserService } from './user-service.js';

/**
 * Hashes as plain text; `hold()` keeps the next verify pending until the test releases it, which
 * stands for the ~50 ms Argon2 takes: the window in which an admin can change the user.
 */
class HeldPasswordHasher implements PasswordHasher {
  private held: { started: () => void; gate: Promise<void> } | null = null;

  async hash(password: string): Promise<string> {
    return `plain:${password}`;
  }

  async verify(hash: string, password: string): Promise<boolean> {
    const held = this.held;
    this.held = null;
    if (held) {
      held.started();
      await held.gate;
    }
    return hash === `plain:${password}`;
  }

  hold(): { verifying: Promise<void>; release: () => void } {
    let release!: () => void;
    let started!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const verifying = new Promise<void>((resolve) => {
      started = resolve;
    });
    this.held = { started, gate };
    return { verifying, release };
  }
}

const ADMIN: Requester = { source: 'api/manual', actor: 'admin' };
const ANN: Requester = { source: 'api/manual', actor: 'ann' };

describeEachDialect('an admin change made while a password is being verified', (dialect) => {
  const ctx = useTestStore(dialect);

  async function setUp() {
    const store = ctx.db.store;
    const hasher = new HeldPasswordHasher();
    const secrets = new NodeSecrets();
    const ids = new UuidV7Generator(ctx.clock);
    const users = new UserService(store, hasher, secrets, ids, ctx.clock);
    const logins = new LoginService(store, hasher, secrets, ids, ctx.clock, DEFAULT_ACCESS_POLICY);
    await users.create({ username: 'admin', password: 'admin-password', role: 'admin' }, ADMIN);
    const ann = await users.create({ username: 'ann', password: 'ann-password', role: 'operator' }, ADMIN);
    const annNow = async () => (await store.users.getByName('ann'))!;
    const sessionCount = async () => Number((await ctx.db.query('SELECT COUNT(*) AS n FROM sessions'))[0]!.n);
    const annLogsIn = () =>
      logins.login({ username: 'ann', password: 'ann-password', kind: 'session', ip: '127.0.0.1' });
    return { store, hasher, users, ann, annNow, sessionCount, annLogsIn };
  }

  it('keeps out a user disabled meanwhile, and keeps them disabled', async () => {
    const { store, hasher, users, annNow, sessionCount, annLogsIn } = await setUp();
    const { verifying, release } = hasher.hold();
    const login = annLogsIn();
    await verifying;
    await users.update('ann', { disabled: true }, ADMIN);
    release();

    await expect(login).rejects.toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS' });
    expect((await annNow()).disabled).toBe(true);
    expect(await sessionCount()).toBe(0);
    const last = await store.audit.get(await store.audit.lastSeq());
    expect(last).toMatchObject({ type: 'LoginFailed', actor: 'ann', payload: { reason: 'user disabled' } });
  });

  it('keeps a role changed meanwhile, and the session carries the new role', async () => {
    const { hasher, users, annNow, annLogsIn } = await setUp();
    const { verifying, release } = hasher.hold();
    const login = annLogsIn();
    await verifying;
    await users.update('ann', { role: 'viewer' }, ADMIN);
    release();

    expect((await login).principal).toMatchObject({ name: 'ann', role: 'viewer' });
    expect((await annNow()).role).toBe('viewer');
  });

  it('refuses the old password once an admin set a new one meanwhile', async () => {
    const { hasher, users, annNow, sessionCount, annLogsIn } = await setUp();
    const { verifying, release } = hasher.hold();
    const login = annLogsIn();
    await verifying;
    await users.update('ann', { password: 'reset-by-admin' }, ADMIN);
    release();

    await expect(login).rejects.toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS' });
    expect((await annNow()).passwordHash).toBe('plain:reset-by-admin');
    expect(await sessionCount()).toBe(0);
  });

  it('changes nothing when the user is disabled while changing their own password', async () => {
    const { hasher, users, ann, annNow } = await setUp();
    const { verifying, release } = hasher.hold();
    const change = users.changeOwnPassword(ann.id, 'ann-password', 'ann-new-password', ANN);
    await verifying;
    await users.update('ann', { disabled: true }, ADMIN);
    release();

    await expect(change).rejects.toMatchObject({ code: 'AUTH_INVALID' });
    expect(await annNow()).toMatchObject({ disabled: true, passwordHash: 'plain:ann-password' });
  });
});
