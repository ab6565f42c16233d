import { expect, it } from 'vitest';
import { describeEachDialect, useTestStore } from '../../test-support/dialects.js';
import { MINUTE, makeSession, makeToken, makeUser, plain, T0 } from '../../test-support/record-factories.js';

describeEachDialect('the user repository', (dialect) => {
  const ctx = useTestStore(dialect);
  const users = () => ctx.db.store.users;

  it('stores users, finds them by id or name, and lists them by name', async () => {
    expect(await users().count()).toBe(0);
    const zoe = makeUser({ username: 'zoe', role: 'admin', lastLoginAt: T0 });
    const ann = makeUser({ username: 'ann', disabled: true, failedLogins: 4, lockedUntil: T0 + MINUTE });
    await users().insert(zoe);
    await users().insert(ann);
    expect(plain(await users().get(zoe.id))).toEqual(plain(zoe));
    expect(plain(await users().getByName('ann'))).toEqual(plain(ann));
    expect(await users().getByName('nobody')).toBeNull();
    expect(await users().get('user-missing')).toBeNull();
    expect((await users().list()).map((u) => u.username)).toEqual(['ann', 'zoe']);
    expect(await users().count()).toBe(2);
  });

  it('updates a user and refuses a second one with the same name', async () => {
    const ann = makeUser({ username: 'ann' });
    await users().insert(ann);
    const changed = { ...ann, role: 'viewer' as const, failedLogins: 0, updatedAt: T0 + MINUTE };
    await users().update(changed);
    expect(plain(await users().get(ann.id))).toEqual(plain(changed));
    await expect(users().insert(makeUser({ username: 'ann' }))).rejects.toThrow();
  });
});

describeEachDialect('the API token repository', (dialect) => {
  const ctx = useTestStore(dialect);
  const tokens = () => ctx.db.store.tokens;

  it('stores tokens, finds them by id, name and hash, and lists the newest first', async () => {
    const old = makeToken({ name: 'ci', createdAt: T0, expiresAt: T0 + 60 * MINUTE });
    const fresh = makeToken({ name: 'grafana', role: 'operator', createdAt: T0 + MINUTE });
    await tokens().insert(old);
    await tokens().insert(fresh);
    expect(plain(await tokens().get(old.id))).toEqual(plain(old));
    expect(plain(await tokens().getByName('grafana'))).toEqual(plain(fresh));
    expect(plain(await tokens().getByHash(old.tokenHash))).toEqual(plain(old));
    expect(await tokens().getByHash('sha256-unknown')).toBeNull();
    expect(await tokens().getByName('unknown')).toBeNull();
    expect((await tokens().list()).map((t) => t.name)).toEqual(['grafana', 'ci']);
  });

  it('records revocation and last use, and refuses a duplicate name or hash', async () => {
    const t = makeToken({ name: 'ci' });
    await tokens().insert(t);
    const used = { ...t, lastUsedAt: T0 + MINUTE, revokedAt: T0 + 2 * MINUTE };
    await tokens().update(used);
    expect(plain(await tokens().get(t.id))).toEqual(plain(used));
    await expect(tokens().insert(makeToken({ name: 'ci' }))).rejects.toThrow();
    await expect(tokens().insert(makeToken({ tokenHash: t.tokenHash }))).rejects.toThrow();
  });

  it('touches the last use of a live token, and of nothing else', async () => {
    const live = makeToken({ name: 'ci', lastUsedAt: T0 });
    const revoked = makeToken({ name: 'old', revokedAt: T0 + MINUTE });
    await tokens().insert(live);
    await tokens().insert(revoked);
    await tokens().touchLastUsed(live.id, T0 + 5 * MINUTE);
    await tokens().touchLastUsed(revoked.id, T0 + 5 * MINUTE);
    await tokens().touchLastUsed('token-missing', T0 + 5 * MINUTE);
    expect(plain(await tokens().get(live.id))).toEqual(plain({ ...live, lastUsedAt: T0 + 5 * MINUTE }));
    expect(plain(await tokens().get(revoked.id))).toEqual(plain(revoked));
  });
});

describeEachDialect('the session repository', (dialect) => {
  const ctx = useTestStore(dialect);
  const sessions = () => ctx.db.store.sessions;

  async function withUsers() {
    const [ann, bob] = [makeUser({ username: 'ann' }), makeUser({ username: 'bob' })];
    await ctx.db.store.users.insert(ann);
    await ctx.db.store.users.insert(bob);
    return { ann, bob };
  }

  it('stores a session by the hash of its secret', async () => {
    const { ann } = await withUsers();
    const cookie = makeSession(ann);
    const bearer = makeSession(ann, { kind: 'bearer', csrfToken: null });
    await sessions().insert(cookie);
    await sessions().insert(bearer);
    expect(plain(await sessions().getByHash(cookie.tokenHash))).toEqual(plain(cookie));
    expect(plain(await sessions().getByHash(bearer.tokenHash))).toEqual(plain(bearer));
    expect(await sessions().getByHash('unknown')).toBeNull();
  });

  it('revokes one session, or all of a user, keeping the first revocation time', async () => {
    const { ann, bob } = await withUsers();
    const [a1, a2, b1] = [makeSession(ann), makeSession(ann), makeSession(bob)];
    for (const s of [a1, a2, b1]) await sessions().insert(s);
    await sessions().revoke(a1.tokenHash, T0 + MINUTE);
    await sessions().revokeAllOf(ann.id, T0 + 2 * MINUTE);
    expect((await sessions().getByHash(a1.tokenHash))!.revokedAt).toBe(T0 + MINUTE);
    expect((await sessions().getByHash(a2.tokenHash))!.revokedAt).toBe(T0 + 2 * MINUTE);
    expect((await sessions().getByHash(b1.tokenHash))!.revokedAt).toBeNull();
  });

  it('deletes the sessions that ended before a time, and says how many', async () => {
    const { ann } = await withUsers();
    const expired = makeSession(ann, { expiresAt: T0 + MINUTE });
    const revoked = makeSession(ann, { revokedAt: T0 + MINUTE });
    const live = makeSession(ann, { expiresAt: T0 + 60 * MINUTE });
    const revokedLater = makeSession(ann, { revokedAt: T0 + 30 * MINUTE });
    for (const s of [expired, revoked, live, revokedLater]) await sessions().insert(s);
    expect(await sessions().deleteEnded(T0 + 10 * MINUTE)).toBe(2);
    expect(await sessions().getByHash(expired.tokenHash)).toBeNull();
    expect(await sessions().getByHash(revoked.tokenHash)).toBeNull();
    expect(await sessions().getByHash(live.tokenHash)).not.toBeNull();
    expect(await sessions().getByHash(revokedLater.tokenHash)).not.toBeNull();
    expect(await sessions().deleteEnded(T0 + 10 * MINUTE)).toBe(0);
  });
});
