import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCodePoint } from '../../server/register/postcodes.ts';
import { makeApp, RAW_DIR, type TestApp } from './helpers.ts';

/** The centroid of a postcode as the raw file has it, read independently of the server code. */
function fromRawFile(postcode: string): { lat: number; lon: number } {
  const text = readFileSync(
    path.join(RAW_DIR, 'assets/sefton_postcodes_codepoint_open_2014.csv'),
    'utf8',
  );
  const line = text.split('\n').find((l) => l.startsWith(`${postcode},`));
  if (!line) throw new Error(`${postcode} not in the Sefton file`);
  const cells = line.split(',');
  return { lat: Number(cells[5]), lon: Number(cells[6]) };
}

describe('GET /api/postcodes/:postcode', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(() => t.close());

  it('answers the Code-Point centroid of a Sefton postcode, however it is typed', async () => {
    const expected = fromRawFile('L20 3BG');
    for (const typed of ['L20 3BG', 'l203bg', ' l20  3bg ']) {
      const res = await t.app.inject(`/api/postcodes/${encodeURIComponent(typed)}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        postcode: 'L20 3BG',
        latitude: expected.lat,
        longitude: expected.lon,
        inArea: true,
      });
      expect(res.json().licence).toContain('Royal Mail');
    }
  });

  it('says when a known postcode is outside the area served (Wirral)', async () => {
    const res = await t.app.inject('/api/postcodes/CH25%209AX');
    expect(res.statusCode).toBe(200);
    expect(res.json().inArea).toBe(false);
  });

  it('refuses a malformed postcode with the field message and misses with 404', async () => {
    const bad = await t.app.inject('/api/postcodes/NOT-A-POSTCODE');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual([
      { field: 'postcode', message: 'Must be a UK postcode, e.g. L20 3BG' },
    ]);
    // Well-formed, but not a Merseyside postcode in 2014.
    const missing = await t.app.inject('/api/postcodes/SW1A%201AA');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toContain('place the pin on the map');
    const query = await t.app.inject('/api/postcodes/L20%203BG?x=1');
    expect(query.statusCode).toBe(400);
  });

  it('rejects a Code-Point file without the columns it needs', () => {
    expect(() => parseCodePoint('pc,lat\nL20 3BG,53', 'x.csv')).toThrow(/postcode, lat and lon/);
    expect(() => parseCodePoint('postcode,lat,lon\nL20 3BG,north,-3', 'x.csv')).toThrow(/line 2/);
  });
});
