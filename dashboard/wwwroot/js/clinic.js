// The clinic view: every device, live, devices with alarms first.
import { header } from './header.js';
import { follow } from './live.js';
import { el, sessionLine, priorityRank } from './dom.js';

const devices = new Map();
const cards = new Map();
const grid = document.getElementById('devices');
const empty = document.getElementById('empty');

await header();
follow('/api/devices/live', {
  devices: (d) => {
    devices.clear();
    for (const s of d.devices) devices.set(s.deviceId, s);
    render();
  },
  summary: (s) => {
    const before = devices.get(s.deviceId);
    devices.set(s.deviceId, s);
    // 50 devices send a session state a second each: redraw the one card that changed, and re-sort the grid only
    // when the device's place in it can change (it is new, or its alarm rank moved).
    if (before && rank(before) === rank(s)) replaceCard(s);
    else render();
  },
});

const rank = (s) => (s.alarm ? priorityRank[s.alarm.priority] ?? 3 : 3);

// Time left counts down between messages only as the device says; re-render nothing on a timer.
function render() {
  const list = [...devices.values()].sort((a, b) =>
    rank(a) - rank(b) || (a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : 0));
  empty.hidden = list.length > 0;
  cards.clear();
  grid.replaceChildren(...list.map((s) => {
    const node = card(s);
    cards.set(s.deviceId, node);
    return node;
  }));
}

function replaceCard(s) {
  const node = card(s);
  cards.get(s.deviceId).replaceWith(node);
  cards.set(s.deviceId, node);
}

function card(s) {
  const node = s.idValid ? el('a', 'device-card') : el('div', 'device-card invalid');
  if (s.idValid) node.href = '/devices/' + encodeURIComponent(s.deviceId);
  node.dataset.deviceId = s.deviceId;
  node.dataset.connectivity = s.connectivity;
  if (s.alarm) node.classList.add('has-alarm', 'card-alarm-' + s.alarm.priority);

  const head = el('div', 'card-head');
  head.append(el('span', 'device-id', s.deviceId));
  head.append(el('span', `badge conn conn-${s.connectivity}`, s.connectivity));
  if (s.hardwareMode) head.append(el('span', 'badge mode', s.hardwareMode));
  node.append(head);
  if (!s.idValid) node.append(el('p', 'note', 'Not a valid device id: shown as received, no console.'));

  if (s.alarm) {
    const alarm = el('p', `alarm-line alarm-${s.alarm.priority}`);
    alarm.append(el('strong', 'priority', s.alarm.priority.toUpperCase()));
    alarm.append(el('span', 'message', s.alarm.message));
    if (s.alarm.count > 1) alarm.append(el('span', 'more', `+${s.alarm.count - 1} more`));
    node.append(alarm);
  }

  const session = el('p', 'session');
  session.append(el('span', `badge state state-${s.sessionState ?? 'none'}`, s.sessionState ?? 'no session state'));
  session.append(el('span', 'session-line', sessionLine(s)));
  node.append(session);

  if (s.lastPainRating !== undefined && s.lastPainRating !== null) {
    node.append(el('p', 'pain-line', `Last pain rating: ${s.lastPainRating} / 10`));
  }
  return node;
}
