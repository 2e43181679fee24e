import * as Comlink from 'comlink';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeographyId } from '../../contracts/geography.ts';
import type { ImportApi } from '../../workers/import_api.ts';
import { createImportWorker } from '../../workers/import.worker.ts';
import { buildSeftonCodes, fixture } from './sefton_codes.ts';

const FINGERTIPS = 'fingertips_sefton_wards_le_2016-20.csv';

let known: Record<GeographyId, string[]>;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ known, cleanup } = await buildSeftonCodes());
});
afterAll(() => cleanup());

describe('import worker API', () => {
  const api = createImportWorker({ now: () => new Date('2026-06-01T09:00:00Z') });

  it('parses, lets the caller pick a series, and builds it', async () => {
    const text = await fixture(FINGERTIPS);
    const parsed = await api.parse(text, FINGERTIPS, known, { areaName: 'Sefton' });
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.series.map((s) => [s.sex, s.rows, s.detection.ok])).toEqual([
      ['Male', 25, true],
      ['Female', 25, true],
    ]);
    const female = parsed.series[1]?.key;
    const built = await api.build({
      text,
      fileName: FINGERTIPS,
      known,
      areaName: 'Sefton',
      choices: { seriesKey: female, unit: 'years', polarity: 'higher-is-better' },
    });
    if (!built.ok) throw new Error(built.reason);
    expect(built.indicator.meta.label).toContain('Female');
    expect(built.indicator.importedAt).toBe('2026-06-01T09:00:00.000Z');
    expect(built.indicator.report.withValue).toBe(21);
  });

  it('answers a bad file with its problems instead of throwing', async () => {
    const bad = await api.parse(await fixture('value_not_a_number_line_4.csv'), 'v.csv', known);
    expect(bad).toMatchObject({
      ok: false,
      message:
        'v.csv: line 4, column 3 (value): not a number (empty, NA, x, c, *, .., : or - are read as no value) (got "1O.2")',
    });
    const built = await api.build({ text: '', fileName: 'e.csv', known });
    expect(built).toMatchObject({
      ok: false,
      reason: 'e.csv: the file is empty: expected a header line and rows',
      report: null,
    });
  });

  it('refuses files over 20 MB and over 200,000 rows with a clear message', async () => {
    const big = `area_code,value\n${'E05000932,1'.padEnd(1023, ' ')}\n`.repeat(20 * 1024 + 1);
    expect(await api.parse(big, 'big.csv', known)).toMatchObject({
      ok: false,
      message: expect.stringContaining('the file is larger than 20 MB'),
    });
    const long = `area_code,value\n${'E05000932,1\n'.repeat(200_001)}`;
    expect(await api.parse(long, 'long.csv', known)).toMatchObject({
      ok: false,
      message: expect.stringContaining('more than 200,000 rows'),
    });
  });

  it('throws on arguments of the wrong shape (zod, on entry)', async () => {
    await expect(api.parse(42 as unknown as string, 'x.csv', known)).rejects.toThrow();
    await expect(
      api.parse('area_code,value\n', 'x.csv', { ward: [42] } as unknown as typeof known),
    ).rejects.toThrow();
    await expect(
      api.build({
        text: 'area_code,value\nE05000932,1\n',
        fileName: 'x.csv',
        known,
        choices: { decimals: 9 },
      }),
    ).rejects.toThrow();
    await expect(
      api.build({
        text: 'area_code,value\nE05000932,1\n',
        fileName: 'x.csv',
        known,
        choices: { colour: 'red' } as never,
      }),
    ).rejects.toThrow();
  });

  it('works through comlink: every result is structured-cloneable', async () => {
    const { port1, port2 } = new MessageChannel();
    Comlink.expose(api, port1);
    const remote = Comlink.wrap<ImportApi>(port2);
    try {
      const text = await fixture('plain_lsoa21.csv');
      const parsed = await remote.parse(text, 'plain_lsoa21.csv', known);
      expect(parsed).toMatchObject({ ok: true, format: 'plain' });
      const built = await remote.build({ text, fileName: 'plain_lsoa21.csv', known });
      expect(built.ok && built.indicator.geography).toBe('lsoa21');
    } finally {
      remote[Comlink.releaseProxy]();
      port1.close();
      port2.close();
    }
  });
});
