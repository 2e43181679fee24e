import { el } from './dom.ts';

/**
 * The notice area under the header: each notice can be dismissed, the same message is shown
 * once (repeats bring it back to the top), and at most `max` stay, oldest dropped first, so
 * they no longer pile up over the map.
 */
export function showNotice(box: HTMLElement, message: string, max = 3): void {
  for (const old of box.querySelectorAll<HTMLElement>('.notice-item'))
    if (old.dataset.message === message) old.remove();
  const close = el('button', {
    type: 'button',
    class: 'notice-close',
    'aria-label': `Dismiss: ${message}`,
    text: '×',
  });
  const item = el('div', { class: 'notice-item' }, el('p', { text: message }), close);
  item.dataset.message = message;
  close.onclick = () => {
    item.remove();
    if (!box.querySelector('.notice-item')) box.hidden = true;
  };
  box.append(item);
  const items = box.querySelectorAll('.notice-item');
  for (let i = 0; i < items.length - max; i++) items[i]?.remove();
  box.hidden = false;
}
