// The therapist's console for one device: live charts, session controls, pain rating, alarms, events.
import { post, getJson } from './api.js';
import { header } from './header.js';
import { follow } from './live.js';
import { el, text, clock, sessionLine, priorityRank } from './dom.js';
import { planChart, valueAt } from './chart.js';
import { SessionCharts, eventMarker } from './session-charts.js';
import { painScale } from './pain.js';

const deviceId = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] ?? '');
const api = '/api/devices/' + encodeURIComponent(deviceId);
const $ = (id) => document.getElementById(id);

const state = { session: null, timeline: null, charts: null, channels: '', markers: [], events: [] };
const who = await header();
text($('device-id'), deviceId);
document.title = `${deviceId} · AmpsDevice`;

if (who.mayCommand) setUpCommands();

follow(api + '/live', {
  detail: ({ detail }) => {
    if (!detail) {
      text($('session-line'), 'Not heard from yet.');
      return;
    }
    showSummary(detail.summary);
    state.events = [];
    state.markers = [];
    $('event-log').replaceChildren();
    for (const e of detail.events) addEvent(e);
    showAlarms(detail.alarms);
    showSession(detail.session, detail.timeline);
    resetCharts();
    addSamples(detail.samples);
  },
  summary: showSummary,
  session: ({ session, timeline }) => showSession(session, timeline),
  telemetry: ({ samples }) => addSamples(samples),
  event: addEvent,
  alarms: showAlarms,
});

// ---- status ----------------------------------------------------------------------------------------

function showSummary(s) {
  const conn = $('connectivity');
  conn.className = `badge conn conn-${s.connectivity}`;
  text(conn, s.connectivity);
  text($('mode'), s.hardwareMode ?? '');
  $('mode').hidden = !s.hardwareMode;
  document.body.dataset.connectivity = s.connectivity;
}

function showSession(session, timeline) {
  state.session = session;
  if (timeline !== undefined) state.timeline = timeline;
  const st = session?.state ?? 'idle';
  const badge = $('session-state');
  badge.className = `badge state state-${st}`;
  text(badge, st);
  document.body.dataset.sessionState = st;
  text($('session-line'), sessionLine(session));
  $('ready-banner').hidden = st !== 'ready';
  showPausedBanner();
  const active = st === 'running' || st === 'paused' || st === 'ready';
  if (who.mayCommand) {
    $('controls').hidden = !(st === 'running' || st === 'paused');
    $('start').hidden = active;
    $('pause').disabled = st !== 'running';
    $('resume').disabled = st !== 'paused';
  }
  const plan = $('chart-plan');
  if (state.timeline && active) {
    $('plan-title').hidden = false;
    planChart(plan, state.timeline, session?.elapsedS);
  } else {
    $('plan-title').hidden = true;
    plan.replaceChildren();
  }
}

function showAlarms(alarms) {
  const active = [...(alarms?.active ?? [])].sort((a, b) => (priorityRank[a.priority] ?? 3) - (priorityRank[b.priority] ?? 3));
  $('alarms').hidden = active.length === 0;
  $('alarm-list').replaceChildren(...active.map((a) => {
    const li = el('li', `alarm alarm-${a.priority}`);
    li.dataset.priority = a.priority;
    li.append(el('strong', 'priority', a.priority.toUpperCase()), el('span', 'rule', a.rule));
    if (a.target) li.append(el('span', 'target', a.target));
    li.append(el('p', 'message', a.message));
    li.append(el('span', 'raised', `${clock(a.raisedAt)}${a.latched ? ' · latched until acknowledged' : ''}`));
    return li;
  }));
  if (who.mayCommand) $('ack').hidden = active.length === 0;
}

/** While paused, says why (the device's reason, e.g. a pain rating at or above the profile's pain stop). */
function showPausedBanner() {
  const paused = state.session?.state === 'paused';
  $('paused-banner').hidden = !paused;
  if (!paused) return;
  const reason = state.events.findLast((e) => e.kind === 'session-paused' && e.sessionId === state.session.sessionId)?.message;
  text($('paused-banner'), reason ? `Paused: ${reason}. Resume when the child is ready, or STOP.` : 'Paused. Resume when the child is ready, or STOP.');
}

// ---- events ----------------------------------------------------------------------------------------

function addEvent(e) {
  state.events.push(e);
  const li = el('li', `event event-${e.kind}`);
  li.dataset.kind = e.kind;
  li.append(el('time', '', clock(e.at)), el('strong', 'kind', e.kind));
  const details = [];
  if (e.kind === 'pain-rating' && e.value !== undefined) details.push(`rating ${e.value}`);
  else if (e.kind.startsWith('step-') && e.value !== undefined) details.push(`step ${e.value + 1}`);
  if (e.target) details.push(e.target);
  if (e.rule) details.push(e.rule);
  if (e.origin) details.push(e.origin);
  if (e.message) details.push(e.message);
  li.append(el('span', 'details', details.join(' · ')));
  $('event-log').prepend(li);
  while ($('event-log').children.length > 200) $('event-log').lastElementChild.remove();
  const marker = eventMarker(e);
  if (marker) state.markers.push(marker);
  state.charts?.setMarkers(state.markers);
  if (e.kind === 'session-paused') showPausedBanner();
}

// ---- charts ----------------------------------------------------------------------------------------

function resetCharts() {
  state.charts?.destroy();
  state.charts = null;
}

function addSamples(samples) {
  state.charts ??= new SessionCharts({ temperature: $('chart-temperature'), drive: $('chart-drive'), vibration: $('chart-vibration'), pressure: $('chart-pressure') });
  state.charts.setMarkers(state.markers);
  state.charts.add(samples, plannedTarget);
  document.body.dataset.samples = String(state.charts.pointCount);
}

/** The planned target of `pad` at wall time `atMs`, from the timeline, when the sample does not carry it. */
function plannedTarget(pad, atMs) {
  const s = state.session;
  const points = state.timeline?.padTargetsC?.[pad];
  if (!points || !s?.sessionId || s.elapsedS === undefined) return null;
  const startMs = Date.parse(s.at) - s.elapsedS * 1000;
  return valueAt(points, (atMs - startMs) / 1000);
}

// ---- commands (therapists only; observers get none of these controls) --------------------------------

function showReply(command, { status, body }) {
  const reply = $('reply');
  reply.hidden = false;
  reply.className = 'reply';
  $('profile-errors').replaceChildren();
  if (command === 'Start' && status === 200 && body?.ok && body.reply?.state === 'ready') {
    reply.classList.add('ok');
    text(reply, `${command}: the device is ready; press its start button to begin`);
  } else if (status === 200 && body?.ok) {
    reply.classList.add('ok');
    text(reply, `${command}: done`);
  } else if (status === 200) {
    reply.classList.add('refused');
    text(reply, `${command} refused by the device: ${body?.error ?? ''}`);
  } else if (status === 403) {
    reply.classList.add('refused');
    text(reply, `${command}: not allowed for your role`);
  } else {
    reply.classList.add('refused');
    text(reply, `${command} not sent: ${body?.error ?? body?.title ?? status}`);
    showProfileErrors(body?.profileErrors);
  }
  reply.dataset.command = command;
  reply.dataset.ok = String(status === 200 && !!body?.ok);
}

function showProfileErrors(errors) {
  $('profile-errors').replaceChildren(...(errors ?? []).map((e) => {
    const li = el('li', 'profile-error');
    li.append(el('code', 'path', e.path), el('span', 'message', e.message));
    return li;
  }));
}

function setUpCommands() {
  const stop = $('stop');
  stop.hidden = false;
  stop.addEventListener('click', async () => showReply('STOP', await post(api + '/session/stop', {})));
  $('pause').addEventListener('click', async () => showReply('Pause', await post(api + '/session/pause', {})));
  $('resume').addEventListener('click', async () => showReply('Resume', await post(api + '/session/resume', {})));
  $('ack').addEventListener('click', async () => showReply('Acknowledge', await post(api + '/alarms/ack', {})));
  painScale($('pain'), async (value) => showReply(`Pain ${value}`, await post(api + '/pain', { value })));
  $('start').hidden = false;

  let chosen = { kind: 'plan' };
  const preview = $('chart-preview');
  const showPreview = (timeline, summary) => {
    text($('profile-summary'), summary ?? '');
    if (timeline) planChart(preview, timeline);
    else preview.replaceChildren();
  };
  for (const radio of document.querySelectorAll('input[name=source]')) {
    radio.addEventListener('change', async () => {
      $('stored-profiles').disabled = radio.value !== 'stored';
      $('profile-file').disabled = radio.value !== 'file';
      $('profile-errors').replaceChildren();
      showPreview(null, '');
      chosen = { kind: radio.value };
      if (radio.value === 'stored') await loadStored();
    });
  }
  $('stored-profiles').addEventListener('change', async (e) => {
    const id = e.target.value;
    chosen = { kind: 'stored', profileId: id || null };
    showPreview(null, '');
    if (!id) return;
    const { status, body } = await getJson(`${api}/profiles/${encodeURIComponent(id)}`);
    if (status !== 200 || !body.result.ok) {
      showReply('Profile', { status, body: body?.result ?? body });
      return;
    }
    const p = body.result.reply.profile;
    showPreview(body.timeline, `${p?.name ?? id}: ${body.timeline ? Math.round(body.timeline.durationS) + ' s' : ''}`);
  });
  $('profile-file').addEventListener('change', async (e) => {
    const file = e.target.files[0];
    chosen = { kind: 'file', profile: null };
    showPreview(null, '');
    $('profile-errors').replaceChildren();
    if (!file) return;
    const content = await file.text();
    const { status, body } = await post('/api/profiles/check', content);
    if (status !== 200) {
      showReply('Check', { status, body });
      return;
    }
    if (!body.valid) {
      text($('profile-summary'), `${file.name}: ${body.errors.length} error(s); nothing will be sent.`);
      showProfileErrors(body.errors);
      return;
    }
    chosen = { kind: 'file', profile: JSON.parse(content) };
    showPreview(body.timeline, body.summary);
  });
  $('confirm-start').addEventListener('click', async () => {
    const patientId = $('patient-id').value.trim();
    const request = { patientId };
    if (chosen.kind === 'stored') {
      if (!chosen.profileId) return showReply('Start', { status: 400, body: { error: 'choose a stored profile first' } });
      request.profileId = chosen.profileId;
    } else if (chosen.kind === 'file') {
      if (!chosen.profile) return showReply('Start', { status: 400, body: { error: 'choose a valid profile file first' } });
      request.profile = chosen.profile;
    }
    showReply('Start', await post(api + '/session/start', request));
  });
}

async function loadStored() {
  const select = $('stored-profiles');
  select.replaceChildren(el('option', '', '(loading…)'));
  const { status, body } = await getJson(api + '/profiles');
  select.replaceChildren(el('option', '', '(choose)'));
  select.firstElementChild.value = '';
  if (status !== 200 || !body.ok) {
    showReply('Stored profiles', { status, body });
    return;
  }
  for (const p of body.reply.profiles ?? []) {
    const option = el('option', '', `${p.name} (${Math.round(p.durationS)} s)`);
    option.value = p.id;
    select.append(option);
  }
}
