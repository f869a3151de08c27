// Small DOM helpers: elements are built with textContent only (no HTML strings, CSP-safe).
import { t } from './i18n.js';
import { number } from './dates.js';

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') el.className = value;
    else if (name === 'text') el.textContent = value;
    else if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

export const $ = (sel, root = document) => root.querySelector(sel);

export function fill(target, ...children) {
  const el = typeof target === 'string' ? $(target) : target;
  el.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

export function duration(minutes) {
  const m = Math.max(0, Math.round(minutes || 0));
  const hours = Math.floor(m / 60);
  const rest = m % 60;
  if (!rest) return t('fmt.h', { h: hours }); // "2 uur"
  return hours ? t('fmt.hm', { h: hours, m: rest }) : t('fmt.m', { m: rest }); // "1 uur 30 min", "30 min"
}

export function hours(value) {
  const count = Math.round(Number(value || 0) * 10) / 10;
  return t('fmt.hours', { count, n: number(count) });
}

export function badge(kind, text) {
  return h('span', { class: `badge badge-${kind}` }, text);
}

export const weekStatusBadge = (status) => badge(status, t(`week.status.${status}`));

export function syncBadge(sync) {
  if (sync === 'pending') return badge('pending', t('sync.unsent'));
  if (sync === 'attention') return badge('attention', t('sync.attention'));
  return null;
}

let toastTimer;
export function toast(message) {
  const box = $('#toast');
  if (!box) return;
  box.textContent = message;
  box.classList.add('show');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => box.classList.remove('show'), 4000);
}

// A modal question with native <dialog>: focus is trapped and Escape cancels.
export function ask({ title, body = [], ok, cancel = t('action.cancel'), danger = false, extra }) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'dialog-title' });
    const finish = (value) => { dialog.close(); dialog.remove(); resolve(value); };
    const buttons = h('div', { class: 'actions' },
      h('button', { type: 'button', class: danger ? 'btn btn-danger' : 'btn btn-primary',
        onclick: () => finish('ok') }, ok),
      extra ? h('button', { type: 'button', class: 'btn', onclick: () => finish('extra') }, extra) : null,
      h('button', { type: 'button', class: 'btn btn-quiet', onclick: () => finish(null) }, cancel));
    dialog.append(h('h2', { id: 'dialog-title' }, title), ...[].concat(body).map(
      (p) => (p instanceof Node ? p : h('p', {}, p))), buttons);
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); finish(null); });
    document.body.append(dialog);
    dialog.showModal();
  });
}

export function setTitle(key, params) {
  const text = t(key, params);
  document.title = `${text} · Stagewijs`;
  return text;
}
