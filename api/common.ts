/**
 * Shapes every part of the HTTP contract uses: the one error body, ids in paths, 204.
 * Pure zod: imported by the server (route schemas, OpenAPI) and by the web app (types, client).
 */
import { z } from 'zod';
import { HEALTH_LEVELS } from './routes.js';

/**
 * An object that documents the fields callers rely on and lets the rest through (typed without an
 * index signature, so the engine's interfaces — CaseState, TaskRecord … — satisfy it).
 */
export const openObject = <T extends z.ZodRawShape>(shape: T) => z.looseObject(shape) as unknown as z.ZodObject<T>;

/**
 * A documented open object whose full type is an engine interface (CaseState, Definition …): the
 * serializer checks the documented fields, the web app gets the whole type.
 */
export const typedAs = <T>() => <S extends z.ZodType>(schema: S) => schema as unknown as z.ZodType<T, z.input<S>>;

/** One issue of a 422: where (a path into the request) and what (zh-CN). */
export const ApiIssueSchema = openObject({ path: z.array(z.union([z.string(), z.number()])), message: z.string() });
export type ApiIssue = z.infer<typeof ApiIssueSchema>;

/** The one error body of the API. */
export const ErrorSchema = z
  .object({
    code: z.string().describe('稳定的错误代码，如 NOT_FOUND、TASK_NOT_OPEN、VALIDATION'),
    message: z.string().describe('中文说明'),
    issues: z.array(ApiIssueSchema).optional(),
  })
  .describe('错误 {code, message, issues?}');
export type ApiErrorBody = z.infer<typeof ErrorSchema>;

/** 204 No Content. */
export const NoContent = z.null().describe('无内容');

/** Case-id path parameter: workflow ids we issue are ASCII. */
export const CaseIdParam = z.string().min(1).max(200);
export const TaskIdParam = z.string().min(1).max(64);
export const UnitId = z.string().min(1).max(64);
export const UserIdParam = z.string().min(1).max(64);
/** A definition version in a path or query. */
export const VersionNumber = z.coerce.number().int().positive().max(2_147_483_647);

/** Page size of list answers. */
export const PageSize = z.coerce.number().int().min(1, { message: '每页至少 1 条' }).max(200, { message: '每页最多 200 条' }).default(50);
/** Free-text search (case titles, a case id). */
export const SearchText = z.string().trim().max(100, { message: '搜索内容最多 100 个字' });
export const SortOrder = z.enum(['asc', 'desc']);

export const HealthSchema = z.enum(HEALTH_LEVELS);
export const CaseStatusSchema = z.enum(['running', 'suspended', 'completed', 'withdrawn', 'terminated', 'failed']);
