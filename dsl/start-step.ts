/**
 * Starting a case as DingTalk does (pure, shared by the API and the start dialog): the first step
 * whose form is filled in at start, the title derived from what was filled in, and the org level
 * a case of the procedure lives at (so only units of that level are offered).
 */
import type { OrgLevel } from './org.js';
import { catalogueRole } from './roles.js';
import type { Definition, FieldDef, NodeOf } from './schema.js';

/**
 * The first human step after the start, following the only (or default) way through gateways and
 * automatic steps; undefined when the case splits or waits before any task.
 */
export function startStep(def: Definition): NodeOf<'task'> | undefined {
  let at = def.nodes.find((n) => n.kind === 'start')?.id;
  const seen = new Set<string>();
  while (at && !seen.has(at)) {
    seen.add(at);
    const out = def.edges.filter((e) => e.from === at);
    const edge = out.length === 1 ? out[0] : out.find((e) => e.default);
    const next = edge ? def.nodes.find((n) => n.id === edge.to) : undefined;
    if (!next) return undefined;
    if (next.kind === 'task') return next;
    if (next.kind === 'gateway' && next.gateway === 'exclusive') at = next.id;
    else if (next.kind === 'service' && next.action !== 'notice') at = next.id;
    else return undefined;
  }
  return undefined;
}

/** The first step is the starter's own (assigned to the initiator): filling it in at start completes it. */
export function startStepIsStarters(def: Definition): boolean {
  return startStep(def)?.assignment.type === 'initiator';
}

/** Fields of the start form, in the step's order. */
export function startFields(def: Definition): FieldDef[] {
  const step = startStep(def);
  return (step?.form ?? []).map((k) => def.fields.find((f) => f.key === k)).filter((f): f is FieldDef => f !== undefined);
}

const text = (v: unknown): string | undefined => {
  if (typeof v === 'string' && v.trim()) return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
};

/**
 * The case title from the start form: the definition's summary fields (事项名称 …) that were filled
 * in, joined; else the first filled text field of the start form. Undefined when nothing fits.
 */
export function deriveTitle(def: Definition, data: Record<string, unknown>): string | undefined {
  const labelled = (key: string) => {
    const f = def.fields.find((x) => x.key === key);
    const v = data[key];
    if (f?.type === 'select') return f.options?.find((o) => o.value === v)?.label;
    return text(v);
  };
  const fromSummary = def.summaryFields.map(labelled).filter((v): v is string => !!v);
  const first = startFields(def).find((f) => (f.type === 'text' || f.type === 'longText') && !f.sensitive && text(data[f.key]));
  const title = fromSummary.length ? fromSummary.join(' · ') : first ? text(data[first.key]) : undefined;
  if (!title) return undefined;
  const oneLine = title.replace(/\s+/g, ' ');
  return oneLine.length > 60 ? `${oneLine.slice(0, 59)}…` : oneLine;
}

/**
 * The org levels a case of this procedure lives at: the levels of the roles its steps look up in
 * the case's own unit (scope `case`). Empty when no step does (the case lives where its starter works).
 */
export function caseLevels(def: Definition): Set<OrgLevel> {
  const out = new Set<OrgLevel>();
  for (const n of def.nodes) {
    if (!('assignment' in n) || n.assignment.type !== 'role' || (n.assignment.scope ?? 'case') !== 'case') continue;
    const role = n.assignment.role;
    const level = def.roles.find((r) => r.key === role)?.level ?? catalogueRole(role)?.level;
    if (level) out.add(level);
  }
  return out;
}
