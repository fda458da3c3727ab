// A score's trend as a tiny inline SVG (no script, no font): a polyline of the percentages
// over a fixed 0-100 scale, so two students' lines compare by eye, and a dot on the latest.
import { fmt } from '../../render/i18n';

export interface SparklineOptions {
  width?: number;
  height?: number;
  /** Spoken by screen readers and shown as the tooltip. */
  label: string;
}

/** The points of the polyline: x evenly spaced, y from 100 (top) to 0 (bottom), 2 px inset. */
export function sparklinePoints(percents: readonly number[], width: number, height: number): [number, number][] {
  const inset = 2;
  const step = percents.length > 1 ? (width - 2 * inset) / (percents.length - 1) : 0;
  return percents.map((p, i) => {
    const clamped = Math.min(100, Math.max(0, p));
    const x = percents.length > 1 ? inset + i * step : width / 2;
    const y = inset + ((100 - clamped) / 100) * (height - 2 * inset);
    return [round(x), round(y)];
  });
}

export function sparkline(percents: readonly number[], options: SparklineOptions): string {
  const width = options.width ?? 120;
  const height = options.height ?? 28;
  const points = sparklinePoints(percents, width, height);
  const last = points.at(-1);
  // options.label is the caller's escaped text.
  return `<svg class="spark" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" xmlns="http://www.w3.org/2000/svg" data-points="${percents.length}"><title>${options.label}</title><rect width="${width}" height="${height}" rx="3" fill="#f6f8fa"/>${
    points.length > 1 ? `<polyline fill="none" stroke="#0969da" stroke-width="1.5" points="${points.map(([x, y]) => `${fmt(x, 2)},${fmt(y, 2)}`).join(' ')}"/>` : ''
  }${last ? `<circle cx="${fmt(last[0], 2)}" cy="${fmt(last[1], 2)}" r="2.5" fill="#0969da"/>` : ''}</svg>`;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
