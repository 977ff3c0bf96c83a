// Runs the emulator in a child process, so its buffers do not count against the memory
// of the process that measures transfers (memory test and benchmark).
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

export interface ChildEmulator {
  url: string;
  pid: number;
  close(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '..');

/** `extraArgs`: more emulator options (`--files-bulk`, `--files-processing-ms`…); a large seed needs a longer `startTimeoutMs`. */
export function startChildEmulator(apiKey: string, dataDir: string, extraArgs: string[] = [], startTimeoutMs?: number): Promise<ChildEmulator> {
  return startChildServer(
    'test/emulator/cli.ts',
    ['--port', '0', '--key', apiKey, '--data-dir', dataDir, ...extraArgs],
    /api\.audio emulator listening on (\S+)/,
    'the emulator',
    startTimeoutMs,
  );
}

/** Runs a TypeScript server script under tsx; resolves once it prints its URL (`pattern`'s group 1). */
export function startChildServer(script: string, args: string[], pattern: RegExp, name: string, startTimeoutMs = 20_000): Promise<ChildEmulator> {
  // `npx tsx …` without npx's startup cost: the same tsx CLI, run by this Node.
  const tsxCli = require.resolve('tsx/cli', { paths: [ROOT] });
  const child = spawn(process.execPath, [tsxCli, path.join(ROOT, script), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    let errors = '';
    const timer = setTimeout(() => fail(new Error(`${name} did not start within ${Math.round(startTimeoutMs / 1000)} s`)), startTimeoutMs);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      child.kill();
      reject(new Error(`${error.message}\n${errors}`));
    };
    child.stderr?.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`${name} exited (${code})`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ url: match[1], pid: child.pid ?? 0, close: () => stop(child) });
      }
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
