import Fastify, { type FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { NewAsset } from '../../server/db/asset_store.ts';
import { hashToken } from '../../server/register/secrets.ts';
import {
  openPgRegister,
  openRegister,
  type AnyRegister,
} from '../../server/register/open_register.ts';
import { registerApi } from '../../server/register/plugin.ts';
import {
  addModerator,
  HIGH_LIMITS,
  login,
  removeTempDirs,
  submit,
  TEST_COST,
  tempDir,
  testClock,
} from './helpers.ts';

/**
 * One suite for every AssetStore and AccountStore: SQLite always, and PostgreSQL when
 * GAP_ATLAS_TEST_PG names a database (.ci/run sets it). With the URL set, an unreachable
 * PostgreSQL fails the suite: it is never skipped in silence.
 *
 * Over 400 lines on purpose: it is one table of cases run against each backend, and splitting
 * it would let a backend miss a case added to only one of the files.
 */
const PG_URL = process.env.GAP_ATLAS_TEST_PG;
const schemas: string[] = [];

async function openStore(kind: 'sqlite' | 'postgres', schema?: string): Promise<AnyRegister> {
  const clock = testClock();
  if (kind === 'sqlite') {
    return openRegister({
      file: path.join(tempDir(), 'r.db'),
      seed: false,
      now: clock.now,
      log: () => {},
    });
  }
  const name = schema ?? `t_${randomBytes(6).toString('hex')}`;
  if (!schemas.includes(name)) schemas.push(name);
  return openPgRegister({
    file: PG_URL ?? '',
    pgSchema: name,
    seed: false,
    now: clock.now,
    log: () => {},
  });
}

afterAll(async () => {
  removeTempDirs();
  if (!PG_URL || schemas.length === 0) return;
  const pool = new pg.Pool({ connectionString: PG_URL });
  for (const s of schemas) await pool.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  await pool.end();
});

function asset(
  overrides: Partial<NewAsset['fields']> = {},
  extra: Partial<NewAsset> = {},
): NewAsset {
  return {
    status: 'pending',
    fields: {
      organisationName: 'Linacre Growers',
      serviceName: 'Linacre Community Garden',
      description: null,
      category: 'community_garden',
      programme: null,
      latitude: 53.4561,
      longitude: -2.9952,
      address: null,
      postcode: 'L20 4RW',
      openingTimes: null,
      openingHours: [{ day: 'tu', opens: '10:00', closes: '14:00' }],
      email: null,
      phone: null,
      website: null,
      accessibility: null,
      lastVerified: null,
      source: 'Test',
      licence: 'Test licence',
      consentToPublish: true,
      ...overrides,
    },
    ...extra,
  };
}

const kinds: ('sqlite' | 'postgres')[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];

describe('PostgreSQL in this run', () => {
  it(
    PG_URL ? 'is reachable at GAP_ATLAS_TEST_PG' : 'is not asked for (GAP_ATLAS_TEST_PG unset)',
    async () => {
      if (!PG_URL) return;
      const pool = new pg.Pool({ connectionString: PG_URL, connectionTimeoutMillis: 5000 });
      try {
        expect((await pool.query('SELECT 1 AS one')).rows[0]).toEqual({ one: 1 });
      } finally {
        await pool.end();
      }
    },
  );
});

describe.each(kinds)('register stores on %s', (kind) => {
  it('creates, reads and records history; the version moves with every write', async () => {
    const r = await openStore(kind);
    try {
      const v0 = await r.assets.version();
      const a = await r.assets.create(
        asset({}, { editTokenHash: hashToken('t'.repeat(43)) }),
        { type: 'edit-token holder' },
        'submit',
      );
      expect(await r.assets.version()).not.toBe(v0);
      expect(await r.assets.get(a.id)).toEqual(a);
      expect(a).toMatchObject({
        status: 'pending',
        consentToPublish: true,
        withdrawalRequested: false,
        assuredDate: null,
      });
      expect(a.openingHours).toEqual([{ day: 'tu', opens: '10:00', closes: '14:00' }]);
      expect(await r.assets.editTokenMatches(a.id, hashToken('t'.repeat(43)))).toBe(true);
      expect(await r.assets.editTokenMatches(a.id, hashToken('u'.repeat(43)))).toBe(false);
      expect(JSON.stringify(a)).not.toMatch(/[0-9a-f]{64}/); // the hash never reaches an Asset
      const h = await r.assets.history(a.id);
      expect(h).toHaveLength(1);
      expect(h[0]).toMatchObject({
        action: 'submit',
        actorType: 'edit-token holder',
        actorId: null,
      });
      expect(h[0]?.changes.serviceName).toEqual({ from: null, to: 'Linacre Community Garden' });
      expect(await r.assets.count()).toBe(1);
    } finally {
      await r.close();
    }
  });

  it('createMany is all or nothing', async () => {
    const r = await openStore(kind);
    try {
      const ext = { externalId: 'X1', externalIdType: 'test' };
      await expect(
        r.assets.createMany(
          [asset({}, ext), asset({ serviceName: 'Two' }, ext)],
          { type: 'seed' },
          'seed',
        ),
      ).rejects.toThrow();
      expect(await r.assets.count()).toBe(0);
      const made = await r.assets.createMany(
        [asset({ programme: 'taking_root' }, ext), asset({ serviceName: 'Two' })],
        { type: 'seed' },
        'seed',
      );
      expect(made.map((m) => m.programme ?? m.serviceName)).toEqual(['taking_root', 'Two']);
      expect(await r.assets.findExternal('test', 'X1')).toEqual(made[0]);
    } finally {
      await r.close();
    }
  });

  it('changes with a status precondition, diffs, revocation and assured date', async () => {
    const r = await openStore(kind);
    try {
      const a = await r.assets.create(asset({}, { editTokenHash: hashToken('t'.repeat(43)) }), {
        type: 'seed',
      });
      const user = await r.accounts.createUser({
        email: 'm@example.org',
        name: 'Mod',
        passwordHash: 'x',
      });
      const moderator = { type: 'moderator' as const, userId: user.id };
      const approved = await r.assets.change(
        a.id,
        {
          action: 'approve',
          status: 'approved',
          fields: { lastVerified: '2026-11-22' },
          assuredDate: '2026-11-22',
          expectStatus: ['pending'],
        },
        moderator,
      );
      expect(approved).toMatchObject({
        status: 'approved',
        lastVerified: '2026-11-22',
        assuredDate: '2026-11-22',
      });
      await expect(
        r.assets.change(
          a.id,
          { action: 'approve', status: 'approved', expectStatus: ['pending'] },
          moderator,
        ),
      ).rejects.toMatchObject({ kind: 'conflict' });
      await expect(
        r.assets.change(999, { action: 'x', status: 'archived' }, moderator),
      ).rejects.toMatchObject({ kind: 'not-found' });
      const same = await r.assets.change(
        a.id,
        { action: 'noop', fields: { serviceName: a.serviceName } },
        moderator,
      );
      expect(same).toEqual(approved);
      const revoked = await r.assets.change(
        a.id,
        { action: 'revoke-token', revokeEditToken: true, note: 'leaked' },
        moderator,
      );
      expect(await r.assets.editTokenMatches(a.id, hashToken('t'.repeat(43)))).toBe(false);
      const history = await r.assets.history(a.id);
      expect(history.map((h) => h.action)).toEqual(['create', 'approve', 'revoke-token']);
      expect(history[1]).toMatchObject({
        actorType: 'moderator',
        actorId: user.id,
        actorName: 'Mod',
      });
      expect(Object.keys(history[1]?.changes ?? {}).sort()).toEqual([
        'assuredDate',
        'lastVerified',
        'status',
      ]);
      expect(history[2]?.changes).toEqual({ editToken: { from: 'issued', to: 'revoked' } });
      expect(revoked.status).toBe('approved');
    } finally {
      await r.close();
    }
  });

  it('lists approved (with filters), the queue and the stale list', async () => {
    const r = await openStore(kind);
    try {
      const [garden, gp, old, pending, proposed, withdrawing] = await r.assets.createMany(
        [
          asset({ lastVerified: '2026-10-01' }, { status: 'approved' }),
          asset(
            {
              category: 'gp_practice',
              serviceName: 'Surgery',
              latitude: 53.65,
              longitude: -3.0,
              lastVerified: '2026-10-01',
            },
            { status: 'approved' },
          ),
          asset({ serviceName: 'Old', lastVerified: '2024-01-01' }, { status: 'approved' }),
          asset({ serviceName: 'Pending' }),
          asset({ serviceName: 'Proposed' }, { status: 'approved' }),
          asset({ serviceName: 'Withdrawing' }, { status: 'approved' }),
        ],
        { type: 'seed' },
        'seed',
      );
      await r.assets.change(
        proposed?.id ?? 0,
        { action: 'propose', pendingChanges: { description: 'new' } },
        { type: 'edit-token holder' },
      );
      await r.assets.change(
        withdrawing?.id ?? 0,
        { action: 'request-withdrawal', withdrawalRequested: true },
        { type: 'edit-token holder' },
      );
      const ids = (list: { id: number }[]) => list.map((a) => a.id);
      expect(ids(await r.assets.listApproved({}))).toEqual(
        ids([garden, gp, old, proposed, withdrawing].map((a) => a ?? { id: 0 })),
      );
      expect(ids(await r.assets.listApproved({ category: 'gp_practice' }))).toEqual([gp?.id]);
      expect(
        ids(
          await r.assets.listApproved({
            bbox: { minLon: -3.01, minLat: 53.6, maxLon: -2.99, maxLat: 53.7 },
          }),
        ),
      ).toEqual([gp?.id]);
      expect(ids(await r.assets.listQueue()).sort()).toEqual(
        [pending?.id, proposed?.id, withdrawing?.id].sort(),
      );
      const stale = ids(await r.assets.listStale('2025-11-22'));
      expect(stale[stale.length - 1]).toBe(old?.id); // never-verified first, then oldest
      expect(stale).not.toContain(garden?.id);
    } finally {
      await r.close();
    }
  });

  it('merges with history on both and nothing deleted', async () => {
    const r = await openStore(kind);
    try {
      const [a, b] = await r.assets.createMany(
        [
          asset({ phone: '0151 000 0000' }, { status: 'approved' }),
          asset({ serviceName: 'Target' }, { status: 'approved' }),
        ],
        { type: 'seed' },
        'seed',
      );
      const { source, target } = await r.assets.merge(
        a?.id ?? 0,
        b?.id ?? 0,
        { phone: '0151 000 0000' },
        { type: 'seed' },
      );
      expect(source).toMatchObject({ status: 'archived', mergedInto: b?.id });
      expect(target.phone).toBe('0151 000 0000');
      expect((await r.assets.history(a?.id ?? 0)).at(-1)?.action).toBe('merge-out');
      expect((await r.assets.history(b?.id ?? 0)).at(-1)?.action).toBe('merge-in');
      expect(await r.assets.count()).toBe(2);
      await expect(
        r.assets.merge(a?.id ?? 0, b?.id ?? 0, {}, { type: 'seed' }),
      ).rejects.toMatchObject({ kind: 'conflict' });
    } finally {
      await r.close();
    }
  });

  it('lets exactly one of many concurrent approvals through', async () => {
    const r = await openStore(kind);
    try {
      const a = await r.assets.create(asset(), { type: 'seed' });
      const results = await Promise.allSettled(
        Array.from({ length: 12 }, () =>
          r.assets.change(
            a.id,
            { action: 'approve', status: 'approved', expectStatus: ['pending'] },
            { type: 'seed' },
          ),
        ),
      );
      expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
      expect((await r.assets.history(a.id)).filter((h) => h.action === 'approve')).toHaveLength(1);
    } finally {
      await r.close();
    }
  });

  it('keeps accounts and sessions', async () => {
    const r = await openStore(kind);
    try {
      const u = await r.accounts.createUser({
        email: 'm@example.org',
        name: 'Mod',
        passwordHash: 'h1',
      });
      expect(await r.accounts.countUsers()).toBe(1);
      expect(await r.accounts.findByEmail('m@example.org')).toMatchObject({
        id: u.id,
        passwordHash: 'h1',
        disabled: false,
      });
      await expect(
        r.accounts.createUser({ email: 'm@example.org', name: 'Again', passwordHash: 'x' }),
      ).rejects.toThrow();
      await r.accounts.createSession({
        idHash: 's1',
        userId: u.id,
        csrfToken: 'c1',
        expiresAt: '2026-11-22T12:00:00.000Z',
      });
      expect(await r.accounts.findSession('s1', '2026-11-22T11:00:00.000Z')).toMatchObject({
        userId: u.id,
        csrfToken: 'c1',
        user: { email: 'm@example.org' },
      });
      expect(await r.accounts.findSession('s1', '2026-11-22T12:00:00.000Z')).toBeUndefined();
      await r.accounts.updatePasswordHash(u.id, 'h2');
      expect(await r.accounts.findSession('s1', '2026-11-22T11:00:00.000Z')).toBeDefined();
      await r.accounts.setPassword(u.id, 'h3');
      expect(await r.accounts.findSession('s1', '2026-11-22T11:00:00.000Z')).toBeUndefined();
      expect((await r.accounts.findByEmail('m@example.org'))?.passwordHash).toBe('h3');
      await r.accounts.createSession({
        idHash: 's2',
        userId: u.id,
        csrfToken: 'c2',
        expiresAt: '2026-11-22T12:00:00.000Z',
      });
      expect(await r.accounts.deleteExpiredSessions('2026-11-23T00:00:00.000Z')).toBe(1);
    } finally {
      await r.close();
    }
  });
});

describe.runIf(PG_URL)('two server processes on one PostgreSQL database', () => {
  it('share sessions, moderation and cached answers', async () => {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const registers = [await openStore('postgres', schema), await openStore('postgres', schema)];
    const apps = await Promise.all(
      registers.map(async (r) => {
        const app = Fastify({ logger: false });
        await registerApi(app, {
          db: r,
          limits: HIGH_LIMITS,
          passwordCost: TEST_COST,
          securityHeaders: false,
        });
        await app.ready();
        return app;
      }),
    );
    const [a, b] = apps as [FastifyInstance, FastifyInstance];
    try {
      if (registers[0]?.kind !== 'postgres') throw new Error('expected PostgreSQL');
      await addModerator(registers[0]);
      const mod = await login(a);
      // Signed in on A, the same cookie works on B.
      expect((await b.inject({ url: '/api/session', headers: mod.read })).statusCode).toBe(200);
      const before = (await a.inject('/api/assets')).json().features.length;
      const { id } = await submit(a);
      const approved = await b.inject({
        method: 'POST',
        url: `/api/assets/${id}/approve`,
        headers: mod.write,
        payload: {},
      });
      expect(approved.statusCode).toBe(200);
      // A's cached list sees B's approval at once.
      expect((await a.inject('/api/assets')).json().features.length).toBe(before + 1);
      // Both approving again: one 409, nothing doubled.
      const again = await Promise.all(
        apps.map((x) =>
          x.inject({
            method: 'POST',
            url: `/api/assets/${id}/approve`,
            headers: mod.write,
            payload: {},
          }),
        ),
      );
      expect(again.every((r) => r.statusCode === 409)).toBe(true);
    } finally {
      for (const app of apps) await app.close();
      for (const r of registers) await r.close();
    }
  });
});
