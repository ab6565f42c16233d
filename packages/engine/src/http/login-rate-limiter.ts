/**
 * At most `perMinute` login attempts from one address in any minute, whatever usernames they try: a
 * guesser is slowed long before the per-user lock-out matters. Kept in memory, per process.
 */
export class LoginRateLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number,
  ) {}

  /** Counts an attempt; returns the seconds to wait when it is one too many, else null. */
  take(address: string): number | null {
    const now = this.now();
    const recent = (this.attempts.get(address) ?? []).filter((at) => now - at < 60_000);
    if (recent.length >= this.perMinute) {
      this.attempts.set(address, recent);
      return Math.max(1, Math.ceil((recent[0]! + 60_000 - now) / 1000));
    }
    recent.push(now);
    this.attempts.set(address, recent);
    if (this.attempts.size > 10_000) this.forgetIdle(now);
    return null;
  }

  private forgetIdle(now: number): void {
    for (const [address, times] of this.attempts)
      if (times.every((at) => now - at >= 60_000)) this.attempts.delete(address);
  }
}
