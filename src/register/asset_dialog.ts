import type { Map as MapLibreMap } from 'maplibre-gl';
import { el } from '../ui/dom.ts';
import { ApiError, apiJson } from './api.ts';
import {
  PrivateFeatureSchema,
  SubmitResultSchema,
  type Category,
  type PrivateFeature,
} from '../../contracts/register/api.ts';
import { AssetForm, type FormValues } from './asset_form.ts';
import { editLinkUrl, type EditLink } from './edit_link.ts';
import { formValuesOf, statusText } from './edit_status.ts';
import {
  editSchema,
  FIELD_NAMES,
  formFieldOf,
  messagesFrom,
  submissionSchema,
  type EditedAsset,
  type FieldMessage,
} from './form_rules.ts';
import { findPostcode, NearbyWarning } from './location_checks.ts';
import { LocationPicker, type LatLon } from './location_picker.ts';
import { SuccessPanel } from './success_panel.ts';

type Mode =
  | { kind: 'new' }
  | { kind: 'edit'; link: EditLink; asset: PrivateFeature; original: EditedAsset | null };

const EMPTY: FormValues = {
  serviceName: '',
  organisationName: '',
  category: '',
  programme: '',
  description: '',
  latitude: null,
  longitude: null,
  address: '',
  postcode: '',
  openingTimes: '',
  email: '',
  phone: '',
  website: '',
  accessibility: '',
  consentToPublish: false,
};

/**
 * The "Add a community asset" panel, also used by the edit link. A non-modal <dialog> beside
 * the map, so the map stays usable for placing the pin: focus moves in on open and back to the
 * opener on close, Escape closes it, and every control has a label.
 */
export class AssetDialog {
  readonly element: HTMLDialogElement;
  private readonly form: AssetForm;
  private readonly picker: LocationPicker;
  private readonly success = new SuccessPanel();
  private readonly title: HTMLElement;
  private readonly intro: HTMLElement;
  private readonly status: HTMLElement;
  private readonly saved: HTMLElement;
  private readonly submit: HTMLButtonElement;
  private readonly cancel: HTMLButtonElement;
  private readonly withdraw: HTMLButtonElement;
  private readonly confirmWithdraw: HTMLElement;
  private readonly categoryIds: [string, ...string[]];
  private mode: Mode = { kind: 'new' };
  private attempted = false;
  private busy = false;
  private readonly nearby: NearbyWarning;
  private returnFocus: HTMLElement | null = null;
  private readonly onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !e.defaultPrevented && this.element.open) {
      e.preventDefault();
      this.close();
    }
  };

  constructor(map: MapLibreMap, categories: Category[]) {
    const ids = categories.map((c) => c.id);
    const [first, ...rest] = ids;
    if (first === undefined) throw new Error('the register has no categories');
    this.categoryIds = [first, ...rest];
    this.form = new AssetForm(categories);
    this.picker = new LocationPicker(map, (at) => this.pinMoved(at));
    this.nearby = new NearbyWarning(this.form);
    this.title = el('h2', { id: 'reg-dialog-title', tabindex: '-1' });
    this.intro = el('p', {
      class: 'hint',
      text: 'Fields marked (required) must be filled in; the rest are optional. Once a moderator has checked the entry, everything except your edit link is public, shown exactly as you type it.',
    });
    this.status = el('p', { class: 'reg-status', tabindex: '-1', hidden: '' });
    this.saved = el('p', { class: 'reg-saved', role: 'status' });
    this.submit = el('button', { type: 'submit' });
    this.cancel = el('button', { type: 'button', class: 'reg-secondary' }, 'Cancel');
    this.withdraw = el('button', { type: 'button', class: 'reg-danger' }, 'Withdraw this entry');
    const yes = el('button', { type: 'button', class: 'reg-danger' }, 'Yes, withdraw it');
    const no = el('button', { type: 'button', class: 'reg-secondary' }, 'Keep it');
    this.confirmWithdraw = el(
      'div',
      { class: 'reg-confirm', hidden: '' },
      el('p', {
        text: 'Withdraw this entry? It comes off the map and cannot be edited or brought back with this link.',
      }),
      yes,
      ' ',
      no,
    );
    this.form.actions.append(this.submit, this.cancel, this.withdraw, this.confirmWithdraw);
    const closeX = el('button', {
      type: 'button',
      class: 'reg-close',
      'aria-label': 'Close the form',
      text: '×',
    });

    this.element = el(
      'dialog',
      { class: 'reg-dialog', 'aria-labelledby': 'reg-dialog-title' },
      el('div', { class: 'reg-dialog-head' }, this.title, closeX),
      this.intro,
      this.status,
      this.saved,
      this.form.element,
      this.success.element,
    );

    closeX.onclick = () => this.close();
    this.cancel.onclick = () => this.close();
    this.success.close.onclick = () => this.close();
    this.success.addAnother.onclick = () => this.openNew();
    this.withdraw.onclick = () => {
      this.confirmWithdraw.hidden = false;
      yes.focus();
    };
    no.onclick = () => {
      this.confirmWithdraw.hidden = true;
      this.withdraw.focus();
    };
    yes.onclick = () => void this.doWithdraw();
    this.form.element.onsubmit = (e) => {
      e.preventDefault();
      void this.send();
    };
    this.form.element.addEventListener('change', () => {
      if (this.attempted) this.validate(false);
    });
    this.form.onNameChange(() => void this.checkNearby());
    this.form.findPostcode.onclick = () => void findPostcode(this.form, this.picker);
    this.form.pinAtCentre.onclick = () => this.picker.placeAtCentre();
    this.element.addEventListener('close', () => this.closed());
  }

  /** Opens an empty form (or the one left half-filled) for a new asset. */
  openNew(): void {
    if (this.mode.kind !== 'new' || !this.success.element.hidden) {
      this.mode = { kind: 'new' };
      this.reset(EMPTY);
    }
    this.title.textContent = 'Add a community asset';
    this.status.hidden = true;
    this.submit.textContent = 'Send for checking';
    this.cancel.textContent = 'Cancel';
    this.withdraw.hidden = true;
    this.form.consentRow.hidden = false;
    this.show();
    this.form.focusFirst();
  }

  /** Opens the form on an existing entry, read with its edit token. */
  async openEdit(link: EditLink): Promise<void> {
    this.mode = { kind: 'new' };
    this.reset(EMPTY);
    this.title.textContent = 'Edit your community asset';
    this.form.consentRow.hidden = true;
    this.submit.textContent = 'Save changes';
    this.cancel.textContent = 'Close';
    this.withdraw.hidden = false;
    this.success.hide();
    this.form.element.hidden = false;
    this.status.hidden = false;
    this.status.textContent = 'Loading your entry…';
    this.form.setDisabled(true);
    this.show();
    this.title.focus();
    let asset: PrivateFeature;
    try {
      asset = await apiJson(`assets/${link.id}`, PrivateFeatureSchema, {
        headers: { authorization: `Bearer ${link.token}` },
      });
    } catch (err) {
      this.status.textContent =
        err instanceof ApiError && (err.status === 401 || err.status === 403 || err.status === 404)
          ? 'This edit link does not work: it may have been mistyped or cut short. Check it against the one you kept.'
          : `Your entry could not be loaded: ${(err as Error).message}`;
      this.form.element.hidden = true;
      this.picker.deactivate();
      return;
    }
    this.loaded(link, asset);
  }

  close(): void {
    if (this.element.open) this.element.close();
  }

  private show(): void {
    if (!this.element.open) {
      this.returnFocus =
        document.activeElement instanceof HTMLElement ? document.activeElement : null;
      this.element.show();
      document.addEventListener('keydown', this.onKey);
    }
    const v = this.form.values();
    this.picker.activate(
      v.latitude !== null && v.longitude !== null
        ? { latitude: v.latitude, longitude: v.longitude }
        : null,
    );
  }

  private closed(): void {
    document.removeEventListener('keydown', this.onKey);
    this.picker.deactivate();
    this.confirmWithdraw.hidden = true;
    if (this.mode.kind === 'edit') {
      // The token lives only as long as the form: nothing of it stays in the page.
      this.mode = { kind: 'new' };
      this.reset(EMPTY);
    }
    const back = this.returnFocus;
    this.returnFocus = null;
    if (back?.isConnected) back.focus();
  }

  private reset(values: FormValues): void {
    this.attempted = false;
    this.form.setValues(values);
    this.form.clearErrors();
    this.form.setDisabled(false);
    this.form.nearby.hidden = true;
    this.form.element.hidden = false;
    this.saved.textContent = '';
    this.intro.hidden = false;
    this.success.hide();
  }

  private loaded(link: EditLink, asset: PrivateFeature): void {
    const values = formValuesOf(asset.properties, asset.geometry.coordinates);
    const original = editSchema(this.categoryIds).safeParse(withoutConsent(values));
    this.mode = { kind: 'edit', link, asset, original: original.success ? original.data : null };
    this.reset(values);
    const at = {
      latitude: values.latitude ?? asset.geometry.coordinates[1],
      longitude: values.longitude ?? asset.geometry.coordinates[0],
    };
    this.picker.activate(at);
    this.picker.bringIntoView(at);
    this.status.textContent = `${asset.properties.serviceName}: ${statusText(asset.properties)}`;
    const archived = asset.properties.status === 'archived';
    this.form.setDisabled(archived);
    this.cancel.disabled = false;
    // Asked once is enough: the request waits for a moderator.
    this.withdraw.hidden = archived || asset.properties.withdrawalRequested;
    this.submit.hidden = archived;
  }

  private pinMoved(at: LatLon): void {
    this.form.setPin(at);
    if (this.attempted) this.validate(false);
    else this.form.setFieldError('location', null);
    void this.checkNearby();
  }

  /** Validates the form; shows the messages (moving focus only when asked). */
  private validate(focus: boolean): FieldMessage[] {
    const v = this.form.values();
    const result =
      this.mode.kind === 'new'
        ? submissionSchema(this.categoryIds).safeParse(v)
        : editSchema(this.categoryIds).safeParse(withoutConsent(v));
    const messages = result.success ? [] : messagesFrom(result.error);
    if (messages.length === 0) this.form.clearErrors();
    else if (focus) this.form.showErrors(messages, 'The entry was not sent.');
    else for (const m of messages) if (m.field) this.form.setFieldError(m.field, m.message);
    if (!focus) {
      const bad = new Set(messages.map((m) => m.field));
      for (const name of FIELD_NAMES) if (!bad.has(name)) this.form.setFieldError(name, null);
    }
    return messages;
  }

  private async send(): Promise<void> {
    if (this.busy) return;
    this.attempted = true;
    this.saved.textContent = '';
    const v = this.form.values();
    if (this.validate(true).length > 0) return;
    this.busy = true;
    this.submit.disabled = true;
    try {
      if (this.mode.kind === 'new') {
        const body = submissionSchema(this.categoryIds).parse(v);
        const result = await apiJson('assets', SubmitResultSchema, { method: 'POST', body });
        this.form.element.hidden = true;
        this.intro.hidden = true;
        this.picker.deactivate();
        this.success.show(editLinkUrl({ id: result.id, token: result.editToken }));
      } else {
        await this.saveEdit(editSchema(this.categoryIds).parse(withoutConsent(v)));
      }
    } catch (err) {
      this.serverProblem(err);
    } finally {
      this.busy = false;
      this.submit.disabled = false;
    }
  }

  private async saveEdit(edited: EditedAsset): Promise<void> {
    if (this.mode.kind !== 'edit') return;
    const original = this.mode.original;
    const patch: Record<string, unknown> = {};
    for (const key of Object.keys(edited) as (keyof EditedAsset)[]) {
      if (!original || edited[key] !== original[key]) patch[key] = edited[key];
    }
    if (Object.keys(patch).length === 0) {
      this.saved.textContent = 'Nothing has changed, so nothing was sent.';
      return;
    }
    const asset = await apiJson(`assets/${this.mode.link.id}`, PrivateFeatureSchema, {
      method: 'PATCH',
      body: patch,
      headers: { authorization: `Bearer ${this.mode.link.token}` },
    });
    this.loaded(this.mode.link, asset);
    this.saved.textContent =
      asset.properties.status === 'approved'
        ? 'Saved. A moderator will check your changes before the map shows them.'
        : 'Saved.';
    this.toTop();
  }

  private async doWithdraw(): Promise<void> {
    if (this.mode.kind !== 'edit' || this.busy) return;
    this.busy = true;
    try {
      const asset = await apiJson(`assets/${this.mode.link.id}`, PrivateFeatureSchema, {
        method: 'PATCH',
        body: { withdraw: true },
        headers: { authorization: `Bearer ${this.mode.link.token}` },
      });
      this.confirmWithdraw.hidden = true;
      this.loaded(this.mode.link, asset);
      this.saved.textContent = asset.properties.withdrawalRequested
        ? 'Withdrawal asked for. A moderator will take it off the map once they have checked.'
        : 'Withdrawn. It is no longer on the map.';
      this.toTop();
    } catch (err) {
      this.confirmWithdraw.hidden = true;
      this.serverProblem(err);
    } finally {
      this.busy = false;
    }
  }

  /** Shows the state and the saved message at the top, and moves focus there. */
  private checkNearby(): Promise<void> {
    return this.nearby.check(this.mode.kind === 'edit' ? this.mode.asset.id : null);
  }

  private toTop(): void {
    this.element.scrollTop = 0;
    this.status.focus();
  }

  /** The server's answer to a failed send: its field messages next to the fields. */
  private serverProblem(err: unknown): void {
    if (err instanceof ApiError && err.status === 400 && err.fields.length > 0) {
      this.form.showErrors(
        err.fields.map((f) => ({ field: formFieldOf(f.field), message: f.message })),
        'The register did not accept the entry.',
      );
      return;
    }
    if (err instanceof ApiError && err.status === 429) {
      this.form.showSummary(`Not sent: ${err.message}.`);
      return;
    }
    this.form.showSummary(`Not sent: ${(err as Error).message}`);
  }
}

function withoutConsent(v: FormValues): Omit<FormValues, 'consentToPublish'> {
  const rest: Partial<FormValues> = { ...v };
  delete rest.consentToPublish;
  return rest as Omit<FormValues, 'consentToPublish'>;
}
