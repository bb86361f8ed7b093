/**
 * A one-script page for browser checks and benchmarks: `source` (TypeScript that may import the
 * packages) is bundled by esbuild for the browser and served on 127.0.0.1 at `/`, cross-origin
 * isolated when asked (COOP + COEP headers, so that SharedArrayBuffer and shared WebAssembly
 * memory exist and the kernels may use Web Workers).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const docsDir = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface ScratchPage {
  /** The page's address (`/` plain, `/isolated` cross-origin isolated). */
  url: string;
  close(): void;
}

/**
 * Serves a page running `source`, plus `files` (path → bytes) for it to fetch.
 *
 * @param source - module text, resolved from docs/
 * @param files - more files, by path, e.g. `{ '/data.bin': bytes }`
 */
export async function serveScratchPage(
  source: string,
  files: Record<string, Uint8Array> = {},
): Promise<ScratchPage> {
  const bundled = await build({
    stdin: { contents: source, resolveDir: docsDir, loader: 'ts' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    conditions: ['@dl/source'],
    minify: true, // as a learner's app would ship (and the helpers' program must survive it)
    write: false,
    logLevel: 'warning',
  });
  const script = bundled.outputFiles[0]!.text;
  const html =
    '<!doctype html><meta charset="utf-8"><title>scratch</title><script type="module" src="/page.js"></script>';
  const server: Server = createServer((req, res) => {
    const path = req.url?.split('?')[0] ?? '/';
    const isolated = path.startsWith('/isolated') || req.headers.referer?.includes('/isolated');
    if (isolated) {
      res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
      res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    }
    if (path === '/page.js') {
      res.setHeader('Content-Type', 'text/javascript');
      res.end(script);
    } else if (files[path]) {
      res.setHeader(
        'Content-Type',
        path.endsWith('.wasm') ? 'application/wasm' : 'application/octet-stream',
      );
      res.end(files[path]);
    } else if (path === '/' || path === '/isolated') {
      res.setHeader('Content-Type', 'text/html');
      res.end(html);
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}
