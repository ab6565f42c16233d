import { ErrorBody } from '@ballast/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ApiResponse, injectRaw } from '../test-support/api-call.js';
import { type DatabaseSnapshots, databaseSnapshots } from '../test-support/database-snapshot.js';
import {
  adminAuth,
  buildHarnessApp,
  type Harness,
  type HarnessFastifyApp,
  OPERATOR,
  startHarness,
} from '../test-support/engine-harness.js';
import { type AddressableRows, addressOf, createOneOfEach, routeLabel } from '../test-support/route-walk.js';
import type { DeclaredRoute, Role } from './roles.js';

/**
 * Issue 4 asks for "every route except healthz/readyz"; logging in cannot need a login, so the two
 * login routes are public too. Anything else made public by mistake fails here.
 */
const PUBLIC_ROUTES = ['GET /v1/healthz', 'GET /v1/readyz', 'POST /v1/auth/login', 'POST /v1/auth/session'];
const ROLES_SMALLEST_FIRST = ['viewer', 'operator', 'admin'] as const;
type UserRole = (typeof ROLES_SMALLEST_FIRST)[number];

let h: Harness;
let app: HarnessFastifyApp;
let rows: AddressableRows;
let snapshots: DatabaseSnapshots;
let as: Record<UserRole, Record<string, string>>;

beforeEach(async () => {
  h = await startHarness();
  app = await buildHarnessApp(h);
  rows = await createOneOfEach(h, app);
  const bearer = async (role: UserRole) => {
    const { secret } = await app.access.tokens.create({ name: `a-${role}`, role }, OPERATOR);
    return { authorization: `Bearer ${secret}` };
  };
  as = { viewer: await bearer('viewer'), operator: await bearer('operator'), admin: adminAuth(app) };
  // A token's first use records when it was used; do that now, so the sweep starts from a still database.
  for (const headers of Object.values(as))
    expect((await injectRaw(app, { method: 'GET', url: '/v1/auth/session', headers })).status).toBe(200);
  snapshots = databaseSnapshots(h.databaseFile);
});
afterEach(async () => {
  snapshots.close();
  await app.close();
  await h.close();
});

const guardedRoutes = () => app.routeTable.filter((r) => r.role !== 'public');
const send = (route: DeclaredRoute, headers: Record<string, string> = {}) =>
  injectRaw(app, { method: route.method, url: addressOf(route, rows), headers });
const rolesBelow = (role: Role) =>
  ROLES_SMALLEST_FIRST.slice(0, ROLES_SMALLEST_FIRST.indexOf(role as UserRole));

/** What a refusal said, in the error shape of DESIGN §7. */
function refusal(res: ApiResponse) {
  const { error } = ErrorBody.parse(res.body);
  return { status: res.status, code: error.code };
}

describe('every /v1 route answers only to the role it declares', () => {
  it('leaves only health, readiness and the two logins public, and they answer without credentials', async () => {
    const publicRoutes = app.routeTable.filter((r) => r.role === 'public');
    expect(publicRoutes.map(routeLabel).sort()).toEqual([...PUBLIC_ROUTES].sort());
    for (const route of publicRoutes) {
      const res = await send(route);
      expect([401, 403], `${routeLabel(route)} answered ${res.status}`).not.toContain(res.status);
    }
  });

  it('refuses every other route without credentials, with unknown ones and with too small a role, changing nothing', async () => {
    const before = snapshots.take();
    const lastSeq = await h.store.audit.lastSeq();
    const answered: string[] = [];
    const expected: string[] = [];
    const check = async (
      route: DeclaredRoute,
      who: string,
      headers: Record<string, string>,
      want: string,
    ) => {
      const { status, code } = refusal(await send(route, headers));
      answered.push(`${routeLabel(route)} as ${who}: ${status} ${code}`);
      expected.push(`${routeLabel(route)} as ${who}: ${want}`);
    };
    for (const route of guardedRoutes()) {
      await check(route, 'nobody', {}, '401 AUTH_REQUIRED');
      await check(route, 'an unknown token', { authorization: 'Bearer blt_not-a-token' }, '401 AUTH_INVALID');
      await check(route, 'an unknown session', { cookie: 'ballast_session=bls_nope' }, '401 AUTH_INVALID');
      for (const role of rolesBelow(route.role)) await check(route, role, as[role], '403 AUTH_FORBIDDEN');
    }
    expect(answered).toEqual(expected);
    expect(await h.store.audit.lastSeq()).toBe(lastSeq);
    expect(snapshots.take()).toEqual(before);
    // Not vacuous: there are routes of every role, so each smaller role was tried and refused somewhere.
    expect([...new Set(guardedRoutes().map((r) => r.role))].sort()).toEqual(['admin', 'operator', 'viewer']);
  });

  it('lets the smallest role each route declares through', async () => {
    const refused: string[] = [];
    for (const route of guardedRoutes()) {
      const res = await send(route, as[route.role as UserRole]);
      if (res.status === 401 || res.status === 403)
        refused.push(`${routeLabel(route)} as ${route.role}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    expect(refused).toEqual([]);
  });
});

describe('a console session cookie', () => {
  async function logIn() {
    const credentials = { username: 'console-operator', password: 'console password, long enough' };
    await app.access.users.create({ ...credentials, role: 'operator' }, OPERATOR);
    const res = await injectRaw(app, {
      method: 'POST',
      url: '/v1/auth/session',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(credentials),
    });
    expect(res.status).toBe(200);
    const setCookie = [res.headers['set-cookie'] ?? []].flat().map(String);
    const cookie = setCookie.find((c) => c.startsWith('ballast_session='))?.split(';')[0];
    expect(cookie).toMatch(/^ballast_session=bls_/);
    return { cookie: cookie!, csrfToken: String(res.body.csrf_token) };
  }

  it('reads with the cookie alone, and changes things only with the CSRF token of its login', async () => {
    const { cookie, csrfToken } = await logIn();
    const createPortfolio = (headers: Record<string, string>) =>
      injectRaw(app, {
        method: 'POST',
        url: '/v1/portfolios',
        headers: { cookie, 'content-type': 'application/json', ...headers },
        payload: JSON.stringify({ name: 'From the console' }),
      });
    const lastSeq = await h.store.audit.lastSeq();
    expect(refusal(await createPortfolio({}))).toEqual({ status: 403, code: 'AUTH_CSRF_INVALID' });
    expect(refusal(await createPortfolio({ 'x-csrf-token': 'not-the-token' }))).toEqual({
      status: 403,
      code: 'AUTH_CSRF_INVALID',
    });
    expect(await h.store.audit.lastSeq()).toBe(lastSeq);

    const created = await createPortfolio({ 'x-csrf-token': csrfToken });
    expect(created.status).toBe(201);
    const list = await injectRaw(app, { method: 'GET', url: '/v1/portfolios', headers: { cookie } });
    expect(list.status).toBe(200);
    expect(list.body.items.map((p: { name: string }) => p.name)).toContain('From the console');
    const session = await injectRaw(app, { method: 'GET', url: '/v1/auth/session', headers: { cookie } });
    expect(session.body).toMatchObject({
      user: { name: 'console-operator', role: 'operator', kind: 'session' },
      csrf_token: csrfToken,
    });
  });
});
