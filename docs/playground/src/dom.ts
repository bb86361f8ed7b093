/** Small helpers for building the panels' elements. */

/** An element with attributes and children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

/** A panel of the page: a section with its title and a line of help, then its contents. */
export function panel(id: string, title: string, help: string, ...children: Node[]): HTMLElement {
  return el('section', { id, class: 'panel' }, el('h2', {}, title), el('p', {}, help), ...children);
}

/** A labelled range slider; `onInput` gets the value. */
export function slider(
  label: string,
  name: string,
  { min, max, step, value }: { min: number; max: number; step: number; value: number },
  onInput: (v: number) => void,
): HTMLLabelElement {
  const input = el('input', {
    type: 'range',
    name,
    min: String(min),
    max: String(max),
    step: String(step),
    value: String(value),
  });
  const shown = el('output', {}, String(value));
  input.addEventListener('input', () => {
    shown.textContent = input.value;
    onInput(Number(input.value));
  });
  return el('label', {}, `${label} `, input, ' ', shown);
}

/** A labelled drop-down of `options`. */
export function select(
  label: string,
  name: string,
  options: readonly string[],
  value: string,
  onChange: (v: string) => void,
): HTMLLabelElement {
  const s = el('select', { name }, ...options.map((o) => el('option', { value: o }, o)));
  s.value = value;
  s.addEventListener('change', () => onChange(s.value));
  return el('label', {}, `${label} `, s);
}

/** Paints a grayscale image (values 0…1, `[h, w]` row-major) onto a canvas, one cell per pixel. */
export function paintGray(
  canvas: HTMLCanvasElement,
  data: ArrayLike<number>,
  h: number,
  w: number,
) {
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d')!;
  const img = ctx.createImageData(w, h);
  for (let i = 0; i < h * w; i++) {
    const v = Math.round(Math.min(Math.max(data[i]!, 0), 1) * 255);
    img.data.set([v, v, v, 255], 4 * i);
  }
  ctx.putImageData(img, 0, 0);
}
