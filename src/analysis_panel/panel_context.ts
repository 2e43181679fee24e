/**
 * What the analysis panel's sections share: the atlas they build on, and the two workers,
 * each started the first time a section needs it (the atlas's first load pays for neither).
 */
import { wrap, type Remote } from 'comlink';
import type { AtlasView } from '../state/atlas_view.ts';
import type { ViewState } from '../state/view_state.ts';
import type { ImportedIndicator } from '../../workers/import/imported_indicator.ts';
import { AnalysisClient } from '../analysis/analysis_client.ts';
import type { InequalityApi } from '../../workers/inequality/inequality_api.ts';
import { GEOGRAPHY_LEVELS, type GeographyId } from '../../contracts/geography.ts';

/** The part of `AtlasApp` the panel uses. */
export interface AtlasHost {
  view(): AtlasView;
  onViewChange(listener: (view: AtlasView) => void): void;
  select(code: string | undefined): Promise<void>;
  update(change: Partial<ViewState>): Promise<void>;
  /** Joins an indicator of the user's to its geography and, with `show`, maps it. */
  addImported(ind: ImportedIndicator, show: boolean): Promise<void>;
}

export interface PanelContext {
  host: AtlasHost;
  /** The inequality worker (SII simulations, life expectancy files). */
  inequality(): Remote<InequalityApi>;
  /** The analysis worker pool (point in polygon, catchments). */
  analysis(): AnalysisClient;
}

export function createPanelContext(host: AtlasHost): PanelContext {
  let inequality: Remote<InequalityApi> | null = null;
  let analysis: AnalysisClient | null = null;
  return {
    host,
    inequality() {
      inequality ??= wrap<InequalityApi>(
        new Worker(new URL('../../workers/inequality/inequality.worker.ts', import.meta.url), {
          type: 'module',
          name: 'inequality',
        }),
      );
      return inequality;
    },
    analysis() {
      analysis ??= new AnalysisClient();
      return analysis;
    },
  };
}

const shared = new WeakMap<AtlasHost, PanelContext>();

/**
 * The one context of an atlas: the analysis panel and the report pages share its workers, so
 * the report's SII does not start a second inequality worker.
 */
export function panelContextOf(host: AtlasHost): PanelContext {
  let ctx = shared.get(host);
  if (!ctx) {
    ctx = createPanelContext(host);
    shared.set(host, ctx);
  }
  return ctx;
}

/** The LSOA geography of the same boundary vintage as `g` (wards are built from 2021 LSOAs). */
export function lsoaGeographyOf(g: GeographyId): 'lsoa11' | 'lsoa21' {
  return GEOGRAPHY_LEVELS[g].lsoaVintage === '2011' ? 'lsoa11' : 'lsoa21';
}

/** The Core20 share column of the deprivation score column ('imd2019_score' -> 'imd2019_core20'). */
export function core20Of(scoreId: string): string {
  return scoreId.replace(/_score$/, '_core20');
}
