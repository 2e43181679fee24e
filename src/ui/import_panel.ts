import type { Remote } from 'comlink';
import type {
  ImportApi,
  ImportedIndicator,
  KnownCodes,
  ParseResult,
} from '../../workers/import_api.ts';
import type { ImportedIndicatorStore } from '../storage/imported_indicator_store.ts';
import { el } from './dom.ts';

const MAX_LISTED = 40;

/**
 * "Import your own indicator": choose or drop a CSV (a Fingertips export or area_code,value),
 * parsed and validated in a worker; every row that does not match is listed with its line and
 * reason; accepted indicators are kept in IndexedDB until removed.
 */
export class ImportPanel {
  private text = '';
  private fileName = '';
  private parsed: Extract<ParseResult, { ok: true }> | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly api: Remote<ImportApi>,
    private readonly store: ImportedIndicatorStore,
    private readonly known: () => KnownCodes,
    private readonly areaName: string,
    private readonly onAdded: (ind: ImportedIndicator) => Promise<void>,
    private readonly onRemoved: (id: string) => Promise<void>,
  ) {}

  async start(): Promise<ImportedIndicator[]> {
    const file = el('input', { type: 'file', id: 'import-file', accept: '.csv,text/csv' });
    file.onchange = () => {
      const f = file.files?.[0];
      if (f) void this.read(f);
    };
    const status = el('div', { id: 'import-status', role: 'status', 'aria-live': 'polite' });
    const form = el('form', { id: 'import-form', hidden: '' });
    const list = el('ul', { id: 'imported-list' });
    this.root.replaceChildren(
      el('summary', { text: 'Import your own indicator' }),
      el('p', {
        class: 'hint',
        text: 'A CSV: a Fingertips data export, or two columns area_code,value (LSOA 2011 or 2021, MSOA or ward codes). It stays in this browser.',
      }),
      el('label', { for: 'import-file', text: 'Choose or drop a CSV file' }),
      file,
      status,
      form,
      el('div', { id: 'import-report' }),
      el('h3', { class: 'small-heading', text: 'Your indicators' }),
      list,
    );
    this.root.addEventListener('dragover', (e) => {
      e.preventDefault();
      this.root.classList.add('dragging');
    });
    this.root.addEventListener('dragleave', () => this.root.classList.remove('dragging'));
    this.root.addEventListener('drop', (e) => {
      e.preventDefault();
      this.root.classList.remove('dragging');
      const f = e.dataTransfer?.files[0];
      if (f) void this.read(f);
    });
    const { indicators, skipped } = await this.store.list();
    if (skipped.length)
      this.say(
        `${skipped.length} stored indicator(s) could not be read and were left out: ${skipped.map((s) => s.reason).join('; ')}`,
        true,
      );
    this.renderList(indicators);
    return indicators;
  }

  private q<T extends HTMLElement>(id: string): T {
    const e = this.root.querySelector<T>(`#${id}`);
    if (!e) throw new Error(`#${id} missing`);
    return e;
  }

  private say(message: string, problem = false): void {
    const s = this.q('import-status');
    s.textContent = message;
    s.classList.toggle('error', problem);
  }

  /** Reads and parses a file (the parse runs in the import worker). */
  async read(file: File): Promise<void> {
    this.q('import-form').hidden = true;
    this.q('import-report').replaceChildren();
    this.say(`Reading ${file.name}…`);
    this.fileName = file.name;
    this.text = await file.text();
    const parsed = await this.api.parse(this.text, file.name, this.known(), {
      areaName: this.areaName,
    });
    if (!parsed.ok) {
      this.say(
        parsed.message.startsWith(parsed.fileName)
          ? parsed.message
          : `${parsed.fileName}: ${parsed.message}`,
        true,
      );
      this.showProblems(
        parsed.problems.map(
          (p) =>
            `${p.line !== undefined ? `line ${p.line}` : ''}${p.column !== undefined ? `, column ${p.column}` : ''}${p.field ? ` (${p.field})` : ''}: ${p.message}${p.value !== undefined ? ` [${p.value}]` : ''}`,
        ),
      );
      return;
    }
    this.parsed = parsed;
    this.say(
      `${parsed.fileName}: ${parsed.format === 'fingertips' ? 'Fingertips export' : 'plain file'}, ${parsed.rowCount} rows, ${parsed.series.length} series.`,
    );
    this.renderForm();
  }

  private renderForm(): void {
    const p = this.parsed;
    if (!p) return;
    const form = this.q<HTMLFormElement>('import-form');
    const series = el('select', { id: 'import-series' });
    for (const s of p.series) {
      const o = el('option', { value: s.key, text: `${s.label} (${s.rows} rows)` });
      if (s.key === p.defaultSeries) o.selected = true;
      series.append(o);
    }
    const first = p.series.find((s) => s.key === p.defaultSeries) ?? p.series[0];
    const label = el('input', {
      id: 'import-label',
      type: 'text',
      maxlength: '200',
      value: first?.indicatorName ?? this.fileName,
    });
    const unit = el('input', {
      id: 'import-unit',
      type: 'text',
      maxlength: '60',
      value: first?.unit ?? '',
    });
    const polarity = el(
      'select',
      { id: 'import-polarity' },
      el('option', { value: 'neutral', text: 'neither' }),
      el('option', { value: 'higher-is-worse', text: 'higher is worse' }),
      el('option', { value: 'higher-is-better', text: 'higher is better' }),
    );
    const ignore = el('input', { id: 'import-ignore', type: 'checkbox' });
    const add = el('button', { type: 'submit', text: 'Add to the atlas' });
    form.replaceChildren(
      el('label', { for: 'import-series', text: 'Series' }),
      series,
      el('label', { for: 'import-label', text: 'Name' }),
      label,
      el('label', { for: 'import-unit', text: 'Unit' }),
      unit,
      el('label', { for: 'import-polarity', text: 'Which way is worse' }),
      polarity,
      el('label', {}, ignore, ` Ignore rows for areas outside ${this.areaName}`),
      add,
    );
    form.hidden = false;
    form.onsubmit = (e) => {
      e.preventDefault();
      void this.build({
        seriesKey: series.value,
        label: label.value,
        unit: unit.value || undefined,
        polarity: polarity.value as 'neutral',
        ignoreUnknownCodes: ignore.checked,
      });
    };
  }

  private async build(choices: {
    seriesKey: string;
    label: string;
    unit?: string;
    polarity: 'neutral' | 'higher-is-worse' | 'higher-is-better';
    ignoreUnknownCodes: boolean;
  }): Promise<void> {
    this.say('Joining the file to the atlas areas…');
    const r = await this.api.build({
      text: this.text,
      fileName: this.fileName,
      known: this.known(),
      areaName: this.areaName,
      choices,
    });
    if (!r.ok) {
      this.say(`Not added: ${r.reason}`, true);
      const rows = r.report?.unmatched.map((u) => `line ${u.line}: ${u.code}: ${u.reason}`) ?? [];
      this.showProblems([
        ...r.problems.map((p) => `${p.line !== undefined ? `line ${p.line}: ` : ''}${p.message}`),
        ...rows,
      ]);
      return;
    }
    const ind = r.indicator;
    await this.store.put(ind);
    const rep = ind.report;
    this.say(
      `Added "${ind.meta.label}": ${rep.withValue} of ${ind.codes.length} areas have a value; ${rep.unmatched.length} row(s) not matched, ${rep.missing.length} area(s) with no row, ${rep.suppressed.length} suppressed.`,
    );
    this.showProblems([
      ...rep.unmatched.map((u) => `line ${u.line}: ${u.code}: ${u.reason}`),
      ...rep.suppressed.map((s) => `line ${s.line}: ${s.code}: no value (${s.reason})`),
      ...(rep.note ? [rep.note] : []),
    ]);
    this.q('import-form').hidden = true;
    await this.onAdded(ind);
    this.renderList((await this.store.list()).indicators);
  }

  private showProblems(lines: string[]): void {
    const report = this.q('import-report');
    if (lines.length === 0) {
      report.replaceChildren();
      return;
    }
    const shown = lines.slice(0, MAX_LISTED).map((t) => el('li', { text: t }));
    if (lines.length > MAX_LISTED)
      shown.push(el('li', { text: `… and ${lines.length - MAX_LISTED} more` }));
    report.replaceChildren(el('ul', { class: 'import-problems' }, ...shown));
  }

  private renderList(indicators: ImportedIndicator[]): void {
    const list = this.q('imported-list');
    if (indicators.length === 0) {
      list.replaceChildren(el('li', { class: 'hint', text: 'None yet.' }));
      return;
    }
    list.replaceChildren(
      ...indicators.map((ind) => {
        const remove = el('button', {
          type: 'button',
          text: 'Remove',
          'aria-label': `Remove ${ind.meta.label}`,
        });
        remove.onclick = async () => {
          await this.store.remove(ind.meta.id);
          await this.onRemoved(ind.meta.id);
          this.renderList((await this.store.list()).indicators);
          this.say(`Removed "${ind.meta.label}".`);
        };
        return el('li', {}, `${ind.meta.label} (${ind.geography}) `, remove);
      }),
    );
  }
}
