import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminAuth, buildHarnessApp, type Harness, startHarness } from '../test-support/engine-harness.js';

const SYSTEM = { source: 'system' as const, actor: 'test setup' };
const PASSWORD = 'olivia-operates-2026';

import { describeEachDialect } from '../test-support/dialects.js';

describeEachDialect('access through the API', (dialect) => {
  let h: Harness;
  let app: Awaited<ReturnType<typeof buildHarnessApp>>;

  beforeEach(async () => {
    h = await startHarness({ dialect });
    app = await buildHarnessApp(h, { access: { loginAttemptsPerMinute: 1_000, maxFailedLogins: 3 } });
    await app.access.users.create({ username: 'olivia', password: PASSWORD, role: 'operator' }, SYSTEM);
  });
  afterEach(async () => {
    await app.close();
    await h.close();
  });

  async function send(
    target: FastifyInstance,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    options: { payload?: object; headers?: Record<string, string> } = {},
  ) {
    const res = await target.inject({ method, url, headers: options.headers, payload: options.payload });
    return {
      status: res.statusCode,
      headers: res.headers,
      body: res.body ? res.json() : null,
      text: res.body,
    };
  }

  const login = (password = PASSWORD, username = 'olivia') =>
    send(app, 'POST', '/v1/auth/login', { payload: { username, password } });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const events = async (type: string) =>
    (await send(app, 'GET', `/v1/events?type=${type}`, { headers: adminAuth(app) })).body.items;

  describe('logging in with a password', () => {
    it('gives a bearer token that acts as the user, and records who logged in', async () => {
      const res = await login();
      expect(res.status).toBe(200);
      expect(res.body.user).toEqual({ name: 'olivia', role: 'operator', kind: 'bearer' });
      const run = await send(app, 'POST', '/v1/trading/cycle', { headers: bearer(res.body.token) });
      expect(run.status).toBe(200);
      expect(run.body.actor).toBe('olivia');
      const [event] = await events('LoginSucceeded');
      expect(event).toMatchObject({ actor: 'olivia', source: 'api/manual', payload: { kind: 'bearer' } });
    });

    it('refuses a wrong password and an unknown user alike, and records both attempts', async () => {
      const wrong = await login('not-her-password');
      const unknown = await login(PASSWORD, 'mallory');
      for (const res of [wrong, unknown]) {
        expect(res.status).toBe(401);
        expect(res.body.error).toEqual({
          code: 'AUTH_INVALID_CREDENTIALS',
          message: 'wrong username or password',
        });
      }
      const failed = await events('LoginFailed');
      const who = (e: { actor: string; payload: { username: string; reason: string } }) => [
        e.actor,
        e.payload.username,
        e.payload.reason,
      ];
      // A name that belongs to nobody is not an actor: anyone can type `token:ci` into a login form.
      expect(failed.map(who)).toEqual([
        ['anonymous', 'mallory', 'unknown user'],
        ['olivia', 'olivia', 'wrong password'],
      ]);
    });

    it('locks the account after repeated failures, even for the right password, until the lock ends', async () => {
      for (let i = 0; i < 2; i++) expect((await login('guess')).status).toBe(401);
      const third = await login('guess');
      expect(third.status).toBe(429);
      expect(third.body.error.code).toBe('AUTH_LOCKED');
      expect(third.headers['retry-after']).toBe('900');
      expect((await login()).body.error.code).toBe('AUTH_LOCKED');
      h.clock.advance(15 * 60_000 + 1);
      expect((await login()).status).toBe(200);
      const [lock] = (await events('LoginFailed')).filter(
        (e: { payload: { locked_until: unknown } }) => e.payload.locked_until,
      );
      expect(lock.actor).toBe('olivia');
    });

    it('slows one address down whatever usernames it tries', async () => {
      const limited = await buildHarnessApp(h, { access: { loginAttemptsPerMinute: 3 } });
      const attempt = (username: string) =>
        send(limited, 'POST', '/v1/auth/login', { payload: { username, password: 'x' } });
      for (const name of ['a', 'b', 'c']) expect((await attempt(name)).status).toBe(401);
      const seqBefore = await h.store.audit.lastSeq();
      const fourth = await attempt('d');
      expect(fourth.status).toBe(429);
      expect(fourth.body.error.code).toBe('AUTH_RATE_LIMITED');
      expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(0);
      expect(await h.store.audit.lastSeq()).toBe(seqBefore);
      await limited.close();
    });
  });

  describe('the console session', () => {
    async function consoleLogin() {
      const res = await send(app, 'POST', '/v1/auth/session', {
        payload: { username: 'olivia', password: PASSWORD },
      });
      expect(res.status).toBe(200);
      const cookie = String(res.headers['set-cookie']);
      expect(cookie).toMatch(
        /^ballast_session=bls_[\w-]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/,
      );
      return { cookie: cookie.split(';')[0]!, csrf: res.body.csrf_token as string };
    }

    it('is an httpOnly cookie that reads freely and changes only with its CSRF token', async () => {
      const { cookie, csrf } = await consoleLogin();
      const me = await send(app, 'GET', '/v1/auth/session', { headers: { cookie } });
      expect(me.body).toMatchObject({ user: { name: 'olivia', kind: 'session' }, csrf_token: csrf });
      const forged = await send(app, 'PUT', '/v1/trading/worker', {
        headers: { cookie },
        payload: { enabled: false },
      });
      expect(forged.status).toBe(403);
      expect(forged.body.error.code).toBe('AUTH_CSRF_INVALID');
      const real = await send(app, 'PUT', '/v1/trading/worker', {
        headers: { cookie, 'x-csrf-token': csrf },
        payload: { enabled: false },
      });
      expect(real.status).toBe(200);
      expect(real.body.settings_updated_by).toBe('olivia');
    });

    it('ends on logout: the cookie no longer works and is cleared', async () => {
      const { cookie, csrf } = await consoleLogin();
      const out = await send(app, 'DELETE', '/v1/auth/session', {
        headers: { cookie, 'x-csrf-token': csrf },
      });
      expect(out.status).toBe(204);
      const after = await send(app, 'GET', '/v1/auth/session', { headers: { cookie } });
      expect(after.status).toBe(401);
      expect(after.body.error.code).toBe('AUTH_INVALID');
      expect(String(after.headers['set-cookie'])).toContain(
        'ballast_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0',
      );
      expect((await events('LoggedOut'))[0]).toMatchObject({ actor: 'olivia' });
    });

    it('ends everywhere when an admin disables the user or sets a new password', async () => {
      const first = await consoleLogin();
      const token = (await login()).body.token as string;
      const disabled = await send(app, 'PATCH', '/v1/users/olivia', {
        headers: adminAuth(app),
        payload: { disabled: true },
      });
      expect(disabled.body).toMatchObject({ username: 'olivia', disabled: true });
      expect((await send(app, 'GET', '/v1/auth/session', { headers: { cookie: first.cookie } })).status).toBe(
        401,
      );
      expect((await send(app, 'GET', '/v1/auth/session', { headers: bearer(token) })).status).toBe(401);
      expect((await login()).status).toBe(401);
      await send(app, 'PATCH', '/v1/users/olivia', { headers: adminAuth(app), payload: { disabled: false } });
      const again = (await login()).body.token as string;
      const reset = { password: 'a-new-password-for-olivia' };
      expect(
        (await send(app, 'PATCH', '/v1/users/olivia', { headers: adminAuth(app), payload: reset })).status,
      ).toBe(200);
      expect((await send(app, 'GET', '/v1/auth/session', { headers: bearer(again) })).status).toBe(401);
      expect((await login()).status).toBe(401);
      expect((await login(reset.password)).status).toBe(200);
    });

    it('keeps one enabled admin, whatever an admin tries', async () => {
      await app.access.users.create(
        { username: 'root', password: 'the-only-admin-2026', role: 'admin' },
        SYSTEM,
      );
      const res = await send(app, 'PATCH', '/v1/users/root', {
        headers: adminAuth(app),
        payload: { role: 'viewer' },
      });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('USER_LAST_ADMIN');
    });
  });

  describe('named API tokens', () => {
    it('work with their role until revoked, and are shown only when created', async () => {
      const created = await send(app, 'POST', '/v1/tokens', {
        headers: adminAuth(app),
        payload: { name: 'dashboard-script', role: 'viewer' },
      });
      expect(created.status).toBe(201);
      const secret = created.body.token as string;
      expect(secret).toMatch(/^blt_[\w-]{43}$/);
      expect((await send(app, 'GET', '/v1/portfolios', { headers: bearer(secret) })).status).toBe(200);
      const run = await send(app, 'POST', '/v1/trading/cycle', { headers: bearer(secret) });
      expect(run.status).toBe(403);
      expect(run.body.error.message).toBe('this needs the operator role; token:dashboard-script is viewer');
      const list = await send(app, 'GET', '/v1/tokens', { headers: adminAuth(app) });
      expect(list.text).not.toContain(secret);
      expect(list.text).not.toContain(secret.slice(4));
      const revoked = await send(app, 'DELETE', '/v1/tokens/dashboard-script', { headers: adminAuth(app) });
      expect(revoked.body.revoked_at).not.toBeNull();
      expect((await send(app, 'GET', '/v1/portfolios', { headers: bearer(secret) })).status).toBe(401);
      expect((await events('TokenRevoked'))[0]).toMatchObject({ actor: 'token:test-admin' });
    });

    it('stop working when they expire', async () => {
      const expiresAt = new Date(h.clock.now() + 60_000).toISOString();
      const created = await send(app, 'POST', '/v1/tokens', {
        headers: adminAuth(app),
        payload: { name: 'short-lived', role: 'operator', expires_at: expiresAt },
      });
      const secret = created.body.token as string;
      expect((await send(app, 'GET', '/v1/portfolios', { headers: bearer(secret) })).status).toBe(200);
      h.clock.advance(60_001);
      expect((await send(app, 'GET', '/v1/portfolios', { headers: bearer(secret) })).status).toBe(401);
    });
  });

  describe('headers every response carries', () => {
    it('sends security headers, keeps API answers out of caches, and opens no CORS by default', async () => {
      const res = await send(app, 'GET', '/v1/healthz', { headers: { origin: 'https://evil.example' } });
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      });
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['strict-transport-security']).toBeUndefined();
    });
  });

  describe('browsers on other sites', () => {
    it('may call the API only from the origins configured, and never with cookies', async () => {
      const open = await buildHarnessApp(h, { corsOrigins: ['https://ops.example.com'] });
      const preflight = (origin: string) =>
        open.inject({
          method: 'OPTIONS',
          url: '/v1/portfolios',
          headers: {
            origin,
            'access-control-request-method': 'GET',
            'access-control-request-headers': 'authorization',
          },
        });
      const allowed = await preflight('https://ops.example.com');
      expect(allowed.headers['access-control-allow-origin']).toBe('https://ops.example.com');
      expect(String(allowed.headers['access-control-allow-headers'])).toContain('authorization');
      expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();
      const other = await preflight('https://evil.example');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      await open.close();
    });
  });
});
