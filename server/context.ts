/** Everything a route handler needs, created once by startServer. */
import type { Logger } from 'pino';
import type { Db } from '../db/adapter.js';
import type { OrgTree } from './org/org-tree.js';
import type { TemporalHandle } from '../temporal/client.js';
import type { NotifyChannel } from '../dsl/notify-channels.js';
import type { PdfRenderer } from './documents/pdf.js';

export interface AppContext {
  db: Db;
  /** Reloaded after an admin edits the tree. */
  org: { tree: OrgTree; reload(): Promise<void> };
  temporal: TemporalHandle;
  log: Logger;
  /** Base URL of the Temporal Web UI, for links to a case. */
  temporalUiUrl: string;
  /** How long a state query may take before the case is reported unavailable (503 CASE_UNAVAILABLE). */
  queryTimeoutMs: number;
  /** How many open cases the monitor board counts at most (it lists them; above this it says it is partial). */
  boardLimit: number;
  /** Mark cookies `Secure` (the deployment is served over HTTPS): env JICENG_COOKIE_SECURE. */
  cookieSecure: boolean;
  /** The notification channels this deployment has configured (env JICENG_CHANNELS): offered in the settings. */
  notifyChannels: ReadonlySet<NotifyChannel>;
  /** Renders documents to PDF (server/documents/pdf.ts); closed with the server. */
  pdf: PdfRenderer;
}
