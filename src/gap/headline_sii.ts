import type { AtlasView } from '../state/atlas_view.ts';
import type { PanelContext } from '../analysis_panel/panel_context.ts';
import { inequalityRequest, SIMULATIONS } from '../analysis_panel/inequality_request.ts';
import type { InequalityOutput } from '../../workers/inequality/inequality_by_deprivation.ts';
import { groupingDescription } from '../../workers/inequality/inequality_by_deprivation.ts';
import type { Result } from '../../workers/stats/result.ts';
import type { QuantileCount } from '../../workers/inequality/deprivation_groups.ts';

/**
 * The one SII of an indicator that the gap view, the one-page report and the figure exports
 * quote: local deciles of the geography on screen (quintiles when there are too few areas for
 * two in every decile: Knowsley's 15 wards), 100,000 seeded draws. Asked for once per
 * indicator and geography and shared, so the same figure comes out everywhere. (The analysis
 * panel can also group by national deciles or quintiles; it says so beside its figure.)
 */
const jobs = new WeakMap<PanelContext, Map<string, Promise<Result<InequalityOutput>>>>();

export function headlineSii(ctx: PanelContext, view: AtlasView): Promise<Result<InequalityOutput>> {
  let mine = jobs.get(ctx);
  if (!mine) {
    mine = new Map();
    jobs.set(ctx, mine);
  }
  // The values of an imported indicator can be replaced under the same id: key on them too.
  const values = view.model.table(view.geography).values[view.indicator.id] ?? [];
  const key = `${view.geography}|${view.indicator.id}|${values.length}|${values.slice(0, 5).join(',')}`;
  let job = mine.get(key);
  if (!job) {
    job = ctx
      .inequality()
      .inequality(inequalityRequest(view, 'local', headlineQuantiles(view)))
      .catch((err: unknown) => {
        mine?.delete(key);
        return {
          ok: false as const,
          reason: `the inequality worker failed (${(err as Error).message})`,
        };
      });
    mine.set(key, job);
  }
  return job;
}

/**
 * Deciles need at least two areas in each (a group's standard error comes from the spread of
 * its areas): 20 areas with a value and a deprivation score. Fewer: quintiles.
 */
export function headlineQuantiles(view: AtlasView): QuantileCount {
  const t = view.model.table(view.geography);
  const values = t.values[view.indicator.id] ?? [];
  const dep = t.values[view.model.deprivationOf(view.geography).scoreId] ?? [];
  const pop = t.values[view.model.populationId(view.geography)] ?? [];
  let n = 0;
  for (let i = 0; i < values.length; i++)
    if (values[i] != null && dep[i] != null && (pop[i] ?? 0) > 0) n++;
  return n >= 20 ? 10 : 5;
}

/** The definition printed under every headline SII. */
export function headlineSiiDefinition(view: AtlasView): string {
  const dep = view.model.deprivationOf(view.geography);
  const place = view.model.manifest.area.name;
  const geo =
    view.model.manifest.geographies.find((g) => g.id === view.geography)?.label ?? view.geography;
  const q = headlineQuantiles(view);
  const fewer = q === 5 ? ` (quintiles: too few ${geo} values for two in every decile)` : '';
  return `SII: ${view.indicator.label} by ${groupingDescription('local', q, dep.label, place)}${fewer}; ${geo} values, population-weighted within each ${q === 5 ? 'quintile' : 'decile'}; 95% limits from ${SIMULATIONS.toLocaleString('en-GB')} seeded simulations (Low & Low 2004, as OHID). The same figure is used in the one-page report.`;
}
