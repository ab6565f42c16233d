import { hash, randomBytes, randomInt } from 'node:crypto';
import type { Secrets } from '../../application/ports/secrets.js';

/** No 0/O, 1/l/I: a printed password is read and typed by people. */
const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export class NodeSecrets implements Secrets {
  newSecret(prefix: string): string {
    return `${prefix}${randomBytes(32).toString('base64url')}`;
  }

  digest(secret: string): string {
    return hash('sha256', secret, 'hex');
  }

  newPassword(): string {
    return Array.from({ length: 24 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  }
}
