import { createHash } from 'node:crypto';
import type { Asset, OpeningPeriod } from '../db/asset_store.ts';
import { CATEGORIES, categoryLabel } from '../../contracts/register/taxonomy.ts';
import { isStale } from './views.ts';

/**
 * The register as Open Referral UK 3.0 records (the UK profile's `service`, `organization`,
 * `service_at_location`, `taxonomy`, `taxonomy_term`), for the ORUK API and the ORUK export.
 * Every record validates against the profile's JSON schemas (test/server/oruk_api.test.ts).
 */

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

export const ORUK_VERSION = 'HSDS-UK-3.0';
export const ORUK_PROFILE = 'https://github.com/OpenReferralUK/uk-profile';

export const TAXONOMY = {
  id: uuidFrom('taxonomy', 'asset-category'),
  name: 'Gap Atlas community asset categories',
  description:
    'The kinds of community asset a planner maps: GP practices, pharmacies, libraries, food banks, community hubs and gardens, and more.',
  version: '1',
};

export function termId(category: string): string {
  return uuidFrom('taxonomy_term', category);
}

/** Where the ORUK API is mounted, and the absolute URL of this server (for term_uri etc). */
export interface OrukContext {
  /** e.g. https://atlas.example.org/api/oruk */
  baseUrl: string;
  /** ORUK state_province of addresses, e.g. Merseyside. */
  region: string;
  now: Date;
}

export function taxonomyTerms(ctx: OrukContext) {
  return CATEGORIES.map((c) => ({
    id: termId(c.id),
    name: c.label,
    description: c.label,
    term: c.id,
    taxonomy: TAXONOMY.name,
    taxonomy_id: TAXONOMY.id,
    term_uri: `${ctx.baseUrl}/taxonomy_terms/${termId(c.id)}`,
  }));
}

export function taxonomy(ctx: OrukContext) {
  return { ...TAXONOMY, uri: `${ctx.baseUrl}/taxonomies/${TAXONOMY.id}` };
}

// ---- Organisations -----------------------------------------------------------------------------

/**
 * Organisation ids come from the exact name: "ABC Trust" and "abc trust" are two organisations
 * (a consumer must not see one merged record built from either). Every service of one
 * organisation carries the same description, built from all of them.
 */
export function organizationId(name: string): string {
  return uuidFrom('organization', name);
}

export interface Organization {
  id: string;
  name: string;
  description: string;
}

export function organizations(assets: readonly Asset[]): Map<string, Organization> {
  const services = new Map<string, Set<string>>();
  for (const a of assets) {
    const set = services.get(a.organisationName) ?? new Set<string>();
    set.add(a.serviceName);
    services.set(a.organisationName, set);
  }
  const out = new Map<string, Organization>();
  for (const [name, set] of services) {
    const n = set.size;
    out.set(name, {
      id: organizationId(name),
      name,
      description: `${name}: ${n} service${n === 1 ? '' : 's'} listed on the Gap Atlas community asset register.`,
    });
  }
  return out;
}

// ---- Addresses ---------------------------------------------------------------------------------

/** Counties and regions that end UK addresses but are not the town. */
const NOT_A_TOWN = new Set([
  'merseyside',
  'lancashire',
  'cheshire',
  'greater manchester',
  'england',
  'uk',
  'united kingdom',
]);

/** Royal Mail post towns of the postcode districts around the city region (by district). */
const POST_TOWN: [RegExp, string][] = [
  [/^PR(8|9) /, 'Southport'],
  [/^L(20|30) /, 'Bootle'],
  [/^L(34|35) /, 'Prescot'],
  [/^WA(9|10|11) /, 'St Helens'],
  [/^WA(7) /, 'Runcorn'],
  [/^WA(8) /, 'Widnes'],
  [/^CH4[1-3] /, 'Birkenhead'],
  [/^CH(4[4-9]|6[0-3]) /, 'Wirral'],
  [/^L\d+ /, 'Liverpool'],
];

function postTown(postcode: string | null): string | null {
  if (!postcode) return null;
  return POST_TOWN.find(([re]) => re.test(postcode))?.[1] ?? null;
}

/**
 * "17 Merton Road, Bootle, Merseyside" -> address_1 "17 Merton Road", city "Bootle". The
 * county is dropped; when only one part is left, the town comes from the postcode's post town.
 * Null when a required part (street, town, postcode) cannot be filled: no address is sent
 * rather than one with empty required fields.
 */
export function splitAddress(
  address: string | null,
  postcode: string | null,
): { address_1: string; city: string } | null {
  if (!address || !postcode) return null;
  const parts = address
    .split(/[,\n]/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  while (parts.length > 0 && NOT_A_TOWN.has((parts.at(-1) ?? '').toLowerCase())) parts.pop();
  if (parts.length === 0) return null;
  const town = postTown(postcode);
  if (parts.length === 1) return town ? { address_1: parts[0] ?? '', city: town } : null;
  const city = parts.pop() ?? '';
  return { address_1: parts.join(', '), city };
}

// ---- Schedules ---------------------------------------------------------------------------------

const TIMES_NOTE = 'Times are UK local time (Europe/London).';

/**
 * Periods with the same hours become one weekly schedule with its days in byday (each day once);
 * the free-text hours go on the first schedule only, or on a schedule of their own when there
 * are no structured hours. dtstart is the day the listing was created.
 */
function schedules(a: Asset, serviceId: string) {
  const dtstart = a.createdAt.slice(0, 10);
  const groups = new Map<string, Set<string>>();
  for (const p of a.openingHours ?? []) {
    const key = `${p.opens}-${p.closes}`;
    const days = groups.get(key) ?? new Set<string>();
    days.add(p.day.toUpperCase());
    groups.set(key, days);
  }
  if (groups.size === 0) {
    return a.openingTimes
      ? [
          {
            id: uuidFrom(serviceId, 'schedule', 'text'),
            service_id: serviceId,
            dtstart,
            description: a.openingTimes,
            notes: TIMES_NOTE,
          },
        ]
      : [];
  }
  return [...groups].map(([key, days], i) => {
    const [opens, closes] = key.split('-') as [string, string];
    return {
      id: uuidFrom(serviceId, 'schedule', key),
      service_id: serviceId,
      dtstart,
      freq: 'WEEKLY',
      interval: 1,
      byday: [...days].join(','),
      opens_at: opens,
      closes_at: closes,
      notes: TIMES_NOTE,
      ...(i === 0 && a.openingTimes ? { description: a.openingTimes } : {}),
    };
  });
}

/** Structured hours checked as ORUK consumers need them: real times, no day twice at once. */
export function periodsOverlap(periods: readonly OpeningPeriod[]): boolean {
  const byDay = new Map<string, OpeningPeriod[]>();
  for (const p of periods) byDay.set(p.day, [...(byDay.get(p.day) ?? []), p]);
  for (const list of byDay.values()) {
    const sorted = [...list].sort((x, y) => x.opens.localeCompare(y.opens));
    for (let i = 1; i < sorted.length; i++) {
      if ((sorted[i]?.opens ?? '') < (sorted[i - 1]?.closes ?? '')) return true;
    }
  }
  return false;
}

// ---- Services ----------------------------------------------------------------------------------

function location(a: Asset, serviceId: string, ctx: OrukContext) {
  const locationId = uuidFrom(serviceId, 'location');
  const address = splitAddress(a.address, a.postcode);
  return {
    id: locationId,
    location_type: 'physical',
    name: a.serviceName,
    latitude: a.latitude,
    longitude: a.longitude,
    ...(a.externalId
      ? { external_identifier: a.externalId, external_identifier_type: a.externalIdType ?? '' }
      : {}),
    addresses: address
      ? [
          {
            id: uuidFrom(serviceId, 'address'),
            location_id: locationId,
            ...address,
            state_province: ctx.region,
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
  };
}

export function serviceAtLocation(a: Asset, ctx: OrukContext) {
  const serviceId = a.uuid;
  const loc = location(a, serviceId, ctx);
  return {
    id: uuidFrom(serviceId, 'service_at_location'),
    service_id: serviceId,
    location_id: loc.id,
    location: loc,
  };
}

/**
 * A listing not checked for 12 months is flagged in `alert`; `assured_date` is only the date a
 * moderator (a person) last checked it, never the date of the data it was seeded from.
 */
export function service(a: Asset, orgs: Map<string, Organization>, ctx: OrukContext) {
  const serviceId = a.uuid;
  const org = orgs.get(a.organisationName) ?? {
    id: organizationId(a.organisationName),
    name: a.organisationName,
    description: `${a.organisationName}: listed on the Gap Atlas community asset register.`,
  };
  const contactId = uuidFrom(serviceId, 'contact');
  const term = taxonomyTerms(ctx).find((t) => t.term === a.category);
  const stale = isStale(a, ctx.now);
  return {
    id: serviceId,
    organization_id: org.id,
    name: a.serviceName,
    description: a.description ?? categoryLabel(a.category),
    ...(a.website ? { url: a.website } : {}),
    ...(a.email ? { email: a.email } : {}),
    status: 'active',
    ...(a.assuredDate ? { assured_date: a.assuredDate } : {}),
    ...(stale
      ? {
          alert: a.lastVerified
            ? `Not checked since ${a.lastVerified}: details may be out of date.`
            : 'Never checked by the register: details may be out of date.',
        }
      : {}),
    last_modified: a.updatedAt,
    organization: org,
    service_at_locations: [serviceAtLocation(a, ctx)],
    schedules: schedules(a, serviceId),
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
    attributes: term
      ? [
          {
            id: uuidFrom(serviceId, 'attribute', a.category),
            link_id: serviceId,
            link_type: 'service',
            taxonomy_term_id: term.id,
            taxonomy_term: term,
          },
        ]
      : [],
  };
}

export type OrukService = ReturnType<typeof service>;

/** The list form of a service (the profile's service_list: no nested arrays). */
export function serviceSummary(s: OrukService) {
  const { service_at_locations, schedules, contacts, attributes, ...rest } = s;
  void service_at_locations;
  void schedules;
  void contacts;
  void attributes;
  return rest;
}

/** One page in the ORUK paged-list shape. */
export function page<T>(items: readonly T[], pageNumber: number, perPage: number) {
  const total = items.length;
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  const contents = items.slice((pageNumber - 1) * perPage, pageNumber * perPage);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: pageNumber,
    size: contents.length,
    first_page: pageNumber === 1,
    last_page: pageNumber >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}
