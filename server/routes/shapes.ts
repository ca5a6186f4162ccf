/** Response shapes shared by several routes (documented in the OpenAPI document). */
import { z } from 'zod';
import { RoleGrantSchema } from '../../workflows/types.js';
import { CAPABILITIES } from '../auth/roles.js';

export const MeSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  grants: z.array(RoleGrantSchema),
  capabilities: z.array(z.enum(CAPABILITIES)),
});

export const UserSchema = z.object({ id: z.string(), username: z.string(), name: z.string(), grants: z.array(RoleGrantSchema), disabled: z.boolean() });

export const OrgUnitSchema = z.object({
  id: z.string(),
  name: z.string(),
  level: z.enum(['county', 'township', 'village', 'group', 'grid']),
  parentId: z.string().nullable(),
});

export const CaseSummarySchema = z.object({
  caseId: z.string(),
  title: z.string(),
  procedure: z.string(),
  procedureTitle: z.string().optional(),
  version: z.number().nullable(),
  orgUnit: z.string(),
  orgUnitName: z.string().optional(),
  status: z.string(),
  health: z.string(),
  stage: z.string().nullable(),
  nextDueAt: z.string().nullable(),
  startedAt: z.string(),
  initiator: z.string().nullable(),
});

/** Case-id path parameter: workflow ids we issue are ASCII. */
export const CaseIdParam = z.string().min(1).max(200);
export const TaskIdParam = z.string().min(1).max(64);
export const UnitId = z.string().min(1).max(64);
