#!/usr/bin/env node
// The `dl` command. This small file is in the repository (not built), so that `pnpm install` can link
// `node_modules/.bin/dl` before anything is compiled; it loads the compiled program from dist/.
import { existsSync } from 'node:fs';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write(
    'dl: the command is not built yet; expected packages/cli/dist/main.js. Run `pnpm build` first.\n',
  );
  process.exit(1);
}
await import(main.href);
