import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";

/**
 * PGlite is one process's database: two processes on one folder silently lose writes.
 * The server holds `server.lock` in the data folder (pid and URL); writers check it.
 */
export interface LockInfo {
  pid: number;
  url: string;
  startedAt: string;
}

export function lockPath(dataDir: string): string {
  return join(dataDir, "server.lock");
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Who holds the data folder now, if a live process does. A stale lock (dead pid) counts as free. */
export function readLock(dataDir: string): LockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(lockPath(dataDir), "utf8")) as LockInfo;
    return alive(info.pid) ? info : undefined;
  } catch {
    return undefined;
  }
}

export class DataDirLockedError extends Error {
  readonly code = "data_dir_locked";
  constructor(
    readonly dataDir: string,
    readonly holder: LockInfo,
  ) {
    super(
      holder.url.startsWith("cli:")
        ? `The embedded database in ${dataDir} is in use by \`panier ${holder.url.slice(4)}\` (pid ${holder.pid}). ` +
            "Wait for it to finish, then try again."
        : `The embedded database in ${dataDir} is in use by a Panier server (pid ${holder.pid}, ${holder.url}). ` +
            "Stop it, or send the change through its admin API.",
    );
  }
}

/** Takes the lock or throws DataDirLockedError; returns the release function. */
export function acquireLock(dataDir: string, url: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = lockPath(dataDir);
  const holder = readLock(dataDir);
  if (holder && holder.pid !== process.pid) throw new DataDirLockedError(dataDir, holder);
  rmSync(path, { force: true });
  // "wx" fails if another process created the file between our check and now.
  let fd: number;
  try {
    fd = openSync(path, "wx", 0o600);
  } catch {
    const winner = readLock(dataDir);
    if (winner) throw new DataDirLockedError(dataDir, winner);
    throw new Error(`Cannot create ${path}`);
  }
  writeSync(fd, JSON.stringify({ pid: process.pid, url, startedAt: new Date().toISOString() }));
  closeSync(fd);
  return () => {
    const current = readLock(dataDir);
    if (current?.pid === process.pid) rmSync(path, { force: true });
  };
}

/** Records where the holder serves once it knows (a server started on port 0 learns it on listen). */
export function updateLockUrl(dataDir: string, url: string): void {
  const current = readLock(dataDir);
  if (current?.pid !== process.pid) return;
  writeFileSync(lockPath(dataDir), JSON.stringify({ ...current, url }), { mode: 0o600 });
}
