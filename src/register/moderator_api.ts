import { apiCall, apiJson } from './api.ts';
import {
  HistorySchema,
  QueueCollectionSchema,
  PrivateFeatureSchema,
  SessionSchema,
  StaleCollectionSchema,
  type Session,
} from '../../contracts/register/api.ts';

/**
 * A moderator's session from the page's side. The session cookie is HttpOnly (the browser
 * sends it); the CSRF token lives only in this object, in memory, and goes with every write.
 */
export class ModeratorApi {
  private session: Session | null = null;

  get user(): Session['user'] | null {
    return this.session?.user ?? null;
  }

  /** Picks up a session that survived a page reload (the cookie); null when there is none. */
  async restore(): Promise<Session | null> {
    try {
      this.session = await apiJson('session', SessionSchema);
    } catch {
      this.session = null;
    }
    return this.session;
  }

  async login(email: string, password: string): Promise<Session> {
    this.session = await apiJson('session', SessionSchema, {
      method: 'POST',
      body: { email, password },
    });
    return this.session;
  }

  async logout(): Promise<void> {
    try {
      await apiCall('session', { method: 'DELETE', headers: this.writeHeaders() });
    } finally {
      this.session = null;
    }
  }

  queue() {
    return apiJson('moderation/queue', QueueCollectionSchema);
  }

  stale() {
    return apiJson('moderation/stale', StaleCollectionSchema);
  }

  history(id: number) {
    return apiJson(`assets/${id}/history`, HistorySchema);
  }

  approve(id: number) {
    return apiJson(`assets/${id}/approve`, PrivateFeatureSchema, {
      method: 'POST',
      body: {},
      headers: this.writeHeaders(),
    });
  }

  reject(id: number, reason: string) {
    return apiJson(`assets/${id}/reject`, PrivateFeatureSchema, {
      method: 'POST',
      body: { reason },
      headers: this.writeHeaders(),
    });
  }

  private writeHeaders(): Record<string, string> {
    return this.session ? { 'x-csrf-token': this.session.csrfToken } : {};
  }
}
