import { transformFile } from '@swc/core';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';

// The server as a separate process, for what only a process shows: signals, kill -9, a restart on the
// same files. Nest needs decorator metadata, which tsx does not emit (ADR 0006), and a full `tsc` build
// takes long on a loaded machine; so the sources are compiled with SWC and the same options the tests
// run under (.swcrc), file by file, into a private directory (about a second), once per test file.

const ROOT = resolve(import.meta.dirname, '../..');

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts'))
    .map((e) => join(e.parentPath, e.name));
}

export interface CompiledServer {
  mainPath: string;
  remove(): void;
}

export async function compileServer(): Promise<CompiledServer> {
  const out = mkdtempSync(join(tmpdir(), 'wne-server-'));
  // Bare imports resolve from the project's dependencies.
  symlinkSync(join(ROOT, 'node_modules'), join(out, 'node_modules'), 'dir');
  writeFileSync(join(out, 'package.json'), JSON.stringify({ type: 'module' }));
  const files = [...sourcesUnder(join(ROOT, 'src')), ...sourcesUnder(join(ROOT, 'migrations'))];
  await Promise.all(
    files.map(async (file) => {
      const { code } = await transformFile(file, {
        configFile: join(ROOT, '.swcrc'),
        sourceMaps: false,
      });
      const target = join(out, relative(ROOT, file)).replace(/\.ts$/, '.js');
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, code);
    }),
  );
  return {
    mainPath: join(out, 'src', 'main.js'),
    remove: () => rmSync(out, { recursive: true, force: true }),
  };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  output(): string;
  // Resolves with the exit code (or the signal's name).
  exited: Promise<number | string>;
}

// Starts `node main.js` with the given settings and waits until /health answers 200.
export async function startServer(
  server: CompiledServer,
  env: Record<string, string>,
  args: string[] = [],
  startTimeoutMs = 90_000,
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [server.mainPath, ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'warn',
      AUTH_TOKEN_SECRET: 'crash-test-secret-'.padEnd(40, 'x'),
      // Fixed keys, so no key file is generated into the working directory's data/.
      NOTES_KEY: 'system-test-notes-key-'.padEnd(40, 'x'),
      SURVEY_KEY: 'system-test-survey-key-'.padEnd(40, 'x'),
      ACCOUNTS_KEY: 'system-test-accounts-key-'.padEnd(40, 'x'),
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | string>((done) =>
    child.once('exit', (code, signal) => done(code ?? signal ?? -1)),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + startTimeoutMs;
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  while (!hasExited) {
    const ok = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return { child, baseUrl, output: () => output, exited };
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server did not start (exit ${await exited}):\n${output}`);
}
