// Server-Sent Events from the dashboard server. EventSource reconnects by itself; every (re)connect starts
// with a whole snapshot, so a page never needs a reload to recover.
import { text } from './dom.js';

/** Follows `url`; `handlers` maps event types to functions taking the parsed data. Returns the EventSource. */
export function follow(url, handlers) {
  const source = new EventSource(url, { withCredentials: true });
  for (const [type, handle] of Object.entries(handlers)) {
    source.addEventListener(type, (e) => {
      let data;
      try {
        data = JSON.parse(e.data);
      } catch {
        return;
      }
      handle(data);
    });
  }
  source.addEventListener('open', () => showBroker(null));
  source.addEventListener('error', () => showBroker('server'));
  source.addEventListener('broker', (e) => showBroker(JSON.parse(e.data).connected ? null : 'broker'));
  return source;
}

/** The banner in the header: what is down, or nothing. */
export function showBroker(down) {
  const el = document.getElementById('broker');
  if (!el) return;
  el.className = 'broker' + (down ? ' down' : '');
  text(el, down === 'server' ? 'Dashboard connection lost: reconnecting…'
    : down === 'broker' ? 'MQTT broker unreachable: reconnecting…' : 'Live');
}
