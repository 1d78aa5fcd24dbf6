// A patient's page: every stored session over the weeks, and the progression as a picture.
import { getJson } from './api.js';
import { header } from './header.js';
import { el } from './dom.js';
import { dateCell, outcomeCell, cells } from './history-rows.js';
import { progressionChart } from './progression.js';

await header();
const patientId = decodeURIComponent(location.pathname.split('/').pop());
document.getElementById('title').textContent = `Patient ${patientId}`;
document.title = `Patient ${patientId} · AmpsDevice`;
const { status, body } = await getJson(`/api/history/patients/${encodeURIComponent(patientId)}`);
if (status !== 200) {
  const missing = document.getElementById('not-found');
  missing.hidden = false;
  missing.textContent = body?.error ?? `Not available (${status}).`;
} else {
  document.getElementById('progression-card').hidden = false;
  document.getElementById('patient-table').hidden = false;
  const rows = body.sessions.map((s, i) => {
    const tr = el('tr');
    tr.append(el('td', 'num', i + 1), dateCell(s), el('td', '', s.deviceId), cells.level(s), outcomeCell(s), cells.duration(s), cells.pain(s), cells.trips(s), cells.withdrawals(s));
    return tr;
  });
  document.getElementById('sessions').replaceChildren(...rows);
  progressionChart(document.getElementById('chart-progression'), body.sessions, body.painRatings);
  document.body.dataset.sessions = String(body.sessions.length);
}
