import type { AtlasHost } from '../analysis_panel/panel_context.ts';
import type { AtlasView } from '../state/atlas_view.ts';
import { byId } from '../ui/dom.ts';

/**
 * The gap view's range, locality difference and SII above the chart. Their code (the SII
 * engine's client and its statistics, about 57 KB gzipped) loads when first drawn, after the
 * map's first frame, not with the code the first frame needs.
 */
export async function renderGapMeasuresLater(view: AtlasView, host: AtlasHost): Promise<void> {
  const [{ renderGapMeasures }, { panelContextOf }] = await Promise.all([
    import('../gap/gap_measures_view.ts'),
    import('../analysis_panel/panel_context.ts'),
  ]);
  await renderGapMeasures(byId('gap-measures'), byId('gap-title'), view, panelContextOf(host));
}
