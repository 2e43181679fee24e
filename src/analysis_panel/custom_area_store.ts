/**
 * Custom areas kept in this browser between visits, behind the atlas's small record store
 * (IndexedDB, or memory where the browser refuses it). Every record is validated with zod when
 * read back: a damaged one is skipped and reported, never used.
 */
import { z } from 'zod';
import { GeographyIdSchema } from '../../contracts/manifest.ts';
import type { RecordBackend } from '../storage/imported_indicator_store.ts';

const LonLatSchema = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

const Common = {
  id: z.string().regex(/^ca_[a-z0-9]{1,40}$/),
  name: z.string().trim().min(1).max(120),
  createdAt: z.string().min(1).max(40),
};

/** Areas of one geography picked on the map or from the list; each counts whole. */
export const PickedAreaSchema = z.object({
  ...Common,
  kind: z.literal('picked'),
  geography: GeographyIdSchema,
  codes: z
    .array(z.string().regex(/^[EW]\d{8}$/))
    .min(1)
    .max(40_000),
});

/** A drawn polygon; its LSOAs (of `geography`) are those whose centre lies inside. */
export const DrawnAreaSchema = z.object({
  ...Common,
  kind: z.literal('drawn'),
  geography: z.enum(['lsoa11', 'lsoa21']),
  /** Corners, not closed (the first corner is not repeated). */
  ring: z.array(LonLatSchema).min(3).max(5_000),
});

export const CustomAreaSchema = z.discriminatedUnion('kind', [PickedAreaSchema, DrawnAreaSchema]);
export type CustomArea = z.infer<typeof CustomAreaSchema>;

const STORED_VERSION = 1;
const StoredSchema = z
  .object({ version: z.literal(STORED_VERSION), area: CustomAreaSchema })
  .strict();

export interface CustomAreaStore {
  /** Valid areas, oldest first, and the keys of records that could not be read. */
  list(): Promise<{ areas: CustomArea[]; skipped: { id: string; reason: string }[] }>;
  /** Adds or replaces by id; an invalid area is refused and nothing is stored. */
  put(area: CustomArea): Promise<void>;
  remove(id: string): Promise<boolean>;
}

export function createCustomAreaStore(backend: RecordBackend): CustomAreaStore {
  return {
    async list() {
      const areas: CustomArea[] = [];
      const skipped: { id: string; reason: string }[] = [];
      for (const [id, value] of await backend.entries()) {
        const parsed = StoredSchema.safeParse(value);
        if (parsed.success && parsed.data.area.id === id) areas.push(parsed.data.area);
        else
          skipped.push({
            id,
            reason: parsed.success
              ? 'key and id differ'
              : z.prettifyError(parsed.error).slice(0, 300),
          });
      }
      areas.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      return { areas, skipped };
    },
    async put(area) {
      const parsed = CustomAreaSchema.parse(area);
      await backend.put(parsed.id, { version: STORED_VERSION, area: parsed });
    },
    remove: (id) => backend.delete(id),
  };
}

/** A new id: time and randomness, so two tabs do not collide. */
export function newCustomAreaId(now: Date = new Date()): string {
  const random = Math.floor(Math.random() * 36 ** 6).toString(36);
  return `ca_${now.getTime().toString(36)}${random}`;
}
