import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

// The embedded default: real PostgreSQL (PGlite, compiled to WASM) in this process, served on a
// loopback port so TypeORM's ordinary `pg` driver talks to it (ADR 0001). PGlite is one session, so
// the app uses a single pooled connection; transactions are serialised.

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
function lockDataDir(dataDir: string): () => void {
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

export async function openEmbeddedDatabase(dataDir: string | null): Promise<EmbeddedDatabase> {
  let unlock = () => {};
  let pgDir: string | undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
    pgDir = join(dataDir, 'pgdata');
  }
  try {
    const db = await PGlite.create(pgDir ? { dataDir: pgDir } : {});
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 8 });
    await server.start();
    const url = `postgres://postgres@${server.getServerConn()}/postgres`;
    return {
      url,
      async close() {
        await server.stop();
        await db.close();
        unlock();
      },
    };
  } catch (e) {
    unlock();
    throw e;
  }
}
