import type { Map as MapLibreMap } from 'maplibre-gl';
import { interpolateCividis } from 'd3-scale-chromatic';
import type { PointCollection } from '../../contracts/point_layer.ts';
import { colourPointsBy } from '../map/point_layers.ts';
import { byId, el } from '../ui/dom.ts';
import { renderGpGradient } from '../ui/gap_chart.ts';

/** GP practices can be coloured by their registered populations' life expectancy (2016-20). */
export function addGpColouring(map: MapLibreMap, gp: PointCollection, into: HTMLElement): void {
  if (gp.features.length === 0) return;
  const select = el('select', { id: 'gp-colour' });
  select.append(
    el('option', { value: '', text: 'as a layer colour' }),
    el('option', { value: 'le_male_2016_20', text: 'male life expectancy 2016-20' }),
    el('option', { value: 'le_female_2016_20', text: 'female life expectancy 2016-20' }),
  );
  const key = el('p', { class: 'hint', id: 'gp-colour-key' });
  select.onchange = () => {
    const prop = select.value || null;
    const values = gp.features
      .map((f) => f.properties[prop ?? ''])
      .filter((v): v is number => typeof v === 'number');
    const range: [number, number] = [Math.min(...values), Math.max(...values)];
    const colours = [0, 0.25, 0.5, 0.75, 1].map((t) => interpolateCividis(t));
    colourPointsBy(map, 'gp_practices', prop, range, colours);
    key.textContent = prop
      ? `GP practices: darker = shorter lives, ${range[0].toFixed(1)} to ${range[1].toFixed(1)} years (OHID Fingertips 650); grey = not published.`
      : '';
  };
  into.append(
    el('label', { for: 'gp-colour', class: 'gp-colour-label', text: 'Colour GP practices by ' }),
    select,
    key,
  );
}

/** The GP practices' colouring control and their life-expectancy gradient chart. */
export function showGpPractices(map: MapLibreMap, gp: PointCollection): void {
  addGpColouring(map, gp, byId('layers'));
  renderGpGradient(byId('gp-chart'), gpGradientRows(gp));
}

const numberOrNull = (v: unknown) => (typeof v === 'number' ? v : null);

/** GP practices for the life-expectancy gradient chart. */
const gpGradientRows = (gp: PointCollection) =>
  gp.features.map((f) => ({
    name: String(f.properties.name ?? ''),
    lat: f.geometry.coordinates[1],
    male: numberOrNull(f.properties.le_male_2016_20),
    female: numberOrNull(f.properties.le_female_2016_20),
  }));
