import { parse } from 'csv-parse/sync';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addModerator,
  login,
  makeApp,
  RAW_DIR,
  runCli,
  snapshot,
  submit,
  type Moderator,
  type TestApp,
} from './helpers.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/register');

describe('exports of approved assets', () => {
  let t: TestApp;
  let mod: Moderator;
  let formulaId: number;
  beforeAll(async () => {
    t = await makeApp({ seed: true, officialLists: true });
    await addModerator(t.register);
    mod = await login(t.app);
    const hostile = await submit(t.app, {
      organisationName: '@SUM(A1:A9)',
      serviceName: '=HYPERLINK("http://evil.example","click")',
      description: '-2+3, "quoted", and\nnewline',
      phone: '+44 151 000 0000',
      accessibility: '+ramp at the side door',
    });
    formulaId = hostile.id;
    await t.app.inject({
      method: 'POST',
      url: `/api/assets/${hostile.id}/approve`,
      headers: mod.write,
      payload: {},
    });
    await submit(t.app, { serviceName: 'Still Pending Thing' });
  });
  afterAll(() => t.close());

  it('GeoJSON: a FeatureCollection of points, approved only, with attribution', async () => {
    const res = await t.app.inject('/api/assets/export?format=geojson');
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(res.headers['content-disposition']).toMatch(
      /attachment; filename="gap-atlas-assets-\d{4}-\d{2}-\d{2}\.geojson"/,
    );
    const fc = res.json();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(123);
    for (const f of fc.features) {
      expect(f.geometry.type).toBe('Point');
      const [lon, lat] = f.geometry.coordinates;
      expect(lon).toBeGreaterThan(-3.15);
      expect(lon).toBeLessThan(-2.85);
      expect(lat).toBeGreaterThan(53.4);
      expect(lat).toBeLessThan(53.72);
    }
    expect(fc.attribution.some((a: string) => a.includes('Open Government Licence v3.0'))).toBe(
      true,
    );
    expect(res.body).not.toContain('Still Pending Thing');
  });

  it('CSV: quoted properly and safe from formula injection', async () => {
    const res = await t.app.inject('/api/assets/export?format=csv');
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const records = parse(res.body, { columns: true, bom: true }) as Record<string, string>[];
    expect(records).toHaveLength(123);
    const row = records.find((r) => r.id === String(formulaId));
    expect(row).toMatchObject({
      organisation_name: "'@SUM(A1:A9)",
      service_name: `'=HYPERLINK("http://evil.example","click")`,
      description: `'-2+3, "quoted", and\nnewline`,
      phone: "'+44 151 000 0000",
      accessibility: "'+ramp at the side door",
    });
    // No cell a spreadsheet would evaluate, except our own numbers.
    for (const r of records) {
      for (const [column, cell] of Object.entries(r)) {
        if (column === 'latitude' || column === 'longitude') {
          expect(Number.isFinite(Number(cell))).toBe(true);
          continue;
        }
        expect(cell, `${column}=${cell}`).not.toMatch(/^[=+\-@\t\r]/);
      }
    }
    expect(res.body).not.toContain('Still Pending Thing');
  });

  it('Open Referral UK: services with organization, location, address, schedules, taxonomy', async () => {
    const res = await t.app.inject('/api/assets/export?format=oruk');
    const page = res.json();
    expect(page).toMatchObject({
      total_items: 123,
      page_number: 1,
      first_page: true,
      last_page: true,
    });
    // Required fields per the ORUK 3.0 profile field list, for every object we emit.
    const profile = parse(
      readFileSync(path.join(RAW_DIR, 'assets/openreferral_uk_3.0_profile_fields.csv'), 'utf8'),
      {
        columns: true,
      },
    ) as { table: string; field: string; required: string }[];
    const required = (table: string) =>
      profile.filter((p) => p.table === table && p.required === 'Y').map((p) => p.field);
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    const check = (table: string, obj: Record<string, unknown>) => {
      for (const field of required(table)) expect(obj[field], `${table}.${field}`).toBeDefined();
      expect(obj.id, `${table}.id`).toMatch(uuid);
    };
    expect(required('service')).toContain('name');
    for (const s of page.contents) {
      check('service', s);
      check('organization', s.organization);
      for (const sal of s.service_at_locations) {
        check('service_at_location', sal);
        check('location', sal.location);
        for (const a of sal.location.addresses) check('address', a);
      }
      for (const sch of s.schedules) check('schedule', sch);
      for (const attr of s.attributes) {
        check('attribute', attr);
        check('taxonomy_term', attr.taxonomy_term);
      }
    }
    const pharmacy = page.contents.find(
      (s: { attributes: { taxonomy_term: { term: string } }[] }) =>
        s.attributes[0]?.taxonomy_term.term === 'pharmacy',
    );
    expect(pharmacy.schedules[0]).toMatchObject({ freq: 'WEEKLY', interval: 1 });
    expect(pharmacy.schedules[0].byday).toMatch(
      /^(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*$/,
    );
    const gp = page.contents.find(
      (s: { service_at_locations: { location: { external_identifier?: string } }[] }) =>
        s.service_at_locations[0]?.location.external_identifier === 'N84038',
    );
    expect(gp.service_at_locations[0].location.addresses[0]).toMatchObject({
      postal_code: 'L20 3BG',
      country: 'GB',
    });
    // Shared organisations share one id (Boots runs several pharmacies).
    const orgIds = new Set(
      page.contents.map((s: { organization_id: string }) => s.organization_id),
    );
    expect(orgIds.size).toBeLessThan(page.contents.length);
    expect(res.body).not.toContain('Still Pending Thing');
  });
});

describe('bulk import', () => {
  let t: TestApp;
  let mod: Moderator;
  beforeAll(async () => {
    t = await makeApp();
    await addModerator(t.register);
    mod = await login(t.app);
  });
  afterAll(() => t.close());

  const importFile = (body: string, contentType: string, query = '') =>
    t.app.inject({
      method: 'POST',
      url: `/api/import${query}`,
      headers: { ...mod.write, 'content-type': contentType },
      payload: body,
    });

  it('rejects the whole file when any row is bad, listing each row and field', async () => {
    const before = snapshot(t.register);
    const res = await importFile(
      readFileSync(path.join(FIXTURES, 'assets_bad.csv'), 'utf8'),
      'text/csv',
    );
    expect(res.statusCode).toBe(400);
    const body = res.json() as {
      error: string;
      fields: { row: number; field: string; message: string }[];
    };
    expect(body.error).toMatch(/nothing was imported/);
    expect(body.fields.map((f) => [f.row, f.field])).toEqual([
      [2, 'postcode'],
      [3, 'category'],
      [3, 'latitude'],
      [4, 'website'],
      [5, 'externalId'],
    ]);
    expect(body.fields[0]?.message).toBe('Must be a UK postcode, e.g. L20 3BG');
    expect(snapshot(t.register)).toBe(before);
  });

  it('imports a good CSV in one go, recording the import in the history', async () => {
    const dry = await importFile(
      readFileSync(path.join(FIXTURES, 'assets_good.csv'), 'utf8'),
      'text/csv',
      '?dryRun=true',
    );
    expect(dry.json()).toEqual({ dryRun: true, valid: 3 });
    expect(await t.register.assets.count()).toBe(0);
    const res = await importFile(
      readFileSync(path.join(FIXTURES, 'assets_good.csv'), 'utf8'),
      'text/csv',
    );
    expect(res.statusCode).toBe(201);
    expect(res.json().imported).toBe(3);
    const [first] = res.json().ids as number[];
    const asset = await t.register.assets.get(first ?? 0);
    expect(asset).toMatchObject({
      serviceName: 'Orrell Community Allotments',
      status: 'approved',
      postcode: 'L20 6ES',
      openingHours: [
        { day: 'sa', opens: '10:00', closes: '12:00' },
        { day: 'su', opens: '10:00', closes: '12:00' },
      ],
      licence: 'Open Government Licence v3.0',
    });
    expect((await t.register.assets.history(first ?? 0))[0]).toMatchObject({
      actorType: 'import',
      action: 'import',
    });
    // Same external ids again: refused, as duplicates.
    const again = await importFile(
      readFileSync(path.join(FIXTURES, 'assets_good.csv'), 'utf8'),
      'text/csv',
    );
    expect(again.statusCode).toBe(400);
    expect(again.json().fields[0].message).toMatch(/Already in the register/);
  });

  it('imports GeoJSON and refuses features without point geometry', async () => {
    const good = readFileSync(path.join(FIXTURES, 'assets_good.geojson'), 'utf8');
    const res = await importFile(good, 'application/geo+json');
    expect(res.statusCode).toBe(201);
    expect(res.json().imported).toBe(2);
    const bad = JSON.parse(good) as { features: { geometry: unknown }[] };
    const count = await t.register.assets.count();
    bad.features[1] = { ...bad.features[1], geometry: { type: 'Polygon', coordinates: [] } };
    const refused = await importFile(JSON.stringify(bad), 'application/geo+json');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields).toEqual([
      { row: 2, field: 'geometry', message: expect.any(String) },
    ]);
    const proto = await importFile(
      good.replace('"properties": {', '"properties": { "__proto__": { "status": "approved" },'),
      'application/geo+json',
    );
    expect(proto.statusCode).toBe(400);
    expect(await t.register.assets.count()).toBe(count);
  });

  it('refuses unknown columns, empty files and unreadable CSV', async () => {
    for (const body of ['name,colour\nx,red\n', '', 'service_name\n"unclosed\n']) {
      const res = await importFile(body, 'text/csv');
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().fields.length).toBeGreaterThan(0);
    }
  });

  it('round-trips: CSV and GeoJSON exports import into an empty register unchanged', async () => {
    const source = await makeApp({ seed: true, officialLists: true });
    try {
      for (const format of ['csv', 'geojson'] as const) {
        const exported = await source.app.inject(`/api/assets/export?format=${format}`);
        const target = await makeApp();
        try {
          await addModerator(target.register);
          const m = await login(target.app);
          const res = await target.app.inject({
            method: 'POST',
            url: '/api/import',
            headers: {
              ...m.write,
              'content-type': format === 'csv' ? 'text/csv' : 'application/geo+json',
            },
            payload: exported.body,
          });
          expect(res.statusCode, res.body).toBe(201);
          const a = await source.register.assets.listApproved({});
          const b = await target.register.assets.listApproved({});
          const strip = (x: (typeof a)[number]) => ({
            ...x,
            id: 0,
            uuid: '',
            createdAt: '',
            updatedAt: '',
            externalId: null,
            externalIdType: null,
          });
          expect(b.map(strip), format).toEqual(a.map(strip));
        } finally {
          await target.close();
        }
      }
    } finally {
      await source.close();
    }
  });

  it('has a CLI that reports errors by row and exits 1', async () => {
    const dbFile = path.join(t.dir, 'cli.db');
    const bad = path.join(t.dir, 'bad.csv');
    writeFileSync(bad, readFileSync(path.join(FIXTURES, 'assets_bad.csv')));
    const failed = await runCli('server/cli/import.ts', ['--file', bad, '--db', dbFile]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('row 2, postcode');
    const ok = await runCli('server/cli/import.ts', [
      '--file',
      path.join(FIXTURES, 'assets_good.csv'),
      '--db',
      dbFile,
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/imported 3 assets/);
  });
});
