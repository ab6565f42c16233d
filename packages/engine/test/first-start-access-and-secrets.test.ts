/**
 * Access from the outside, against the real `ballast serve` process: the first start creates `admin`
 * with a password printed once (no default password), a full session of logins, tokens and users
 * leaves no secret in the log output, and with TLS configured the engine speaks HTTPS only.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  client,
  engineSettings,
  ensureBuilt,
  killHard,
  loginToken,
  running,
  startBallast,
  stop,
  writeSeesawCsv,
} from './support/engine-process.js';

let dir = '';

beforeAll(async () => {
  ensureBuilt();
  dir = await mkdtemp(join(tmpdir(), 'ballast-access-'));
}, 180_000);

afterEach(async () => {
  await Promise.all(running.splice(0).map(killHard));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function settings(name: string) {
  const csv = await writeSeesawCsv(dir, 200);
  return { ...engineSettings(dir, csv), DATABASE_URL: `sqlite:${join(dir, `${name}.db`)}` };
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

describe('the first start', () => {
  it('creates admin with a random password shown once, and never again on a restart', async () => {
    const { BALLAST_ADMIN_PASSWORD: _given, ...env } = await settings('first-start');
    const first = await startBallast('serve', env);
    const announced = first.logs.find((l) => String(l.msg).startsWith('created the first user "admin"'));
    const password = /with the password (\S+)\n/.exec(String(announced?.msg))?.[1];
    expect(password, first.output()).toMatch(/^[A-Za-z2-9]{24}$/);
    expect(await loginToken(first, password)).toMatch(/^bls_/);
    expect(await stop(first)).toEqual({ code: 0, signal: null });

    const second = await startBallast('serve', env);
    expect(second.output()).not.toContain(password);
    expect(second.logs.some((l) => String(l.msg).includes('created the first user'))).toBe(false);
    expect(await loginToken(second, password)).toMatch(/^bls_/);
    await stop(second);
  });
});

describe('secrets in the log', () => {
  it('a full run of logins, sessions, tokens and users leaves none of their secrets in the output', async () => {
    const engine = await startBallast('serve', { ...(await settings('secrets')), LOG_LEVEL: 'debug' });
    const api = client(engine);
    const secrets: string[] = [ADMIN_PASSWORD];
    const session = await post(`${engine.url}/v1/auth/session`, {
      username: 'admin',
      password: ADMIN_PASSWORD,
    });
    const cookie = String(session.headers.get('set-cookie')).split(';')[0]!;
    secrets.push(cookie.split('=')[1]!, String(session.body.csrf_token));
    const created = (await api.post('/v1/tokens', { name: 'nightly-report', role: 'viewer' })) as {
      token: string;
    };
    secrets.push(created.token);
    await fetch(`${engine.url}/v1/portfolios`, { headers: { authorization: `Bearer ${created.token}` } });
    await api.post('/v1/users', { username: 'olga', password: 'olga-password-1234', role: 'operator' });
    secrets.push('olga-password-1234');
    const wrong = await post(`${engine.url}/v1/auth/login`, {
      username: 'olga',
      password: 'a-wrong-guess-5678',
    });
    expect(wrong.status).toBe(401);
    secrets.push('a-wrong-guess-5678');
    const bearer = await loginToken(engine);
    secrets.push(bearer);
    // A request the server fails to parse, carrying credentials: the error path logs too.
    await fetch(`${engine.url}/v1/portfolios`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, cookie, 'content-type': 'application/json' },
      body: '{"name": ',
    });
    expect(await stop(engine)).toEqual({ code: 0, signal: null });
    const output = engine.output();
    for (const secret of secrets)
      expect(output, `the log shows ${secret.slice(0, 6)}…`).not.toContain(secret);
    expect(output).toContain('stopped cleanly'); // the whole run is in what was scanned
  });
});

describe('with TLS', () => {
  it('serves HTTPS with a Secure session cookie and HSTS', async () => {
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'pipe' },
    );
    const engine = await startBallast('serve', {
      ...(await settings('tls')),
      TLS_CERT_FILE: cert,
      TLS_KEY_FILE: key,
    });
    expect(engine.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const ca = await readFile(cert);
    const answer = await new Promise<{ status: number; headers: Record<string, unknown> }>(
      (resolve, reject) => {
        const req = request(
          `${engine.url}/v1/auth/session`,
          { method: 'POST', ca, headers: { 'content-type': 'application/json' } },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }));
      },
    );
    expect(answer.status).toBe(200);
    expect(String(answer.headers['set-cookie'])).toMatch(/; HttpOnly; SameSite=Strict; Max-Age=\d+; Secure$/);
    expect(answer.headers['strict-transport-security']).toBe('max-age=31536000');
    await stop(engine);
  });
});
