/**
 * The domain vocabulary of who acts where (pure zod, safe in the workflow sandbox and the browser):
 * org levels, a role held within an org unit, the acting person, and a case's org chain.
 * Imported by dsl, workflows, activities, server, CLI and web — written nowhere else.
 */
import { z } from 'zod';

/** The levels of the org tree, top down: 县 › 乡镇 › 村 › 村民小组 › 网格. */
export const ORG_LEVELS = ['county', 'township', 'village', 'group', 'grid'] as const;
export const OrgLevelSchema = z.enum(ORG_LEVELS);
export type OrgLevel = z.infer<typeof OrgLevelSchema>;

/** A role held within an org unit, e.g. {role:'VIL_COMM', orgUnit:'v-xiaocun'}. */
export const RoleGrantSchema = z.object({ role: z.string().min(1).max(64), orgUnit: z.string().min(1).max(64) });
export type RoleGrant = z.infer<typeof RoleGrantSchema>;

/** Who is acting. The server authenticates and passes this; the validators re-check it. */
export const ActorSchema = z.object({
  userId: z.string().min(1).max(64),
  name: z.string().max(100).optional(),
  grants: z.array(RoleGrantSchema).max(200).default([]),
  /** System actions (timers, the engine itself) use userId 'system'. */
});
export type Actor = z.infer<typeof ActorSchema>;

/** The org unit chain of the case's unit, nearest first: [village, township, county]. */
export const OrgContextSchema = z.object({
  unit: z.string().min(1).max(64),
  /** Ancestors, nearest first (parent, then grandparent …). */
  ancestors: z.array(z.string().min(1).max(64)).max(10).default([]),
  /** Ids by level, for scopes `township` and `county`. */
  township: z.string().max(64).optional(),
  county: z.string().max(64).optional(),
});
export type OrgContext = z.infer<typeof OrgContextSchema>;
