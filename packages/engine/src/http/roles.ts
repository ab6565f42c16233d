import type { FastifyInstance, RouteOptions } from 'fastify';

/** Who may call a route once authentication is enforced: viewers read, operators act, admins manage access. */
export type Role = 'public' | 'viewer' | 'operator' | 'admin';

declare module 'fastify' {
  interface FastifyContextConfig {
    role?: Role;
  }
  interface FastifyInstance {
    /** Every /v1 route with the role it declared, as registered (what the access tests walk). */
    readonly routeTable: DeclaredRoute[];
  }
}

export interface DeclaredRoute {
  readonly method: string;
  readonly url: string;
  readonly role: Role;
}

export const READ = { role: 'viewer' } as const;
export const ACT = { role: 'operator' } as const;
export const ADMIN = { role: 'admin' } as const;
export const PUBLIC = { role: 'public' } as const;

/** Every /v1 route must say which role it needs; a route that forgets fails at start-up, not in production. */
export function requireDeclaredRoles(app: FastifyInstance): void {
  const table: DeclaredRoute[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith('/v1')) return;
    const role = (route.config as { role?: Role } | undefined)?.role;
    if (!role) throw new Error(`route ${route.method} ${route.url} declares no role`);
    for (const method of [route.method].flat())
      if (method !== 'HEAD') table.push({ method, url: route.url, role });
  });
}
