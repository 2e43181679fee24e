import { describe, expect, it } from 'vitest';
import {
  createImportedIndicatorStore,
  InvalidImportedIndicatorError,
  STORED_RECORD_VERSION,
  type RecordBackend,
} from '../../src/storage/imported_indicator_store.ts';
import { MemoryRecordBackend } from '../../src/storage/memory_record_backend.ts';
import type { ImportedIndicator } from '../../workers/import/imported_indicator.ts';

const AT = '2026-06-01T09:00:00.000Z';

function indicator(
  id: string,
  label: string,
  values: (number | null)[] = [1, 2],
): ImportedIndicator {
  return {
    meta: {
      id,
      label,
      theme: 'Imported',
      unit: 'years',
      kind: 'score',
      decimals: 1,
      polarity: 'neutral',
      definition: 'A test indicator.',
      source: 'Imported file: test.csv',
      period: '2020',
      vintage: 'Electoral ward (2025)',
      licence: 'As stated by the supplier of test.csv',
      geographies: { ward: { method: 'imported from test.csv', derived: false } },
    },
    geography: 'ward',
    codes: ['E05000932', 'E05000933'],
    values,
    interval: null,
    fileName: 'test.csv',
    importedAt: AT,
    report: {
      format: 'plain',
      series: label,
      rows: 2,
      matched: 2,
      withValue: values.filter((v) => v !== null).length,
      unmatched: [],
      duplicates: [],
      missing: [],
      suppressed: [],
      note: null,
    },
  };
}

function store(backend = new MemoryRecordBackend()) {
  return {
    backend,
    store: createImportedIndicatorStore(backend, { now: () => new Date(AT) }),
  };
}

describe('ImportedIndicatorStore (memory backend)', () => {
  it('puts, lists by label, replaces by id and removes', async () => {
    const { store: s } = store();
    await s.put(indicator('import_b_00000001', 'Beta'));
    await s.put(indicator('import_a_00000002', 'Alpha'));
    expect((await s.list()).indicators.map((i) => i.meta.label)).toEqual(['Alpha', 'Beta']);

    await s.put(indicator('import_b_00000001', 'Beta', [3, null]));
    const listed = await s.list();
    expect(listed.indicators).toHaveLength(2);
    expect(listed.indicators[1]?.values).toEqual([3, null]);
    expect(listed.skipped).toEqual([]);

    expect(await s.remove('import_b_00000001')).toBe(true);
    expect(await s.remove('import_b_00000001')).toBe(false);
    expect((await s.list()).indicators.map((i) => i.meta.id)).toEqual(['import_a_00000002']);
  });

  it('stores a copy: changing the caller’s object afterwards changes nothing stored', async () => {
    const { store: s } = store();
    const ind = indicator('import_a_00000001', 'Alpha');
    await s.put(ind);
    ind.values[0] = 999;
    expect((await s.list()).indicators[0]?.values[0]).toBe(1);
  });

  it('refuses an invalid indicator and keeps the previous record', async () => {
    const { store: s } = store();
    await s.put(indicator('import_a_00000001', 'Alpha'));
    const broken = indicator('import_a_00000001', 'Alpha', [5]); // one value for two codes
    await expect(s.put(broken)).rejects.toBeInstanceOf(InvalidImportedIndicatorError);
    await expect(s.put(indicator('not_imported', 'X'))).rejects.toThrow(
      /id must start with import_/,
    );
    expect((await s.list()).indicators.map((i) => i.values)).toEqual([[1, 2]]);
  });

  it('keeps the previous record when the backend fails to write', async () => {
    const backend = new MemoryRecordBackend();
    const { store: s } = store(backend);
    await s.put(indicator('import_a_00000001', 'Alpha'));
    const failing: RecordBackend = {
      entries: () => backend.entries(),
      delete: (id) => backend.delete(id),
      put: async () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
    };
    const s2 = createImportedIndicatorStore(failing);
    await expect(s2.put(indicator('import_a_00000001', 'Alpha', [7, 8]))).rejects.toThrow(/quota/);
    expect((await s2.list()).indicators[0]?.values).toEqual([1, 2]);
  });

  it('skips and reports corrupted records instead of failing the whole list', async () => {
    const backend = new MemoryRecordBackend();
    const { store: s } = store(backend);
    await s.put(indicator('import_good_00000001', 'Good'));
    const good = (await backend.entries())[0]?.[1] as { indicator: ImportedIndicator };
    backend.putRaw('import_broken_values', {
      version: STORED_RECORD_VERSION,
      id: 'import_broken_values',
      savedAt: AT,
      indicator: {
        ...good.indicator,
        meta: { ...good.indicator.meta, id: 'import_broken_values' },
        values: ['1', 2],
      },
    });
    backend.putRaw('import_old_version', { ...good, version: 0, id: 'import_old_version' });
    backend.putRaw('import_wrong_key', { ...good, id: 'import_wrong_key' });
    backend.putRaw('import_not_an_object', 'hello');

    const { indicators, skipped } = await s.list();
    expect(indicators.map((i) => i.meta.id)).toEqual(['import_good_00000001']);
    expect(skipped.map((r) => r.id)).toEqual([
      'import_broken_values',
      'import_not_an_object',
      'import_old_version',
      'import_wrong_key',
    ]);
    expect(skipped[0]?.reason).toMatch(/indicator\.values\[0\]/);
    expect(skipped[3]?.reason).toMatch(/key and indicator id differ/);
  });
});
