// Runs the real `dl` binary (src/main.ts through tsx, with the workspace's @dl/source condition).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const main = join(packageDir, 'src', 'main.ts');

export interface DlResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `dl ...args` to the end. `onStdout` sees the output as it arrives and may return true to
 * send SIGINT (Ctrl-C) to the process, once, or `'close'` to close the pipe it writes to (as
 * `| head` does when it has read enough).
 */
export function runDl(
  args: string[],
  onStdout?: (text: string) => boolean | 'close',
): Promise<DlResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@dl/source', '--import', 'tsx', main, ...args],
      {
        cwd: packageDir,
        env: { ...process.env, FORCE_COLOR: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const action = interrupted ? false : onStdout?.(stdout);
      if (action === 'close') {
        interrupted = true;
        child.stdout.destroy();
      } else if (action) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
