// What the history pages share: a session's row cells and its link.
import { el, duration } from './dom.js';

export function sessionHref(s) {
  return `/history/devices/${encodeURIComponent(s.deviceId)}/sessions/${encodeURIComponent(s.sessionId)}`;
}

export function patientHref(patientId) {
  return `/history/patients/${encodeURIComponent(patientId)}`;
}

/** "completed", "safety-stop", ... or the state while it runs. */
export function outcomeOf(s) {
  return s.outcome ?? s.state;
}

export function dateCell(s) {
  const td = el('td');
  const a = el('a', '', new Date(s.startedAt).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' }));
  a.href = sessionHref(s);
  td.append(a);
  return td;
}

export function outcomeCell(s) {
  const td = el('td');
  td.append(el('span', `badge state-${outcomeOf(s)}`, outcomeOf(s)));
  return td;
}

export const cells = {
  level: (s) => el('td', 'num', s.planLevel ?? ''),
  duration: (s) => el('td', 'num', duration(s.elapsedS ?? s.durationS)),
  pain: (s) => el('td', 'num', s.maxPain ?? '—'),
  trips: (s) => el('td', 'num', s.safetyTrips || ''),
  withdrawals: (s) => el('td', 'num', s.withdrawals || ''),
};
