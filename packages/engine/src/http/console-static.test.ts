import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildHarnessApp, type Harness, startHarness } from '../test-support/engine-harness.js';

const INDEX_HTML = '<!doctype html><html><body><div id="root"></div></body></html>\n';
/** More than 1 KiB, as a real bundle is: small files may be sent uncompressed. */
const APP_JS = `${'export const line = "a line of the console bundle";\n'.repeat(40)}`;

let h: Harness;
let app: FastifyInstance;
let consoleDir: string;

/** A built console as Vite leaves it: index.html and hashed assets with brotli and gzip copies. */
function writeBuiltConsole(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ballast-console-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), INDEX_HTML);
  writeFileSync(join(dir, 'assets', 'app-abc123.js'), APP_JS);
  writeFileSync(join(dir, 'assets', 'app-abc123.js.br'), brotliCompressSync(APP_JS));
  writeFileSync(join(dir, 'assets', 'app-abc123.js.gz'), gzipSync(APP_JS));
  return dir;
}

beforeEach(async () => {
  h = await startHarness();
  consoleDir = writeBuiltConsole();
});
afterEach(async () => {
  await app.close();
  await h.close();
  rmSync(consoleDir, { recursive: true, force: true });
});

const get = (url: string, headers: InjectOptions['headers'] = {}) =>
  app.inject({ method: 'GET', url, headers });

describe('the engine serves the built console', () => {
  beforeEach(async () => {
    app = await buildHarnessApp(h, { consoleDir });
  });

  it('serves index.html at / and has it revalidated on every load', async () => {
    const res = await get('/', { accept: 'text/html' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.body).toBe(INDEX_HTML);
  });

  it('serves a hashed asset pre-compressed as the browser accepts, cached for good', async () => {
    const br = await get('/assets/app-abc123.js', { 'accept-encoding': 'br' });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toContain('immutable');
    expect(br.headers['content-type']).toMatch(/javascript/);
    // the answer depends on Accept-Encoding: a shared cache must not hand brotli to a client without it
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(APP_JS);

    const gzip = await get('/assets/app-abc123.js', { 'accept-encoding': 'gzip' });
    expect(gzip.statusCode).toBe(200);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers['cache-control']).toContain('immutable');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(APP_JS);

    const plain = await get('/assets/app-abc123.js');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toContain('immutable');
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.body).toBe(APP_JS);
  });

  it('answers a console page address loaded directly with the app, which routes on the client', async () => {
    const res = await get('/positions/some-id', { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toBe(INDEX_HTML);
  });

  it('still answers the JSON 404 for an unknown API route, an asset that is not there, or a JSON request', async () => {
    for (const [url, accept] of [
      ['/v1/nope', 'text/html'],
      ['/assets/missing-123.js', 'text/html'],
      ['/positions/x', 'application/json'],
    ] as const) {
      const res = await get(url, { accept });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/^application\/json/);
      expect(res.json(), url).toMatchObject({ error: { code: 'ROUTE_NOT_FOUND' } });
    }
  });

  it('leaves the API as it was', async () => {
    const res = await get('/v1/healthz', { accept: 'text/html' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });
});

describe('without a built console', () => {
  beforeEach(async () => {
    app = await buildHarnessApp(h);
  });

  it('sends / to the API documentation', async () => {
    const res = await get('/', { accept: 'text/html' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/docs');
  });

  it('answers a page address with the JSON 404', async () => {
    const res = await get('/positions/some-id', { accept: 'text/html' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'ROUTE_NOT_FOUND' } });
  });
});
