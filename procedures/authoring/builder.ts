/**
 * A small authoring helper for the built-in procedures. The procedures ship as JSON
 * (`procedures/<key>.json`, what the engine, the API and the designer load); these builders are
 * how that JSON was written, so node positions follow one grid and edge ids stay unique.
 * Regenerate with `npx tsx procedures/authoring/build.ts`.
 */
import type {
  Deadline,
  DefinitionInput,
  Duration,
  DurationUnit,
  FieldDef,
  ParamDef,
  Provenance,
  Quorum,
  RoleDef,
  VoteRule,
  VoterGroup,
} from '../../dsl/schema.js';
import { RULE_PRESETS, type RulePresetKey } from '../../workflows/rules/rule-presets.js';
import { catalogueRole } from '../../dsl/roles.js';
import type { Operation } from '../../dsl/schema.js';
import { HAND_OFF_OPERATIONS, RETURN_RULES } from './hand-off.js';

/** A role the procedures may name by code alone: §7 of the domain rules (and 村民), from the one catalogue (dsl/roles.ts). */
const section7Role = (key: string) => {
  const r = catalogueRole(key);
  return r?.source === '§7' ? r : undefined;
};

type DeepMutable<T> = T extends string | number | boolean | undefined ? T : { -readonly [K in keyof T]: DeepMutable<T[K]> };

/** The vote-rule presets (workflows/rules/rule-presets.ts) as plain mutable values to embed in JSON. */
export const PRESETS = JSON.parse(JSON.stringify(RULE_PRESETS)) as DeepMutable<typeof RULE_PRESETS>;

type NodeInput = DefinitionInput['nodes'][number];
/** Omit that keeps the node union discriminated. */
type NodeWithoutPosition = NodeInput extends infer N ? (N extends unknown ? Omit<N, 'position'> : never) : never;
type EdgeInput = DefinitionInput['edges'][number];
type RoleLevel = NonNullable<RoleDef['level']>;

const COL = 240;
const ROW = 150;

export const days = (amount: number, param?: string): Duration => ({ amount, unit: 'calendarDays', ...(param ? { param } : {}) });
export const workDays = (amount: number, param?: string): Duration => ({ amount, unit: 'workingDays', ...(param ? { param } : {}) });
export const hours = (amount: number, param?: string): Duration => ({ amount, unit: 'hours', ...(param ? { param } : {}) });
export const dur = (amount: number, unit: DurationUnit, param?: string): Duration => ({ amount, unit, ...(param ? { param } : {}) });

/**
 * A deadline with the given provenance; reminders default to none. A [STAT] period is a ceiling
 * unless said otherwise: `max` defaults to the statutory duration itself (it may be shortened,
 * never lengthened — the validator's DEADLINE_ABOVE_CEILING).
 */
export function deadline(
  duration: Duration,
  opts: Partial<Omit<Deadline, 'duration'>> & { provenance: Provenance; source: string },
): Deadline {
  const max = opts.max ?? (opts.provenance === 'STAT' ? { amount: duration.amount, unit: duration.unit } : undefined);
  return {
    duration,
    ...(opts.anchor ? { anchor: opts.anchor } : {}),
    ...(max ? { max } : {}),
    ...(opts.min ? { min: opts.min } : {}),
    ...(opts.cap ? { cap: opts.cap } : {}),
    ...(opts.extensionOf ? { extensionOf: opts.extensionOf } : {}),
    reminders: opts.reminders ?? [],
    timeoutAction: opts.timeoutAction ?? 'escalate',
    warnAtFraction: opts.warnAtFraction ?? 0.8,
    ...(opts.escalateToRole ? { escalateToRole: opts.escalateToRole } : {}),
    ...(opts.returnTo ? { returnTo: opts.returnTo } : {}),
    source: opts.source,
    provenance: opts.provenance,
    ...(opts.maxExtension ? { maxExtension: opts.maxExtension } : {}),
    ...(opts.maxExtensions !== undefined ? { maxExtensions: opts.maxExtensions } : {}),
  };
}

const LEVEL_RANK: Record<RoleLevel, number> = { grid: 0, group: 1, village: 2, township: 3, county: 4 };

/**
 * Who 督办 an overdue task goes to when a deadline names no role (the validator's
 * ESCALATION_ROLE_MISSING): the first role of the procedure's ladder that sits above the level of
 * the task's assignee (procedures.md §0.4 交办 → 催办 → 督办 goes up the hierarchy). A task at the
 * top of the ladder has nobody above it: it is only flagged red and its assignees notified
 * (timeoutAction `none`).
 */
export const ESCALATION_LADDER: Record<string, string[]> = {
  'dangyuan-fazhan': ['TWN_DEP_SEC_ORG', 'COUNTY_ORG'],
  'diyi-shuji': ['TWN_SEC', 'COUNTY_ORG'],
  'dongtai-yujing': ['DM_STATION', 'DM_CENTER'],
  'sanjian-yishen': ['TWN_DEP_SEC_ORG', 'COUNTY_ORG'],
  'sanpiao-xuanju': ['COUNTY_ORG'],
  'sibu-xieshang': ['VIL_PARTY', 'TWN_LIAISON'],
  'wuyi-liangkai': ['TWN_LIAISON'],
  // 上一级信访部门督办 (信访工作条例 督查督办).
  xinfang: ['TWN_XF_LEADER', 'COUNTY_XF'],
};
/** For a procedure not in the ladder: the township's party secretary (第一责任人), then the county. */
const DEFAULT_LADDER = ['TWN_SEC', 'COUNTY_ORG'];

/**
 * A yes/no meeting vote under a named rule preset (quorum, pass rule and voter groups as the preset
 * has them): one place for the 村民会议 / 村民代表会议 / 罢免 … blocks every procedure repeats.
 */
export function presetVote(
  key: RulePresetKey,
  opts: { meetingType: string; tellerRole: string; scrutineerRole: string; voterRole?: string; secret?: boolean },
) {
  const p = PRESETS[key] as { groups?: VoterGroup[]; quorum?: Quorum; pass?: VoteRule };
  if (!p.pass) throw new Error(`preset ${key} has no pass rule`);
  return {
    mode: 'tally' as const,
    secret: opts.secret ?? true,
    meetingType: opts.meetingType,
    options: { type: 'yesNo' as const },
    ...(p.groups ? { groups: [...p.groups] } : {}),
    ...(p.quorum ? { quorum: p.quorum } : {}),
    pass: p.pass,
    tellerRole: opts.tellerRole,
    scrutineerRole: opts.scrutineerRole,
    ...(opts.voterRole ? { voterRole: opts.voterRole } : {}),
  };
}

/** T−5 days and T−1 day (信访 §4.5 [DEFAULT]). */
export const REMIND_5_1: Duration[] = [days(5), days(1)];

export function action(name: string, label: string, opts: { approve?: boolean; requireComment?: boolean } = {}) {
  return { name, label, approve: opts.approve ?? true, requireComment: opts.requireComment ?? false };
}

export class DefinitionBuilder {
  private readonly roles: RoleDef[] = [];
  private readonly fields: FieldDef[] = [];
  private readonly params: ParamDef[] = [];
  private readonly nodes: NodeInput[] = [];
  private readonly edges: EdgeInput[] = [];
  private readonly edgeIds = new Set<string>();
  private starters?: string[];
  private subject?: string;

  constructor(
    private readonly meta: { key: string; title: string; description: string; category: string; summaryFields?: string[] },
  ) {}

  /** Declare catalogue roles (dsl/roles.ts) by key; `extra` declares a role outside the catalogue. */
  role(key: string, extra?: { name: string; level?: RoleLevel; description?: string }): this {
    if (this.roles.some((r) => r.key === key)) return this;
    const cat = section7Role(key);
    const def = extra ?? cat;
    if (!def) throw new Error(`role ${key} is neither in the §7 catalogue nor declared`);
    this.roles.push({ key, name: def.name, ...(def.level ? { level: def.level } : {}), ...(extra?.description ? { description: extra.description } : {}) });
    return this;
  }

  /** Roles that may start a case (发起), as the statute or seed names them; declared as roles too. */
  starterRoles(...keys: string[]): this {
    keys.forEach((k) => this.role(k));
    this.starters = keys;
    return this;
  }

  /** The `person` field naming the citizen the case is about: they see it as their own. */
  subjectField(key: string): this {
    this.subject = key;
    return this;
  }

  roleList(...keys: string[]): this {
    keys.forEach((k) => this.role(k));
    return this;
  }

  field(key: string, label: string, type: FieldDef['type'], opts: Partial<Omit<FieldDef, 'key' | 'label' | 'type'>> = {}): this {
    this.fields.push({ key, label, type, required: false, sensitive: false, ...opts });
    return this;
  }

  select(key: string, label: string, options: [string, string][], opts: Partial<Omit<FieldDef, 'key' | 'label' | 'type' | 'options'>> = {}): this {
    return this.field(key, label, 'select', { ...opts, options: options.map(([value, l]) => ({ value, label: l })) });
  }

  param(p: ParamDef): this {
    if (p.provenance === 'UNCERTAIN' && !p.note) throw new Error(`UNCERTAIN param ${p.key} needs a note`);
    this.params.push(p);
    return this;
  }

  /** Add a node at grid cell (col,row): x = col·240, y = row·150. */
  node(n: NodeWithoutPosition, col: number, row: number): this {
    this.nodes.push({ ...n, position: { x: col * COL, y: row * ROW } } as NodeInput);
    return this;
  }

  edge(from: string, to: string, opts: Partial<Omit<EdgeInput, 'from' | 'to' | 'id'>> = {}): this {
    let id = `${from}--${to}`;
    for (let i = 2; this.edgeIds.has(id); i += 1) id = `${from}--${to}-${i}`;
    if (id.length > 64) id = `e${this.edges.length + 1}`;
    this.edgeIds.add(id);
    this.edges.push({ id, from, to, default: false, ...opts });
    return this;
  }

  private roleLevel(key: string | undefined): number {
    const level = key === undefined ? undefined : (this.roles.find((r) => r.key === key)?.level ?? section7Role(key)?.level);
    return level === undefined ? LEVEL_RANK.village : LEVEL_RANK[level];
  }

  /** Fill in the 督办 role of deadlines that escalate without one (see ESCALATION_LADDER). */
  private assignEscalation(): void {
    const ladder = ESCALATION_LADDER[this.meta.key] ?? DEFAULT_LADDER;
    for (const n of this.nodes) {
      if (n.kind !== 'task' && n.kind !== 'vote' && n.kind !== 'publicity') continue;
      const dl = n.deadline;
      if (!dl || (dl.timeoutAction ?? 'escalate') !== 'escalate' || dl.escalateToRole) continue;
      const own = this.roleLevel(n.assignment.type === 'role' ? n.assignment.role : undefined);
      const up = ladder.find((r) => this.roleLevel(r) > own);
      if (up) this.role(up);
      // A fresh object: one deadline value may be shared by several nodes with different assignees.
      n.deadline = up ? { ...dl, escalateToRole: up } : { ...dl, timeoutAction: 'none' };
    }
  }

  /**
   * Hand-off (authoring/hand-off.ts): 转办 and 委托 on every task and vote, 拿回 on every task, 退回 to
   * the previous step where practice allows it.
   */
  private enableHandOff(): void {
    const returns = RETURN_RULES[this.meta.key] ?? {};
    for (const id of Object.keys(returns)) if (!this.nodes.some((n) => n.id === id)) throw new Error(`${this.meta.key}: 退回 rule for unknown node ${id}`);
    for (const n of this.nodes) {
      if (n.kind !== 'task' && n.kind !== 'vote') continue;
      const ops = new Set<Operation>(n.operations ?? ['comment', 'urge']);
      HAND_OFF_OPERATIONS.forEach((o) => ops.add(o));
      if (n.kind === 'task') ops.add('takeBack');
      const rule = returns[n.id];
      if (rule) {
        ops.add('return');
        n.returnTargets = [...new Set([...(n.returnTargets ?? []), ...rule.to])];
      }
      n.operations = [...ops];
    }
  }

  build(): DefinitionInput {
    this.assignEscalation();
    this.enableHandOff();
    return {
      key: this.meta.key,
      version: 1,
      schemaVersion: 1,
      title: this.meta.title,
      description: this.meta.description,
      category: this.meta.category,
      roles: this.roles,
      fields: this.fields,
      params: this.params,
      nodes: this.nodes,
      edges: this.edges,
      summaryFields: this.meta.summaryFields ?? [],
      ...(this.starters ? { starterRoles: this.starters } : {}),
      ...(this.subject ? { subjectField: this.subject } : {}),
    };
  }
}
