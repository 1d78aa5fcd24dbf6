// A patient's progression: plan level (left axis) and pain ratings (right axis, 0-10) session by session, with
// stops and safety trips marked.
import { colour } from './chart.js';

/** `sessions`: the patient's sessions, oldest first; `ratings`: per session, its pain ratings (may be empty). */
export function progressionChart(container, sessions, ratings) {
  const xs = sessions.map((_, i) => i + 1);
  const level = sessions.map((s) => s.planLevel ?? null);
  const highest = sessions.map((s) => s.maxPain ?? null);
  const unsafe = sessions.map((s) => (s.safetyTrips > 0 || s.outcome === 'safety-stop' ? 0 : null));
  const stopped = sessions.map((s) => (s.outcome === 'stopped' || s.outcome === 'interrupted' || s.withdrawals > 0 ? 0 : null));
  // Every single rating of a session, spread a little left and right of the session's x.
  const allX = [];
  const allY = [];
  ratings.forEach((list, i) => list.forEach((v, j) => {
    allX.push(i + 1 + (list.length > 1 ? (j / (list.length - 1) - 0.5) * 0.4 : 0));
    allY.push(v);
  }));
  const data = [xs, level, highest, unsafe, stopped];
  const width = Math.max(320, container.clientWidth);
  const plot = new uPlot({
    width,
    height: 320,
    scales: { x: { time: false, range: [0.5, Math.max(1, sessions.length) + 0.5] }, level: { range: [0, Math.max(10, ...level.filter((v) => v !== null)) + 1] }, pain: { range: [-0.5, 10.5] } },
    axes: [
      { label: 'session', stroke: '#555', values: (u, vals) => vals.map((v) => (Number.isInteger(v) ? String(v) : '')) },
      { scale: 'level', label: 'plan level', stroke: colour(1), grid: { stroke: '#eee' } },
      { scale: 'pain', label: 'pain (0-10)', side: 1, stroke: colour(0), grid: { show: false } },
    ],
    legend: { live: false },
    cursor: { drag: { x: false, y: false } },
    series: [
      {},
      { label: 'plan level', scale: 'level', stroke: colour(1), width: 2, paths: uPlot.paths.stepped({ align: 1 }), points: { show: true, size: 5 } },
      { label: 'highest pain', scale: 'pain', stroke: colour(0), width: 0, paths: () => null, points: { show: true, size: 11, width: 2, fill: '#fff' } },
      { label: 'safety trip / safety stop', scale: 'level', stroke: '#c92a2a', width: 0, paths: () => null, points: { show: true, size: 12, fill: '#c92a2a' } },
      { label: 'stopped / interrupted / withdrawal', scale: 'level', stroke: '#e8590c', width: 0, paths: () => null, points: { show: true, size: 12, fill: '#e8590c' } },
    ],
    hooks: {
      draw: [(u) => {
        // every rating as a small dot
        const { ctx } = u;
        ctx.save();
        ctx.fillStyle = colour(0);
        for (let i = 0; i < allX.length; i++) {
          const x = u.valToPos(allX[i], 'x', true);
          const y = u.valToPos(allY[i], 'pain', true);
          ctx.beginPath();
          ctx.arc(x, y, 2.5 * devicePixelRatio, 0, 2 * Math.PI);
          ctx.fill();
        }
        ctx.restore();
      }],
    },
  }, data, container);
  new ResizeObserver(() => plot.setSize({ width: Math.max(320, container.clientWidth), height: 320 })).observe(container);
  return plot;
}
