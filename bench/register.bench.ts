// Register API throughput: the public map's GET /api/assets (the 122 seeded assets) and public
// submissions (POST /api/assets, one fsync per commit with synchronous=FULL), each under
// autocannon for a fixed time against a server on 127.0.0.1 with a throwaway database.
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openRegister, registerApi } from '../server/register/plugin.ts';
import { medianTime } from './time.ts';
import type { BenchRow } from './types.ts';

const SECONDS = 5;
const CONNECTIONS = 10;

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

export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gap-register-bench-'));
  const register = await openRegister({ file: path.join(dir, 'register.db'), log: () => {} });
  const app = Fastify({ logger: false });
  await registerApi(app, { db: register, limits: { submissionsPerWindow: 10_000_000 } });
  // Only ever the loopback interface: this must never load anything but our own process.
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const seeded = await register.assets.count();
    const listMs = await medianTime(() => register.assets.listApproved({}), 20, 3);
    const get = await autocannon({
      url: `${url}/api/assets`,
      connections: CONNECTIONS,
      duration: SECONDS,
    });
    const post = await autocannon({
      url: `${url}/api/assets`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: SUBMISSION,
      connections: CONNECTIONS,
      duration: SECONDS,
    });
    const stored = (await register.assets.count()) - seeded;
    return [
      {
        name: `AssetStore.listApproved, ${seeded} assets (no HTTP)`,
        medianMs: listMs.medianMs,
        runs: listMs.runs,
        notes: 'the query and row mapping behind GET /api/assets',
      },
      row(
        `GET /api/assets (${seeded} approved assets as GeoJSON)`,
        get,
        `${get.throughput.average} B/s`,
      ),
      row('POST /api/assets (public submission, synchronous=FULL)', post, `${stored} rows stored`),
    ];
  } finally {
    await app.close();
    register.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
