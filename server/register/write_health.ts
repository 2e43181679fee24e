import { randomBytes } from 'node:crypto';
import type { Db } from '../db/connection.ts';

/** SQLite result codes that mean the storage itself failed, not the request. */
const STORAGE_FAILURE = /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|CORRUPT|NOTADB|PROTOCOL)/;

/** How long a storage failure seen by a request keeps /api/health at 503. */
const REMEMBER_MS = 60_000;

/**
 * What /api/health answers about the database: it proves a write (a fresh random value into
 * `meta`, committed, so it must reach the WAL) rather than a SELECT 1, and it also reports a
 * storage failure a request met in the last minute (a write may fail for lack of a new page
 * while the probe's row still fits where it was).
 */
export class WriteHealth {
  private lastFailure: { at: number; code: string } | null = null;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  /** Null when healthy, else what is wrong (a code or message; no user data). */
  check(): string | null {
    try {
      this.db
        .prepare(
          `INSERT INTO meta (key, value) VALUES ('health_probe', ?)
           ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
        )
        .run(`${this.now().toISOString()} ${randomBytes(16).toString('hex')}`);
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
