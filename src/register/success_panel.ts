import { el } from '../ui/dom.ts';

/**
 * What a partner sees after submitting: the private edit link, said plainly to be private and
 * shown only once, with a copy button that falls back to selecting the text.
 */
export class SuccessPanel {
  readonly element: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly link: HTMLTextAreaElement;
  private readonly open: HTMLAnchorElement;
  private readonly copyStatus: HTMLElement;
  readonly addAnother: HTMLButtonElement;
  readonly close: HTMLButtonElement;

  constructor() {
    this.heading = el('h3', {
      tabindex: '-1',
      text: 'Thank you: your entry was sent for checking',
    });
    this.link = el('textarea', {
      id: 'reg-edit-link',
      rows: '3',
      readonly: '',
      spellcheck: 'false',
      class: 'reg-link',
      'aria-describedby': 'reg-edit-link-warning',
    });
    const copy = el('button', { type: 'button', class: 'reg-secondary' }, 'Copy the link');
    this.copyStatus = el('p', { class: 'hint', 'aria-live': 'polite' });
    copy.onclick = () => void this.copy();
    this.open = el('a', { class: 'reg-open-link' }, 'Open the edit page');
    this.addAnother = el('button', { type: 'button', class: 'reg-secondary' }, 'Add another asset');
    this.close = el('button', { type: 'button' }, 'Close');
    this.element = el(
      'section',
      { class: 'reg-success', hidden: '', 'aria-labelledby': 'reg-success-title' },
      this.heading,
      el('p', {
        text: 'A moderator checks every new entry before it appears on the public map.',
      }),
      el(
        'div',
        { class: 'reg-warning', id: 'reg-edit-link-warning' },
        el('p', { class: 'reg-warning-title', text: 'Keep this link private' }),
        el('p', {
          text: 'Anyone who has this link can change or withdraw your entry. It is shown only once and cannot be sent again: copy it now and keep it somewhere safe. Do not post it publicly or send it to a mailing list.',
        }),
      ),
      el('label', { for: 'reg-edit-link', text: 'Your private edit link' }),
      this.link,
      el('div', { class: 'reg-actions' }, copy),
      this.copyStatus,
      el('p', {}, this.open),
      el('div', { class: 'reg-actions' }, this.close, this.addAnother),
    );
    this.heading.id = 'reg-success-title';
  }

  show(url: string): void {
    this.link.value = url;
    this.open.href = url;
    this.copyStatus.textContent = '';
    this.element.hidden = false;
    this.heading.focus();
  }

  hide(): void {
    this.element.hidden = true;
    this.link.value = '';
    this.open.removeAttribute('href');
  }

  private async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.link.value);
      this.copyStatus.textContent = 'Copied. Paste it somewhere only you can see.';
    } catch {
      this.link.focus();
      this.link.select();
      this.copyStatus.textContent = 'The link is selected: press Ctrl+C (or Cmd+C) to copy it.';
    }
  }
}
