import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeographyId } from '../../contracts/geography.ts';
import { IndicatorMetaSchema } from '../../contracts/manifest.ts';
import {
  buildImportedIndicator,
  inferDecimals,
  type BuildChoices,
  type BuildResult,
} from '../../workers/import/build_imported_indicator.ts';
import { ImportedIndicatorSchema } from '../../workers/import/imported_indicator.ts';
import {
  parseIndicatorCsv,
  type ParsedIndicatorFile,
} from '../../workers/import/parse_indicator_csv.ts';
import { buildSeftonCodes, fixture } from './sefton_codes.ts';

const FINGERTIPS = 'fingertips_sefton_wards_le_2016-20.csv';
const AT = '2026-06-01T09:00:00.000Z';

let known: Record<GeographyId, string[]>;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ known, cleanup } = await buildSeftonCodes());
});
afterAll(() => cleanup());

function parsed(text: string, name: string): ParsedIndicatorFile {
  const r = parseIndicatorCsv(text, name);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.file;
}

async function build(name: string, choices: BuildChoices = {}): Promise<BuildResult> {
  return buildImportedIndicator(parsed(await fixture(name), name), choices, {
    known,
    areaName: 'Sefton',
    importedAt: AT,
  });
}

async function built(name: string, choices: BuildChoices = {}) {
  const r = await build(name, choices);
  if (!r.ok) throw new Error(r.reason);
  return r.indicator;
}

describe('buildImportedIndicator: Fingertips ward export', () => {
  it('joins the default (first, male) series to the 22 wards in ward order', async () => {
    const ind = await built(FINGERTIPS);
    expect(ind.geography).toBe('ward');
    expect(ind.codes).toEqual(known.ward);
    expect(ind.values).toHaveLength(22);
    expect(ind.values.every((v) => typeof v === 'number')).toBe(true);
    expect(ind.interval).toBe('95%');
    expect(ind.lower?.every((l, i) => l !== null && l < (ind.values[i] ?? 0))).toBe(true);
    expect(ind.count).toHaveLength(22);
    expect(ind.denominator).toHaveLength(22);
    expect(ind.report).toMatchObject({
      format: 'fingertips',
      rows: 25,
      matched: 22,
      withValue: 22,
      missing: [],
      suppressed: [],
      duplicates: [],
    });
    // England, the North West and Sefton itself are context, not errors.
    expect(ind.report.unmatched).toEqual([
      {
        line: 2,
        code: 'E92000001',
        kind: 'not-this-geography',
        reason: 'England: not an area of this geography',
      },
      {
        line: 3,
        code: 'E12000002',
        kind: 'not-this-geography',
        reason: 'a region: not an area of this geography',
      },
      {
        line: 4,
        code: 'E08000014',
        kind: 'not-this-geography',
        reason: 'a local authority: not an area of this geography',
      },
    ]);
  });

  it('fills the metadata every atlas indicator carries', async () => {
    const ind = await built(FINGERTIPS, { unit: 'years', polarity: 'higher-is-better' });
    expect(IndicatorMetaSchema.parse(ind.meta)).toEqual(ind.meta);
    expect(ind.meta).toMatchObject({
      label: 'Life expectancy at birth, (upper age band 90+) — Male, All ages, 2016 - 20',
      theme: 'Imported',
      unit: 'years',
      kind: 'rate',
      decimals: 1,
      polarity: 'higher-is-better',
      // The indicator's name and publisher, never the file name (issue 15).
      source: expect.stringMatching(/^OHID Fingertips(, indicator \d+)?: Life expectancy at birth/),
      period: '2016 - 20',
      vintage: 'Electoral ward (2025)',
      licence: expect.stringContaining('Open Government Licence v3.0 (OHID Fingertips)'),
      geographies: { ward: { method: `imported from ${FINGERTIPS}`, derived: false } },
    });
    expect(ind.meta.definition).toMatch(/Fingertips data export \(indicator 93283\)/);
    expect(ind.meta.id).toMatch(/^import_life_expectancy_at_birth_upper_age_band_[0-9a-f]{8}$/);
    expect(ind.importedAt).toBe(AT);
  });

  it('keeps a suppressed row as missing with the value note', async () => {
    const file = parsed(await fixture(FINGERTIPS), FINGERTIPS);
    const female = file.series.find((s) => s.sex === 'Female');
    const r = buildImportedIndicator(file, { seriesKey: female?.key }, { known, importedAt: AT });
    if (!r.ok) throw new Error(r.reason);
    const ford = known.ward.indexOf('E05000939');
    expect(r.indicator.values[ford]).toBeNull();
    expect(r.indicator.lower?.[ford]).toBeNull();
    expect(r.indicator.report).toMatchObject({
      matched: 22,
      withValue: 21,
      suppressed: [
        {
          line: 27 + 3 + 7,
          code: 'E05000939',
          reason: 'Value suppressed for disclosure control due to small count',
        },
      ],
    });
  });

  it('gives the same id for the same file and choices, different ids for different series', async () => {
    const file = parsed(await fixture(FINGERTIPS), FINGERTIPS);
    const idOf = (seriesKey: string | undefined) => {
      const r = buildImportedIndicator(file, { seriesKey }, { known, importedAt: AT });
      if (!r.ok) throw new Error(r.reason);
      return r.indicator.meta.id;
    };
    const [male, female] = file.series.map((s) => s.key);
    expect(idOf(male)).toBe(idOf(male));
    expect(idOf(male)).not.toBe(idOf(female));
  });

  it('refuses a series key that is not in the file', async () => {
    expect(await build(FINGERTIPS, { seriesKey: 'nope' })).toMatchObject({
      ok: false,
      reason: 'the chosen series is not in the file',
    });
  });
});

describe('buildImportedIndicator: plain LSOA files', () => {
  it('joins an LSOA 2011 file to LSOA 2011 and lists the areas without a row', async () => {
    const ind = await built('plain_lsoa11.csv');
    expect(ind.geography).toBe('lsoa11');
    expect(ind.meta.vintage).toBe('LSOA (2011)');
    expect(ind.meta.source).toBe('Own data imported by the user (source not stated)');
    expect(ind.meta.geographies.lsoa11?.method).toBe('imported from plain_lsoa11.csv');
    expect(ind.meta.label).toBe('plain_lsoa11');
    expect(ind.meta.unit).toBe('unit not stated');
    expect(ind.meta.kind).toBe('score');
    expect(ind.meta.decimals).toBe(2);
    expect(ind.report.matched).toBe(11);
    expect(ind.report.missing).toHaveLength(189 - 11);
    expect(ind.report.missing).not.toContain('E01006968');
    expect(ind.values.filter((v) => v !== null)).toHaveLength(11);
    expect(ind.values[known.lsoa11.indexOf('E01006968')]).toBeTypeOf('number');
    expect(ind.lower).toBeUndefined();
    expect(ind.interval).toBeNull();
  });

  it('joins an LSOA 2021 file to LSOA 2021 with its own limits', async () => {
    const ind = await built('plain_lsoa21.csv', { label: 'My score', decimals: 1 });
    expect(ind.geography).toBe('lsoa21');
    expect(ind.meta.label).toBe('My score');
    expect(ind.meta.decimals).toBe(1);
    expect(ind.interval).toBe('as supplied');
    const i = known.lsoa21.indexOf('E01033797');
    expect((ind.upper?.[i] ?? 0) - (ind.lower?.[i] ?? 0)).toBeCloseTo(5, 6);
  });

  it('refuses a 2011 file holding a 2021-only code, naming it', async () => {
    expect(await build('lsoa11_with_a_2021_only_code.csv')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('1 of them (E01033797) exists only in LSOA (2021)'),
    });
  });

  it('refuses unknown codes, and with the user’s consent lists them with their lines', async () => {
    expect(await build('unknown_lsoa_codes.csv')).toMatchObject({
      ok: false,
      reason: expect.stringContaining(
        "2 of them (E01000001, E01012367) do not exist in Sefton's LSOA",
      ),
    });
    const ind = await built('unknown_lsoa_codes.csv', { ignoreUnknownCodes: true });
    expect(ind.report.unmatched).toEqual([
      {
        line: 12,
        code: 'E01000001',
        kind: 'outside-area',
        reason: expect.stringContaining("not in Sefton's"),
      },
      {
        line: 13,
        code: 'E01012367',
        kind: 'outside-area',
        reason: expect.stringContaining("not in Sefton's"),
      },
    ]);
  });

  it('refuses mixed geographies', async () => {
    expect(await build('mixed_ward_and_msoa_codes.csv')).toMatchObject({
      ok: false,
      reason: 'mixed geographies: 3 ward codes and 2 MSOA codes; import one geography at a time',
    });
  });
});

describe('buildImportedIndicator: duplicates and hostile text', () => {
  it('refuses conflicting duplicates with both lines, accepting identical ones', async () => {
    const r = await build('duplicate_ward_codes.csv');
    expect(r).toMatchObject({
      ok: false,
      reason:
        '1 area code appears more than once with different figures: E05000932 (lines 2 and 5); keep one row per area',
    });
    if (r.ok) return;
    expect(r.report?.duplicates).toEqual([
      { line: 5, code: 'E05000932', firstLine: 2, identical: false },
      { line: 6, code: 'E05000933', firstLine: 3, identical: true },
    ]);
    // Without the conflicting row, the identical repeat is accepted and reported.
    const text = (await fixture('duplicate_ward_codes.csv')).replace('E05000932,10.6\n', '');
    const ok = buildImportedIndicator(parsed(text, 'dups.csv'), {}, { known, importedAt: AT });
    expect(ok.ok && ok.indicator.report.duplicates).toEqual([
      { line: 5, code: 'E05000933', firstLine: 3, identical: true },
    ]);
    expect(ok.ok && ok.indicator.values.slice(0, 3)).toEqual([10.5, 11, 12]);
  });

  it('keeps hostile names and codes as capped plain text', async () => {
    const hostile = '<img src=x onerror=alert(1)>\u202e\u0007' + 'y'.repeat(500);
    const ind = await built('script_in_area_name.csv', {
      ignoreUnknownCodes: true,
      label: hostile,
      unit: '<b>%</b>',
      definition: 'line one\nline two\u0000',
    });
    expect(Array.from(ind.meta.label)).toHaveLength(200);
    expect(ind.meta.label.startsWith('<img src=x onerror=alert(1)>yyy')).toBe(true);
    expect(ind.meta.unit).toBe('<b>%</b>');
    expect(ind.meta.definition).toBe('line one line two');
    expect(ind.meta.id).toMatch(/^import_img_src_x_onerror_alert_1_y+_[0-9a-f]{8}$/);
    expect(ind.report.unmatched).toEqual([
      {
        line: 5,
        code: '<IMG SRC=X ONERROR=ALERT(1)>',
        kind: 'invalid-code',
        reason: 'not a GSS area code (like E05000932)',
      },
    ]);
    expect(ImportedIndicatorSchema.parse(ind)).toEqual(ind);
  });

  it('refuses a series in which no area has a value', async () => {
    const r = buildImportedIndicator(
      parsed('area_code,value\nE05000932,x\nE05000933,\n', 'nothing.csv'),
      {},
      { known, importedAt: AT },
    );
    expect(r).toMatchObject({
      ok: false,
      reason:
        'no Electoral ward (2025) area has a value in this series (2 matched, all without a value)',
    });
  });
});

describe('inferDecimals', () => {
  const rows = (...texts: [number, number][]) =>
    texts.map(([value, decimals]) => ({ value, decimals }));
  it('keeps the decimals written, up to four significant figures of the largest value', () => {
    expect(inferDecimals(rows([80.1, 1], [79.5, 1]))).toBe(1);
    expect(inferDecimals(rows([79.584392, 6], [81.2, 1]))).toBe(2);
    expect(inferDecimals(rows([0.0123456, 6]))).toBe(5);
    expect(inferDecimals(rows([1234, 0], [12, 0]))).toBe(0);
    expect(inferDecimals(rows([12345.678, 3]))).toBe(0);
    expect(inferDecimals([{ value: null, decimals: 0 }])).toBe(0);
  });
});
