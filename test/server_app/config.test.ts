import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';

const dirs: string[] = [];
async function app(options: { basemapStyleUrl?: string | null; basemapOrigins?: string[] }) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gap-atlas-config-'));
  dirs.push(dir);
  return buildApp({
    distDir: path.join(dir, 'none'),
    dataDir: path.join(dir, 'none'),
    register: { file: path.join(dir, 'r.db'), seed: false },
    ...options,
  });
}
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('runtime configuration', () => {
  it('serves the offline base map by default, with a CSP that fetches nothing from elsewhere', async () => {
    const a = await app({});
    const res = await a.inject('/config.json');
    expect(res.json()).toEqual({ basemapStyleUrl: null });
    expect(res.headers['content-security-policy']).toMatch(/connect-src 'self'[^;]*;/);
    expect(String(res.headers['content-security-policy'])).not.toContain('https://');
    await a.close();
  });

  it('names an online base map style and lets the CSP reach its origin and tile hosts', async () => {
    const a = await app({
      basemapStyleUrl: 'https://tiles.example.org/styles/streets.json',
      basemapOrigins: ['https://a.tiles.example.org'],
    });
    const res = await a.inject('/config.json');
    expect(res.json()).toEqual({
      basemapStyleUrl: 'https://tiles.example.org/styles/streets.json',
    });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(
      /connect-src [^;]*https:\/\/tiles\.example\.org[^;]*https:\/\/a\.tiles\.example\.org/,
    );
    expect(csp).toMatch(/img-src [^;]*https:\/\/tiles\.example\.org/);
    await a.close();
  });
});
