import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, maskedDatabaseUrl } from './config.js';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe('where Ballast may listen', () => {
  it('binds loopback by default and refuses another address without TLS', () => {
    expect(loadConfig({}).http.host).toBe('127.0.0.1');
    const [problem] = problemsOf({ HOST: '0.0.0.0' });
    expect(problem).toMatch(/^HOST: 0\.0\.0\.0 is not a loopback address, and without TLS/);
    expect(problem).toContain('TLS_CERT_FILE and TLS_KEY_FILE');
  });

  it('listens on any address with TLS configured, or when told explicitly to do without', () => {
    const tls = loadConfig({ HOST: '0.0.0.0', TLS_CERT_FILE: 'cert.pem', TLS_KEY_FILE: 'key.pem' });
    expect(tls.tls).toEqual({ certFile: 'cert.pem', keyFile: 'key.pem' });
    expect(loadConfig({ HOST: '0.0.0.0', BALLAST_ALLOW_INSECURE_BIND: 'true' }).tls).toBeNull();
  });

  it('wants a certificate and its key together', () => {
    expect(problemsOf({ TLS_CERT_FILE: 'cert.pem' })).toEqual([
      'TLS_CERT_FILE and TLS_KEY_FILE: give both (the certificate and its private key) or neither',
    ]);
  });
});

describe('access settings', () => {
  it('has no built-in password, and refuses a short first-admin password', () => {
    expect(loadConfig({}).access.adminPassword).toBeNull();
    expect(problemsOf({ BALLAST_ADMIN_PASSWORD: 'short' })).toEqual([
      'BALLAST_ADMIN_PASSWORD: must be at least 12 characters (it becomes the password of the first admin)',
    ]);
  });

  it('keeps browsers from other sites out unless their origins are listed', () => {
    expect(loadConfig({}).access.corsOrigins).toEqual([]);
    expect(
      loadConfig({ CORS_ORIGINS: 'https://ops.example.com, http://localhost:5173' }).access.corsOrigins,
    ).toEqual(['https://ops.example.com', 'http://localhost:5173']);
    expect(problemsOf({ CORS_ORIGINS: '*' })[0]).toMatch(
      /^CORS_ORIGINS: must be a comma-separated list of origins/,
    );
  });
});

describe('where the data lives', () => {
  it('is an SQLite file by default, or the file a sqlite: URL names', () => {
    expect(loadConfig({}).database).toEqual({
      kind: 'sqlite',
      file: './data/ballast.db',
      url: 'sqlite:./data/ballast.db',
    });
    expect(loadConfig({ DATABASE_URL: 'sqlite:/var/lib/ballast/b.db' }).database).toMatchObject({
      kind: 'sqlite',
      file: '/var/lib/ballast/b.db',
    });
  });

  it('is a PostgreSQL server for a postgres:// or postgresql:// URL, printed without its password', () => {
    const url = 'postgres://ballast:s3cr%40t@db.internal:5432/ballast?sslmode=require';
    expect(loadConfig({ DATABASE_URL: url }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://ballast:***@db.internal:5432/ballast?sslmode=require',
      connectionString: url,
    });
    expect(loadConfig({ DATABASE_URL: 'postgresql://ballast@localhost/b' }).database).toEqual({
      kind: 'postgres',
      url: 'postgresql://ballast@localhost/b',
      connectionString: 'postgresql://ballast@localhost/b',
    });
    expect(
      loadConfig({ DATABASE_URL: 'postgres:///ballast?host=/var/run/postgresql' }).database,
    ).toMatchObject({
      kind: 'postgres',
    });
    expect(maskedDatabaseUrl('postgres://u@h/db?password=hunter2&sslmode=disable')).toBe(
      'postgres://u@h/db?password=***&sslmode=disable',
    );
  });

  it('refuses anything else, without repeating the URL (it may hold a password)', () => {
    for (const url of ['mysql://root:pw@localhost/b', 'sqlite:', 'postgres://', '/data/b.db']) {
      const problems = problemsOf({ DATABASE_URL: url });
      expect(problems).toEqual([
        'DATABASE_URL: must be sqlite:<path> or postgres://user:password@host:port/database',
      ]);
    }
  });
});
