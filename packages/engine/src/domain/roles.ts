/** The roles of DESIGN §8, each including the ones before it. */
export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type RoleName = (typeof ROLES)[number];

/** Whether `held` may do what needs `needed`. */
export function roleAllows(held: RoleName, needed: RoleName): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(needed);
}
