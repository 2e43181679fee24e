import type { Db } from './connection.ts';

export interface User {
  id: number;
  email: string;
  name: string;
  createdAt: string;
  disabled: boolean;
}

export interface UserWithPassword extends User {
  passwordHash: string;
}

export interface SessionRecord {
  userId: number;
  csrfToken: string;
  expiresAt: string;
  user: User;
}

/** Moderator accounts and their sessions; like AssetStore, shaped so PostgreSQL could sit behind it. */
export interface AccountStore {
  countUsers(): Promise<number>;
  createUser(user: { email: string; name: string; passwordHash: string }): Promise<User>;
  /** Replaces the password and ends every session of that user. */
  setPassword(userId: number, passwordHash: string): Promise<void>;
  /** Stores a rehash of the same password (sessions stay). */
  updatePasswordHash(userId: number, passwordHash: string): Promise<void>;
  findByEmail(email: string): Promise<UserWithPassword | undefined>;
  createSession(session: {
    idHash: string;
    userId: number;
    csrfToken: string;
    expiresAt: string;
  }): Promise<void>;
  /** The live session with this id hash, or undefined if unknown, expired or the user is disabled. */
  findSession(idHash: string, nowIso: string): Promise<SessionRecord | undefined>;
  deleteSession(idHash: string): Promise<void>;
  deleteExpiredSessions(nowIso: string): Promise<number>;
}

export interface UserRow {
  id: number;
  email: string;
  name: string;
  password_hash: string;
  created_at: string;
  /** 0/1 in SQLite, boolean in PostgreSQL. */
  disabled: number | boolean;
}

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    createdAt: row.created_at,
    disabled: row.disabled === 1 || row.disabled === true,
  };
}

export class SqliteAccountStore implements AccountStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async countUsers(): Promise<number> {
    return this.db.prepare('SELECT count(*) FROM users').pluck().get() as number;
  }

  async createUser(user: { email: string; name: string; passwordHash: string }): Promise<User> {
    const at = this.now().toISOString();
    const info = this.db
      .prepare('INSERT INTO users (email, name, password_hash, created_at) VALUES (?, ?, ?, ?)')
      .run(user.email, user.name, user.passwordHash, at);
    return {
      id: Number(info.lastInsertRowid),
      email: user.email,
      name: user.name,
      createdAt: at,
      disabled: false,
    };
  }

  async setPassword(userId: number, passwordHash: string): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, userId);
      this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId);
    })();
  }

  async updatePasswordHash(userId: number, passwordHash: string): Promise<void> {
    this.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, userId);
  }

  async findByEmail(email: string): Promise<UserWithPassword | undefined> {
    const row = this.db.prepare('SELECT * FROM users WHERE email = ?').get(email) as
      UserRow | undefined;
    return row ? { ...toUser(row), passwordHash: row.password_hash } : undefined;
  }

  async createSession(session: {
    idHash: string;
    userId: number;
    csrfToken: string;
    expiresAt: string;
  }): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(
        session.idHash,
        session.userId,
        session.csrfToken,
        this.now().toISOString(),
        session.expiresAt,
      );
  }

  async findSession(idHash: string, nowIso: string): Promise<SessionRecord | undefined> {
    const row = this.db
      .prepare(
        `SELECT s.user_id, s.csrf_token, s.expires_at, u.*
         FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.id_hash = ? AND s.expires_at > ? AND u.disabled = 0`,
      )
      .get(idHash, nowIso) as
      (UserRow & { user_id: number; csrf_token: string; expires_at: string }) | undefined;
    if (!row) return undefined;
    return {
      userId: row.user_id,
      csrfToken: row.csrf_token,
      expiresAt: row.expires_at,
      user: toUser(row),
    };
  }

  async deleteSession(idHash: string): Promise<void> {
    this.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
  }

  async deleteExpiredSessions(nowIso: string): Promise<number> {
    return this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(nowIso).changes;
  }
}
