/**
 * The app database of the read model for workflow tests: an in-memory PGlite with the app's own
 * migrations, and the store the worker writes through (db/projection/store.ts).
 */
import { openPglite, type Db } from '../db/adapter.js';
import { migrate } from '../db/migrate.js';
import { createProjectionStore, type AppProjectionStore } from '../db/projection/store.js';

export interface ProjectionDb {
  db: Db;
  store: AppProjectionStore;
  /** Who may act on the task now, as the inbox reads it: users and `ROLE@unit` grants. */
  whoMayAct(caseId: string, taskId: string): Promise<{ actors: string[]; roles: string[] } | undefined>;
  close(): Promise<void>;
}

export async function projectionDb(): Promise<ProjectionDb> {
  const db = await openPglite('memory://');
  await migrate(db);
  return {
    db,
    store: createProjectionStore(db),
    async whoMayAct(caseId, taskId) {
      const rows = await db.query<{ actors: string[]; roles: string[] }>('SELECT actors, roles FROM proj_tasks WHERE case_id = $1 AND task_id = $2', [caseId, taskId]);
      return rows[0];
    },
    close: () => db.close(),
  };
}
