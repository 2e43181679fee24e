import './zod_config.ts';
import '../styles.css';
import './register.css';
import { byId, el } from '../ui/dom.ts';
import { ApiError } from './api.ts';
import type { PrivateFeature } from '../../contracts/register/api.ts';
import { ModeratorApi } from './moderator_api.ts';
import { historyList, queueItem, staleTable } from './moderation_view.ts';

/**
 * moderate.html: sign in, review the queue (approve, or reject with a reason), see what is due
 * for re-checking and any entry's history, sign out. Every value is set as text.
 */
const api = new ModeratorApi();
const message = byId('mod-message');
const loginSection = byId('login');
const loginForm = byId<HTMLFormElement>('login-form');
const loginError = byId('login-error');
const work = byId('work');
const who = byId('who');
const logout = byId<HTMLButtonElement>('logout');

function say(text: string): void {
  message.textContent = text;
}

function showLogin(note = ''): void {
  work.hidden = true;
  logout.hidden = true;
  who.textContent = '';
  loginSection.hidden = false;
  say(note);
  byId<HTMLInputElement>('login-email').focus();
}

/** A failed moderator call: an ended session goes back to sign-in, anything else is said. */
function failed(err: unknown, what: string): void {
  if (err instanceof ApiError && err.status === 401) {
    showLogin('Your session has ended: sign in again.');
    return;
  }
  say(`${what} failed: ${(err as Error).message}`);
}

async function showWork(): Promise<void> {
  const user = api.user;
  if (!user) return showLogin();
  loginSection.hidden = true;
  work.hidden = false;
  logout.hidden = false;
  who.textContent = `Signed in as ${user.name} (${user.email})`;
  await Promise.all([loadQueue(), loadStale()]);
}

async function loadQueue(): Promise<void> {
  const box = byId('queue');
  try {
    const queue = await api.queue();
    box.replaceChildren(
      queue.features.length
        ? el('p', {
            class: 'hint',
            text: `${queue.features.length} waiting, oldest first.`,
          })
        : el('p', { text: 'Nothing is waiting for review.' }),
      ...queue.features.map((f) =>
        queueItem(f, {
          approve: (x) => void decide(x, 'approve'),
          reject: (x, reason) => void decide(x, 'reject', reason),
          history: (x) => void showHistory(x),
        }),
      ),
    );
  } catch (err) {
    failed(err, 'Loading the queue');
  }
}

async function loadStale(): Promise<void> {
  try {
    const stale = await api.stale();
    byId('stale-note').textContent =
      `${stale.features.length} approved entries were last checked before ${stale.verifiedBefore} (or never), oldest first: each needs checking against its source.`;
    byId('stale').replaceChildren(staleTable(stale.features, (f) => void showHistory(f)));
  } catch (err) {
    failed(err, 'Loading the entries due for re-checking');
  }
}

async function decide(f: PrivateFeature, action: 'approve' | 'reject', reason = ''): Promise<void> {
  const name = f.properties.serviceName;
  try {
    if (action === 'approve') await api.approve(f.id);
    else await api.reject(f.id, reason);
  } catch (err) {
    failed(err, action === 'approve' ? `Approving "${name}"` : `Rejecting "${name}"`);
    return;
  }
  say(
    action === 'approve'
      ? `Approved: "${name}" is now on the public map.`
      : `Rejected: "${name}". The reason is shown to the person who submitted it.`,
  );
  await Promise.all([loadQueue(), loadStale()]);
  byId('queue-title').focus();
}

async function showHistory(f: PrivateFeature): Promise<void> {
  try {
    const h = await api.history(f.id);
    const panel = byId('history');
    byId('history-title').textContent = `History of "${f.properties.serviceName}"`;
    byId('history-list').replaceChildren(historyList(h.history));
    panel.hidden = false;
    byId('history-title').focus();
  } catch (err) {
    failed(err, 'Loading the history');
  }
}

loginForm.onsubmit = (e) => {
  e.preventDefault();
  const email = byId<HTMLInputElement>('login-email').value.trim();
  const password = byId<HTMLInputElement>('login-password').value;
  loginError.hidden = true;
  if (!email || !password) {
    loginError.textContent = 'Enter your email and password.';
    loginError.hidden = false;
    return;
  }
  void (async () => {
    try {
      await api.login(email, password);
    } catch (err) {
      loginError.textContent =
        err instanceof ApiError ? err.message : 'Signing in failed; try again.';
      loginError.hidden = false;
      return;
    }
    byId<HTMLInputElement>('login-password').value = '';
    say('');
    await showWork();
    byId('queue-title').focus();
  })();
};

logout.onclick = () => {
  void (async () => {
    try {
      await api.logout();
    } catch (err) {
      say(`Signing out failed: ${(err as Error).message}`);
      return;
    }
    byId('queue').replaceChildren();
    byId('stale').replaceChildren();
    byId('history-list').replaceChildren();
    byId('history').hidden = true;
    showLogin('Signed out.');
  })();
};

void (async () => {
  if (await api.restore()) await showWork();
  else showLogin();
  document.body.dataset.ready = 'true';
})();
