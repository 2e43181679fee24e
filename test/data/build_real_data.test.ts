// About the real data: builds Sefton, Knowsley and the Liverpool City Region from
// ../shared/data/raw and checks the output against published figures.
import { gzipSync } from 'node:zlib';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAtlasData, type BuildSummary } from '../../data/build.ts';
import { sha256 } from '../../data/output.ts';
import { imd2019Columns } from '../../data/sources/imd2019.ts';
import { readImd2019England } from '../../data/sources/imd2019_england.ts';
import { rollUpColumns, round, storedDecimals } from '../../data/tables.ts';
import {
  HeadlineSchema,
  IndicatorTableSchema,
  ManifestSchema,
  type IndicatorTable,
  type Manifest,
} from '../../contracts/manifest.ts';
import { REAL_RAW, scratchDir } from '../helpers/raw_copy.ts';

async function readJson(dir: string, file: string): Promise<unknown> {
  return JSON.parse(await readFile(path.join(dir, file), 'utf8'));
}

/** Population-weighted mean of LSOA scores, computed from the output alone. */
function popWeightedScore(t: IndicatorTable, score: string, pop: string): number {
  const s = t.values[score] ?? [];
  const p = t.values[pop] ?? [];
  let num = 0;
  let den = 0;
  s.forEach((v, i) => {
    const w = p[i];
    if (v === null || w === null || w === undefined)
      throw new Error(`missing value for ${t.codes[i]}`);
    num += v * w;
    den += w;
  });
  return num / den;
}

const builds: Record<string, { dir: string; summary: BuildSummary; manifest: Manifest }> = {};

beforeAll(async () => {
  for (const area of ['E08000014', 'E08000011', 'lcr']) {
    const dir = path.join(await scratchDir(), 'data');
    const summary = await buildAtlasData({ area, rawDir: REAL_RAW, outDir: dir });
    builds[area] = {
      dir,
      summary,
      manifest: ManifestSchema.parse(await readJson(dir, 'manifest.json')),
    };
  }
}, 120_000);

afterAll(async () => {
  for (const b of Object.values(builds))
    await rm(path.dirname(b.dir), { recursive: true, force: true });
});

const sefton = () =>
  builds.E08000014 ??
  (() => {
    throw new Error('no Sefton build');
  })();

describe('Sefton build', () => {
  it('holds 189 LSOAs of 2011, 191 of 2021, 22 wards and 38 MSOAs', () => {
    expect(sefton().summary.counts).toEqual({
      lsoa11: 189,
      lsoa21: 191,
      msoa11: 38,
      msoa21: 38,
      ward: 22,
      lad: 1,
    });
  });

  it('reproduces the official IMD 2019 average score of Sefton, 27.035, from the output', async () => {
    const t = IndicatorTableSchema.parse(await readJson(sefton().dir, 'tables/lsoa11.json'));
    expect(popWeightedScore(t, 'imd2019_score', 'imd2019_pop_mid2015').toFixed(3)).toBe('27.035');
    const lad = IndicatorTableSchema.parse(await readJson(sefton().dir, 'tables/lad.json'));
    expect(lad.values.imd2019_score?.[0]?.toFixed(3)).toBe('27.035');
    // MHCLG File 10 in the headline file says the same.
    const headline = HeadlineSchema.parse(await readJson(sefton().dir, 'headline.json'));
    const official = headline.deprivationSummaries.find(
      (s) => s.edition === 'IoD2019' && s.indexDomain === 'Index of Multiple Deprivation',
    );
    expect(official?.averageScore).toBe(27.035);
  });

  it('carries England comparators made the same way as the authority values', async () => {
    const h = HeadlineSchema.parse(await readJson(sefton().dir, 'headline.json'));
    const lad = IndicatorTableSchema.parse(await readJson(sefton().dir, 'tables/lad.json'));
    const metas = new Map(sefton().manifest.indicators.map((i) => [i.id, i]));
    const england = h.comparators.filter((c) => c.areaCode === 'E92000001');
    expect(england.map((c) => c.indicatorId)).toContain('imd2019_score');
    // The same indicators for Sefton's region, the North West, and nothing else.
    const region = h.comparators.filter((c) => c.areaCode !== 'E92000001');
    expect(region.map((c) => [c.areaCode, c.areaName, c.indicatorId])).toEqual(
      england.map((c) => ['E12000002', 'North West', c.indicatorId]),
    );
    expect(region.find((c) => c.indicatorId === 'imd2019_score')?.method).toContain(
      'LSOAs in the North West region',
    );
    for (const c of england) {
      // Every comparator is an atlas indicator with an authority value beside it.
      expect(metas.get(c.indicatorId)?.geographies.lad?.derived).toBe(true);
      expect(lad.values[c.indicatorId]?.[0]).toEqual(expect.any(Number));
    }
    // Sefton's rows of the England file, rolled up by the comparators' code and stored as the
    // tables are, give the lad table's values (which come from the LCR file): same data, one method.
    const seftonRows = (await readImd2019England(REAL_RAW))
      .map((r) => r.value)
      .filter((r) => r.lad19cd === 'E08000014');
    const rolled = rollUpColumns(imd2019Columns(seftonRows), {
      group: new Int32Array(seftonRows.length),
      groupCount: 1,
    });
    for (const c of england) {
      const v = rolled.get(c.indicatorId)?.values[0] ?? NaN;
      const stored = round(v, storedDecimals(metas.get(c.indicatorId)?.decimals ?? 3));
      expect([c.indicatorId, stored]).toEqual([c.indicatorId, lad.values[c.indicatorId]?.[0]]);
    }
  });

  it('counts the 38 Sefton LSOAs in the most deprived national decile (IMD 2019)', async () => {
    const t = IndicatorTableSchema.parse(await readJson(sefton().dir, 'tables/lsoa11.json'));
    expect(t.values.imd2019_decile?.filter((d) => d === 1)).toHaveLength(38);
  });

  it('rolls IMD 2019 up to wards: Linacre most deprived, Harington least', async () => {
    const w = IndicatorTableSchema.parse(await readJson(sefton().dir, 'tables/ward.json'));
    const scores = w.codes.map((_, i) => ({
      name: w.names[i],
      score: w.values.imd2019_score?.[i] ?? NaN,
    }));
    scores.sort((a, b) => b.score - a.score);
    expect(scores[0]?.name).toBe('Linacre');
    expect(scores.at(-1)?.name).toBe('Harington');
  });

  it('adds populations exactly: wards and MSOAs sum to the authority total (275,899 in mid-2020)', async () => {
    for (const g of ['ward', 'msoa11', 'lad']) {
      const t = IndicatorTableSchema.parse(await readJson(sefton().dir, `tables/${g}.json`));
      expect((t.values.pop2020_total ?? []).reduce<number>((s, v) => s + (v ?? NaN), 0)).toBe(
        275_899,
      );
    }
  });

  it('carries IMD 2019 onto the split 2021 LSOAs and marks it derived', async () => {
    const t11 = IndicatorTableSchema.parse(await readJson(sefton().dir, 'tables/lsoa11.json'));
    const t21 = IndicatorTableSchema.parse(await readJson(sefton().dir, 'tables/lsoa21.json'));
    const parent = t11.values.imd2019_score?.[t11.codes.indexOf('E01006968')];
    for (const child of ['E01033797', 'E01033798']) {
      expect(t21.values.imd2019_score?.[t21.codes.indexOf(child)]).toBe(parent);
    }
    const meta = sefton().manifest.indicators.find((i) => i.id === 'imd2019_score');
    expect(meta?.geographies.lsoa21?.derived).toBe(true);
    expect(meta?.geographies.lsoa11?.derived).toBe(false);
    expect(meta?.geographies.ward?.method).toContain('ONS LSOA 2011 to ward 2019 best-fit lookup');
  });

  it('lists every file with its real size and hash, and every table follows geometry order', async () => {
    const m = sefton().manifest;
    for (const f of m.files.filter((x) => x.path !== 'manifest.json')) {
      const content = await readFile(path.join(sefton().dir, f.path));
      expect(content.length).toBe(f.bytes);
      expect(sha256(content)).toBe(f.sha256);
    }
    const topo = (await readJson(sefton().dir, 'geometry.topo.json')) as Topology;
    for (const g of m.geographies) {
      const t = IndicatorTableSchema.parse(await readJson(sefton().dir, g.table));
      const fc = feature(topo, topo.objects[g.object] as GeometryCollection);
      expect(fc.features.map((f) => (f.properties as { code: string }).code)).toEqual(t.codes);
      expect(t.codes).toHaveLength(g.count);
    }
  });

  it('keeps all Sefton geometry under 250 KB gzipped', async () => {
    const text = await readFile(path.join(sefton().dir, 'geometry.topo.json'));
    expect(gzipSync(text).length).toBeLessThan(250 * 1024);
  });

  it('carries point layers with their sources: 42 GP practices (with 2016-20 life expectancy), 69 pharmacies, 7 libraries, 3 food banks', async () => {
    const counts = Object.fromEntries(sefton().manifest.layers.map((l) => [l.id, l.count]));
    expect(counts).toMatchObject({ gp_practices: 42, pharmacies: 69, libraries: 7, food_banks: 3 });
    const gp = (await readJson(sefton().dir, 'layers/gp_practices.geojson')) as {
      features: { properties: Record<string, unknown> }[];
    };
    const strand = gp.features.find((f) => f.properties.postcode === 'L20 5BW');
    expect(strand?.properties.le_male_2016_20).toBeCloseTo(73.7, 1);
    expect(gp.features.every((f) => typeof f.properties.source === 'string')).toBe(true);
  });

  it('carries the published slope index of inequality (Fingertips 92901) for every period', async () => {
    const h = HeadlineSchema.parse(await readJson(sefton().dir, 'headline.json'));
    const sii = h.lifeExpectancy.filter(
      (r) => r.indicatorId === '92901' && r.areaCode === 'E08000014' && r.period === '2022 - 24',
    );
    expect(Object.fromEntries(sii.map((r) => [r.sex, r.value]))).toEqual({
      Male: 11.6,
      Female: 11.1,
    });
    const england = h.lifeExpectancy.filter(
      (r) => r.indicatorId === '92901' && r.areaCode === 'E92000001' && r.period === '2022 - 24',
    );
    expect(Object.fromEntries(england.map((r) => [r.sex, r.value]))).toEqual({
      Male: 10.4,
      Female: 8,
    });
    expect(
      new Set(h.lifeExpectancy.filter((r) => r.indicatorId === '92901').map((r) => r.period)).size,
    ).toBeGreaterThanOrEqual(5);
  });
});

describe('other areas', () => {
  it("reproduces Knowsley's official IMD 2019 average score, 43.006", async () => {
    const b = builds.E08000011;
    if (!b) throw new Error('no Knowsley build');
    const t = IndicatorTableSchema.parse(await readJson(b.dir, 'tables/lsoa11.json'));
    expect(popWeightedScore(t, 'imd2019_score', 'imd2019_pop_mid2015').toFixed(3)).toBe('43.006');
    expect(b.summary.counts.ward).toBe(15);
    expect(b.manifest.layers.find((l) => l.id === 'gp_practices')?.coverage).toMatch(/Sefton only/);
  });

  it('builds the Liverpool City Region with every district matching MHCLG File 10', async () => {
    const b = builds.lcr;
    if (!b) throw new Error('no LCR build');
    expect(b.summary.counts).toMatchObject({ lsoa11: 989, lsoa21: 1003, ward: 159, lad: 6 });
    const lad = IndicatorTableSchema.parse(await readJson(b.dir, 'tables/lad.json'));
    const official: Record<string, string> = {
      E06000006: '32.325',
      E08000011: '43.006',
      E08000012: '42.412',
      E08000013: '31.518',
      E08000014: '27.035',
      E08000015: '29.589',
    };
    lad.codes.forEach((c, i) =>
      expect(lad.values.imd2019_score?.[i]?.toFixed(3)).toBe(official[c]),
    );
    const meta = b.manifest.indicators.find((i) => i.id === 'imd2019_score');
    expect(meta?.geographies.ward?.method).toMatch(
      /area-share .* \(Halton, Liverpool, St\. Helens\)/,
    );
  });
});
