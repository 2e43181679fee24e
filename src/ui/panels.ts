/** Below this width the side columns become panels and the key starts folded. */
export const NARROW = '(max-width: 820px)';

/**
 * Small screens: the map comes first and the two side columns are panels the user opens with
 * the buttons above the map (a selection opens the profile's panel); the map key folds away
 * so it does not cover the map. On wide screens the columns are always there.
 */
export function wirePanels(doc: Document = document): void {
  const narrow = window.matchMedia(NARROW);
  for (const button of doc.querySelectorAll<HTMLButtonElement>('.panel-toggle')) {
    const panel = doc.getElementById(button.getAttribute('aria-controls') ?? '');
    if (!panel) continue;
    button.onclick = () => setOpen(button, panel, button.getAttribute('aria-expanded') !== 'true');
  }
  const sideButton = doc.querySelector<HTMLButtonElement>('[aria-controls="side-panel"]');
  const side = doc.getElementById('side-panel');
  const profile = doc.getElementById('profile');
  if (sideButton && side && profile)
    new MutationObserver(() => {
      if (narrow.matches && !profile.hidden) setOpen(sideButton, side, true);
    }).observe(profile, { attributes: true, attributeFilter: ['hidden'] });

  const toggle = doc.getElementById('legend-toggle');
  const legend = doc.getElementById('legend');
  if (toggle && legend) {
    const show = (open: boolean) => {
      legend.hidden = !open;
      toggle.setAttribute('aria-expanded', String(open));
      toggle.textContent = open ? 'Hide key' : 'Show key';
    };
    toggle.onclick = () => show(legend.hidden);
    show(!narrow.matches);
  }
}

function setOpen(button: HTMLButtonElement, panel: HTMLElement, open: boolean): void {
  button.setAttribute('aria-expanded', String(open));
  panel.classList.toggle('open', open);
  // The map's canvas must follow its container when a panel changes the layout around it.
  window.dispatchEvent(new Event('resize'));
  if (open) panel.scrollIntoView({ block: 'start' });
}
