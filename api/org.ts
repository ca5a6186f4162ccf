/** The org tree and the role catalogue. */
import { z } from 'zod';
import { OrgLevelSchema } from '../dsl/org.js';

export const OrgUnitSchema = z.object({
  id: z.string(),
  name: z.string(),
  level: OrgLevelSchema,
  parentId: z.string().nullable(),
});
export type OrgUnit = z.infer<typeof OrgUnitSchema>;

/** One entry of `GET /api/roles` (dsl/roles.ts); level `any` for roles held in any unit. */
export const RoleInfoSchema = z.object({ code: z.string(), name: z.string(), level: z.string() });
export type RoleInfo = z.infer<typeof RoleInfoSchema>;
