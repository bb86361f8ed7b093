/**
 * A small line chart on a canvas: one or more series of (x, y) points, each scaled to its own
 * range [0, max] (loss and accuracy share the x axis, not the y axis). A chart library would be
 * more than these few lines need.
 */
export interface Series {
  label: string;
  color: string;
  points: Array<[number, number]>;
  /** The top of the y axis; default the largest y. */
  max?: number;
}

export function drawLines(canvas: HTMLCanvasElement, xMax: number, series: Series[]): void {
  const ctx = canvas.getContext('2d')!;
  const { width: w, height: h } = canvas;
  const pad = 24;
  ctx.clearRect(0, 0, w, h);
  ctx.strokeStyle = '#999';
  ctx.strokeRect(pad, 4, w - pad - 4, h - pad - 4);
  ctx.font = '12px sans-serif';
  series.forEach((s, k) => {
    const top = s.max ?? Math.max(1e-12, ...s.points.map((p) => p[1]));
    ctx.strokeStyle = s.color;
    ctx.fillStyle = s.color;
    ctx.lineWidth = 2;
    ctx.beginPath();
    s.points.forEach(([x, y], i) => {
      const px = pad + ((w - pad - 4) * x) / Math.max(xMax, 1);
      const py = h - pad - ((h - pad - 8) * y) / top;
      if (i === 0) ctx.moveTo(px, py);
      else ctx.lineTo(px, py);
    });
    ctx.stroke();
    const lastY = s.points.at(-1)?.[1];
    ctx.fillText(
      `${s.label}${lastY === undefined ? '' : ` ${lastY.toFixed(3)}`}`,
      pad + 6 + 140 * k,
      h - 6,
    );
  });
}
