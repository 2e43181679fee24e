/**
 * The official lists (GP practices, pharmacies, libraries, food banks) as register entries, as
 * the register was seeded before the lists became the atlas's own map layers only. Tests of
 * the exports and the Open Referral API use them: 121 real, messy records (addresses, hours,
 * shared organisations) read from the raw files at test time.
 */
import { WEEKDAYS, type NewAsset, type OpeningPeriod } from '../../server/db/asset_store.ts';
import { assetSchemas, toNewAsset, type SchemaConfig } from '../../server/register/schemas.ts';
import { issuesFrom } from '../../server/register/validation.ts';
import {
  FOOD_BANKS,
  GP_PRACTICES,
  LIBRARIES,
  PHARMACIES,
  type SeedSource,
  col,
  readCsv,
  type Row,
} from '../../server/register/seed_sources.ts';

// Short all-consonant words are initials (NHS, PLC, JHR); these few are abbreviations instead.
const ABBREVIATIONS = new Set(['DR', 'RD', 'ST', 'MR', 'MRS', 'LTD']);
const SMALL_WORDS = new Set(['and', 'of', 'the', 'in', 'on', 'at', 'for']);

/** "ST MARKS MEDICAL CENTRE" -> "St Marks Medical Centre"; the sources shout in capitals. */
function titleCase(text: string): string {
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

/** The official lists' Sefton entries, validated as imports, ready for `createMany`. */
export function officialAssets(rawDir: string, config: SchemaConfig): NewAsset[] {
  const { importRow } = assetSchemas(config);
  return [
    ...gpDrafts(rawDir),
    ...pharmacyDrafts(rawDir),
    ...libraryDrafts(rawDir),
    ...foodBankDrafts(rawDir),
  ].map((d) => {
    const parsed = importRow.safeParse(d.row);
    if (!parsed.success) {
      const what = issuesFrom(parsed.error, 'row').map((i) => `${i.field}: ${i.message}`);
      throw new Error(`${d.file} line ${d.line}: ${what.join('; ')}`);
    }
    return toNewAsset(parsed.data);
  });
}
