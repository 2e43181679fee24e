import { stringify } from 'csv-stringify/sync';
import { createHash } from 'node:crypto';
import { ASSET_FIELD_NAMES, snakeCase } from '../../contracts/register/asset.ts';
import type { Asset, OpeningPeriod } from '../db/asset_store.ts';
import { formatOpeningHours } from './opening_hours.ts';
import { categoryLabel } from '../../contracts/register/taxonomy.ts';
import { featureCollection, publicProperties, toFeature } from './views.ts';

/** Distinct licence lines, for the attribution a re-user must show. */
function attribution(assets: readonly Asset[]): string[] {
  return [...new Set(assets.map((a) => a.licence))].sort();
}

export function toGeoJson(assets: readonly Asset[], now: Date) {
  return {
    ...featureCollection(assets.map((a) => toFeature(a, publicProperties(a, now)))),
    attribution: attribution(assets),
  };
}

// ---- CSV -----------------------------------------------------------------------------------

/** Export columns: the id, every field but consent (in the contract's order), the label. */
export const CSV_COLUMNS = [
  'id',
  ...ASSET_FIELD_NAMES.filter((f) => f !== 'consentToPublish').map(snakeCase),
  'category_label',
] as const;

/**
 * A spreadsheet runs a cell starting with = + - @ (or tab/CR) as a formula; a leading
 * apostrophe makes it text. Only user text is guarded: numbers we write ourselves (ids,
 * coordinates) stay numbers.
 */
export function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvRow(a: Asset): Record<string, string | number | null> {
  const row: Record<string, string | number | null> = { id: a.id };
  for (const f of ASSET_FIELD_NAMES) {
    if (f === 'consentToPublish') continue;
    const v = a[f];
    row[snakeCase(f)] =
      f === 'openingHours'
        ? a.openingHours
          ? formatOpeningHours(a.openingHours)
          : null
        : (v as string | number | null);
  }
  row.category_label = categoryLabel(a.category);
  return row;
}

/**
 * RFC 4180 CSV with CRLF line ends and a BOM (so Excel reads UTF-8), written by csv-stringify.
 * Every text cell is quoted (not only those holding a comma): a spreadsheet set to split on ";"
 * or tab would otherwise cut `Foo;=1+1;bar` into cells, one of them a formula the
 * first-character guard never saw. Empty (null) cells stay empty.
 */
export function toCsv(assets: readonly Asset[]): string {
  return stringify(
    assets.map((a) => csvRow(a)),
    {
      bom: true,
      header: true,
      columns: [...CSV_COLUMNS],
      record_delimiter: '\r\n',
      quoted_string: true,
      cast: { string: (value) => guardFormula(value) },
    },
  );
}

// ---- Open Referral UK 3.0 --------------------------------------------------------------------

/** A stable name-based UUID (version 5 layout over SHA-1), so re-exports keep their ids. */
export function uuidFrom(...parts: string[]): string {
  const h = createHash('sha1')
    .update(`gap-atlas:${parts.join(':')}`)
    .digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const TAXONOMY = {
  id: uuidFrom('taxonomy', 'asset-category'),
  name: 'Gap Atlas community asset categories',
};

/** Periods with the same hours become one weekly schedule with several days in byday. */
function schedules(serviceId: string, periods: readonly OpeningPeriod[], text: string | null) {
  const groups = new Map<string, string[]>();
  for (const p of periods) {
    const key = `${p.opens}-${p.closes}`;
    groups.set(key, [...(groups.get(key) ?? []), p.day.toUpperCase()]);
  }
  if (groups.size === 0) {
    return text
      ? [{ id: uuidFrom(serviceId, 'schedule', 'text'), service_id: serviceId, description: text }]
      : [];
  }
  return [...groups].map(([key, days]) => {
    const [opens, closes] = key.split('-');
    return {
      id: uuidFrom(serviceId, 'schedule', key),
      service_id: serviceId,
      freq: 'WEEKLY',
      interval: 1,
      byday: days.join(','),
      opens_at: opens,
      closes_at: closes,
      description: text ?? undefined,
    };
  });
}

/** "72-74 Sandon Road, Southport" -> address_1 "72-74 Sandon Road", city "Southport". */
function splitAddress(address: string | null): { address_1: string; city: string } {
  const parts = (address ?? '')
    .split(/[,\n]/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  if (parts.length <= 1) return { address_1: parts[0] ?? '', city: '' };
  return { address_1: parts.slice(0, -1).join(', '), city: parts[parts.length - 1] ?? '' };
}

function orukService(a: Asset, region: string) {
  const serviceId = a.uuid;
  const organizationId = uuidFrom('organization', a.organisationName.toLowerCase());
  const locationId = uuidFrom(serviceId, 'location');
  const termId = uuidFrom('taxonomy_term', a.category);
  const hasAddress = a.address !== null || a.postcode !== null;
  const contactId = uuidFrom(serviceId, 'contact');
  return {
    id: serviceId,
    organization_id: organizationId,
    name: a.serviceName,
    description: a.description ?? '',
    url: a.website ?? undefined,
    email: a.email ?? undefined,
    status: 'active',
    assured_date: a.lastVerified ?? undefined,
    last_modified: a.updatedAt,
    organization: {
      id: organizationId,
      name: a.organisationName,
      description: a.organisationName === a.serviceName ? (a.description ?? '') : '',
    },
    service_at_locations: [
      {
        id: uuidFrom(serviceId, 'service_at_location'),
        service_id: serviceId,
        location_id: locationId,
        location: {
          id: locationId,
          location_type: 'physical',
          name: a.serviceName,
          latitude: a.latitude,
          longitude: a.longitude,
          external_identifier: a.externalId ?? undefined,
          external_identifier_type: a.externalIdType ?? undefined,
          addresses: hasAddress
            ? [
                {
                  id: uuidFrom(serviceId, 'address'),
                  location_id: locationId,
                  ...splitAddress(a.address),
                  state_province: region,
                  postal_code: a.postcode ?? '',
                  country: 'GB',
                  address_type: 'physical',
                },
              ]
            : [],
          accessibility: a.accessibility
            ? [
                {
                  id: uuidFrom(serviceId, 'accessibility'),
                  location_id: locationId,
                  description: a.accessibility,
                },
              ]
            : [],
        },
      },
    ],
    schedules: schedules(serviceId, a.openingHours ?? [], a.openingTimes),
    contacts: a.phone
      ? [
          {
            id: contactId,
            service_id: serviceId,
            name: a.serviceName,
            phones: [{ id: uuidFrom(serviceId, 'phone'), contact_id: contactId, number: a.phone }],
          },
        ]
      : [],
    attributes: [
      {
        id: uuidFrom(serviceId, 'attribute', a.category),
        link_id: serviceId,
        link_type: 'service',
        taxonomy_term_id: termId,
        taxonomy_term: {
          id: termId,
          name: categoryLabel(a.category),
          description: categoryLabel(a.category),
          term: a.category,
          taxonomy: TAXONOMY.name,
          taxonomy_id: TAXONOMY.id,
        },
      },
    ],
  };
}

/**
 * Open Referral UK 3.0 services, one page holding everything, as the ORUK `/services` endpoint
 * pages them. Sources and licences have no ORUK field, so they go in `attribution`.
 */
export function toOruk(assets: readonly Asset[], region: string) {
  const contents = assets.map((a) => orukService(a, region));
  return {
    total_items: contents.length,
    total_pages: 1,
    page_number: 1,
    size: contents.length,
    first_page: true,
    last_page: true,
    empty: contents.length === 0,
    contents,
    attribution: attribution(assets),
  };
}
