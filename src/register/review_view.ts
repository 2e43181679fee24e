import { el } from '../ui/dom.ts';
import type { Review } from '../../contracts/register/api.ts';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 280;
const NEAR_METRES = 250;

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  ...children: (Node | null)[]
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  for (const c of children) if (c) e.append(c);
  return e;
}

function title(text: string): SVGTitleElement {
  const t = document.createElementNS(SVG, 'title');
  t.textContent = text;
  return t;
}

/**
 * A small map of where a submission is: the wards around it (its own shaded), a 250 m circle,
 * similarly named places nearby and the pin. Drawn as SVG from the review the API sends, so it
 * needs no tiles and works offline; names are only ever text nodes.
 */
export function insetMap(r: Review): SVGSVGElement {
  const [w, s, e, n] = r.map.bbox;
  const [lon0, lat0] = r.map.point;
  const k = Math.cos((lat0 * Math.PI) / 180);
  const height = Math.round((WIDTH * (n - s)) / ((e - w) * k));
  const x = (lon: number) => ((lon - w) / (e - w)) * WIDTH;
  const y = (lat: number) => ((n - lat) / (n - s)) * height;
  const metres = WIDTH / ((e - w) * k * 111_320);
  const wards = r.map.wards.map((ward) => {
    const d = ward.rings
      .map(
        (ring) =>
          `M${ring.map(([lon, lat]) => `${x(lon).toFixed(1)},${y(lat).toFixed(1)}`).join('L')}Z`,
      )
      .join('');
    const own = ward.name === r.ward;
    return svg(
      'path',
      { d, class: own ? 'mod-inset-ward own' : 'mod-inset-ward', 'fill-rule': 'evenodd' },
      title(`${ward.name} ward`),
    );
  });
  const similar = r.similar.map((p) =>
    svg(
      'circle',
      { cx: x(p.longitude), cy: y(p.latitude), r: 5, class: 'mod-inset-similar' },
      title(`${p.name} (${p.what}), ${p.distanceMetres} m away`),
    ),
  );
  const bar = NEAR_METRES * metres;
  return svg(
    'svg',
    {
      class: 'mod-inset',
      viewBox: `0 0 ${WIDTH} ${height}`,
      width: WIDTH,
      height,
      role: 'img',
      'aria-label': `Map: the entry${r.ward ? ` in ${r.ward} ward` : ''}, with ${r.similar.length} similarly named place${r.similar.length === 1 ? '' : 's'} within ${NEAR_METRES} m`,
    },
    ...wards,
    svg('circle', { cx: x(lon0), cy: y(lat0), r: bar, class: 'mod-inset-near' }),
    ...similar,
    svg('circle', { cx: x(lon0), cy: y(lat0), r: 6, class: 'mod-inset-pin' }, title('This entry')),
    svg('line', { x1: 8, x2: 8 + bar, y1: height - 10, y2: height - 10, class: 'mod-inset-scale' }),
    svg(
      'text',
      { x: 8, y: height - 14, class: 'mod-inset-label' },
      document.createTextNode(`${NEAR_METRES} m`),
    ),
  );
}

/** Where it is: area and ward, the near-duplicate warning, and the inset map. */
export function reviewPanel(r: Review): HTMLElement {
  const where = r.insideArea
    ? `In ${r.ward ? `${r.ward} ward, ` : ''}${r.area}.`
    : `Outside ${r.area}, the area this register covers.`;
  const warning = r.similar.length
    ? el(
        'div',
        { class: 'mod-similar', role: 'note' },
        el('p', {
          class: 'reg-warning-title',
          text: `Possibly already listed: a similar name within ${NEAR_METRES} m`,
        }),
        el(
          'ul',
          {},
          ...r.similar.map((p) =>
            el('li', { text: `${p.name} (${p.what}), ${p.distanceMetres} m away` }),
          ),
        ),
      )
    : el('p', { class: 'hint', text: `No similarly named place within ${NEAR_METRES} m.` });
  return el(
    'div',
    { class: 'mod-review' },
    insetMap(r),
    el('div', {}, el('p', { class: 'mod-where', text: where }), warning),
  );
}
