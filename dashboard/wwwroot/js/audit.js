// The audit: every command sent from the dashboard, newest first (therapists only).
import { getJson } from './api.js';
import { header } from './header.js';
import { el, clock } from './dom.js';

await header();
const { status, body } = await getJson('/api/audit?limit=500');
const rows = document.getElementById('audit-rows');
if (status !== 200) {
  rows.append(el('tr', '', `Not available (${status}).`));
} else {
  rows.replaceChildren(...body.map((a) => {
    const tr = el('tr', a.ok ? 'ok' : 'refused');
    const when = new Date(a.at);
    tr.append(el('td', '', `${when.toLocaleDateString()} ${clock(a.at)}`), el('td', '', a.user), el('td', '', a.deviceId),
      el('td', '', a.command), el('td', '', a.payloadSummary), el('td', '', a.ok ? 'ok' : 'refused'), el('td', 'reply-text', a.reply));
    return tr;
  }));
}
