// Small DOM helpers. Everything a device sends is inserted as text (textContent), never as HTML.

/** Creates an element with a class and text content. */
export function el(tag, className, content) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (content !== undefined && content !== null) node.textContent = String(content);
  return node;
}

export function text(node, content) {
  node.textContent = content === undefined || content === null ? '' : String(content);
}

export function clear(node) {
  node.replaceChildren();
}

/** 125 -> "2:05". */
export function duration(seconds) {
  if (seconds === undefined || seconds === null || !Number.isFinite(seconds)) return '';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${r}` : `${m}:${r}`;
}

export function clock(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** "running", "step 2 of 5", "3:20 left", ... for a session message. */
export function sessionLine(s) {
  if (!s) return '';
  const parts = [];
  if (s.patientId) parts.push(`patient ${s.patientId}`);
  if (s.profileName) parts.push(s.profileName);
  if (s.stepIndex !== undefined && s.stepIndex !== null && s.stepCount) parts.push(`step ${s.stepIndex + 1} of ${s.stepCount}`);
  if (s.timeLeftS !== undefined && s.timeLeftS !== null) parts.push(`${duration(s.timeLeftS)} left`);
  return parts.join(' · ');
}

/** Priority order for sorting: high first. */
export const priorityRank = { high: 0, medium: 1, low: 2 };
