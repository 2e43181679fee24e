import { ENGLAND_CODE, LCR } from '../contracts/geography.ts';
import { PipelineError } from './errors.ts';
import type { District, Named, Registry } from './registry.ts';

/** One bundle of the output: a district, or a group built as one (a county, a combined authority). */
export interface AreaChoice {
  /** The bundle id: a district code, or the group's code. */
  id: string;
  name: string;
  kind: 'district' | 'group';
  districts: Named[];
}

/** What `--area` asked for, as bundles. */
export interface AreaPlan {
  /** The request as typed. */
  requested: string;
  bundles: AreaChoice[];
  /** True for `england`: the national layers are built too. */
  national: boolean;
  /** Lines worth printing, e.g. an older code mapped to the current one. */
  notes: string[];
}

const districtBundle = (d: Named): AreaChoice => ({
  id: d.code,
  name: d.name,
  kind: 'district',
  districts: [{ code: d.code, name: d.name }],
});

const groupBundle = (g: Named, members: District[]): AreaChoice => ({
  id: g.code,
  name: g.name,
  kind: 'group',
  districts: members.map((d) => ({ code: d.code, name: d.name })),
});

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Resolves `--area`: a district code (current, or an older one mapped through the code
 * history), a county (upper-tier) code, a combined authority or region code, one of their
 * names, "lcr", "england", or a comma-separated list of these. A county or combined authority
 * is one group bundle; a region is the bundles of its districts; England is every district
 * plus the national layers. Anything else is refused with the closest matches.
 */
export function resolveArea(requested: string, registry: Registry): AreaPlan {
  const items = requested
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) throw new PipelineError('--area is empty.');
  const plan: AreaPlan = { requested, bundles: [], national: false, notes: [] };
  const seen = new Set<string>();
  for (const item of items) {
    const one = resolveOne(item, registry, plan.notes);
    if (one === 'england') {
      plan.national = true;
      for (const d of registry.districts) add(districtBundle(d));
    } else for (const b of one) add(b);
  }
  return plan;

  function add(b: AreaChoice): void {
    if (seen.has(b.id)) return;
    seen.add(b.id);
    plan.bundles.push(b);
  }
}

function resolveOne(item: string, registry: Registry, notes: string[]): AreaChoice[] | 'england' {
  const upper = item.toUpperCase();
  const key = norm(item);
  if (key === 'england' || upper === ENGLAND_CODE) return 'england';
  if (key === 'lcr') return resolveOne(LCR.code, registry, notes);

  const current = registry.current.get(upper);
  if (current !== undefined) {
    const d = registry.byCode.get(current);
    if (d) {
      if (current !== upper) {
        notes.push(
          `${upper} (${registry.formerNames.get(upper) ?? 'former district'}) is now part of ${d.code} ${d.name}: building ${d.code}.`,
        );
      }
      return [districtBundle(d)];
    }
  }
  const groups = groupsOf(registry);
  const byCode = groups.find((g) => g.group.code === upper);
  const byName =
    byCode ??
    groups.find((g) => norm(g.group.name) === key) ??
    (() => {
      const d = registry.districts.find((x) => norm(x.name) === key);
      return d ? { group: d, kind: 'district' as const, members: [d] } : undefined;
    })();
  if (byName) {
    if (byName.kind === 'district') return [districtBundle(byName.group)];
    if (byName.kind === 'region') return byName.members.map(districtBundle);
    // A county or combined authority of one district is that district.
    const [only] = byName.members;
    if (byName.members.length === 1 && only) return [districtBundle(only)];
    return [groupBundle(byName.group, byName.members)];
  }
  throw new PipelineError(
    `Unknown --area "${item}": not an English district, county, combined authority or region code or name in boundaries/england/lad.csv, nor "england". Closest: ${closest(item, registry, groups).join(', ')}.`,
  );
}

interface Group {
  group: Named;
  kind: 'district' | 'county' | 'combined authority' | 'region';
  members: District[];
}

function groupsOf(registry: Registry): Group[] {
  const map = new Map<string, Group>();
  const add = (g: Named, kind: Group['kind'], d: District) => {
    let entry = map.get(g.code);
    if (!entry) map.set(g.code, (entry = { group: g, kind, members: [] }));
    entry.members.push(d);
  };
  for (const d of registry.districts) {
    if (d.upperTier.code !== d.code) add(d.upperTier, 'county', d);
    if (d.combinedAuthority) add(d.combinedAuthority, 'combined authority', d);
    add(d.region, 'region', d);
  }
  return [...map.values()];
}

/** The five known codes or names nearest to `item` (edit distance on codes and names). */
function closest(item: string, registry: Registry, groups: Group[]): string[] {
  const candidates: { label: string; keys: string[] }[] = [
    ...registry.districts.map((d) => ({ label: `${d.code} ${d.name}`, keys: [d.code, d.name] })),
    ...[...registry.formerNames].map(([code, name]) => ({
      label: `${code} ${name} (former)`,
      keys: [code, name],
    })),
    ...groups.map((g) => ({
      label: `${g.group.code} ${g.group.name} (${g.kind})`,
      keys: [g.group.code, g.group.name],
    })),
  ];
  const q = norm(item);
  return candidates
    .map((c) => ({ label: c.label, d: Math.min(...c.keys.map((k) => editDistance(q, norm(k)))) }))
    .sort((a, b) => a.d - b.d || (a.label < b.label ? -1 : 1))
    .slice(0, 5)
    .map((c) => c.label);
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}
