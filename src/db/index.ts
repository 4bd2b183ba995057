export {
  openDatabase,
  type Database,
  type DatabaseOptions,
  type Orm,
  type RawExec,
  type Schema,
} from "./client.js";
export { runMigrations, migrationFiles } from "./migrate.js";
export { acquireLock, readLock, lockPath, updateLockUrl, DataDirLockedError, type LockInfo } from "./lock.js";
export * as tables from "./schema/index.js";
export { testDatabaseBackends, disposeTestDatabase, type TestBackend } from "./testing.js";
