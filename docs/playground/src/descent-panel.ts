import { gradientDescent } from '@dl/calculus';
import { AdaGrad, Adam, Momentum, type Optimizer, SGD } from '@dl/layers';
import { array, type NDArray } from '@dl/linalg';
import { el, panel, slider } from './dom.js';
import type { Text } from './text.js';
import { readNumber, write } from './url-state.js';

/**
 * Panel 4, gradient descent: the contour of f(x0, x1) = x0² + x1² and the path `gradientDescent`
 * of @dl/calculus takes from a chosen start with a chosen learning rate; below, the four
 * optimisers of @dl/layers on f(x, y) = x²/20 + y², the book's comparison (6.1.7: SGD η 0.95,
 * Momentum η 0.1, AdaGrad η 1.5, Adam η 0.3, 30 steps from (−7, 2)).
 */
const SIZE = 320;

/** Draws the contour lines of f over [−r, r]² (or [−2r, 2r] × [−r, r] when `wide`) and returns the point → pixel map. */
function contour(
  canvas: HTMLCanvasElement,
  f: (x: number, y: number) => number,
  r: number,
  wide: boolean,
) {
  const w = wide ? 2 * SIZE : SIZE;
  canvas.width = w;
  canvas.height = SIZE;
  const ctx = canvas.getContext('2d')!;
  const xr = wide ? 2 * r : r;
  const toPx = (x: number, y: number): [number, number] => [
    ((x + xr) / (2 * xr)) * w,
    ((r - y) / (2 * r)) * SIZE,
  ];
  ctx.fillStyle = 'white';
  ctx.fillRect(0, 0, w, SIZE);
  // shade each pixel by which band of f it is in: the bands' edges are the contour lines
  const img = ctx.getImageData(0, 0, w, SIZE);
  const top = f(xr, r);
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < w; px++) {
      const x = (px / w) * 2 * xr - xr;
      const y = r - (py / SIZE) * 2 * r;
      const band = Math.floor(12 * Math.sqrt(f(x, y) / top));
      const v = band % 2 === 0 ? 245 : 225;
      img.data.set([v, v, 255, 255], 4 * (py * w + px));
    }
  }
  ctx.putImageData(img, 0, 0);
  return { ctx, toPx };
}

function path(
  ctx: CanvasRenderingContext2D,
  toPx: (x: number, y: number) => [number, number],
  points: Array<[number, number]>,
  color: string,
): void {
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = 2;
  ctx.beginPath();
  points.forEach(([x, y], i) => {
    const [px, py] = toPx(x, y);
    if (i === 0) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
    ctx.fillRect(px - 2, py - 2, 4, 4);
  });
  ctx.stroke();
}

/** The optimisers' paths on x²/20 + y², from the book's start, with its learning rates. */
function optimizerPaths(): Array<{ name: string; color: string; points: Array<[number, number]> }> {
  const make: Array<[string, string, () => Optimizer]> = [
    ['SGD', '#c0392b', () => new SGD({ lr: 0.95 })],
    ['Momentum', '#27ae60', () => new Momentum({ lr: 0.1 })],
    ['AdaGrad', '#8e44ad', () => new AdaGrad({ lr: 1.5 })],
    ['Adam', '#d35400', () => new Adam({ lr: 0.3 })],
  ];
  return make.map(([name, color, create]) => {
    const opt = create();
    const params: Record<string, NDArray> = { x: array([-7]), y: array([2]) };
    const points: Array<[number, number]> = [[-7, 2]];
    for (let i = 0; i < 30; i++) {
      const x = params['x']!.get(0);
      const y = params['y']!.get(0);
      // ∂f/∂x = x/10, ∂f/∂y = 2y
      opt.update(params, { x: array([x / 10]), y: array([2 * y]) });
      points.push([params['x']!.get(0), params['y']!.get(0)]);
    }
    return { name, color, points };
  });
}

export function descentPanel(t: Text): HTMLElement {
  let lr = readNumber('descent.lr', 0.1, 0.01, 1.2);
  let x0 = readNumber('descent.x0', -3, -4, 4);
  let x1 = readNumber('descent.x1', 4, -4, 4);
  let steps = readNumber('descent.steps', 20, 1, 100);
  const plane = el('canvas', { class: 'plane' });
  const result = el('p', { class: 'result', 'data-result': '' });
  const f = (x: NDArray) => x.get(0) ** 2 + x.get(1) ** 2;

  function update(): void {
    write({ 'descent.lr': lr, 'descent.x0': x0, 'descent.x1': x1, 'descent.steps': steps });
    const { ctx, toPx } = contour(plane, (x, y) => x * x + y * y, 5, false);
    try {
      const { x, history } = gradientDescent(f, [x0, x1], {
        lr,
        steps,
        gradient: (p) => array([2 * p.get(0), 2 * p.get(1)]), // ∇f = (2·x0, 2·x1)
      });
      path(
        ctx,
        toPx,
        history.map((p) => [p.get(0), p.get(1)] as [number, number]),
        '#c0392b',
      );
      const [a, b] = [x.get(0), x.get(1)];
      const far = Math.hypot(a, b) > Math.hypot(x0, x1);
      result.dataset['diverged'] = String(far);
      result.textContent = `${t.finalPoint}: (${a.toPrecision(4)}, ${b.toPrecision(4)})${far ? ` — ${t.diverged}` : ''}`;
    } catch (error) {
      result.dataset['diverged'] = 'true';
      result.textContent = `${t.diverged} (${(error as Error).message})`;
    }
  }

  const optimizers = el('canvas', { class: 'plane wide' });
  const legend = el('p', { class: 'legend' });
  const drawOptimizers = () => {
    const { ctx, toPx } = contour(optimizers, (x, y) => (x * x) / 20 + y * y, 5, true);
    legend.replaceChildren();
    for (const p of optimizerPaths()) {
      path(ctx, toPx, p.points, p.color);
      legend.append(el('span', { style: `color:${p.color}` }, `■ ${p.name} `));
    }
  };

  const set = (assign: (v: number) => void) => (v: number) => {
    assign(v);
    update();
  };
  const controls = el(
    'div',
    { class: 'controls' },
    slider(
      'η',
      'lr',
      { min: 0.01, max: 1.2, step: 0.01, value: lr },
      set((v) => (lr = v)),
    ),
    slider(
      t.x0,
      'x0',
      { min: -4, max: 4, step: 0.5, value: x0 },
      set((v) => (x0 = v)),
    ),
    slider(
      t.x1,
      'x1',
      { min: -4, max: 4, step: 0.5, value: x1 },
      set((v) => (x1 = v)),
    ),
    slider(
      t.steps,
      'steps',
      { min: 1, max: 100, step: 1, value: steps },
      set((v) => (steps = v)),
    ),
  );
  update();
  drawOptimizers();
  return panel(
    'descent',
    t.descentTitle,
    t.descentHelp,
    controls,
    plane,
    result,
    el('p', {}, t.optimizersHelp),
    optimizers,
    legend,
  );
}
