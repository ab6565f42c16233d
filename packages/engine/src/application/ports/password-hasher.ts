/** Password hashing (Argon2id in production); verification takes the stored hash, never a second copy. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}
