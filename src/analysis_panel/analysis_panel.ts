/**
 * The analysis panel in the atlas's side column: inequality by deprivation, custom areas, life
 * expectancy from the user's own file, and catchments with need against access. Built from JS
 * into the existing `<aside class="side">` once the atlas has drawn its first view; each section
 * follows the atlas through `onViewChange` and starts its workers only when first used.
 */
import './analysis_panel.css';
import { el } from '../ui/dom.ts';
import { CatchmentSection } from './catchment_section.ts';
import { CustomAreaSection } from './custom_area_section.ts';
import { FunnelSection } from './funnel_section.ts';
import { InequalitySection } from './inequality_section.ts';
import { LifeExpectancySection } from './life_expectancy_section.ts';
import { MapClickCapture } from './map_click_capture.ts';
import { panelContextOf, type AtlasHost } from './panel_context.ts';

export function startAnalysisPanel(host: AtlasHost): void {
  // Built after the atlas's first render: before it, the view may still name an indicator
  // from the link that the render replaces (and `view()` refuses).
  let started = false;
  host.onViewChange(() => {
    if (started) return;
    started = true;
    buildPanel(host);
  });
}

function buildPanel(host: AtlasHost): void {
  const side = document.querySelector('aside.side');
  if (!side) throw new Error('the atlas page has no side column for the analysis panel');
  const ctx = panelContextOf(host);
  const capture = new MapClickCapture(host.view().map);
  const root = el(
    'section',
    { id: 'analysis-panel', class: 'analysis-panel', 'aria-labelledby': 'analysis-title' },
    el('h2', { id: 'analysis-title', text: 'Inequality and local analysis' }),
    new InequalitySection(ctx).root,
    new FunnelSection(ctx).root,
    new CustomAreaSection(ctx, capture).root,
    new LifeExpectancySection(ctx).root,
    new CatchmentSection(ctx).root,
  );
  // After the area profile, before the north-south gap.
  const profile = side.querySelector('#profile');
  if (profile) profile.after(root);
  else side.prepend(root);
}
