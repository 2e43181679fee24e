// The gap and SII chart figures as data, in Node: the key under each chart and the text
// alternative, from the fixture view and inequality answer.
import { describe, expect, it } from 'vitest';
import { gapFigureModel } from '../../src/reports/gap_figure_model.ts';
import { siiFigureModel, siiTerms } from '../../src/reports/sii_figure_model.ts';
import { decileColour } from '../../src/ui/gap_chart.ts';
import { mapAltText, mapClassEntries } from '../../src/reports/view_text.ts';
import { fixtureView, LIFE, SII_OUTPUT } from './fixture_view.ts';

describe('gap figure model', () => {
  it('keys the deciles and the localities as the screen does, with their difference', () => {
    const gap = fixtureView().gap;
    if (!gap) throw new Error('fixture has a gap chart');
    const m = gapFigureModel(gap);
    const [chips, ...lines] = m.key;
    expect(chips).toMatchObject({ kind: 'chips', label: 'National IMD 2019 decile:' });
    expect(chips?.kind === 'chips' && chips.suffix).toBe('(1 = most deprived)');
    expect(chips?.kind === 'chips' && chips.chips.map((c) => c.text).join(' ')).toBe(
      '1 2 3 4 5 6 7 8 9 10',
    );
    expect(chips?.kind === 'chips' && chips.chips[0]?.colour).toBe(decileColour(1));
    expect(chips?.kind === 'chips' && chips.chips.map((c) => c.textColour)).toEqual([
      ...Array<string>(6).fill('#fff'),
      ...Array<string>(4).fill('#000'),
    ]);
    expect(lines).toEqual([
      {
        kind: 'line',
        colour: '#000',
        dash: '6 4',
        text: 'North: 79.0 (population-weighted mean of 2 LSOAs)',
      },
      {
        kind: 'line',
        colour: '#b2182b',
        dash: '2 3',
        text: 'South: 76.2 (population-weighted mean of 2 LSOAs)',
      },
      { kind: 'text', text: 'Difference (North minus South): 2.8' },
    ]);
    expect(m.alt).toBe(
      'Life expectancy at birth for 3 LSOAs, north at the top, south at the bottom; North 79.0, South 76.2.',
    );
  });
});

describe('SII figure model', () => {
  const shown = { geography: 'lsoa11' as const, meta: LIFE, noun: 'decile', output: SII_OUTPUT };

  it('words the SII, RII and range as the inequality section does', () => {
    expect(siiTerms(shown)).toEqual([
      {
        term: 'Slope index of inequality (SII)',
        value:
          '3.5 (95% limits 2.1 to 4.8); positive = lower (worse) values at the most deprived end, as Fingertips.',
      },
      {
        term: 'Relative index of inequality (RII)',
        value: '1.046 (95% limits 1.028 to 1.064). OHID RII',
      },
      {
        term: 'Range between the most and least deprived decile (same sign as the SII)',
        value: '3.8 (95% limits 2.2 to 5.3)',
      },
    ]);
  });

  it('prints the figures under the chart and in the alt text', () => {
    const m = siiFigureModel(shown);
    expect(m.spec).toMatchObject({ intercept: 75, slope: 3.456, noun: 'decile', decimals: 1 });
    const text = m.key.map((r) => (r.kind === 'text' ? r.text : '')).join(' ');
    expect(text).toContain('Slope index of inequality (SII): 3.5 (95% limits 2.1 to 4.8)');
    expect(m.key.every((r) => r.kind === 'text' && r.text.length <= 130)).toBe(true);
    expect(m.alt).toMatch(
      /^Life expectancy at birth by deprivation decile, most deprived on the left: decile 1 75\.3, decile 2 79\.0\. Fitted line from 75\.0 at the most deprived end to 78\.5 at the least deprived end\. Slope index of inequality \(SII\): 3\.5 /,
    );
  });
});

describe('map legend from the view', () => {
  it('lists the classes with their counts, then no data, as the on-screen legend', () => {
    const view = fixtureView();
    expect(mapClassEntries(view).map((e) => e.label)).toEqual([
      '75.3 to 77.0 (1)',
      '77.0 to 79.0 (1)',
      '79.0 to 80.1 (1)',
      'No data (1)',
    ]);
    expect(mapClassEntries(view).at(-1)?.colour).toBeNull();
    expect(mapAltText(view)).toContain('4 legend classes, with the number of areas in each:');
  });
});
