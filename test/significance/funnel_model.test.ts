// The atlas's funnel model classes areas with the same function as the CLI's `funnel` command
// (workers/stats/funnel_significance.ts), lists every area by band and exports them as CSV.
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../workers/csv/read_csv.ts';
import { byBand, funnelCsv, funnelModel } from '../../workers/significance/funnel_model.ts';
import { countModelOf } from '../../workers/significance/indicator_counts.ts';
import { classifyFunnel, PHE_SIGNIFICANCE } from '../../workers/stats/funnel_significance.ts';
import { num, readFixture } from '../stats/read_fixture.ts';

const counted = countModelOf({ id: 'pop2020_65plus_share', kind: 'share', label: '' });
if (!counted.ok) throw new Error(counted.reason);
const model = counted;

function modelOf(
  rows: { code: string; numerator: number; denominator: number }[],
  target: number | null = null,
) {
  return funnelModel({
    id: 'pop2020_65plus_share',
    model,
    table: {
      codes: rows.map((r) => r.code),
      names: rows.map((r) => `Area ${r.code}`),
      values: {
        pop2020_65plus: rows.map((r) => r.numerator),
        pop2020_total: rows.map((r) => r.denominator),
      },
    },
    polarity: 'higher-is-worse',
    target,
    targetName: 'Sefton',
  });
}

describe('funnel model and the CLI: one definition', () => {
  const rows = readFixture('phe/funnel_prop_inputs.csv').map((r, i) => ({
    code: String(i),
    numerator: num(r, 'numerator'),
    denominator: num(r, 'denominator'),
    expected: r['significance'],
  }));
  const m = modelOf(rows);

  it('pooled over the areas, every area gets assign_funnel_significance’s published label', () => {
    expect(m.areas.map((a) => PHE_SIGNIFICANCE[a.band])).toEqual(rows.map((r) => r.expected));
  });

  it('the same bands and limits as classifyFunnel, which the CLI prints', () => {
    const cli = classifyFunnel(rows, { statistic: 'proportion', multiplier: 100, target: null });
    if (!cli.ok) throw new Error(cli.reason);
    expect(m.areas.map((a) => a.band)).toEqual(cli.value.verdicts.map((v) => v.band));
    expect(m.areas[7]?.limits).toEqual(cli.value.verdicts[7]?.limits);
  });
});

describe('every area by band, and its CSV', () => {
  const m = modelOf(
    [
      { code: 'A', numerator: 200, denominator: 1000 },
      { code: 'B', numerator: 230, denominator: 1000 },
      { code: 'C', numerator: 260, denominator: 1000 },
      { code: 'D', numerator: 140, denominator: 1000 },
      { code: 'E', numerator: 205, denominator: 1000 },
    ],
    20,
  );

  it('lists all areas, highest band first, within a band highest value first', () => {
    expect(byBand(m).map((a) => [a.code, a.band])).toEqual([
      ['C', 'above998'],
      ['B', 'above95'],
      ['E', 'within'],
      ['A', 'within'],
      ['D', 'below998'],
    ]);
  });

  it('writes every area with its limits and band, then target, method and source', () => {
    const text = funnelCsv(m, {
      indicator: 'People aged 65+ (ward, Sefton)',
      denominator: 'Population',
      method: 'Wilson funnel',
      source: 'ONS mid-2020',
    });
    // The areas, a blank line, then the foot (target, method, source) as label-value lines.
    const [areas = '', foot = ''] = text.split('\n\n');
    const csv = readCsv(new TextEncoder().encode(areas), { file: 'funnel.csv' });
    expect(csv.header).toEqual([
      'area_code',
      'area_name',
      'numerator',
      'denominator',
      'value_percent',
      'lower_95',
      'upper_95',
      'lower_99_8',
      'upper_99_8',
      'band',
      'phe_significance',
      'verdict',
    ]);
    const first = csv.records[0]?.cells;
    expect(first?.slice(0, 5)).toEqual(['C', 'Area C', '260', '1000', '26']);
    expect(first?.slice(9)).toEqual(['above the 99.8% limit', 'High (0.001)', 'worse']);
    const a = m.areas.find((x) => x.code === 'C');
    expect(Number(first?.[6])).toBeCloseTo(a?.limits.upper95 ?? NaN, 4);
    const cells = csv.records.map((r) => r.cells[0]);
    expect(cells.slice(0, 5)).toEqual(['C', 'B', 'E', 'A', 'D']);
    expect(foot).toContain('"target_percent",20,"Sefton\'s value"');
    expect(foot).toContain('"method","Wilson funnel"');
    expect(foot).toContain('"source","ONS mid-2020"');
  });
});
