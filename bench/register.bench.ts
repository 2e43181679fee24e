// Register API throughput: the public map's GET /api/assets with 1,000 approved assets (the 122
// seeded from the raw data plus 878 seeded-random ones), and public submissions (POST
// /api/assets), each under autocannon for a fixed time against a server on 127.0.0.1 with a
// throwaway database. GET is measured as a browser asks (brotli), as a bare client asks (no
// compression), and revalidating (If-None-Match, 304).
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NewAsset } from '../server/db/asset_store.ts';
import { openPgRegister, openRegister, registerApi } from '../server/register/plugin.ts';
import { mulberry32 } from '../workers/stats/random.ts';
import { medianTime } from './time.ts';
import type { BenchRow } from './types.ts';

const SECONDS = 5;
const CONNECTIONS = 10;
const TARGET_ASSETS = 1000;

const SUBMISSION = JSON.stringify({
  organisationName: 'Benchmark Growers',
  serviceName: 'Benchmark Community Garden',
  description: 'Raised beds and a polytunnel.',
  category: 'community_garden',
  latitude: 53.4561,
  longitude: -2.9952,
  postcode: 'L20 4RW',
  consentToPublish: true,
});

/** Approved assets at seeded-random places in Sefton, shaped like partner submissions. */
function syntheticAssets(count: number): NewAsset[] {
  const random = mulberry32(20261206);
  return Array.from({ length: count }, (_, i) => ({
    status: 'approved' as const,
    fields: {
      organisationName: `Benchmark Organisation ${i % 300}`,
      serviceName: `Benchmark Service ${i}`,
      description: 'A weekly session with tea, advice and a warm room. Everyone welcome.',
      category: 'community_hub' as const,
      programme: null,
      latitude: 53.42 + random() * 0.25,
      longitude: -3.08 + random() * 0.15,
      address: `${1 + (i % 200)} Benchmark Road, Bootle`,
      postcode: 'L20 4RW',
      openingTimes: 'Tuesdays 10-2',
      openingHours: [{ day: 'tu' as const, opens: '10:00', closes: '14:00' }],
      email: null,
      phone: '0151 000 0000',
      website: 'https://example.org/',
      accessibility: null,
      lastVerified: '2026-10-01',
      source: 'Benchmark',
      licence: 'Benchmark data',
      consentToPublish: true,
    },
  }));
}

function row(name: string, r: autocannon.Result, extra: string): BenchRow {
  const failures = r.errors + r.timeouts + r.non2xx;
  return {
    name,
    // Median latency of the requests; "runs" is how many requests were measured.
    medianMs: r.latency.p50,
    runs: r.requests.total,
    notes:
      `${Math.round(r.requests.average)} req/s mean, p99 latency ${r.latency.p99} ms, ` +
      `${CONNECTIONS} connections for ${SECONDS} s, ${failures} failed; ${extra}`,
  };
}

/**
 * SQLite always; PostgreSQL too when GAP_ATLAS_BENCH_PG (or GAP_ATLAS_TEST_PG) names a database
 * (a throwaway schema in it is created and dropped).
 */
export async function run(): Promise<BenchRow[]> {
  const pgUrl = process.env.GAP_ATLAS_BENCH_PG || process.env.GAP_ATLAS_TEST_PG;
  const rows = await runOn('SQLite');
  if (pgUrl) rows.push(...(await runOn('PostgreSQL', pgUrl)));
  return rows;
}

async function runOn(store: 'SQLite' | 'PostgreSQL', pgUrl?: string): Promise<BenchRow[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gap-register-bench-'));
  const schema = `bench_${process.pid}`;
  const register =
    store === 'SQLite'
      ? await openRegister({ file: path.join(dir, 'register.db'), log: () => {} })
      : await openPgRegister({ file: pgUrl ?? '', pgSchema: schema, log: () => {} });
  const app = Fastify({ logger: false });
  await registerApi(app, { db: register, limits: { submissionsPerWindow: 10_000_000 } });
  // The floor on this machine at this moment: a route that does nothing. On a shared VM under
  // load, compare the rows below with this one rather than with absolute targets.
  app.get('/bench-floor', async () => ({ ok: true }));
  // Only ever the loopback interface: this must never load anything but our own process.
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const seeded = await register.assets.count();
    await register.assets.createMany(
      syntheticAssets(Math.max(0, TARGET_ASSETS - seeded)),
      { type: 'seed' },
      'seed',
    );
    const approved = (await register.assets.listApproved({})).length;
    const listMs = await medianTime(() => register.assets.listApproved({}), 20, 3);
    const first = await fetch(`${url}/api/assets`);
    const etag = first.headers.get('etag') ?? '';
    const bytes = (await first.arrayBuffer()).byteLength;
    const get = (headers: Record<string, string>) =>
      autocannon({
        url: `${url}/api/assets`,
        headers,
        connections: CONNECTIONS,
        duration: SECONDS,
      });
    const floor = await autocannon({
      url: `${url}/bench-floor`,
      connections: CONNECTIONS,
      duration: SECONDS,
    });
    const brotli = await get({ 'accept-encoding': 'br, gzip' });
    const identity = await get({});
    const revalidate = await get({ 'if-none-match': etag });
    const post = await autocannon({
      url: `${url}/api/assets`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: SUBMISSION,
      connections: CONNECTIONS,
      duration: SECONDS,
    });
    const stored = (await register.assets.count()) - approved;
    return [
      {
        name: `${store}: AssetStore.listApproved, ${approved} assets (no HTTP)`,
        medianMs: listMs.medianMs,
        runs: listMs.runs,
        notes: 'the query and row mapping behind GET /api/assets when its cache is cold',
      },
      row(`${store} run: Fastify route returning {ok:true} (the machine floor)`, floor, 'baseline'),
      row(
        `${store}: GET /api/assets, ${approved} approved, brotli (as browsers ask)`,
        brotli,
        `${Math.round(brotli.throughput.average)} B/s; ${bytes} B uncompressed`,
      ),
      row(
        `${store}: GET /api/assets, ${approved} approved, uncompressed`,
        identity,
        `${Math.round(identity.throughput.average)} B/s`,
      ),
      row(
        `${store}: GET /api/assets, If-None-Match (304)`,
        revalidate,
        'revalidation (autocannon counts 304 as non-2xx "failed")',
      ),
      row(
        `${store}: POST /api/assets (public submission, synchronous=FULL)`,
        post,
        `${stored} rows stored`,
      ),
    ];
  } finally {
    await app.close();
    if (register.kind === 'postgres') {
      await register.pool.query(`DROP SCHEMA ${schema} CASCADE`);
    }
    await register.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
