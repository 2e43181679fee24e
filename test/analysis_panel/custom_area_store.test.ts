// Custom areas kept between visits: valid records round-trip; damaged ones are skipped, named,
// and never used; invalid areas are refused before anything is stored.
import { describe, expect, it } from 'vitest';
import {
  createCustomAreaStore,
  newCustomAreaId,
  type CustomArea,
} from '../../src/analysis_panel/custom_area_store.ts';
import { MemoryRecordBackend } from '../../src/storage/memory_record_backend.ts';

const picked: CustomArea = {
  id: 'ca_abc123',
  kind: 'picked',
  name: 'Bootle three',
  createdAt: '2026-05-01T10:00:00.000Z',
  geography: 'ward',
  codes: ['E05000942', 'E05000937', 'E05000943'],
};
const drawn: CustomArea = {
  id: 'ca_def456',
  kind: 'drawn',
  name: 'Drawn area 1',
  createdAt: '2026-05-02T10:00:00.000Z',
  geography: 'lsoa11',
  ring: [
    [-3.0, 53.45],
    [-2.97, 53.45],
    [-2.98, 53.47],
  ],
};

describe('the custom area store', () => {
  it('keeps picked and drawn areas, oldest first, renames by id and deletes', async () => {
    const store = createCustomAreaStore(new MemoryRecordBackend());
    await store.put(drawn);
    await store.put(picked);
    expect((await store.list()).areas.map((a) => a.id)).toEqual(['ca_abc123', 'ca_def456']);
    await store.put({ ...picked, name: 'Renamed' });
    const { areas } = await store.list();
    expect(areas).toHaveLength(2);
    expect(areas[0]?.name).toBe('Renamed');
    expect(await store.remove('ca_abc123')).toBe(true);
    expect(await store.remove('ca_abc123')).toBe(false);
    expect((await store.list()).areas).toEqual([drawn]);
  });

  it('skips damaged records with a reason and refuses invalid areas', async () => {
    const backend = new MemoryRecordBackend();
    const store = createCustomAreaStore(backend);
    await store.put(picked);
    backend.putRaw('ca_bad1', { version: 1, area: { ...drawn, id: 'ca_bad1', ring: [[0, 0]] } });
    backend.putRaw('ca_bad2', { version: 1, area: { ...picked, id: 'ca_other' } });
    backend.putRaw('ca_bad3', { version: 2, area: { ...picked, id: 'ca_bad3' } });
    backend.putRaw('ca_bad4', { version: 1, area: { ...picked, id: 'ca_bad4', codes: ['<b>'] } });
    const { areas, skipped } = await store.list();
    expect(areas.map((a) => a.id)).toEqual(['ca_abc123']);
    expect(skipped.map((s) => s.id)).toEqual(['ca_bad1', 'ca_bad2', 'ca_bad3', 'ca_bad4']);
    expect(skipped[1]?.reason).toBe('key and id differ');
    await expect(store.put({ ...picked, name: '   ' })).rejects.toThrow();
    await expect(
      store.put({
        ...drawn,
        ring: [
          [200, 0],
          [0, 0],
          [1, 1],
        ],
      }),
    ).rejects.toThrow();
    expect((await store.list()).areas).toHaveLength(1);
  });

  it('makes ids the schema accepts, different each time', () => {
    const a = newCustomAreaId(new Date(0));
    const b = newCustomAreaId(new Date(0));
    expect(a).toMatch(/^ca_[a-z0-9]+$/);
    expect(a).not.toBe(b);
  });
});
