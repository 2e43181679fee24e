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

/**
 * A fixed-window quota per key (an address) that only successful requests use up: a request
 * takes a slot before it is handled and gives it back if it is refused, so a partner whose
 * form was rejected five times can still send the corrected one. In memory, per process.
 */
export class QuotaLimiter {
  private readonly entries = new Map<string, { used: number; resetAt: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Takes a slot: 0 if granted, else milliseconds until one frees up. */
  take(key: string, nowMs: number): number {
    let e = this.entries.get(key);
    if (!e || e.resetAt <= nowMs) {
      e = { used: 0, resetAt: nowMs + this.windowMs };
      this.entries.set(key, e);
      this.prune(nowMs);
    }
    if (e.used >= this.max) return e.resetAt - nowMs;
    e.used++;
    return 0;
  }

  /** Gives back a slot taken by a request that was then refused. */
  release(key: string): void {
    const e = this.entries.get(key);
    if (e && e.used > 0) e.used--;
  }

  private prune(nowMs: number): void {
    if (this.entries.size < 10_000) return;
    for (const [k, e] of this.entries) if (e.resetAt <= nowMs) this.entries.delete(k);
  }
}
