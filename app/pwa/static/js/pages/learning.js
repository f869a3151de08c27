// Leerdoelen: the student's learning goals (with criteria, marked reached) and learning
// moments (linked to a goal and/or werkprocessen, with a reflection in a chosen model).
import { today } from '../clock.js';
import { onChange, unchanged } from '../components.js';
import { deleteRecord, saveRecord } from '../evidence-actions.js';
import { placementOf, recordsOf, tabs } from '../evidence-view.js';
import { shortDate } from '../dates.js';
import { t, useStrings } from '../i18n.js';
import { $, ask, fill, h, syncBadge, toast } from '../ui.js';
import { mountPicker } from '../wp-picker.js';

await useStrings('evidence', 'starrt');

// The reflection models and their parts (the server checks the same list).
export const MODELS = {
  feedback: ['feedback', 'feedforward'],
  starr: ['situatie', 'taak', 'actie', 'resultaat', 'reflectie'],
  korthagen: ['handelen', 'terugblikken', 'bewustwording', 'alternatieven', 'uitproberen'],
};

function goalItem(r) {
  const d = r.data;
  const box = h('input', { type: 'checkbox', id: `reached-${d.id}`, onchange: async (e) => {
    await saveRecord('learning_goal', { reached: e.target.checked }, { id: d.id });
  } });
  box.checked = Boolean(d.reached);
  return h('li', { class: `card goal${d.reached ? ' is-reached' : ''}` },
    h('h3', { class: 'h3' }, d.title, ' ', syncBadge(r.sync)),
    d.criteria ? h('p', { class: 'pre muted' }, d.criteria) : null,
    h('div', { class: 'wp-option' }, box, h('label', { for: box.id }, t('goal.reached'))));
}

function momentItem(r, goals) {
  const d = r.data;
  const goal = goals.find((g) => g.data.id === d.goal_id);
  const parts = MODELS[d.reflection_model] || [];
  return h('li', { class: 'card' },
    h('p', { class: 'muted' }, shortDate(d.date), goal ? ` · ${goal.data.title}` : '', ' ', syncBadge(r.sync)),
    h('p', { class: 'pre' }, d.text),
    (d.werkprocessen || []).length ? h('p', { class: 'wp-chips' }, d.werkprocessen.map((c) => h('span', { class: 'wp-chip' }, c))) : null,
    parts.length ? h('dl', {}, parts.filter((p) => d.reflection?.[p]).flatMap((p) => [
      h('dt', {}, t(`reflection.${d.reflection_model}.${p}`)), h('dd', { class: 'pre' }, d.reflection[p])])) : null,
    h('button', { type: 'button', class: 'btn btn-small btn-quiet', onclick: async () => {
      if (await ask({ title: t('moment.delete.title'), body: t('moment.delete.body'), ok: t('moment.delete'), danger: true })) {
        await deleteRecord('learning_moment', d.id);
      }
    } }, t('moment.delete')));
}

function reflectionFields(model) {
  return (MODELS[model] || []).map((p) => h('div', { class: 'field' },
    h('label', { for: `refl-${p}` }, t(`reflection.${model}.${p}`)),
    h('p', { class: 'muted', id: `refl-${p}-hint` }, t(`reflection.${model}.${p}.hint`)),
    h('textarea', { id: `refl-${p}`, name: `refl-${p}`, rows: '2', 'aria-describedby': `refl-${p}-hint` })));
}

export default async function learning({ user }) {
  const pid = await placementOf(user);
  tabs(user, pid, 'learning');
  const goalForm = $('#goal-form');
  goalForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const title = goalForm.title.value.trim();
    if (!title) { goalForm.title.focus(); return; }
    const criteria = goalForm.criteria.value.trim();
    goalForm.reset();
    await saveRecord('learning_goal', { title, criteria, reached: false });
    toast(t('goal.saved'));
  });
  const form = $('#moment-form');
  form.date.value = today();
  const picker = await mountPicker($('#moment-wp'), [], { name: 'moment-wp' });
  fill(form.reflection_model, h('option', { value: '' }, t('reflection.none')),
    Object.keys(MODELS).map((m) => h('option', { value: m }, t(`reflection.${m}`))));
  form.reflection_model.addEventListener('change', () => fill('#reflection-parts', reflectionFields(form.reflection_model.value)));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = form.text.value.trim();
    if (!text || !form.date.value) { $('#moment-error').hidden = false; form.text.focus(); return; }
    $('#moment-error').hidden = true;
    const model = form.reflection_model.value;
    const reflection = Object.fromEntries((MODELS[model] || [])
      .map((p) => [p, form[`refl-${p}`].value.trim()]).filter(([, v]) => v));
    const fields = { date: form.date.value, text, goal_id: form.goal_id.value || null,
      reflection_model: model, reflection, werkprocessen: picker.value() };
    form.reset();
    form.date.value = today();
    picker.set([]);
    fill('#reflection-parts');
    await saveRecord('learning_moment', fields);
    toast(t('moment.saved'));
  });

  const render = async () => {
    const goals = await recordsOf('learning_goal', pid);
    const moments = (await recordsOf('learning_moment', pid)).sort((a, b) => b.data.date.localeCompare(a.data.date));
    if (unchanged('learning', [goals, moments].map((l) => l.map((r) => [r.key, r.data, r.sync])))) return;
    const chosen = form.goal_id.value;
    fill(form.goal_id, h('option', { value: '' }, t('moment.goal.none')),
      goals.filter((g) => !g.data.reached).map((g) => h('option', { value: g.data.id }, g.data.title)));
    form.goal_id.value = chosen;
    fill('#goals', goals.length ? goals.map(goalItem) : h('li', { class: 'card' }, t('goal.none')));
    fill('#moments', moments.length ? moments.map((m) => momentItem(m, goals)) : h('li', { class: 'card' }, t('moment.none')));
  };
  await render();
  onChange(render);
}
