import { el } from '../ui/dom.ts';
import type { Category } from '../../contracts/register/api.ts';
import { PROGRAMMES } from '../../contracts/register/programmes.ts';
import type { FieldMessage, FieldName } from './form_rules.ts';

/** The raw values of the form: strings as typed, the pin as numbers or null. */
export interface FormValues {
  serviceName: string;
  organisationName: string;
  category: string;
  /** A programme id, or '' for none. */
  programme: string;
  description: string;
  latitude: number | null;
  longitude: number | null;
  address: string;
  postcode: string;
  openingTimes: string;
  email: string;
  phone: string;
  website: string;
  accessibility: string;
  consentToPublish: boolean;
}

type TextField = Exclude<
  keyof FormValues,
  'latitude' | 'longitude' | 'consentToPublish' | 'category' | 'programme'
>;

interface TextSpec {
  name: TextField;
  label: string;
  required?: boolean;
  hint?: string;
  multiline?: boolean;
  type?: 'text' | 'email' | 'tel' | 'url';
  autocomplete?: string;
}

const ID = (name: string) => `reg-${name}`;

/**
 * The asset form's fields: each with a label, an optional hint, and a message slot the input
 * points at with aria-describedby. It holds no rules: validation is form_rules.ts.
 */
export class AssetForm {
  readonly element: HTMLFormElement;
  readonly summary: HTMLElement;
  readonly findPostcode: HTMLButtonElement;
  readonly pinAtCentre: HTMLButtonElement;
  readonly nearby: HTMLElement;
  readonly consentRow: HTMLElement;
  readonly actions: HTMLElement;
  private readonly pinStatus: HTMLElement;
  private readonly inputs = new Map<TextField, HTMLInputElement | HTMLTextAreaElement>();
  private readonly category: HTMLSelectElement;
  private readonly programme: HTMLSelectElement;
  private readonly consent: HTMLInputElement;
  private readonly errors = new Map<FieldName, HTMLElement>();
  private readonly focusTargets = new Map<FieldName, HTMLElement>();
  private pin: { latitude: number; longitude: number } | null = null;

  constructor(categories: Category[]) {
    this.summary = el('div', {
      class: 'reg-summary',
      role: 'alert',
      tabindex: '-1',
      hidden: '',
    });
    this.category = el(
      'select',
      { id: ID('category'), name: 'category' },
      el('option', { value: '', text: 'Choose a category' }),
      ...categories.map((c) => el('option', { value: c.id, text: c.label })),
    );
    this.programme = el(
      'select',
      { id: ID('programme'), name: 'programme', 'aria-describedby': `${ID('programme')}-error` },
      el('option', { value: '', text: 'None' }),
      ...PROGRAMMES.map((p) => el('option', { value: p.id, text: p.label })),
    );
    this.findPostcode = el('button', { type: 'button', class: 'reg-secondary' }, 'Find postcode');
    this.pinAtCentre = el(
      'button',
      {
        type: 'button',
        class: 'reg-secondary',
        'aria-describedby': `${ID('pin-status')} ${ID('location')}-error`,
      },
      'Put the pin at the centre of the map',
    );
    this.pinStatus = el('p', { id: ID('pin-status'), class: 'reg-pin', 'aria-live': 'polite' });
    this.nearby = el('div', { class: 'reg-nearby', role: 'status', hidden: '' });
    this.consent = el('input', {
      id: ID('consentToPublish'),
      name: 'consentToPublish',
      type: 'checkbox',
      'aria-describedby': `${ID('consentToPublish')}-error`,
    });
    this.consentRow = this.field(
      'consentToPublish',
      el(
        'div',
        { class: 'reg-check' },
        this.consent,
        el(
          'label',
          { for: ID('consentToPublish') },
          'The organisation agrees to these details being published on the public map (required)',
        ),
      ),
    );
    this.actions = el('div', { class: 'reg-actions' });
    this.setPin(null);

    const where = el(
      'fieldset',
      { class: 'reg-where', 'aria-describedby': `${ID('where-hint')} ${ID('location')}-error` },
      el('legend', { text: 'Where it is (required)' }),
      el('p', {
        id: ID('where-hint'),
        class: 'hint',
        text: 'Click the map to drop a pin, then drag it to the exact spot (or select the pin and use the arrow keys). Or find the postcode to place it there.',
      }),
      this.field(
        'postcode',
        el('label', { for: ID('postcode'), text: 'Postcode' }),
        el(
          'div',
          { class: 'reg-inline' },
          this.input({ name: 'postcode', label: 'Postcode', autocomplete: 'postal-code' }),
          this.findPostcode,
        ),
      ),
      this.field('location', this.pinStatus, this.pinAtCentre),
      this.textField({
        name: 'address',
        label: 'Address',
        multiline: true,
        autocomplete: 'street-address',
      }),
    );
    this.focusTargets.set('location', this.pinAtCentre);

    this.element = el(
      'form',
      { class: 'reg-form', novalidate: '' },
      this.summary,
      this.textField({
        name: 'serviceName',
        label: 'Name of the asset or service',
        required: true,
        hint: 'As people know it, for example Linacre Community Garden. This is the name on the map.',
      }),
      this.textField({
        name: 'organisationName',
        label: 'Organisation that runs it',
        required: true,
        autocomplete: 'organization',
      }),
      this.field(
        'category',
        el('label', { for: ID('category'), text: 'Category (required)' }),
        this.category,
      ),
      this.field(
        'programme',
        el('label', { for: ID('programme'), text: 'Programme it belongs to' }),
        this.programme,
      ),
      this.textField({
        name: 'description',
        label: 'What it offers',
        multiline: true,
        hint: 'Plain text. Who it is for and what happens there.',
      }),
      where,
      this.nearby,
      this.textField({
        name: 'openingTimes',
        label: 'Opening times',
        multiline: true,
        hint: 'For example: Tuesdays and Thursdays 10am to 2pm',
      }),
      el(
        'fieldset',
        {},
        el('legend', { text: 'Contact details (optional, shown on the public map)' }),
        this.textField({ name: 'email', label: 'Email', type: 'email', autocomplete: 'email' }),
        this.textField({ name: 'phone', label: 'Phone', type: 'tel', autocomplete: 'tel' }),
        this.textField({
          name: 'website',
          label: 'Website',
          type: 'url',
          hint: 'Starting with https:// or http://',
          autocomplete: 'url',
        }),
      ),
      this.textField({
        name: 'accessibility',
        label: 'Accessibility',
        multiline: true,
        hint: 'For example: step-free entrance, hearing loop, accessible toilet',
      }),
      this.consentRow,
      this.actions,
    );
    this.focusTargets.set('category', this.category);
    this.focusTargets.set('programme', this.programme);
    this.focusTargets.set('consentToPublish', this.consent);
  }

  /** A wrapper for one field with its message slot. */
  private field(name: FieldName, ...children: (Node | null)[]): HTMLElement {
    const error = el('p', { id: `${ID(name)}-error`, class: 'reg-error', hidden: '' });
    this.errors.set(name, error);
    return el('div', { class: 'reg-field', 'data-field': name }, ...children, error);
  }

  private input(spec: TextSpec): HTMLInputElement | HTMLTextAreaElement {
    const described = [spec.hint ? `${ID(spec.name)}-hint` : '', `${ID(spec.name)}-error`]
      .filter(Boolean)
      .join(' ');
    const attrs: Record<string, string> = {
      id: ID(spec.name),
      name: spec.name,
      'aria-describedby': described,
    };
    if (spec.autocomplete) attrs.autocomplete = spec.autocomplete;
    if (spec.required) attrs['aria-required'] = 'true';
    const input = spec.multiline
      ? el('textarea', { ...attrs, rows: '3' })
      : el('input', { ...attrs, type: spec.type ?? 'text' });
    this.inputs.set(spec.name, input);
    this.focusTargets.set(spec.name as FieldName, input);
    return input;
  }

  private textField(spec: TextSpec): HTMLElement {
    const input = this.input(spec);
    return this.field(
      spec.name as FieldName,
      el('label', {
        for: ID(spec.name),
        text: spec.required ? `${spec.label} (required)` : spec.label,
      }),
      spec.hint ? el('p', { id: `${ID(spec.name)}-hint`, class: 'hint', text: spec.hint }) : null,
      input,
    );
  }

  values(): FormValues {
    const v = (name: TextField) => this.inputs.get(name)?.value ?? '';
    return {
      serviceName: v('serviceName'),
      organisationName: v('organisationName'),
      category: this.category.value,
      programme: this.programme.value,
      description: v('description'),
      latitude: this.pin?.latitude ?? null,
      longitude: this.pin?.longitude ?? null,
      address: v('address'),
      postcode: v('postcode'),
      openingTimes: v('openingTimes'),
      email: v('email'),
      phone: v('phone'),
      website: v('website'),
      accessibility: v('accessibility'),
      consentToPublish: this.consent.checked,
    };
  }

  setValues(values: FormValues): void {
    for (const [name, input] of this.inputs) input.value = values[name];
    this.category.value = values.category;
    this.programme.value = values.programme;
    this.consent.checked = values.consentToPublish;
    this.setPin(
      values.latitude !== null && values.longitude !== null
        ? { latitude: values.latitude, longitude: values.longitude }
        : null,
    );
  }

  postcode(): string {
    return this.inputs.get('postcode')?.value ?? '';
  }

  setPostcode(value: string): void {
    const input = this.inputs.get('postcode');
    if (input) input.value = value;
  }

  /** The pin's position as the form reports it (the map marker is the location picker's). */
  setPin(pin: { latitude: number; longitude: number } | null): void {
    this.pin = pin;
    this.pinStatus.textContent = pin
      ? `Pin placed at latitude ${pin.latitude.toFixed(5)}, longitude ${pin.longitude.toFixed(5)}.`
      : 'No pin yet.';
  }

  /** Shows one message per field; messages without a field go in the summary. */
  showErrors(messages: FieldMessage[], intro: string): void {
    this.clearErrors();
    const general: string[] = [];
    for (const { field, message } of messages) {
      const slot = field ? this.errors.get(field) : undefined;
      if (!field || !slot) {
        general.push(message);
        continue;
      }
      slot.textContent = message;
      slot.hidden = false;
      slot.parentElement?.classList.add('reg-invalid');
      this.focusTargets.get(field)?.setAttribute('aria-invalid', 'true');
    }
    const fieldCount = messages.length - general.length;
    const count =
      fieldCount === 1
        ? 'One field needs correcting: see the message next to it.'
        : `${fieldCount} fields need correcting: see the messages next to them.`;
    this.summary.replaceChildren(
      el('p', { text: intro }),
      ...(fieldCount > 0 ? [el('p', { text: count })] : []),
      ...general.map((m) => el('p', { text: m })),
    );
    this.summary.hidden = false;
    const first = messages.find((m) => m.field && this.focusTargets.has(m.field));
    const target = first?.field ? this.focusTargets.get(first.field) : undefined;
    (target ?? this.summary).focus();
  }

  /** A message at the top of the form that is not about one field. */
  showSummary(message: string): void {
    this.summary.replaceChildren(el('p', { text: message }));
    this.summary.hidden = false;
    this.summary.focus();
  }

  clearErrors(): void {
    this.summary.hidden = true;
    this.summary.replaceChildren();
    for (const [name, slot] of this.errors) {
      slot.hidden = true;
      slot.textContent = '';
      slot.parentElement?.classList.remove('reg-invalid');
      this.focusTargets.get(name)?.removeAttribute('aria-invalid');
    }
  }

  /** One field's message (for the postcode finder), without touching the others. */
  setFieldError(name: FieldName, message: string | null): void {
    const slot = this.errors.get(name);
    if (!slot) return;
    slot.textContent = message ?? '';
    slot.hidden = message === null;
    slot.parentElement?.classList.toggle('reg-invalid', message !== null);
    const target = this.focusTargets.get(name);
    if (message === null) target?.removeAttribute('aria-invalid');
    else target?.setAttribute('aria-invalid', 'true');
  }

  setDisabled(disabled: boolean): void {
    for (const control of this.element.querySelectorAll<
      HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | HTMLButtonElement
    >('input, textarea, select, button')) {
      control.disabled = disabled;
    }
  }

  focusFirst(): void {
    this.inputs.get('serviceName')?.focus();
  }

  /** Fires `listener` when the name changes (for the "already on the register?" check). */
  onNameChange(listener: () => void): void {
    this.inputs.get('serviceName')?.addEventListener('change', listener);
  }
}
