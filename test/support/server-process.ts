// The real `kembang` command line as a child process: run a one-off command, or start
// `serve` and wait until it says where it listens. Always loopback, always Node 24
// (process.execPath: the test runner itself runs on the pinned Node).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { TEST_PASSWORD } from '../helpers.ts';

const MAIN = path.join(import.meta.dirname, '..', '..', 'src', 'main.ts');

/** The environment of a child: ours, minus anything that would point it at another database or SSO. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(DATABASE_URL|KEMBANG_|PUBLIC_URL|OIDC_|PORT$|HOST$|TRUST_PROXY$)/.test(key)) delete env[key];
  }
  return { ...env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', KEMBANG_DEMO_PASSWORD: TEST_PASSWORD, ...extra };
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `kembang <args>` to the end (bounded by `timeoutMs`). */
export function runCli(args: string[], env: Record<string, string>, timeoutMs = 180_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kembang ${args.join(' ')} did not finish in ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  port: number;
  /** http://127.0.0.1:<port> */
  base: string;
  stdout(): string;
  stderr(): string;
  /** Settles when the process has exited (with its code or the signal that ended it). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `kembang serve` and resolves once it prints "Kembang is running at …". */
export function startServeProcess(env: Record<string, string>, timeoutMs = 240_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, [MAIN, 'serve'], { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kembang serve did not start in ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    const onData = () => {
      const match = /Kembang is running at http:\/\/[^:/\s]+:(\d+)/.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      const port = Number(match[1]);
      resolve({
        child,
        pid: child.pid!,
        port,
        base: `http://127.0.0.1:${port}`,
        stdout: () => stdout,
        stderr: () => stderr,
        exited,
      });
    };
    child.stdout!.on('data', onData);
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`kembang serve exited (code ${code}, signal ${signal}) before it was running\n${stdout}\n${stderr}`));
    });
  });
}

/** Stops a server process if it still runs (SIGKILL), and waits for it to be gone. */
export async function ensureStopped(server: ServerProcess | undefined): Promise<void> {
  if (!server) return;
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  await server.exited;
}

export interface HttpSession {
  cookie: string;
  csrf: string;
}

/** Signs in over real HTTP. */
export async function httpLogin(base: string, identifier: string, password = TEST_PASSWORD): Promise<HttpSession> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier, password }),
  });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`login as ${identifier} failed: ${res.status} ${body}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('kembang_session='));
  if (!cookie) throw new Error('no session cookie');
  return { cookie: cookie.split(';')[0], csrf: JSON.parse(body).csrfToken };
}
