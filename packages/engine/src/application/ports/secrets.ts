/** Random secrets and their stored form: tokens are kept only as digests, so a stolen database holds none. */
export interface Secrets {
  /** A new unguessable secret (256 bits), URL-safe, starting with `prefix` so it says what it is. */
  newSecret(prefix: string): string;
  /** The stored, looked-up form of a secret (sha256, hex). */
  digest(secret: string): string;
  /** A random password a person can copy: 24 characters from an unambiguous alphabet. */
  newPassword(): string;
}
