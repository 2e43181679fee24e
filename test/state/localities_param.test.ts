// The user's own localities in the link (src/state/localities_param.ts) and the grouping they
// give (workers/atlas/gap_summary.ts): a round trip, hostile or broken links refused in words
// and falling back, wards of another authority named, and the means computed per locality.
import { describe, expect, it } from 'vitest';
import {
  checkLocalityWards,
  decodeLocalities,
  encodeLocalities,
} from '../../src/state/localities_param.ts';
import { parseViewState, serializeViewState } from '../../src/state/view_state.ts';
import { draftToParam } from '../../src/gap/locality_editor.ts';
import { gapMeasures } from '../../src/gap/gap_measures.ts';
import {
  localitySummaries,
  northSouthHalves,
  wardLocalityIndex,
} from '../../workers/atlas/gap_summary.ts';

const GROUPS = [
  { name: 'North', wards: ['E05010934', 'E05010935'] },
  { name: "Prescot & Whiston (St Mary's)", wards: ['E05010940'] },
];

describe('localities in the link', () => {
  it('round-trip through the view state and its query string', () => {
    const loc = encodeLocalities(GROUPS);
    expect(loc).toBe("North:E05010934,E05010935|Prescot & Whiston (St Mary's):E05010940");
    const query = serializeViewState({ ...parseViewState('').state, loc });
    const again = parseViewState(query);
    expect(again.problems).toEqual([]);
    expect(again.state.loc).toBe(loc);
    const d = decodeLocalities(again.state.loc ?? '');
    expect(d).toEqual({ ok: true, groups: GROUPS });
  });

  it.each([
    ['one locality', 'North:E05010934', /fewer than two localities/],
    ['no wards', 'North:|South:E05010934', /a locality has no wards/],
    ['a bad code', 'North:E0501093X|South:E05010934', /ward code is not like E05000001/],
    [
      'markup in a name',
      '<img src=x onerror=alert(1)>:E05010934|South:E05010935',
      /letters, digits/,
    ],
    [
      'a ward twice',
      'North:E05010934|South:E05010934',
      /ward E05010934 is in both "North" and "South"/,
    ],
    ['two of one name', 'North:E05010934|north:E05010935', /two localities are called "north"/],
    ['an empty name', ':E05010934|South:E05010935', /a locality has no name/],
    ['garbage', '|||', /no name|fewer|no wards/],
  ])('refuses %s with a reason in words', (_, raw, reason) => {
    const d = decodeLocalities(raw);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.reason).toMatch(reason);
    const { state, problems } = parseViewState(`?loc=${encodeURIComponent(raw)}&k=4`);
    // The rest of the link is kept; the localities fall back to the default with a notice.
    expect(state.loc).toBeUndefined();
    expect(state.k).toBe(4);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^the link's localities could not be used \(.+\); the gap view shows its default comparison$/,
    );
    expect(problems[0]).not.toMatch(/\/\^|\\d|Invalid/);
  });

  it('refuses a link too long to be a link', () => {
    expect(decodeLocalities(`A:${'E05010934,'.repeat(500)}`).ok).toBe(false);
  });

  it('names the wards the authority does not have', () => {
    expect(
      checkLocalityWards(GROUPS, ['E05010934', 'E05010935', 'E05010940'], 'Knowsley'),
    ).toBeNull();
    expect(checkLocalityWards(GROUPS, ['E05010934'], 'Knowsley')).toBe(
      "the link's localities name 2 wards that Knowsley does not have (E05010935, E05010940)",
    );
  });
});

describe('grouping wards into localities', () => {
  const codes = ['E05010934', 'E05010935', 'E05010940', 'E05010941'];

  it("gives each ward its locality's index, -1 when in none", () => {
    expect(Array.from(wardLocalityIndex(codes, GROUPS))).toEqual([0, 0, 1, -1]);
  });

  it('computes population-weighted means per locality, areas in none left out', () => {
    const index = wardLocalityIndex(codes, GROUPS);
    const s = localitySummaries([10, 20, 40, 1000], [100, 300, 200, 50], index, [
      'North',
      'Prescot',
    ]);
    expect(s[0]).toEqual({ name: 'North', mean: 17.5, population: 400, areas: 2 });
    expect(s[1]).toEqual({ name: 'Prescot', mean: 40, population: 200, areas: 1 });
    // Three localities: the gap figure is the highest mean minus the lowest.
    const three = localitySummaries([10, 20, 40, 5], [1, 1, 1, 1], Int32Array.from([0, 1, 2, 1]), [
      'A',
      'B',
      'C',
    ]);
    const m = gapMeasures([], three, null, []);
    expect(m.localities?.first.name).toBe('C');
    expect(m.localities?.second.name).toBe('A');
    expect(m.localities?.difference).toBe(30);
    expect(m.localities?.of).toBe(3);
  });

  it('suggests north and south halves of the residents by latitude', () => {
    const half = northSouthHalves([53.5, 53.4, 53.3, 53.2, null], [100, 100, 100, 100, 50]);
    expect(Array.from(half)).toEqual([0, 0, 1, 1, -1]);
  });

  it("turns the editor's draft into the link's localities, or says what is missing", () => {
    const wards = codes.map((code) => ({ code, name: code, lat: null, population: null }));
    const of = new Map([
      ['E05010934', 0],
      ['E05010940', 1],
    ]);
    expect(draftToParam({ names: ['North', 'South'], of }, wards)).toEqual({
      ok: true,
      loc: 'North:E05010934|South:E05010940',
    });
    expect(draftToParam({ names: ['North', 'South', 'East'], of }, wards)).toEqual({
      ok: false,
      reason: 'Put at least one ward in "East".',
    });
    const bad = draftToParam({ names: ['North', 'So:uth'], of }, wards);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reason).toMatch(/^A locality name may hold only letters/);
  });
});
