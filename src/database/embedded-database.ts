import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import {
  chmodSync,
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The embedded default: real PostgreSQL (PGlite, compiled to WASM) in this process, served so that
// TypeORM's ordinary `pg` driver talks to it (ADR 0001). PGlite is one session, so the app uses a
// single pooled connection; transactions are serialised.
//
// The wire protocol is served on a Unix socket in a directory only this OS user may enter (ADR 0020):
// the socket server has no authentication, so a loopback port let any local user in with any password.

export interface EmbeddedDatabase {
  url: string;
  close(): Promise<void>;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
  ) {
    super(
      `the data directory ${dataDir} is in use by process ${holderPid}; stop it, or set DATA_DIR to another directory`,
    );
    this.name = 'DataDirLockedError';
  }
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

// PGlite does not lock its directory, and a second process writing it loses data (shared/stack.md).
// An exclusive-create lock file holding our pid; a lock left by a dead process is taken over.
export function lockDataDir(dataDir: string): () => void {
  const lockPath = join(dataDir, 'engine.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(readFileSync(lockPath, 'utf8').trim());
      // Our own pid counts too: a second open in one process would be a second writer all the same.
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder))
        throw new DataDirLockedError(dataDir, holder);
      rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirLockedError(dataDir, -1);
}

// libpq's file name, so `psql -h <dir>` finds it too.
const SOCKET_NAME = '.s.PGSQL.5432';
// sockaddr_un holds 108 bytes on Linux (104 on macOS), terminator included.
const SOCKET_PATH_MAX = 100;

// A fresh 0700 directory for the socket: DATA_DIR/socket while we hold the lock (a leftover of a
// killed process is ours to replace), or a private temporary one when DATA_DIR is in memory or too
// deep for a socket path.
function socketDirectory(dataDir: string | null): { dir: string; remove: () => void } {
  const inDataDir = dataDir ? join(dataDir, 'socket') : null;
  const dir =
    inDataDir && join(inDataDir, SOCKET_NAME).length <= SOCKET_PATH_MAX
      ? inDataDir
      : mkdtempSync(join(tmpdir(), 'wne-pg-'));
  if (dir === inDataDir) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { mode: 0o700 });
  }
  chmodSync(dir, 0o700); // mkdir's mode is masked by the umask
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function openEmbeddedDatabase(dataDir: string | null): Promise<EmbeddedDatabase> {
  let unlock = () => {};
  let pgDir: string | undefined;
  if (dataDir) {
    // New directories are private: they hold every negotiation in clear.
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    unlock = lockDataDir(dataDir);
    pgDir = join(dataDir, 'pgdata');
  }
  let removeSocket = () => {};
  try {
    const socket = socketDirectory(dataDir);
    removeSocket = socket.remove;
    const db = await PGlite.create(pgDir ? { dataDir: pgDir } : {});
    const server = new PGLiteSocketServer({
      db,
      path: join(socket.dir, SOCKET_NAME),
      maxConnections: 8,
    });
    await server.start();
    const url = `postgres://postgres@${encodeURIComponent(socket.dir)}/postgres`;
    return {
      url,
      async close() {
        await server.stop();
        await db.close();
        removeSocket();
        unlock();
      },
    };
  } catch (e) {
    removeSocket();
    unlock();
    throw e;
  }
}
