/**
 * Counts failures per key (a moderator's email and the address trying it) in a fixed window. In memory: one server process
 * serves the register, and a restart forgetting counts only gives an attacker one more window.
 */
export class FailureLimiter {
  private readonly entries = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds until the key may try again, or 0 if it may try now. */
  retryAfterMs(key: string, nowMs: number): number {
    const e = this.entries.get(key);
    if (!e || e.resetAt <= nowMs) return 0;
    return e.count >= this.max ? e.resetAt - nowMs : 0;
  }

  recordFailure(key: string, nowMs: number): void {
    const e = this.entries.get(key);
    if (!e || e.resetAt <= nowMs) {
      this.entries.set(key, { count: 1, resetAt: nowMs + this.windowMs });
      this.prune(nowMs);
    } else {
      e.count++;
    }
  }

  reset(key: string): void {
    this.entries.delete(key);
  }

  private prune(nowMs: number): void {
    if (this.entries.size < 10_000) return;
    for (const [k, e] of this.entries) if (e.resetAt <= nowMs) this.entries.delete(k);
  }
}
