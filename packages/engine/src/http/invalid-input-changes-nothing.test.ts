import { ErrorBody } from '@ballast/contracts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, injectRaw } from '../test-support/api-call.js';
import { type DatabaseSnapshots, databaseSnapshots } from '../test-support/database-snapshot.js';
import {
  adminAuth,
  buildHarnessApp,
  type Harness,
  type HarnessFastifyApp,
  startHarness,
} from '../test-support/engine-harness.js';
import {
  BAD_INPUT_KINDS,
  type BadRequest,
  badRequestsFor,
  type OpenApiPaths,
  operationOf,
} from '../test-support/invalid-requests.js';
import { type AddressableRows, createOneOfEach, routeLabel } from '../test-support/route-walk.js';

/** Bad requests per route (~40 routes), each followed by a snapshot of the whole database. */
const RUNS = 50;
const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;
/** Reads that take no input at all: there is nothing in a request for them to refuse. */
const READS_WITHOUT_INPUT = [
  'GET /v1/audit/verify',
  'GET /v1/auth/session',
  'GET /v1/healthz',
  'GET /v1/portfolios/totals',
  'GET /v1/readyz',
  'GET /v1/simulations/samples',
  'GET /v1/tokens',
  'GET /v1/trading/worker/status',
  'GET /v1/users',
];

let h: Harness;
let app: HarnessFastifyApp;
let rows: AddressableRows;
let snapshots: DatabaseSnapshots;

beforeAll(async () => {
  h = await startHarness();
  app = await buildHarnessApp(h);
  rows = await createOneOfEach(h, app);
  // The admin token's first use records when it was used; after that the (test) clock stands still.
  expect(
    (await injectRaw(app, { method: 'GET', url: '/v1/auth/session', headers: adminAuth(app) })).status,
  ).toBe(200);
  snapshots = databaseSnapshots(h.databaseFile);
});
afterAll(async () => {
  snapshots.close();
  await app.close();
  await h.close();
});

function described(request: BadRequest, res: ApiResponse) {
  const sent =
    request.payload === undefined
      ? ''
      : ` ${JSON.stringify(request.headers)} ${request.payload.slice(0, 300)}`;
  return `${request.kind}: ${request.method} ${request.url.slice(0, 300)}${sent} → ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`;
}

/** A refusal is a 4xx in the error shape of DESIGN §7, never a 5xx and never a success. */
function expectRefused(request: BadRequest, res: ApiResponse) {
  const what = described(request, res);
  expect(res.status, what).toBeGreaterThanOrEqual(400);
  expect(res.status, what).toBeLessThan(500);
  expect(String(res.headers['content-type']), what).toMatch(/^application\/json/);
  const body = ErrorBody.safeParse(res.body);
  expect(body.success, what).toBe(true);
  expect(body.data?.error.code, what).toMatch(UPPER_SNAKE);
}

describe('bad input', () => {
  it('is refused by every route with a 4xx in the error shape, and the database stays exactly as it was', async () => {
    const paths = (app.swagger() as { paths: OpenApiPaths }).paths;
    const routes = app.routeTable;
    const before = snapshots.take();
    const sentTo = new Map<string, number>();
    const kindsSent = new Map<string, number>();
    const ignoredBy = new Set<string>();

    for (const route of routes) {
      const label = routeLabel(route);
      await fc.assert(
        fc.asyncProperty(badRequestsFor(route, operationOf(paths, route), rows), async (request) => {
          const res = await injectRaw(app, {
            ...request,
            headers: { ...adminAuth(app), ...request.headers },
          });
          if (request.expect === 'refused') expectRefused(request, res);
          else expect(res.status, described(request, res)).toBe(200);
          expect(snapshots.take(), `the database changed after ${described(request, res)}`).toEqual(before);
          sentTo.set(label, (sentTo.get(label) ?? 0) + 1);
          kindsSent.set(request.kind, (kindsSent.get(request.kind) ?? 0) + 1);
          if (request.expect === 'ignored') ignoredBy.add(label);
        }),
        // No shrinking: once something changed the database every later run fails too; the first failure says what did it.
        { numRuns: RUNS, endOnFailure: true },
      );
    }

    expect(routes.length).toBeGreaterThan(30);
    for (const route of routes) expect(sentTo.get(routeLabel(route)), routeLabel(route)).toBe(RUNS);
    expect([...kindsSent.keys()].sort()).toEqual([...BAD_INPUT_KINDS].sort());
    expect([...ignoredBy].sort()).toEqual(READS_WITHOUT_INPUT);
  });
});
