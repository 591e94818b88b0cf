// `npm start` as a child process, for tests of start-up refusals: run src/main.ts with an environment and
// collect its exit code and stderr. Were it to start, it would serve until killed, so it is killed after a
// while and the test fails on the exit code instead of hanging.
import { spawn } from 'node:child_process';

export async function runMainUntilExit(
  env: Record<string, string | undefined>,
  timeoutMs = 15_000,
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const kill = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearTimeout(kill);
  return { code, stderr };
}
