// A session's charts, as the live console draws them and the history replays them: pad temperatures (measured,
// safety sensor, target), drive, vibration and pressure, on one time axis, with events as markers. A stretch
// without telemetry (a gap, a restart) stays empty: it is never drawn over.
import { LiveChart, colour } from './chart.js';

/** The chart marker of a device event, or null: steps, start, stops, safety stops and trips, withdrawals. */
export function eventMarker(e) {
  const x = Date.parse(e.at) / 1000;
  if (!Number.isFinite(x)) return null;
  if (e.kind === 'step-started') return { x, label: `step ${(e.value ?? 0) + 1}` };
  if (e.kind === 'session-started' || e.kind === 'session-stopped' || e.kind === 'session-completed') return { x, label: e.kind.replace('session-', ''), colour: '#000' };
  if (e.kind === 'safety-stop' || e.kind === 'safety-trip') return { x, label: e.rule ? `${e.kind} ${e.rule}` : e.kind, colour: '#c92a2a' };
  if (e.kind === 'withdrawal' || e.kind === 'patient-stop' || e.kind === 'estop') return { x, label: e.kind, colour: '#e8590c' };
  return null;
}

export class SessionCharts {
  /** `containers`: { temperature, drive, vibration, pressure } elements; `maxPoints`: points kept per chart. */
  constructor(containers, { maxPoints = 6000 } = {}) {
    this.containers = containers;
    this.maxPoints = maxPoints;
    this.charts = null;
    this.channels = '';
    this.markers = [];
    this.lastX = null;
    this.periodS = null;
  }

  /**
   * Appends samples ([{ atMs, sample }], oldest first). `targetOf(pad, atMs)` gives a pad's planned target when the
   * sample carries none. A step of more than three sample periods is a gap.
   */
  add(samples, targetOf = () => null) {
    for (const { atMs, sample } of samples) {
      this.ensure(sample);
      const x = atMs / 1000;
      if (this.lastX !== null) {
        const step = x - this.lastX;
        if (step > 0 && (this.periodS === null || step < this.periodS)) this.periodS = step;
        if (this.periodS !== null && step > 3 * this.periodS) this.gap(this.lastX + this.periodS);
      }
      this.lastX = x;
      const c = this.charts;
      c.temperature.push(x, sample.pads.flatMap((p) => [p.measuredC, p.safetyC, p.targetC !== undefined ? p.targetC : targetOf(p.name, atMs)]));
      c.drive.push(x, sample.pads.map((p) => p.drive));
      c.vibration.push(x, sample.vib.flatMap((v) => [v.amplitude, v.frequencyHz]));
      c.pressure.push(x, sample.pressure.map((p) => p.forceN));
    }
  }

  setMarkers(markers) {
    this.markers = markers;
    if (this.charts) for (const c of Object.values(this.charts)) c.setMarkers(markers);
  }

  get pointCount() {
    return this.charts?.temperature.pointCount ?? 0;
  }

  /** The uPlot instances, top to bottom (for a picture of the whole session). */
  get plots() {
    return this.charts ? Object.values(this.charts).map((c) => c.plot) : [];
  }

  destroy() {
    if (this.charts) for (const c of Object.values(this.charts)) c.destroy();
    this.charts = null;
    this.channels = '';
    this.lastX = null;
    this.periodS = null;
  }

  gap(x) {
    for (const c of Object.values(this.charts)) c.push(x, new Array(c.data.length - 1).fill(null));
  }

  ensure(sample) {
    const channels = [sample.pads.map((p) => p.name), sample.vib.map((v) => v.name), sample.pressure.map((p) => p.name)].join('|');
    if (this.charts && channels === this.channels) return;
    this.destroy();
    this.channels = channels;
    const temperature = [];
    sample.pads.forEach((p, i) => {
      temperature.push({ label: `${p.name} measured`, stroke: colour(i), width: 2 });
      temperature.push({ label: `${p.name} safety`, stroke: colour(i), dash: [5, 4] });
      temperature.push({ label: `${p.name} target`, stroke: '#222', dash: [2, 3] });
    });
    const vibration = [];
    sample.vib.forEach((v, i) => {
      vibration.push({ label: `${v.name} amplitude`, stroke: colour(i + 3), scale: 'a', width: 2 });
      vibration.push({ label: `${v.name} Hz`, stroke: colour(i + 3), scale: 'hz', dash: [5, 4] });
    });
    const k = this.containers;
    const maxPoints = this.maxPoints;
    this.charts = {
      temperature: new LiveChart(k.temperature, { title: 'Pad temperature (°C): measured, safety sensor, target', series: temperature, axes: [{ label: '°C', steady: { minSpan: 4 } }], maxPoints }),
      drive: new LiveChart(k.drive, { title: 'Drive (−1 cool … +1 heat)', series: sample.pads.map((p, i) => ({ label: p.name, stroke: colour(i) })), axes: [{ label: 'drive', range: [-1, 1] }], height: 140, maxPoints }),
      vibration: new LiveChart(k.vibration, { title: 'Vibration', series: vibration, axes: [{ label: 'amplitude', scale: 'a', range: [0, 1] }, { label: 'Hz', scale: 'hz', steady: { minSpan: 100, floor: 0 } }], height: 160, maxPoints }),
      pressure: new LiveChart(k.pressure, { title: 'Pressure force (N)', series: sample.pressure.map((p, i) => ({ label: p.name, stroke: colour(i + 5), width: 2 })), axes: [{ label: 'N', steady: { minSpan: 5, floor: 0 } }], height: 140, maxPoints }),
    };
    for (const c of Object.values(this.charts)) c.setMarkers(this.markers);
  }
}
