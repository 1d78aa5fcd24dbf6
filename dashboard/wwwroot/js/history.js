// Search over every stored session: by patient, device, date range and outcome (the query is kept in the address).
import { getJson } from './api.js';
import { header } from './header.js';
import { el } from './dom.js';
import { dateCell, outcomeCell, cells, patientHref } from './history-rows.js';

await header();
const form = document.getElementById('search');
const params = new URLSearchParams(location.search);
for (const [k, v] of params) if (form.elements[k]) form.elements[k].value = v;

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const q = new URLSearchParams();
  for (const name of ['patient', 'device', 'from', 'to', 'outcome']) {
    const v = form.elements[name].value.trim();
    if (v) q.set(name, v);
  }
  history.replaceState(null, '', `/history?${q}`);
  search(q);
});

async function search(q) {
  const api = new URLSearchParams(q);
  // Dates are whole days in the browser's time zone; "to" includes its day.
  if (q.get('from')) api.set('from', new Date(`${q.get('from')}T00:00`).toISOString());
  if (q.get('to')) api.set('to', new Date(new Date(`${q.get('to')}T00:00`).getTime() + 86400000).toISOString());
  const { status, body } = await getJson(`/api/history/sessions?${api}`);
  const error = document.getElementById('search-error');
  const rows = document.getElementById('sessions');
  error.hidden = status === 200;
  if (status !== 200) {
    error.textContent = body?.error ?? `Search failed (${status}).`;
    rows.replaceChildren();
    return;
  }
  rows.replaceChildren(...body.map((s) => {
    const tr = el('tr');
    const patient = el('td');
    if (s.patientId) {
      const a = el('a', '', s.patientId);
      a.href = patientHref(s.patientId);
      patient.append(a);
    }
    tr.append(dateCell(s), patient, el('td', '', s.deviceId), cells.level(s), el('td', '', s.profileName ?? ''), outcomeCell(s), cells.duration(s), cells.pain(s), cells.trips(s));
    return tr;
  }));
  if (body.length === 0) rows.append(el('tr', 'note', 'No session matches.'));
  document.body.dataset.results = String(body.length);
}

search(params);
