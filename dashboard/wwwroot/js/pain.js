// The 0-10 pain scale a child can use: big buttons, each with its number and a face from smiling to crying.
import { el } from './dom.js';

const svgNs = 'http://www.w3.org/2000/svg';

function svg(tag, attributes) {
  const node = document.createElementNS(svgNs, tag);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, String(v));
  return node;
}

/** A face for `rating` (0 smiling, green ... 10 frowning, red). */
export function face(rating) {
  const hue = 120 - rating * 12;
  const root = svg('svg', { viewBox: '0 0 40 40', 'aria-hidden': 'true', class: 'face' });
  root.append(svg('circle', { cx: 20, cy: 20, r: 18, fill: `hsl(${hue} 75% 70%)`, stroke: '#333', 'stroke-width': 1.5 }));
  root.append(svg('circle', { cx: 14, cy: 16, r: 2.2, fill: '#333' }));
  root.append(svg('circle', { cx: 26, cy: 16, r: 2.2, fill: '#333' }));
  const controlY = 36 - 1.6 * rating;
  root.append(svg('path', { d: `M12 28 Q20 ${controlY} 28 28`, fill: 'none', stroke: '#333', 'stroke-width': 2, 'stroke-linecap': 'round' }));
  return root;
}

/** Fills `container` with 11 buttons; `onRate(value)` is called when one is tapped. */
export function painScale(container, onRate) {
  container.replaceChildren();
  for (let value = 0; value <= 10; value++) {
    const button = el('button', 'pain-button');
    button.type = 'button';
    button.dataset.value = String(value);
    button.setAttribute('aria-label', `Pain ${value} of 10`);
    button.append(face(value), el('span', 'pain-value', value));
    button.addEventListener('click', () => onRate(value));
    container.append(button);
  }
}
