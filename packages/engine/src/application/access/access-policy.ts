/** How long credentials live and how hard guessing is made (configurable; see config.ts). */
export interface AccessPolicy {
  readonly sessionHours: number;
  readonly maxFailedLogins: number;
  readonly lockoutMinutes: number;
}

export const DEFAULT_ACCESS_POLICY: AccessPolicy = {
  sessionHours: 12,
  maxFailedLogins: 5,
  lockoutMinutes: 15,
};
