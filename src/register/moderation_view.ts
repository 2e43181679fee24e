import { el } from '../ui/dom.ts';
import type {
  HistoryEntry,
  PrivateFeature,
  PrivateProperties,
  QueueFeature,
} from '../../contracts/register/api.ts';
import { reviewPanel } from './review_view.ts';

/** Labels for the fields a moderator reviews, in the order they are shown. */
const FIELD_LABELS: [keyof PrivateProperties | 'latitude' | 'longitude', string][] = [
  ['serviceName', 'Name'],
  ['organisationName', 'Organisation'],
  ['categoryLabel', 'Category'],
  ['programmeLabel', 'Programme'],
  ['description', 'What it offers'],
  ['address', 'Address'],
  ['postcode', 'Postcode'],
  ['latitude', 'Latitude'],
  ['longitude', 'Longitude'],
  ['openingTimes', 'Opening times'],
  ['email', 'Email'],
  ['phone', 'Phone'],
  ['website', 'Website'],
  ['accessibility', 'Accessibility'],
  ['source', 'Source'],
  ['licence', 'Licence'],
];

const LABEL_OF = new Map<string, string>(FIELD_LABELS);
LABEL_OF.set('category', 'Category');
LABEL_OF.set('programme', 'Programme');
LABEL_OF.set('status', 'Status');
LABEL_OF.set('lastVerified', 'Last checked');
LABEL_OF.set('openingHours', 'Opening hours');
LABEL_OF.set('consentToPublish', 'Consent to publish');

export function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** Any stored value as plain text (never markup). */
export function asText(v: unknown): string {
  if (v === null || v === undefined || v === '') return '(empty)';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

function valueOf(f: PrivateFeature, key: string): unknown {
  if (key === 'latitude') return f.geometry.coordinates[1];
  if (key === 'longitude') return f.geometry.coordinates[0];
  return (f.properties as Record<string, unknown>)[key];
}

function details(f: PrivateFeature): HTMLElement {
  const dl = el('dl', { class: 'mod-fields' });
  for (const [key, label] of FIELD_LABELS) {
    const v = valueOf(f, key);
    if (v === null || v === undefined || v === '') continue;
    dl.append(el('dt', { text: label }), el('dd', { text: asText(v) }));
  }
  return dl;
}

function proposed(f: PrivateFeature): HTMLElement | null {
  const changes = f.properties.pendingChanges;
  if (!changes || Object.keys(changes).length === 0) return null;
  return el(
    'table',
    { class: 'mod-changes' },
    el('caption', { text: 'Changes proposed by the edit-link holder' }),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col', text: 'Field' }),
        el('th', { scope: 'col', text: 'On the map now' }),
        el('th', { scope: 'col', text: 'Proposed' }),
      ),
    ),
    el(
      'tbody',
      {},
      ...Object.entries(changes).map(([key, to]) =>
        el(
          'tr',
          {},
          el('th', { scope: 'row', text: LABEL_OF.get(key) ?? key }),
          el('td', { text: asText(valueOf(f, key)) }),
          el('td', { text: asText(to) }),
        ),
      ),
    ),
  );
}

function stateLine(p: PrivateProperties): string {
  if (p.status === 'approved' && p.withdrawalRequested) {
    return `On the map; the edit-link holder asks to withdraw it (approve to take it off, reject to keep it)`;
  }
  if (p.status === 'approved' && p.pendingChanges) {
    return `On the map; changes proposed (updated ${when(p.updatedAt)})`;
  }
  return `New entry, submitted ${when(p.createdAt)}${p.statusReason ? `; earlier reason: ${p.statusReason}` : ''}`;
}

export interface QueueActions {
  approve(f: PrivateFeature): void;
  reject(f: PrivateFeature, reason: string): void;
  history(f: PrivateFeature): void;
}

/** One entry waiting for review, with approve, reject-with-reason and history. */
export function queueItem(f: QueueFeature, actions: QueueActions): HTMLElement {
  const id = `mod-item-${f.id}`;
  const approve = el('button', { type: 'button' }, 'Approve');
  const rejectOpen = el('button', { type: 'button', class: 'reg-secondary' }, 'Reject…');
  const history = el('button', { type: 'button', class: 'reg-secondary' }, 'History');
  const reason = el('textarea', {
    id: `${id}-reason`,
    rows: '2',
    'aria-describedby': `${id}-reason-error`,
  });
  const reasonError = el('p', { id: `${id}-reason-error`, class: 'reg-error', hidden: '' });
  const rejectConfirm = el('button', { type: 'button', class: 'reg-danger' }, 'Reject');
  const rejectCancel = el('button', { type: 'button', class: 'reg-secondary' }, 'Cancel');
  const rejectForm = el(
    'div',
    { class: 'mod-reject', hidden: '' },
    el('label', {
      for: `${id}-reason`,
      text: 'Reason (shown to the person who submitted it)',
    }),
    reason,
    reasonError,
    el('div', { class: 'reg-actions' }, rejectConfirm, rejectCancel),
  );
  approve.onclick = () => actions.approve(f);
  history.onclick = () => actions.history(f);
  rejectOpen.onclick = () => {
    rejectForm.hidden = false;
    reason.focus();
  };
  rejectCancel.onclick = () => {
    rejectForm.hidden = true;
    rejectOpen.focus();
  };
  rejectConfirm.onclick = () => {
    const text = reason.value.trim();
    if (!text) {
      reasonError.textContent = 'Say why, so they can put it right';
      reasonError.hidden = false;
      reason.setAttribute('aria-invalid', 'true');
      reason.focus();
      return;
    }
    actions.reject(f, text);
  };
  return el(
    'article',
    { class: 'mod-item', 'aria-labelledby': `${id}-title`, 'data-id': String(f.id) },
    el('h3', { id: `${id}-title`, text: f.properties.serviceName }),
    el('p', { class: 'hint', text: stateLine(f.properties) }),
    reviewPanel(f.properties.review),
    details(f),
    proposed(f),
    el('div', { class: 'reg-actions' }, approve, rejectOpen, history),
    rejectForm,
  );
}

/** Approved entries not checked for twelve months, oldest first. */
export function staleTable(
  features: PrivateFeature[],
  onHistory: (f: PrivateFeature) => void,
): HTMLElement {
  return el(
    'table',
    { class: 'mod-stale' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col', text: 'Name' }),
        el('th', { scope: 'col', text: 'Category' }),
        el('th', { scope: 'col', text: 'Last checked' }),
        el('th', { scope: 'col', text: 'Source' }),
        el('th', { scope: 'col', text: 'History' }),
      ),
    ),
    el(
      'tbody',
      {},
      ...features.map((f) => {
        const button = el(
          'button',
          {
            type: 'button',
            class: 'reg-secondary',
            'aria-label': `History of ${f.properties.serviceName}`,
          },
          'History',
        );
        button.onclick = () => onHistory(f);
        return el(
          'tr',
          {},
          el('th', { scope: 'row', text: f.properties.serviceName }),
          el('td', { text: f.properties.categoryLabel }),
          el('td', { text: f.properties.lastVerified ?? 'never' }),
          el('td', { text: f.properties.source }),
          el('td', {}, button),
        );
      }),
    ),
  );
}

function actor(h: HistoryEntry): string {
  if (h.actorType === 'moderator') return h.actorName ?? `moderator ${h.actorId ?? ''}`;
  if (h.actorType === 'edit-token holder') return 'the edit-link holder';
  if (h.actorType === 'import') return h.actorName ? `import by ${h.actorName}` : 'an import';
  return h.actorType;
}

/** An asset's history, newest last, with each field's change. */
export function historyList(entries: HistoryEntry[]): HTMLElement {
  return el(
    'ol',
    { class: 'mod-history' },
    ...entries.map((h) =>
      el(
        'li',
        {},
        el('p', {}, el('strong', { text: h.action }), ` by ${actor(h)}, ${when(h.at)}`),
        h.note ? el('p', { text: `Note: ${h.note}` }) : null,
        Object.keys(h.changes).length
          ? el(
              'ul',
              {},
              ...Object.entries(h.changes).map(([key, c]) =>
                el('li', {
                  text: `${LABEL_OF.get(key) ?? key}: ${asText(c.from)} → ${asText(c.to)}`,
                }),
              ),
            )
          : null,
      ),
    ),
  );
}
