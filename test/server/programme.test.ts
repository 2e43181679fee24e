// The programme an asset belongs to (Well Sefton, Taking Root, or none): one rule from
// contracts/register/programmes.ts for submissions, edits, imports and exports.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programmeRule } from '../../contracts/register/programmes.ts';
import {
  addModerator,
  login,
  makeApp,
  removeTempDirs,
  submission,
  type Moderator,
  type TestApp,
} from './helpers.ts';

describe('the programme rule', () => {
  it('takes an id, or none as null or empty, and refuses anything else', () => {
    expect(programmeRule.parse('well_sefton')).toBe('well_sefton');
    expect(programmeRule.parse('taking_root')).toBe('taking_root');
    expect(programmeRule.parse('')).toBeNull();
    expect(programmeRule.parse(null)).toBeNull();
    const bad = programmeRule.safeParse('Well Sefton');
    expect(!bad.success && bad.error.issues[0]?.message).toBe(
      'Must be one of well_sefton, taking_root, or empty for none',
    );
  });
});

describe('the programme through the API', () => {
  let t: TestApp;
  let mod: Moderator;
  beforeAll(async () => {
    t = await makeApp();
    await addModerator(t.register);
    mod = await login(t.app);
  });
  afterAll(async () => {
    await t.close();
    removeTempDirs();
  });

  const post = (overrides: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/assets', payload: submission(overrides) });

  it('is stored from a submission, changed by the edit link, and refused when unknown', async () => {
    const made = await post({ programme: 'taking_root' });
    expect(made.statusCode).toBe(201);
    const { id, editToken } = made.json() as { id: number; editToken: string };
    const bad = await post({ programme: 'elsewhere' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual([
      { field: 'programme', message: 'Must be one of well_sefton, taking_root, or empty for none' },
    ]);
    const none = await post({});
    expect(none.statusCode).toBe(201);
    const edited = await t.app.inject({
      method: 'PATCH',
      url: `/api/assets/${id}`,
      headers: { authorization: `Bearer ${editToken}` },
      payload: { programme: 'well_sefton' },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().properties).toMatchObject({
      programme: 'well_sefton',
      programmeLabel: 'Well Sefton',
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/assets/${id}/approve`,
      headers: mod.write,
      payload: {},
    });
  });

  it('round-trips through the CSV export and import; an empty cell is none', async () => {
    const csv = (await t.app.inject('/api/assets/export?format=csv')).body;
    const rows = parse(csv, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((r) => r.programme)).toEqual(['well_sefton']);
    const header =
      'organisation_name,service_name,category,programme,latitude,longitude,source,licence';
    const body = [
      header,
      'Growers,Garden One,community_garden,taking_root,53.4561,-2.9952,Test,OGL',
      'Growers,Garden Two,community_garden,,53.4562,-2.9953,Test,OGL',
      'Growers,Garden Three,community_garden,Taking Root,53.4563,-2.9954,Test,OGL',
    ].join('\n');
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/import',
      headers: { ...mod.write, 'content-type': 'text/csv' },
      payload: body,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields).toEqual([
      expect.objectContaining({ row: 3, field: 'programme' }),
    ]);
    const accepted = await t.app.inject({
      method: 'POST',
      url: '/api/import',
      headers: { ...mod.write, 'content-type': 'text/csv' },
      payload: body.split('\n').slice(0, 3).join('\n'),
    });
    expect(accepted.statusCode).toBe(201);
    const all = (await t.app.inject('/api/assets')).json() as {
      features: { properties: { serviceName: string; programme: string | null } }[];
    };
    const byName = new Map(
      all.features.map((f) => [f.properties.serviceName, f.properties.programme]),
    );
    expect(byName.get('Garden One')).toBe('taking_root');
    expect(byName.get('Garden Two')).toBeNull();
  });
});
