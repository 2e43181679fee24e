import type { Map as MapLibreMap } from 'maplibre-gl';
import type { LayerMeta } from '../../contracts/manifest.ts';
import { addPointLayer, setPointLayerVisible, type PointCollection } from '../map/point_layers.ts';
import { apiJson } from './api.ts';
import { PublicCollectionSchema, type PublicFeature } from '../../contracts/register/api.ts';

export const REGISTER_LAYER = 'register';

const DAYS: Record<string, string> = {
  mo: 'Mon',
  tu: 'Tue',
  we: 'Wed',
  th: 'Thu',
  fr: 'Fri',
  sa: 'Sat',
  su: 'Sun',
};

/** Approved register entries, as GET /api/assets serves them (validated). */
export async function fetchRegister(): Promise<PublicFeature[]> {
  return (await apiJson('assets', PublicCollectionSchema)).features;
}

function distinct(values: string[]): string[] {
  return [...new Set(values)];
}

/** The layer's description, built from what the entries say about themselves. */
export function registerLayerMeta(features: PublicFeature[]): LayerMeta {
  const dates = features
    .map((f) => f.properties.lastVerified)
    .filter((d): d is string => d !== null)
    .sort();
  return {
    id: REGISTER_LAYER,
    label: 'Community assets (register)',
    file: 'api/assets',
    count: features.length,
    source: distinct(features.map((f) => f.properties.source)).join('; '),
    period: dates.length
      ? `entries last checked ${dates[0]} to ${dates.at(-1)}`
      : 'not yet checked',
    licence: distinct(features.map((f) => f.properties.licence)).join(' '),
    coverage:
      'Approved entries of the community asset register: the named Well Sefton and Taking Root assets with a published location, and assets that community partners registered and a moderator approved. The official lists (GP practices, pharmacies, libraries, food banks) are their own layers.',
  };
}

/** What one entry's popup says about where it comes from. */
export function provenanceOf(
  p: Record<string, unknown>,
): Pick<LayerMeta, 'source' | 'period' | 'licence'> {
  const checked =
    typeof p.lastVerified === 'string' && p.lastVerified
      ? `last checked ${p.lastVerified}${p.stale === true ? ', due for re-checking' : ''}`
      : 'not yet checked';
  return {
    source: typeof p.source === 'string' ? p.source : '',
    period: checked,
    licence: typeof p.licence === 'string' ? p.licence : '',
  };
}

/**
 * The entries in the shape the atlas' point popups read (name, type, address, postcode,
 * telephone, hours, url), keeping source, licence and dates for the popup's last line.
 */
export function toPointCollection(features: PublicFeature[]): PointCollection {
  return {
    type: 'FeatureCollection',
    features: features.map((f) => {
      const p = f.properties;
      const hours =
        p.openingTimes ??
        (p.openingHours
          ? p.openingHours.map((h) => `${DAYS[h.day] ?? h.day} ${h.opens}-${h.closes}`).join(', ')
          : null);
      return {
        type: 'Feature',
        id: f.id,
        geometry: { type: 'Point', coordinates: f.geometry.coordinates },
        properties: {
          id: p.id,
          name:
            p.organisationName && p.organisationName !== p.serviceName
              ? `${p.serviceName} (${p.organisationName})`
              : p.serviceName,
          type: p.categoryLabel,
          programme: p.programmeLabel,
          address: p.address,
          postcode: p.postcode,
          telephone: p.phone,
          hours,
          url: p.website,
          source: p.source,
          licence: p.licence,
          lastVerified: p.lastVerified,
          stale: p.stale,
        },
      };
    }),
  };
}

/**
 * Adds the register as a clustered point layer (shown as its box says). The shared
 * popup reads the layer's meta when it opens, but each register entry has its own source and
 * licence: a click listener added before the layer's own (MapLibre runs them in order) points
 * the meta at the clicked entry first.
 */
export function addRegisterLayer(map: MapLibreMap, features: PublicFeature[]): LayerMeta {
  const meta = registerLayerMeta(features);
  const points = `points-${REGISTER_LAYER}-points`;
  map.on('click', (e) => {
    if (!map.getLayer(points)) return;
    const hit = map.queryRenderedFeatures(e.point, { layers: [points] })[0];
    if (hit) Object.assign(meta, provenanceOf(hit.properties as Record<string, unknown>));
  });
  addPointLayer(map, meta, toPointCollection(features));
  setPointLayerVisible(map, REGISTER_LAYER, false);
  return meta;
}
