// Charts with uPlot (vendored, loaded as the global `uPlot`). Data is appended as it arrives; the chart is
// redrawn at most once per animation frame, however many messages came in meanwhile.

const palette = ['#d9480f', '#1971c2', '#2f9e44', '#ae3ec9', '#e67700', '#0c8599', '#c2255c', '#5c7cfa'];

/** The colour of the n-th channel of a kind. */
export function colour(n) {
  return palette[n % palette.length];
}

/**
 * A steady y range for live data from the data's [min, max]: whole units, at least `minSpan` wide (centred on the
 * data), never below `floor`. uPlot's own auto range fits the data tightly, so a pad holding its temperature
 * within 0.05 °C filled the chart with sensor noise, and the axis jumped whenever a new value moved the extremes;
 * rounded outward to whole units it changes only when the data crosses a whole degree (or newton).
 */
export function steadyRange(min, max, minSpan, floor) {
  if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max)) {
    const lo = floor ?? 0;
    return [lo, lo + minSpan];
  }
  let lo = Math.floor(min);
  let hi = Math.ceil(max);
  if (hi - lo < minSpan) {
    lo = Math.floor((min + max) / 2 - minSpan / 2);
    hi = lo + minSpan;
  }
  if (floor !== undefined && lo < floor) {
    hi += floor - lo;
    lo = floor;
  }
  return [lo, hi];
}

/** A time-series chart that keeps the last `maxPoints` points. x is seconds since the Unix epoch. */
export class LiveChart {
  constructor(container, { title, series, axes = [{ label: '' }], maxPoints = 6000, height = 200 }) {
    this.container = container;
    this.maxPoints = maxPoints;
    this.data = [[], ...series.map(() => [])];
    this.markers = [];
    this.pending = false;
    const scales = { x: { time: true } };
    const uAxes = [{ stroke: '#555', grid: { stroke: '#eee' } }];
    axes.forEach((a, i) => {
      const key = a.scale ?? 'y';
      // A fixed range ([lo, hi]), a steady one ({ minSpan, floor }), or uPlot's own.
      scales[key] = Array.isArray(a.range) ? { auto: false, range: a.range }
        : a.steady ? { auto: true, range: (u, min, max) => steadyRange(min, max, a.steady.minSpan, a.steady.floor) }
        : { auto: true };
      uAxes.push({ scale: key, label: a.label, side: i === 0 ? 3 : 1, stroke: '#555', grid: { show: i === 0, stroke: '#eee' } });
    });
    this.plot = new uPlot({
      title,
      width: Math.max(300, container.clientWidth),
      height,
      scales,
      axes: uAxes,
      legend: { live: false },
      cursor: { drag: { x: false, y: false } },
      series: [{}, ...series.map((s) => ({
        label: s.label,
        stroke: s.stroke,
        dash: s.dash,
        width: s.width ?? 1.5,
        scale: s.scale ?? 'y',
        spanGaps: false,
        points: { show: false },
      }))],
      plugins: [markerPlugin(() => this.markers)],
    }, this.data, container);
    new ResizeObserver(() => this.plot.setSize({ width: Math.max(300, container.clientWidth), height })).observe(container);
  }

  /** Appends one point: x (s) and one value per series (null for a gap). */
  push(x, values) {
    this.data[0].push(x);
    for (let i = 0; i < values.length; i++) this.data[i + 1].push(values[i] ?? null);
    const excess = this.data[0].length - this.maxPoints;
    if (excess > this.maxPoints / 10) {
      for (const column of this.data) column.splice(0, excess);
    }
    this.schedule();
  }

  /** Vertical lines with labels, e.g. where each step started: [{ x, label }]. */
  setMarkers(markers) {
    this.markers = markers;
    this.schedule();
  }

  get pointCount() {
    return this.data[0].length;
  }

  schedule() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.plot.setData(this.data);
    });
  }

  destroy() {
    this.plot.destroy();
  }
}

/** Draws vertical marker lines with labels over the plot. */
function markerPlugin(getMarkers) {
  return {
    hooks: {
      draw: [(u) => {
        const markers = getMarkers();
        if (!markers.length) return;
        const { ctx } = u;
        const top = u.bbox.top;
        const bottom = u.bbox.top + u.bbox.height;
        ctx.save();
        ctx.font = `${Math.round(11 * devicePixelRatio)}px sans-serif`;
        markers.forEach((m, i) => {
          const x = Math.round(u.valToPos(m.x, 'x', true));
          if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) return;
          ctx.strokeStyle = m.colour ?? '#444';
          ctx.lineWidth = (m.width ?? 1) * devicePixelRatio;
          ctx.setLineDash(m.dash ?? [4 * devicePixelRatio, 3 * devicePixelRatio]);
          ctx.beginPath();
          ctx.moveTo(x, top);
          ctx.lineTo(x, bottom);
          ctx.stroke();
          if (m.label) {
            ctx.fillStyle = m.colour ?? '#444';
            // Labels of markers close together are staggered over three rows.
            ctx.fillText(m.label, x + 3 * devicePixelRatio, top + (12 + (i % 3) * 12) * devicePixelRatio);
          }
        });
        ctx.restore();
      }],
    },
  };
}

/** The value at `t` of a polyline [[t, v], ...] (the later point wins at a vertical edge). */
export function valueAt(points, t) {
  if (!points || points.length === 0) return null;
  if (t < points[0][0]) return points[0][1];
  for (let i = points.length - 1; i >= 0; i--) {
    const [t0, v0] = points[i];
    if (t0 <= t) {
      const next = points[i + 1];
      if (!next || next[0] === t0) return v0;
      return v0 + ((next[1] - v0) * (t - t0)) / (next[0] - t0);
    }
  }
  return null;
}

/**
 * A profile's planned timeline (from the server's TimelineView): each pad's target °C (left axis), each
 * vibration channel's amplitude and pressure channel's target force (right axis), steps marked.
 * `nowS`, if given, marks how far the session has got.
 */
export function planChart(container, timeline, nowS) {
  container.planChart?.destroy();
  container.planResize?.disconnect();
  container.replaceChildren();
  const end = Math.max(timeline.maximumDurationS, timeline.durationS, 1);
  const breaks = new Set();
  const series = [];
  const columns = [];
  const add = (label, points, stroke, scale, dash) => {
    series.push({ label, stroke, scale, dash, width: 2, points: { show: false } });
    columns.push(points);
    for (const [t] of points) breaks.add(t);
  };
  Object.entries(timeline.padTargetsC ?? {}).forEach(([pad, pts], i) => add(`${pad} °C`, pts, colour(i), 'C'));
  Object.entries(timeline.vibrationAmplitude ?? {}).forEach(([ch, pts], i) => add(`${ch} amplitude`, pts, colour(i + 3), 'r', [6, 3]));
  Object.entries(timeline.pressureTargetsN ?? {}).forEach(([ch, pts], i) => add(`${ch} N`, pts, colour(i + 5), 'r', [2, 2]));
  const grid = 600;
  for (let i = 0; i <= grid; i++) breaks.add((end * i) / grid);
  const xs = [...breaks].filter((t) => t >= 0 && t <= end).sort((a, b) => a - b);
  const data = [xs, ...columns.map((pts) => xs.map((t) => valueAt(pts, t)))];
  const markers = timeline.steps.map((s) => ({ x: s.startS, label: `${s.index + 1}`, colour: '#999' }));
  if (nowS !== undefined && nowS !== null) markers.push({ x: nowS, label: 'now', colour: '#000', dash: [], width: 2 });
  const plot = new uPlot({
    width: Math.max(300, container.clientWidth),
    height: 180,
    scales: { x: { time: false }, C: { auto: true }, r: { auto: true } },
    axes: [
      { stroke: '#555', label: 's', values: (u, vals) => vals.map((v) => `${Math.round(v)}`) },
      { scale: 'C', label: '°C', stroke: '#555', grid: { stroke: '#eee' } },
      { scale: 'r', label: 'amplitude · N', side: 1, stroke: '#555', grid: { show: false } },
    ],
    legend: { live: false },
    cursor: { drag: { x: false, y: false } },
    series: [{}, ...series],
    plugins: [markerPlugin(() => markers)],
  }, data, container);
  container.planChart = plot;
  container.planResize = new ResizeObserver(() => plot.setSize({ width: Math.max(300, container.clientWidth), height: 180 }));
  container.planResize.observe(container);
  return plot;
}
