/**
 * A print map as vector SVG: the areas filled by class, the authority outline, optional points
 * and a scale bar, drawn with d3-geo through a local planar projection. Vector output keeps the
 * boundaries and labels crisp at any print size, which a WebGL canvas capture cannot.
 */
import { geoPath, geoTransform } from 'd3-geo';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { distanceLabel, FONT, niceDistance } from './figure.ts';
import { svgEl, svgHatchDefs } from './figure_svg.ts';

export interface SvgMapPoint {
  lon: number;
  lat: number;
  colour: string;
  /** Tooltip and screen-reader text of the point. */
  label: string;
}

export interface SvgMapSpec {
  areas: FeatureCollection<Polygon | MultiPolygon, { code: string }>;
  /** Fill of each area by its code; null or missing = no data (hatched). */
  fill: (code: string) => string | null;
  /** The authority outline drawn on top. */
  outline?: FeatureCollection<Polygon | MultiPolygon> | undefined;
  /** Extra shapes drawn over the areas (a custom area, an area picked out). */
  highlight?: Feature<Polygon | MultiPolygon>[] | undefined;
  points?: SvgMapPoint[] | undefined;
  /** Width in SVG units; the height follows from the area's shape within [minRatio, maxRatio]. */
  width?: number;
  maxHeight?: number;
  /** Accessible description of the whole map. */
  label: string;
}

type Bbox = [number, number, number, number];

function bboxOf(fc: { features: { geometry: Polygon | MultiPolygon }[] }): Bbox {
  const b: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: number[]) => {
    const [x = NaN, y = NaN] = c;
    if (x < b[0]) b[0] = x;
    if (y < b[1]) b[1] = y;
    if (x > b[2]) b[2] = x;
    if (y > b[3]) b[3] = y;
  };
  for (const f of fc.features) {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const poly of polys) for (const ring of poly) for (const c of ring) visit(c);
  }
  return b;
}

/** Metres in one degree of latitude (mean Earth radius). */
const METRES_PER_DEGREE = 111_195;

/**
 * An equirectangular projection centred on the area (x shrunk by cos of the mid latitude), fitted
 * into the box: at the scale of one authority it differs from the web map's Mercator by well
 * under a pixel, and being planar it needs no attention to ring winding.
 */
export function fitPlanar(
  bbox: Bbox,
  width: number,
  maxHeight: number,
  pad: number,
): {
  project: (lon: number, lat: number) => [number, number];
  width: number;
  height: number;
  metresPerUnit: number;
} {
  const kx = Math.cos((((bbox[1] + bbox[3]) / 2) * Math.PI) / 180);
  const w = Math.max(1e-9, (bbox[2] - bbox[0]) * kx);
  const h = Math.max(1e-9, bbox[3] - bbox[1]);
  const s = Math.min((width - 2 * pad) / w, (maxHeight - 2 * pad) / h);
  // The box shrinks to the area's shape, so a tall authority leaves no empty margins.
  const outW = Math.min(width, w * s + 2 * pad);
  const outH = Math.min(maxHeight, h * s + 2 * pad);
  const ox = (outW - w * s) / 2;
  const oy = (outH - h * s) / 2;
  return {
    project: (lon, lat) => [ox + (lon - bbox[0]) * kx * s, oy + (bbox[3] - lat) * s],
    width: outW,
    height: outH,
    metresPerUnit: METRES_PER_DEGREE / s,
  };
}

export function renderSvgMap(spec: SvgMapSpec): SVGSVGElement {
  const frame = spec.outline ?? spec.areas;
  const fit = fitPlanar(bboxOf(frame), spec.width ?? 400, spec.maxHeight ?? 600, 8);
  const width = Math.ceil(fit.width);
  const project = fit.project;
  const path = geoPath(
    geoTransform({
      point(x, y) {
        const [px, py] = project(x, y);
        this.stream.point(px, py);
      },
    }),
  );
  const height = Math.ceil(fit.height + 30);
  const svg = svgEl('svg', {
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': spec.label,
    class: 'svg-map',
  });
  svg.append(svgEl('title', {}, spec.label), svgHatchDefs());
  const areas = svgEl('g', { class: 'areas', 'stroke-linejoin': 'round' });
  for (const f of spec.areas.features) {
    const colour = spec.fill(f.properties.code);
    areas.append(
      svgEl('path', {
        d: path(f) ?? '',
        fill: colour ?? 'url(#nodata-hatch)',
        stroke: '#ffffff',
        'stroke-width': 0.35,
        'data-code': f.properties.code,
      }),
    );
  }
  svg.append(areas);
  if (spec.outline) {
    const g = svgEl('g', { class: 'outline', fill: 'none', stroke: '#222', 'stroke-width': 1.1 });
    for (const f of spec.outline.features) g.append(svgEl('path', { d: path(f) ?? '' }));
    svg.append(g);
  }
  for (const f of spec.highlight ?? []) {
    svg.append(
      svgEl('path', {
        class: 'highlight',
        d: path(f) ?? '',
        fill: 'none',
        stroke: '#d55e00',
        'stroke-width': 2.4,
      }),
    );
  }
  if (spec.points?.length) {
    const g = svgEl('g', { class: 'points' });
    for (const p of spec.points) {
      const [cx, cy] = project(p.lon, p.lat);
      const c = svgEl('circle', {
        cx,
        cy,
        r: 2.6,
        fill: p.colour,
        stroke: '#fff',
        'stroke-width': 0.7,
      });
      c.append(svgEl('title', {}, p.label));
      g.append(c);
    }
    svg.append(g);
  }
  // Scale bar: a round distance of at most a third of the width; north is up.
  const metres = niceDistance(fit.metresPerUnit * width * 0.33);
  const barLength = metres / fit.metresPerUnit;
  const y = height - 8;
  const text = { 'font-size': 12, 'font-family': FONT, fill: '#222' };
  svg.append(
    svgEl('rect', { x: 8, y, width: barLength, height: 4, fill: '#222' }),
    svgEl('text', { x: 8, y: y - 4, ...text }, distanceLabel(metres)),
    svgEl('text', { x: width - 8, y: y + 3, 'text-anchor': 'end', ...text }, '▲ N'),
  );
  return svg;
}
