#!/usr/bin/env node
// The `dl` binary: runs the program, maps usage errors to exit code 2 and other failures to 1.
import { CommanderError } from 'commander';
import { keepWorkingWhenStdoutCloses } from './closed-stdout.js';
import { createProgram } from './program.js';

// `dl train | head -3`: a closed pipe stops the printing, not the run (see closed-stdout.ts).
keepWorkingWhenStdoutCloses();

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
