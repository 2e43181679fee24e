/** SQLite result codes that mean the storage itself failed, not the request. */
const STORAGE_FAILURE =
  /^(SQLITE_(FULL|IOERR|READONLY|CANTOPEN|CORRUPT|NOTADB|PROTOCOL)|53\d\d\d|58\d\d\d|25006|ECONNREFUSED|ECONNRESET|57P0\d)/;

/** How long a storage failure seen by a request keeps /api/health at 503. */
const REMEMBER_MS = 60_000;

/**
 * What /api/health answers about the database: it proves a write (a fresh random value into
 * `meta`, committed: it must reach the WAL or PostgreSQL's log) rather than a SELECT 1, and it also reports a
 * storage failure a request met in the last minute (a write may fail for lack of a new page
 * while the probe's row still fits where it was).
 */
export class WriteHealth {
  private lastFailure: { at: number; code: string } | null = null;

  constructor(
    /** Commits a small write (the register's probeWrite), or throws. */
    private readonly probe: () => Promise<void>,
    private readonly now: () => Date,
  ) {}

  /** Null when healthy, else what is wrong (a code or message; no user data). */
  async check(): Promise<string | null> {
    try {
      await this.probe();
    } catch (err) {
      return (err as { code?: string }).code ?? (err as Error).message;
    }
    const f = this.lastFailure;
    if (f && this.now().getTime() - f.at < REMEMBER_MS) return f.code;
    return null;
  }

  /** Called for every unexpected error a request met; storage failures are remembered. */
  noteError(err: unknown): void {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && STORAGE_FAILURE.test(code)) {
      this.lastFailure = { at: this.now().getTime(), code };
    }
  }
}
