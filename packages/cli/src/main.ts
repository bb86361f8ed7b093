#!/usr/bin/env node
// The `dl` binary: runs the program, maps usage errors to exit code 2 and other failures to 1.
import { CommanderError } from 'commander';
import { createProgram } from './program.js';

// `dl show | head`: a closed pipe ends the program quietly, as for other command-line tools.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

try {
  await createProgram().parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    const ok = error.code === 'commander.helpDisplayed' || error.code === 'commander.version';
    process.exitCode = ok ? 0 : 2;
  } else {
    process.stderr.write(`dl: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
