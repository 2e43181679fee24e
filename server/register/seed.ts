import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readCsv as readCsvRecords } from '../../workers/csv/read_csv.ts';
import type { AssetStore, NewAsset } from '../db/asset_store.ts';
import { assetSchemas, toNewAsset, type SchemaConfig } from './schemas.ts';
import { issuesFrom } from './validation.ts';
import {
  FOOD_BANKS,
  GP_PRACTICES,
  LIBRARIES,
  NAMED_ASSETS,
  PHARMACIES,
  type SeedSource,
} from './seed_sources.ts';
import { WEEKDAYS, type OpeningPeriod } from '../db/asset_store.ts';
import type { CategoryId } from '../../contracts/register/taxonomy.ts';

export interface SeedCounts {
  gpPractices: number;
  pharmacies: number;
  libraries: number;
  foodBanks: number;
  namedAssets: number;
  /** Named assets already present from another source; their role was added to that asset. */
  namedAnnotated: number;
}

export interface SeedPlan {
  assets: NewAsset[];
  counts: SeedCounts;
}

type Row = Record<string, string>;

/** A raw asset file's rows by header name, read by the house's one CSV reader (workers/csv). */
function readCsv(rawDir: string, source: SeedSource): Row[] {
  const csv = readCsvRecords(readFileSync(path.join(rawDir, source.file), 'utf8'), {
    file: source.file,
  });
  return csv.records.map((r) =>
    Object.fromEntries(csv.header.map((h, i) => [h, r.cells[i] ?? ''])),
  );
}

function col(row: Row, name: string): string {
  return (row[name] ?? '').trim();
}

// Short all-consonant words are initials (NHS, PLC, JHR); these few are abbreviations instead.
const ABBREVIATIONS = new Set(['DR', 'RD', 'ST', 'MR', 'MRS', 'LTD']);
const SMALL_WORDS = new Set(['and', 'of', 'the', 'in', 'on', 'at', 'for']);

/** "ST MARKS MEDICAL CENTRE" -> "St Marks Medical Centre"; the sources shout in capitals. */
export function titleCase(text: string): string {
  return text
    .split(/(\s+|-)/)
    .map((word, i) => {
      if (/\d|\./.test(word) || word.length <= 1) return word;
      if (i > 0 && SMALL_WORDS.has(word.toLowerCase())) return word.toLowerCase();
      const letters = word.replace(/[^A-Za-z]/g, '');
      if (!/[AEIOUY]/i.test(letters) && letters.length <= 4 && !ABBREVIATIONS.has(letters)) {
        return word;
      }
      const lower = word.toLowerCase();
      const first = lower.search(/[a-z]/);
      return first < 0
        ? lower
        : lower.slice(0, first) + lower.charAt(first).toUpperCase() + lower.slice(first + 1);
    })
    .join('');
}

function joinAddress(parts: string[]): string | null {
  const kept = parts.map((p) => p.trim()).filter((p) => p.length > 0);
  return kept.length > 0 ? kept.map(titleCase).join(', ') : null;
}

const DAY_COLUMNS: [string, string][] = [
  ['mon', 'Mon'],
  ['tue', 'Tue'],
  ['wed', 'Wed'],
  ['thu', 'Thu'],
  ['fri', 'Fri'],
  ['sat', 'Sat'],
  ['sun', 'Sun'],
];

/** NHSBSA hours ("09:00-13:00,14:00-18:00" or "CLOSED") as periods and as readable text. */
function pharmacyHours(row: Row): { periods: OpeningPeriod[]; text: string } {
  const periods: OpeningPeriod[] = [];
  const text: string[] = [];
  DAY_COLUMNS.forEach(([key, label], i) => {
    const value = col(row, `hours_${key}`);
    const day = WEEKDAYS[i];
    if (!day) return;
    if (!value || value.toUpperCase() === 'CLOSED') {
      text.push(`${label} closed`);
      return;
    }
    for (const span of value.split(',')) {
      const m = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(span.trim());
      if (m?.[1] && m[2]) periods.push({ day, opens: m[1], closes: m[2] });
    }
    text.push(`${label} ${value.replace(/,/g, ', ')}`);
  });
  return { periods, text: text.join('; ') };
}

interface Draft {
  row: Record<string, unknown>;
  file: string;
  line: number;
}

function base(source: SeedSource) {
  return {
    source: source.source,
    licence: source.licence,
    lastVerified: source.verified,
    externalIdType: source.externalIdType,
    status: 'approved' as const,
    consentToPublish: true,
  };
}

function gpDrafts(rawDir: string): Draft[] {
  return readCsv(rawDir, GP_PRACTICES)
    .map((r, i) => ({ r, line: i + 2 }))
    .filter(({ r }) => col(r, 'is_active_gp_practice') === 'Y')
    .map(({ r, line }) => {
      const name = titleCase(col(r, 'name'));
      return {
        file: GP_PRACTICES.file,
        line,
        row: {
          ...base(GP_PRACTICES),
          organisationName: name,
          serviceName: name,
          description: `GP practice (NHS ODS code ${col(r, 'org_code')}).`,
          category: 'gp_practice',
          latitude: Number(col(r, 'lat')),
          longitude: Number(col(r, 'lon')),
          address: joinAddress(
            ['address_1', 'address_2', 'address_3', 'address_4'].map((c) => col(r, c)),
          ),
          postcode: col(r, 'postcode'),
          phone: col(r, 'telephone') || null,
          externalId: col(r, 'org_code'),
        },
      };
    });
}

function pharmacyDrafts(rawDir: string): Draft[] {
  return readCsv(rawDir, PHARMACIES)
    .map((r, i) => ({ r, line: i + 2 }))
    .filter(({ r }) => col(r, 'hwb') === 'SEFTON')
    .map(({ r, line }) => {
      const hours = pharmacyHours(r);
      const weekly = Number(col(r, 'weekly_hours'));
      return {
        file: PHARMACIES.file,
        line,
        row: {
          ...base(PHARMACIES),
          organisationName: titleCase(col(r, 'organisation_name')),
          serviceName: titleCase(col(r, 'trading_name')),
          description:
            `Community pharmacy (NHS ODS code ${col(r, 'ods_code')})` +
            (Number.isFinite(weekly) && weekly > 0
              ? `, ${Math.round(weekly * 10) / 10} contracted hours a week.`
              : '.'),
          category: 'pharmacy',
          latitude: Number(col(r, 'lat')),
          longitude: Number(col(r, 'lon')),
          address: joinAddress(
            ['address_1', 'address_2', 'address_3', 'address_4'].map((c) => col(r, c)),
          ),
          postcode: col(r, 'postcode'),
          openingTimes: hours.text,
          openingHours: hours.periods,
          externalId: col(r, 'ods_code'),
        },
      };
    });
}

function libraryDrafts(rawDir: string): Draft[] {
  return readCsv(rawDir, LIBRARIES)
    .map((r, i) => ({ r, line: i + 2 }))
    .filter(({ r }) => col(r, 'authority') === 'Sefton' && col(r, 'closed') === '')
    .map(({ r, line }) => {
      const independent = col(r, 'type') === 'ICL';
      const name = `${col(r, 'name')} Library`;
      return {
        file: LIBRARIES.file,
        line,
        row: {
          ...base(LIBRARIES),
          organisationName: independent ? name : 'Sefton Council',
          serviceName: name,
          description: independent
            ? 'Independent community library.'
            : 'Public library run by Sefton Council.',
          category: 'library',
          latitude: Number(col(r, 'lat')),
          longitude: Number(col(r, 'lng')),
          address: col(r, 'address') || null,
          postcode: col(r, 'postcode'),
          email: col(r, 'email') || null,
          website: col(r, 'url') || null,
          externalId: col(r, 'library_id'),
        },
      };
    });
}

function foodBankDrafts(rawDir: string): Draft[] {
  return readCsv(rawDir, FOOD_BANKS)
    .map((r, i) => ({ r, line: i + 2 }))
    .filter(({ r }) => col(r, 'in_sefton') === 'Y')
    .map(({ r, line }) => {
      const name = `${col(r, 'name')} Foodbank`;
      const charity = col(r, 'charity_number');
      return {
        file: FOOD_BANKS.file,
        line,
        row: {
          ...base(FOOD_BANKS),
          organisationName: name,
          serviceName: name,
          description:
            `Food bank (${col(r, 'network')} network)` +
            (charity ? `, registered charity ${charity}` : '') +
            '. Main address only, not every distribution point.',
          category: 'food',
          latitude: Number(col(r, 'lat')),
          longitude: Number(col(r, 'lon')),
          address: col(r, 'address') || null,
          postcode: col(r, 'postcode'),
          website: col(r, 'url') || null,
          externalId: col(r, 'slug'),
        },
      };
    });
}

const NAMED_CATEGORY: Record<string, CategoryId> = {
  community_centre: 'community_centre',
  gp_practice: 'gp_practice',
  library: 'library',
  community_garden: 'community_garden',
  leisure_centre: 'leisure_centre',
  community_business_hub: 'community_hub',
  community_pub: 'community_hub',
  community_organisation: 'other',
};

function namedDrafts(rawDir: string): Draft[] {
  return readCsv(rawDir, NAMED_ASSETS)
    .map((r, i) => ({ r, line: i + 2 }))
    .filter(({ r }) => col(r, 'lat') !== '' && col(r, 'lon') !== '')
    .map(({ r, line }) => ({
      file: NAMED_ASSETS.file,
      line,
      row: {
        ...base(NAMED_ASSETS),
        source: `${NAMED_ASSETS.source}: ${col(r, 'source_url')}`.slice(0, 500),
        organisationName: col(r, 'name'),
        serviceName: col(r, 'name'),
        description: `${col(r, 'role')}.`,
        category: NAMED_CATEGORY[col(r, 'asset_type')] ?? 'other',
        latitude: Number(col(r, 'lat')),
        longitude: Number(col(r, 'lon')),
        address: col(r, 'address_as_stated') || null,
        postcode: col(r, 'postcode'),
        externalId: col(r, 'name'),
      },
    }));
}

export class SeedError extends Error {
  override name = 'SeedError';
}

/**
 * Reads the raw asset files and returns validated assets ready to insert. Any invalid row is a
 * data problem to fix at the source, so it stops the seed with the file and line.
 */
export function planSeed(rawDir: string, config: SchemaConfig): SeedPlan {
  const { importRow } = assetSchemas(config);
  const validate = (drafts: Draft[]): NewAsset[] =>
    drafts.map((d) => {
      const parsed = importRow.safeParse(d.row);
      if (!parsed.success) {
        const what = issuesFrom(parsed.error, 'row')
          .map((i) => `${i.field}: ${i.message}`)
          .join('; ');
        throw new SeedError(`${d.file} line ${d.line}: ${what}`);
      }
      return toNewAsset(parsed.data);
    });

  const gp = validate(gpDrafts(rawDir));
  const pharmacies = validate(pharmacyDrafts(rawDir));
  const libraries = validate(libraryDrafts(rawDir));
  const foodBanks = validate(foodBankDrafts(rawDir));
  const assets = [...gp, ...pharmacies, ...libraries, ...foodBanks];

  // A named asset that is already in from an official list (same category and postcode) is not
  // added twice; its role (e.g. "Well Sefton partner") is added to that asset's description.
  let namedAdded = 0;
  let namedAnnotated = 0;
  for (const named of validate(namedDrafts(rawDir))) {
    const twin = assets.find(
      (a) =>
        a.fields.category === named.fields.category &&
        a.fields.postcode !== null &&
        a.fields.postcode === named.fields.postcode,
    );
    if (twin) {
      const role = named.fields.description ?? '';
      if (/well sefton|taking root/i.test(role)) {
        twin.fields.description = `${twin.fields.description ?? ''} ${role}`.trim();
      }
      namedAnnotated++;
    } else {
      assets.push(named);
      namedAdded++;
    }
  }
  return {
    assets,
    counts: {
      gpPractices: gp.length,
      pharmacies: pharmacies.length,
      libraries: libraries.length,
      foodBanks: foodBanks.length,
      namedAssets: namedAdded,
      namedAnnotated,
    },
  };
}

/** Seeds an empty register in one transaction. Returns null when there was nothing to do. */
export async function seedIfEmpty(
  store: AssetStore,
  rawDir: string,
  config: SchemaConfig,
): Promise<SeedCounts | null> {
  if ((await store.count()) > 0) return null;
  const plan = planSeed(rawDir, config);
  await store.createMany(plan.assets, { type: 'seed' }, 'seed');
  return plan.counts;
}
