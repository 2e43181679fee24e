import type { AtlasIndex } from '../../contracts/atlas_index.ts';
import { authorityOptions, findAuthority } from '../england/authority_search.ts';
import { el } from './dom.ts';

/**
 * "Authority": type a name or code (or England) and press Enter, or pick from the list. A
 * native input with a datalist, so it is keyboard operable and announced by screen readers.
 * Unknown text is answered with the closest authorities.
 */
export function renderAuthorityPicker(
  header: HTMLElement,
  index: AtlasIndex,
  currentName: string,
  open: (id: string) => void,
  notice: (message: string) => void,
): void {
  if (index.bundles.length < 2 && !index.national) return;
  const input = el('input', {
    id: 'authority',
    type: 'search',
    list: 'authority-list',
    autocomplete: 'off',
    placeholder: currentName,
    'aria-describedby': 'authority-hint',
  });
  const list = el(
    'datalist',
    { id: 'authority-list' },
    ...authorityOptions(index.bundles, index.national !== null).map((o) =>
      el('option', { value: o }),
    ),
  );
  input.onchange = () => {
    const q = input.value.trim();
    if (!q) return;
    const found = findAuthority(q, index.bundles, index.national !== null);
    if (found.ok) open(found.id);
    else notice(found.message);
  };
  const box = el(
    'div',
    { class: 'find-authority' },
    el('label', { for: 'authority', text: 'Authority' }),
    input,
    list,
    el('span', {
      id: 'authority-hint',
      hidden: '',
      text: `${index.bundles.length} authorities${index.national ? ' and England' : ''}: type a name or code and press Enter.`,
    }),
  );
  const find = header.querySelector('.find-area');
  if (find) find.before(box);
  else header.append(box);
}
