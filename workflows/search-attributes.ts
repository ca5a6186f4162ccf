/**
 * Custom search attributes, within SQL visibility limits per namespace
 * (Keyword 10, KeywordList 3, Datetime 3, Int 3, Bool 3, Double 3, Text 3; no ORDER BY).
 * Registered by the launcher and the test harness; upserted by the interpreter.
 */
import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair } from '@temporalio/common';

export const SA = {
  /** Definition key, e.g. `xinfang`. */
  procedure: defineSearchAttributeKey('JcProcedure', SearchAttributeType.KEYWORD),
  definitionVersion: defineSearchAttributeKey('JcDefinitionVersion', SearchAttributeType.INT),
  /** The case's own org unit. */
  orgUnit: defineSearchAttributeKey('JcOrgUnit', SearchAttributeType.KEYWORD),
  /** The org unit and its ancestors: lets a township supervisor list its whole subtree. */
  orgPath: defineSearchAttributeKey('JcOrgPath', SearchAttributeType.KEYWORD_LIST),
  /** Users who may act on an open task now (assigned, claimed, delegated). */
  assignees: defineSearchAttributeKey('JcAssignees', SearchAttributeType.KEYWORD_LIST),
  /** `ROLE@orgUnit` grants whose holders may claim an open task now. */
  candidateRoles: defineSearchAttributeKey('JcCandidateRoles', SearchAttributeType.KEYWORD_LIST),
  /** Earliest due time of an open task. */
  nextDue: defineSearchAttributeKey('JcNextDue', SearchAttributeType.DATETIME),
  /** green | yellow | red */
  health: defineSearchAttributeKey('JcHealth', SearchAttributeType.KEYWORD),
  /** Stage label(s) of the current node(s). */
  stage: defineSearchAttributeKey('JcStage', SearchAttributeType.KEYWORD),
  /** running | suspended | completed | withdrawn | terminated */
  status: defineSearchAttributeKey('JcStatus', SearchAttributeType.KEYWORD),
  /** Business outcome once ended (e.g. adopted, rejected). */
  outcome: defineSearchAttributeKey('JcOutcome', SearchAttributeType.KEYWORD),
  initiator: defineSearchAttributeKey('JcInitiator', SearchAttributeType.KEYWORD),
  /**
   * No longer written (issue 14: titles are personal data; they live in the encrypted memo and the
   * app database). Kept registered for cases started before, which still carry it.
   */
  title: defineSearchAttributeKey('JcTitle', SearchAttributeType.TEXT),
  /** Last time the case made progress (a task done, a node entered): for the stuck list. */
  lastProgress: defineSearchAttributeKey('JcLastProgress', SearchAttributeType.DATETIME),
  /** Count of overdue open tasks. */
  overdueCount: defineSearchAttributeKey('JcOverdueCount', SearchAttributeType.INT),
} as const;

/** `name=Type` pairs for `temporal server start-dev --search-attribute`. */
export function searchAttributeFlags(): string[] {
  const cli: Record<string, string> = {
    KEYWORD: 'Keyword',
    KEYWORD_LIST: 'KeywordList',
    INT: 'Int',
    DATETIME: 'Datetime',
    TEXT: 'Text',
    BOOL: 'Bool',
    DOUBLE: 'Double',
  };
  return Object.values(SA).map((k) => `${k.name}=${cli[k.type] ?? 'Keyword'}`);
}

/**
 * The search attributes a case starts with (temporal/case-start.ts, used by the API, the CLI and the
 * fuzzer): what the Temporal UI shows operators — ids, codes, status; no title or name (issue 14).
 * Everything a screen shows lives in the read model (server/projection).
 */
export function operatorAttributes(def: { key: string; version: number }, org: { unit: string; ancestors: string[] }): SearchAttributePair[] {
  return [
    { key: SA.procedure, value: def.key },
    { key: SA.definitionVersion, value: def.version },
    { key: SA.orgUnit, value: org.unit },
    { key: SA.orgPath, value: [...new Set([org.unit, ...org.ancestors])] },
    { key: SA.status, value: 'running' },
    { key: SA.health, value: 'green' },
  ];
}

export const TASK_QUEUE = 'jiceng-flow';
