import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * Renders a Vega-Lite specification headlessly: Vega draws the SVG, resvg turns it into a PNG.
 *
 * @param spec - the Vega-Lite specification, with its data inline
 * @returns the SVG document and the PNG bytes
 * @throws Error when Vega or resvg fails to render
 */
export async function renderSpec(spec: TopLevelSpec): Promise<{ svg: string; png: Uint8Array }> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  const png = new Resvg(svg, {
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  })
    .render()
    .asPng();
  return { svg, png: new Uint8Array(png) };
}
