/**
 * How a comparison looks on screen, the same in the funnel plot and the area profile: a colour
 * that colour-blind readers can tell apart (Okabe and Ito's vermillion and blue for worse and
 * better, purples for higher and lower where no polarity applies, grey for similar) and always
 * a word and a shape with it, never the colour alone.
 */
import './significance.css';
import type { Verdict } from '../../workers/significance/compare.ts';

export const VERDICT_COLOURS: Readonly<Record<Verdict, string>> = {
  worse: '#D55E00',
  better: '#0072B2',
  similar: '#9e9e9e',
  higher: '#5e3c99',
  lower: '#b2abd2',
};

/** Text colour that stays readable on each fill (contrast 4.5:1 or more). */
export const VERDICT_TEXT: Readonly<Record<Verdict, string>> = {
  worse: '#000000',
  better: '#ffffff',
  similar: '#000000',
  higher: '#ffffff',
  lower: '#000000',
};

/** "Worse" with its capital, for a cell. */
export function verdictWord(v: Verdict): string {
  return v[0]?.toUpperCase() + v.slice(1);
}
