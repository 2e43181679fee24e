// About the real data: --area resolution against boundaries/england/lad.csv and its code history.
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveArea } from '../../data/area.ts';
import { PipelineError } from '../../data/errors.ts';
import { RawReader } from '../../data/raw_reader.ts';
import { readRegistry, type Registry } from '../../data/registry.ts';
import { REAL_RAW } from '../helpers/raw_copy.ts';

let registry: Registry;
beforeAll(async () => {
  registry = await readRegistry(new RawReader(REAL_RAW));
});

const ids = (area: string) => resolveArea(area, registry).bundles.map((b) => b.id);

describe('--area', () => {
  it('knows the 296 current districts: 63 unitary, 164 shire, 36 metropolitan, 33 London', () => {
    expect(registry.districts).toHaveLength(296);
    const byPrefix = new Map<string, number>();
    for (const d of registry.districts)
      byPrefix.set(d.code.slice(0, 3), (byPrefix.get(d.code.slice(0, 3)) ?? 0) + 1);
    expect(Object.fromEntries(byPrefix)).toEqual({ E06: 63, E07: 164, E08: 36, E09: 33 });
  });

  it('takes a current district code or name', () => {
    expect(resolveArea('E08000014', registry).bundles).toEqual([
      {
        id: 'E08000014',
        name: 'Sefton',
        kind: 'district',
        districts: [{ code: 'E08000014', name: 'Sefton' }],
      },
    ]);
    expect(ids('blackpool')).toEqual(['E06000009']);
    expect(ids(' e07000089 ')).toEqual(['E07000089']);
  });

  it('maps an older code through the code history and says so (IMD 2019 uses 2019 codes)', () => {
    const plan = resolveArea('E07000165', registry);
    expect(plan.bundles.map((b) => b.id)).toEqual(['E06000065']);
    expect(plan.notes.join(' ')).toContain(
      'E07000165 (Harrogate) is now part of E06000065 North Yorkshire',
    );
    expect(ids('E07000026')).toEqual(['E06000063']); // Allerdale -> Cumberland
    expect(ids('E07000187')).toEqual(['E06000066']); // Mendip -> Somerset
    expect(ids('E08000016')).toEqual(['E08000038']); // Barnsley's old code
  });

  it('builds a county or a combined authority as one group bundle of its districts', () => {
    const lancs = resolveArea('E10000017', registry).bundles;
    expect(lancs).toHaveLength(1);
    expect(lancs[0]).toMatchObject({ id: 'E10000017', name: 'Lancashire', kind: 'group' });
    expect(lancs[0]?.districts).toHaveLength(12);
    const lcr = resolveArea('lcr', registry).bundles;
    expect(lcr.map((b) => [b.id, b.kind, b.districts.map((d) => d.code)])).toEqual([
      [
        'E47000004',
        'group',
        ['E06000006', 'E08000011', 'E08000012', 'E08000013', 'E08000014', 'E08000015'],
      ],
    ]);
    expect(ids('E47000004')).toEqual(['E47000004']);
    expect(ids('Liverpool City Region')).toEqual(['E47000004']);
  });

  it('builds a region as the bundles of its districts', () => {
    const nw = resolveArea('E12000002', registry);
    expect(nw.bundles).toHaveLength(35);
    expect(nw.bundles.every((b) => b.kind === 'district')).toBe(true);
    expect(nw.national).toBe(false);
  });

  it('takes a comma-separated list, once each', () => {
    expect(ids('E08000014,E06000009, E08000014,E07000089')).toEqual([
      'E08000014',
      'E06000009',
      'E07000089',
    ]);
  });

  it('builds every district and the national layers for england', () => {
    const plan = resolveArea('england', registry);
    expect(plan.national).toBe(true);
    expect(plan.bundles).toHaveLength(296);
    expect(resolveArea('E92000001', registry).bundles).toHaveLength(296);
  });

  it('refuses an unknown code or name with the closest matches', () => {
    const refuse = (area: string) => {
      try {
        resolveArea(area, registry);
      } catch (err) {
        expect(err).toBeInstanceOf(PipelineError);
        return (err as Error).message;
      }
      throw new Error(`${area} was accepted`);
    };
    expect(refuse('E08000099')).toMatch(/^Unknown --area "E08000099".*Closest: E0\d{7} /);
    expect(refuse('E08000099')).toContain('E08000009 Trafford');
    expect(refuse('Blackpol')).toContain('Closest: E06000009 Blackpool');
    expect(refuse('Harogate')).toContain('E07000165 Harrogate (former)');
    expect(refuse('E08000014,nowhere')).toContain('Unknown --area "nowhere"');
  });
});
