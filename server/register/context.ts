import type { AssetStore } from '../db/asset_store.ts';
import type { RegisterArea } from './area.ts';
import type { Auth } from './auth.ts';
import type { RegisterService } from './service.ts';
import type { WriteHealth } from './write_health.ts';

export interface RateLimits {
  /** Public submissions (POST /api/assets) per IP per window. */
  submissionsPerWindow: number;
  submissionWindowMs: number;
  /** Edits by edit token (PATCH /api/assets/:id) per IP per window. */
  editsPerWindow: number;
  editWindowMs: number;
  /** Login attempts per IP per window. */
  loginsPerWindow: number;
  loginWindowMs: number;
  /** Bulk imports (POST /api/import) per IP per window, checked before the body is read. */
  importsPerWindow: number;
  importWindowMs: number;
  /** Failed logins per account before it is locked until the window ends. */
  accountFailures: number;
  accountWindowMs: number;
}

export const DEFAULT_LIMITS: RateLimits = {
  submissionsPerWindow: 20,
  submissionWindowMs: 60 * 60_000,
  editsPerWindow: 60,
  editWindowMs: 60 * 60_000,
  loginsPerWindow: 20,
  loginWindowMs: 15 * 60_000,
  importsPerWindow: 30,
  importWindowMs: 60 * 60_000,
  accountFailures: 5,
  accountWindowMs: 15 * 60_000,
};

/** What the route modules share. */
export interface ApiContext {
  store: AssetStore;
  service: RegisterService;
  auth: Auth;
  now: () => Date;
  limits: RateLimits;
  /** Region for Open Referral addresses (state_province). */
  region: string;
  /** The area served: the built authority's outline, its wards and map layers. */
  area: RegisterArea;
  /** Whether the database can write, for /api/health. */
  health: WriteHealth;
}
