import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, submission, type TestApp } from './helpers.ts';

describe('500 concurrent submissions over real HTTP', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await makeApp();
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => t.close());

  it('leaves exactly 500 rows, 500 history entries and 500 distinct tokens', async () => {
    const results = await Promise.all(
      Array.from({ length: 500 }, async (_, i) => {
        const res = await fetch(`${base}/api/assets`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(submission({ serviceName: `Concurrent ${i}` })),
        });
        return {
          status: res.status,
          body: (await res.json()) as { id: number; editToken: string },
        };
      }),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(500);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(500);
    expect(new Set(results.map((r) => r.body.editToken)).size).toBe(500);
    const db = t.register.db;
    expect(db.prepare('SELECT count(*) FROM assets').pluck().get()).toBe(500);
    expect(db.prepare('SELECT count(DISTINCT service_name) FROM assets').pluck().get()).toBe(500);
    expect(db.prepare('SELECT count(*) FROM asset_history').pluck().get()).toBe(500);
    expect(db.prepare("SELECT count(*) FROM assets WHERE status <> 'pending'").pluck().get()).toBe(
      0,
    );
  });
});
