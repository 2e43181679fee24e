import type { Pool } from 'pg';
import {
  toUser,
  type AccountStore,
  type SessionRecord,
  type User,
  type UserRow,
  type UserWithPassword,
} from './account_store.ts';
import { inTransaction } from './pg_asset_store.ts';

/**
 * Moderator accounts and sessions on PostgreSQL. Sessions live in the database, so a moderator
 * signed in through one server process is signed in on every other.
 */
export class PgAccountStore implements AccountStore {
  constructor(
    private readonly pool: Pool,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async countUsers(): Promise<number> {
    const r = await this.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    return r.rows[0]?.n ?? 0;
  }

  async createUser(user: { email: string; name: string; passwordHash: string }): Promise<User> {
    const at = this.now().toISOString();
    const r = await this.pool.query<UserRow>(
      `INSERT INTO users (email, name, password_hash, created_at) VALUES ($1, $2, $3, $4)
       RETURNING *`,
      [user.email, user.name, user.passwordHash, at],
    );
    const row = r.rows[0];
    if (!row) throw new Error('INSERT returned no user');
    return toUser(row);
  }

  async setPassword(userId: number, passwordHash: string): Promise<void> {
    await inTransaction(this.pool, async (c) => {
      await c.query('UPDATE users SET password_hash = $1 WHERE id = $2', [passwordHash, userId]);
      await c.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
    });
  }

  async updatePasswordHash(userId: number, passwordHash: string): Promise<void> {
    await this.pool.query('UPDATE users SET password_hash = $1 WHERE id = $2', [
      passwordHash,
      userId,
    ]);
  }

  async findByEmail(email: string): Promise<UserWithPassword | undefined> {
    const r = await this.pool.query<UserRow>('SELECT * FROM users WHERE email = $1', [email]);
    const row = r.rows[0];
    return row ? { ...toUser(row), passwordHash: row.password_hash } : undefined;
  }

  async createSession(session: {
    idHash: string;
    userId: number;
    csrfToken: string;
    expiresAt: string;
  }): Promise<void> {
    await this.pool.query(
      `INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [
        session.idHash,
        session.userId,
        session.csrfToken,
        this.now().toISOString(),
        session.expiresAt,
      ],
    );
  }

  async findSession(idHash: string, nowIso: string): Promise<SessionRecord | undefined> {
    const r = await this.pool.query<
      UserRow & { user_id: number; csrf_token: string; expires_at: string }
    >(
      `SELECT s.user_id, s.csrf_token, s.expires_at, u.*
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id_hash = $1 AND s.expires_at > $2 AND NOT u.disabled`,
      [idHash, nowIso],
    );
    const row = r.rows[0];
    if (!row) return undefined;
    return {
      userId: row.user_id,
      csrfToken: row.csrf_token,
      expiresAt: row.expires_at,
      user: toUser(row),
    };
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
  }

  async deleteExpiredSessions(nowIso: string): Promise<number> {
    const r = await this.pool.query('DELETE FROM sessions WHERE expires_at <= $1', [nowIso]);
    return r.rowCount ?? 0;
  }
}
