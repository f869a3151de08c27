// What the evidence screens count, as pure functions of record data (node tests them).

// Per werkproces code of the tree: entries (and their minutes), photos, STARRTs (and how many
// are rated) and learning moments tagged with it; `empty` when there is none of any.
export function countCoverage(tree, { entries = [], photos = [], starrts = [], moments = [] }) {
  const rows = new Map(tree.flatMap((k) => k.werkprocessen).map((w) => [w.code,
    { ...w, entries: 0, minutes: 0, photos: 0, starrts: 0, rated: 0, moments: 0 }]));
  const add = (list, fn) => { for (const d of list) for (const c of d.werkprocessen || []) if (rows.has(c)) fn(rows.get(c), d); };
  add(entries, (r, d) => { r.entries += 1; r.minutes += d.minutes || 0; });
  add(photos, (r) => { r.photos += 1; });
  add(starrts, (r, d) => { r.starrts += 1; if (d.status === 'rated') r.rated += 1; });
  add(moments, (r) => { r.moments += 1; });
  for (const r of rows.values()) r.empty = !(r.entries || r.photos || r.starrts || r.moments);
  return rows;
}

export const DEFAULT_MINIMUM = 5;

// "3 van minimaal 5": STARRTs rated V or G against the programme's minimum (BPV guide).
export function starrtProgress(list, minimum) {
  const done = list.filter((s) => s.status === 'rated' && ['V', 'G'].includes(s.rating)).length;
  const waiting = list.filter((s) => s.status === 'submitted').length;
  return { done, waiting, minimum, reached: done >= minimum };
}

