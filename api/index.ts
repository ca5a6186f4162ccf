/**
 * The HTTP contract of Jiceng Flow: the zod schema of every request and response the web app and
 * other clients rely on. The server's route schemas and OpenAPI document come from here
 * (server/routes/*), and so do the web app's API types (`z.infer`) and its typed client
 * (designer/src/lib/api.ts). Split by domain; pure zod (no server or browser code).
 */
export * from './common.js';
export * from './auth.js';
export * from './org.js';
export * from './definitions.js';
export * from './migrations.js';
export * from './play.js';
export * from './cases.js';
export * from './inbox.js';
export * from './hand-off.js';
export * from './monitor.js';
export * from './notifications.js';
export * from './documents.js';
export * from './endpoints.js';
export * from './routes.js';
export * from './people-search.js';
