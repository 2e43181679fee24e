import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addModerator, login, makeApp, submit, type Moderator, type TestApp } from './helpers.ts';

// Issue 13 section 4: GET /api/assets is cached until the next change, with an ETag (304) and
// compression. The answer must never be stale: every kind of write changes it.
describe('GET /api/assets: cached, revalidated with ETag, compressed', () => {
  let t: TestApp;
  let mod: Moderator;
  beforeAll(async () => {
    t = await makeApp({ seed: true, officialLists: true });
    await addModerator(t.register);
    mod = await login(t.app);
  });
  afterAll(() => t.close());

  it('answers 304 to a matching If-None-Match and a new ETag after a change', async () => {
    const first = await t.app.inject('/api/assets');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"[^"]+"$/);
    expect(first.headers['cache-control']).toBe('no-cache');
    const again = await t.app.inject({ url: '/api/assets', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    // A submission is pending, not public: still a change to the register, but whatever the
    // ETag does then, approval must change the answer.
    const { id } = await submit(t.app, { serviceName: 'Cache Buster Garden' });
    await t.app.inject({
      method: 'POST',
      url: `/api/assets/${id}/approve`,
      headers: mod.write,
      payload: {},
    });
    const after = await t.app.inject({ url: '/api/assets', headers: { 'if-none-match': etag } });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(after.body).toContain('Cache Buster Garden');
    // A moderator's archive, a change that adds no row, is seen too.
    await t.app.inject({
      method: 'POST',
      url: `/api/assets/${id}/archive`,
      headers: mod.write,
      payload: {},
    });
    expect((await t.app.inject('/api/assets')).body).not.toContain('Cache Buster Garden');
  });

  it('sends the same GeoJSON gzip- or brotli-compressed when asked', async () => {
    const plain = await t.app.inject('/api/assets');
    const gz = await t.app.inject({ url: '/api/assets', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toMatch(/accept-encoding/i);
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
    const br = await t.app.inject({
      url: '/api/assets',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
  });

  it('keeps filtered answers apart from the whole list', async () => {
    const all = (await t.app.inject('/api/assets')).json().features.length;
    const gp = await t.app.inject('/api/assets?category=gp_practice');
    expect(gp.json().features.length).toBe(42);
    expect(gp.headers.etag).not.toBe((await t.app.inject('/api/assets')).headers.etag);
    expect((await t.app.inject('/api/assets')).json().features.length).toBe(all);
  });
});
