// A copy of someone's data: ask for it, follow its progress, hand out its download link.
// Shared by "Mijn gegevens" and the coordinator's desk. Online only: nothing goes through the
// outbox, and the link (for this user only, for a while) is never stored.
import { HttpError, get, request } from './api.js';
import { t, useStrings } from './i18n.js';
import { fill, h } from './ui.js';

await useStrings('privacy');

const POLL_MS = 2000;
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export { instant as when, instantDay as day } from './dates.js';

export function size(bytes) {
  const kb = (bytes || 0) / 1024;
  return kb < 1024 ? `${Math.max(1, Math.round(kb))} kB` : `${(kb / 1024).toFixed(1)} MB`;
}

// A refusal or a lost connection, said in the box where the action was.
export function problem(box, err) {
  const text = err instanceof HttpError ? t('privacy.error', { message: err.message })
    : t('privacy.download.offline');
  fill(box, h('p', { class: 'text-warn' }, text));
}

export async function follow(job, box) {
  let current = job;
  while (current.status === 'queued' || current.status === 'running') {
    const { percent } = current.progress;
    fill(box, h('p', {}, t('privacy.download.busy', { percent })),
      h('progress', { max: '100', value: String(percent), 'aria-label': t('privacy.download') }));
    await wait(POLL_MS);
    current = await get(`/api/privacy/exports/${current.id}`);
  }
  if (current.status !== 'ready') {
    fill(box, h('p', { class: 'text-warn' }, t('privacy.download.failed')));
    return null;
  }
  const { data: link } = await request('POST', `/api/privacy/exports/${current.id}/link`);
  fill(box,
    h('p', {}, h('a', { class: 'btn btn-primary', href: link.url, download: '' },
      t('privacy.download.ready', { size: size(current.size) }))),
    h('p', { class: 'muted' }, t('privacy.download.until', { time: when(link.expires_at) })));
  return current;
}

export async function makeCopy(body, box, button) {
  button.disabled = true;
  try {
    const { data: job } = await request('POST', '/api/privacy/exports', { body });
    return await follow(job, box);
  } catch (err) {
    problem(box, err);
    return null;
  } finally {
    button.disabled = false;
  }
}
