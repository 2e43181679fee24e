import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccountStore, SessionRecord, User } from '../db/account_store.ts';
import { requireCsrf } from './csrf.ts';
import {
  DEFAULT_COST,
  dummyHash,
  hashPassword,
  needsRehash,
  verifyPassword,
  type ScryptCost,
} from './passwords.ts';
import { FailureLimiter } from './rate_limit.ts';
import { hashToken, newToken, TOKEN_PATTERN } from './secrets.ts';
import { HttpError } from './validation.ts';

export const SESSION_COOKIE = 'gap_atlas_session';

export interface AuthOptions {
  sessionTtlMs: number;
  /** 'auto': Secure when the request came over https (honours trustProxy). */
  cookieSecure: 'auto' | boolean;
  /** Failed logins per account before it is locked for the window. */
  accountFailures: number;
  accountWindowMs: number;
  /** Cost of the stand-in hash checked for unknown emails; match the real users' cost. */
  passwordCost?: ScryptCost;
}

export interface ModeratorSession extends SessionRecord {
  idHash: string;
}

export type LoginResult =
  | { ok: true; user: User; sessionId: string; csrfToken: string; expiresAt: string }
  | { ok: false; reason: 'wrong' }
  | { ok: false; reason: 'locked'; retryAfterMs: number };

export class Auth {
  private readonly failures: FailureLimiter;
  private readonly cache = new WeakMap<FastifyRequest, ModeratorSession | null>();
  private dummy: Promise<string> | undefined;

  constructor(
    private readonly accounts: AccountStore,
    private readonly options: AuthOptions,
    private readonly now: () => Date,
  ) {
    this.failures = new FailureLimiter(options.accountFailures, options.accountWindowMs);
  }

  /**
   * Failures are counted per account *and* address: someone guessing from one address locks
   * only that pair, so they cannot lock a moderator out from everywhere (the per-address limit
   * on all login attempts still caps guessing across accounts).
   */
  async login(emailInput: string, password: string, address: string): Promise<LoginResult> {
    const email = emailInput.trim().toLowerCase();
    const key = `${email}\u0000${address}`;
    const nowMs = this.now().getTime();
    const wait = this.failures.retryAfterMs(key, nowMs);
    if (wait > 0) return { ok: false, reason: 'locked', retryAfterMs: wait };
    const user = await this.accounts.findByEmail(email);
    this.dummy ??= dummyHash(this.options.passwordCost);
    const ok = await verifyPassword(password, user?.passwordHash ?? (await this.dummy));
    if (!user || !ok || user.disabled) {
      this.failures.recordFailure(key, nowMs);
      return { ok: false, reason: 'wrong' };
    }
    this.failures.reset(key);
    // The password is at hand only now: redo an old, cheaper hash at today's cost.
    const cost = this.options.passwordCost ?? DEFAULT_COST;
    if (needsRehash(user.passwordHash, cost)) {
      await this.accounts.updatePasswordHash(user.id, await hashPassword(password, cost));
    }
    const sessionId = newToken();
    const csrfToken = newToken();
    const expiresAt = new Date(nowMs + this.options.sessionTtlMs).toISOString();
    await this.accounts.createSession({
      idHash: hashToken(sessionId),
      userId: user.id,
      csrfToken,
      expiresAt,
    });
    await this.accounts.deleteExpiredSessions(new Date(nowMs).toISOString());
    const publicUser: User = {
      id: user.id,
      email: user.email,
      name: user.name,
      createdAt: user.createdAt,
      disabled: user.disabled,
    };
    return { ok: true, user: publicUser, sessionId, csrfToken, expiresAt };
  }

  /** The moderator session carried by the request's cookie, if live. */
  async session(request: FastifyRequest): Promise<ModeratorSession | null> {
    const cached = this.cache.get(request);
    if (cached !== undefined) return cached;
    const raw = request.cookies[SESSION_COOKIE];
    let found: ModeratorSession | null = null;
    if (raw && TOKEN_PATTERN.test(raw)) {
      const idHash = hashToken(raw);
      const record = await this.accounts.findSession(idHash, this.now().toISOString());
      found = record ? { ...record, idHash } : null;
    }
    this.cache.set(request, found);
    return found;
  }

  /**
   * The moderator making this request, or a 401. State-changing requests must also carry the
   * CSRF token (403 without it).
   */
  async requireModerator(
    request: FastifyRequest,
    { changesState }: { changesState: boolean },
  ): Promise<ModeratorSession> {
    const s = await this.session(request);
    if (!s) throw new HttpError(401, 'Moderator login required');
    if (changesState) requireCsrf(request, s.csrfToken);
    return s;
  }

  async logout(session: ModeratorSession): Promise<void> {
    await this.accounts.deleteSession(session.idHash);
  }

  setCookie(
    request: FastifyRequest,
    reply: FastifyReply,
    sessionId: string,
    expiresAt: string,
  ): void {
    reply.setCookie(SESSION_COOKIE, sessionId, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: this.secure(request),
      expires: new Date(expiresAt),
    });
  }

  clearCookie(request: FastifyRequest, reply: FastifyReply): void {
    reply.clearCookie(SESSION_COOKIE, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: this.secure(request),
    });
  }

  private secure(request: FastifyRequest): boolean {
    return this.options.cookieSecure === 'auto'
      ? request.protocol === 'https'
      : this.options.cookieSecure;
  }
}
