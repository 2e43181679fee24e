/**
 * The sources and licences of what a report page shows, each said once: licence texts repeat
 * across sources ("Contains public sector information licensed under the Open Government
 * Licence v3.0."), so they are split into sentences and listed once after the sources.
 */
import { el } from '../ui/dom.ts';
import { exportDate } from './figure.ts';

export interface SourceItem {
  what: string;
  source: string;
  licence: string;
}

export function licenceSentences(licence: string): string[] {
  // Sentences end with a full stop or a semicolon; the stop is put back so repeats compare equal.
  return licence
    .split(/(?<=[.;])\s+(?=[A-Z])/)
    .map((s) => s.trim().replace(/[.;]$/, ''))
    .filter(Boolean)
    .map((s) => `${s}.`);
}

export function groupSources(items: readonly SourceItem[]): {
  sources: string[];
  licences: string[];
} {
  const sources = [...new Set(items.map((i) => `${i.what}: ${i.source.replace(/\.$/, '')}.`))];
  const licences = [...new Set(items.flatMap((i) => licenceSentences(i.licence)))];
  return { sources, licences };
}

/** The footer of a report page: sources, then licences, then when it was made. */
export function sourcesFooter(items: readonly SourceItem[], date: Date): HTMLElement {
  const { sources, licences } = groupSources(items);
  return el(
    'footer',
    { class: 'rp-sources' },
    el('h2', { text: 'Sources and licences' }),
    el('ul', {}, ...sources.map((l) => el('li', { text: l }))),
    el('p', { class: 'rp-licences', text: licences.join(' ') }),
    el('p', { class: 'rp-made', text: `Produced with Gap Atlas on ${exportDate(date)}.` }),
  );
}
