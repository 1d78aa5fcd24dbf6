// One stored session replayed as the live console draws it (the same chart module), its events on the timeline
// and in a list, the commands sent, and its exports.
import { getJson } from './api.js';
import { header } from './header.js';
import { el, clock, duration } from './dom.js';
import { SessionCharts, eventMarker } from './session-charts.js';
import { outcomeOf, patientHref } from './history-rows.js';

await header();
const [, , , deviceId, , sessionId] = location.pathname.split('/').map(decodeURIComponent);
const base = `/api/history/devices/${encodeURIComponent(deviceId)}/sessions/${encodeURIComponent(sessionId)}`;
const { status, body } = await getJson(base);
if (status !== 200) {
  const missing = document.getElementById('not-found');
  missing.hidden = false;
  missing.textContent = body?.error ?? `Not available (${status}).`;
} else {
  show(body);
}

function show(page) {
  const s = page.summary;
  document.getElementById('title').textContent = `Session ${s.sessionId} on ${s.deviceId}`;
  document.getElementById('summary').hidden = false;
  const facts = document.getElementById('facts');
  const fact = (term, value) => {
    if (value === undefined || value === null || value === '') return;
    facts.append(el('dt', '', term));
    const dd = el('dd');
    if (value instanceof Node) dd.append(value);
    else dd.textContent = String(value);
    facts.append(dd);
  };
  let patient = null;
  if (s.patientId) {
    patient = el('a', '', s.patientId);
    patient.href = patientHref(s.patientId);
  }
  fact('Patient', patient);
  fact('Started', new Date(s.startedAt).toLocaleString());
  fact('Outcome', outcomeOf(s));
  fact('Duration', duration(s.elapsedS ?? s.durationS));
  fact('Profile', s.profileName);
  fact('Plan level', s.planLevel);
  fact('Highest pain', s.maxPain);
  fact('Safety trips', s.safetyTrips || null);
  fact('Withdrawals', s.withdrawals || null);
  document.getElementById('export-csv').href = `${base}/export.csv`;
  document.getElementById('export-json').href = `${base}/export.json`;
  const parts = page.parts.length > 1 ? `${page.parts.length} parts (the device restarted: ${page.parts.map((p) => `boot ${p.bootId.slice(0, 8)} seq ${p.firstSeq}-${p.lastSeq}`).join(', ')}). ` : '';
  const gaps = page.gaps.length ? `Telemetry missing (left empty on the chart): ${page.gaps.map((g) => `seq ${g.firstMissing}-${g.lastMissing} at ${clock(g.after)}`).join(', ')}.` : '';
  document.getElementById('parts').textContent = parts + gaps;

  if (page.samples.length) {
    document.getElementById('charts').hidden = false;
    const charts = new SessionCharts({
      temperature: document.getElementById('chart-temperature'),
      drive: document.getElementById('chart-drive'),
      vibration: document.getElementById('chart-vibration'),
      pressure: document.getElementById('chart-pressure'),
    }, { maxPoints: page.samples.length + 1000 });
    charts.setMarkers(page.events.map(eventMarker).filter((m) => m));
    charts.add(page.samples);
    document.body.dataset.samples = String(page.samples.length);
    document.getElementById('export-png').addEventListener('click', () => downloadPng(charts, `${s.deviceId}-${s.sessionId}.png`));
  } else {
    document.getElementById('export-png').hidden = true;
  }

  document.getElementById('events-card').hidden = page.events.length === 0;
  document.getElementById('event-log').replaceChildren(...page.events.map((e) => {
    const li = el('li', 'event');
    li.dataset.kind = e.kind;
    const details = [];
    if (e.kind === 'pain-rating' && e.value !== undefined) details.push(`rating ${e.value}`);
    else if (e.kind.startsWith('step-') && e.value !== undefined) details.push(`step ${e.value + 1}`);
    for (const part of [e.target, e.rule, e.origin, e.message]) if (part) details.push(part);
    if (e.late) details.push('delivered late');
    li.append(el('time', '', clock(e.at)), el('strong', 'kind', e.kind), el('span', 'details', details.join(' · ')));
    return li;
  }));
  if (page.commands) {
    document.getElementById('commands-card').hidden = page.commands.length === 0;
    document.getElementById('commands').replaceChildren(...page.commands.map((c) => {
      const tr = el('tr', c.ok ? 'ok' : 'refused');
      tr.append(el('td', '', clock(c.at)), el('td', '', c.user), el('td', '', c.command), el('td', '', c.payloadSummary), el('td', '', c.ok ? 'ok' : 'refused'));
      return tr;
    }));
  }
  document.body.dataset.loaded = 'true';
}

/** The four charts stacked into one PNG, white background, as drawn on the page. */
function downloadPng(charts, name) {
  const canvases = charts.plots.map((p) => p.ctx.canvas);
  const width = Math.max(...canvases.map((c) => c.width));
  const height = canvases.reduce((h, c) => h + c.height, 0);
  const out = document.createElement('canvas');
  out.width = width;
  out.height = height;
  const ctx = out.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  let y = 0;
  for (const c of canvases) {
    ctx.drawImage(c, 0, y);
    y += c.height;
  }
  out.toBlob((blob) => {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }, 'image/png');
}
