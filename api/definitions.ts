/** The definition store: list, versions, draft, validate, publish, diff, import/export. */
import { z } from 'zod';
import type { Definition } from '../dsl/schema.js';
import type { DefinitionDiff as DslDefinitionDiff } from '../dsl/diff.js';
import { openObject, typedAs } from './common.js';
import { IdSchema } from '../dsl/schema.js';

export const DefinitionListItemSchema = z.object({
  key: z.string(),
  title: z.string(),
  category: z.string().nullable(),
  latestVersion: z.number().nullable(),
  hasDraft: z.boolean(),
  updatedAt: z.string(),
  /** Who last saved the draft, and who published the latest version (user ids): the list's 我的 filter. Designers only. */
  draftAuthor: z.string().nullable().optional(),
  publishedBy: z.string().nullable().optional(),
});
export type DefinitionSummary = z.infer<typeof DefinitionListItemSchema>;

/** A procedure the user may start, with the units where (its starterRoles). */
export const StartableDefinitionSchema = z.object({ key: z.string(), title: z.string(), category: z.string().nullable(), version: z.number(), units: z.array(z.object({ id: z.string(), name: z.string() })) });
export type StartableDefinition = z.infer<typeof StartableDefinitionSchema>;

export const VersionInfoSchema = z.object({ version: z.number(), publishedAt: z.string(), publishedBy: z.string().nullable(), changeNote: z.string().nullable() });
export type VersionSummary = z.infer<typeof VersionInfoSchema>;

/** One changed value (dsl/diff.ts): its path in the node, edge or definition, the old value and the new (absent on one side when added or removed). */
const ValueChangeSchema = z.object({ path: z.array(z.union([z.string(), z.number()])), from: z.unknown().optional(), to: z.unknown().optional() });
const NodeRefSchema = z.object({ id: z.string(), name: z.string(), kind: z.string() });
const EdgeRefSchema = z.object({ id: z.string(), from: z.string(), to: z.string(), label: z.string().optional(), outcome: z.string().optional() });
export const DefinitionDiffSchema = typedAs<DslDefinitionDiff>()(
  z.object({
    nodes: z.object({ added: z.array(NodeRefSchema), removed: z.array(NodeRefSchema), changed: z.array(NodeRefSchema.extend({ changes: z.array(ValueChangeSchema) })) }),
    edges: z.object({ added: z.array(EdgeRefSchema), removed: z.array(EdgeRefSchema), changed: z.array(EdgeRefSchema.extend({ changes: z.array(ValueChangeSchema) })) }),
    meta: z.array(ValueChangeSchema),
  }),
);
export type DefinitionDiff = DslDefinitionDiff;
export type { ValueChange } from '../dsl/diff.js';

/** A definition sent to the API: checked by dsl/validate.ts (422 with its issue paths), not here. */
export const DefinitionBody = z.record(z.string(), z.unknown()).describe('Definition (dsl/schema.ts DefinitionSchema)');

/** A definition as stored (dsl/schema.ts Definition); nodes and edges keep every field of their kind. */
export const DefinitionOutSchema = typedAs<Definition>()(
  openObject({
    key: z.string(),
    version: z.number(),
    title: z.string(),
    nodes: z.array(openObject({ id: z.string(), kind: z.string(), name: z.string().optional() })),
    edges: z.array(openObject({ id: z.string(), from: z.string(), to: z.string() })),
  }).describe('Definition (dsl/schema.ts)'),
);

export const ValidationIssueSchema = openObject({
  code: z.string(),
  message: z.string(),
  path: z.array(z.union([z.string(), z.number()])),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
  field: z.string().optional(),
  severity: z.enum(['error', 'warning']),
});
export type ValidationIssue = z.infer<typeof ValidationIssueSchema>;

export const SaveDraftResponse = z.object({ definition: DefinitionOutSchema, issues: z.array(ValidationIssueSchema) });
export const ValidateResponse = z.object({ valid: z.boolean(), issues: z.array(ValidationIssueSchema) });
export const PublishBody = z.object({ changeNote: z.string().trim().max(2000).default('') });
export const PublishResponse = z.object({ version: z.number() });
export const ImportResponse = z.object({ key: z.string(), draft: z.literal(true) });

/** 新建流程: a new key and title, blank or from a published procedure (the latest version unless one is named). */
export const CreateDefinitionBody = z.object({
  key: IdSchema,
  title: z.string().trim().min(1, { message: '请填写流程名称' }).max(200),
  template: z.object({ key: IdSchema, version: z.number().int().positive().optional() }).optional(),
});
export const CreateDefinitionResponse = z.object({ key: z.string(), draft: z.literal(true) });
