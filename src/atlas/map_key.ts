import type { IndicatorMeta, LayerMeta } from '../../contracts/manifest.ts';
import type { ChoroplethResult } from '../../workers/atlas/atlas_data_api.ts';
import type { PaletteId } from '../map/palettes.ts';
import { byId, el } from '../ui/dom.ts';
import { renderLegend } from '../ui/legend.ts';

/**
 * The map's key with the source and licence lines of everything on the map: the indicator's,
 * and each visible point layer's (kept off MapLibre's attribution box, which would otherwise
 * cover the south of the borough).
 */
export function renderMapKey(
  meta: IndicatorMeta,
  c: ChoroplethResult,
  pal: PaletteId,
  geographyLabel: string,
  visibleLayers: LayerMeta[],
): void {
  const legend = byId('legend');
  renderLegend(legend, meta, c, pal, geographyLabel);
  legend.append(
    el('p', { class: 'legend-source', text: `${meta.source}, ${meta.period}. ${meta.licence}` }),
    ...visibleLayers
      .filter((l) => l.count > 0)
      .map((l) => el('p', { class: 'legend-source', text: `${l.label}: ${l.licence}` })),
  );
}
