/**
 * Static checks of vote rules (domain/procedures.md §0.2, §3.3). A rule reads
 * `count op (num/den)·base`; the count (赞成票, 到会人数) never exceeds its base, which is what
 * makes some rules impossible and others trivially true.
 */
import type { IssueSink } from './validate-issues.js';
import { serviceWrites, type NodeOf, type ParamDef, type VoteRule } from './schema.js';
import { marginPercent, minCandidates } from './margin.js';

export type RuleOp = '>' | '>=';
export interface Threshold {
  op: RuleOp;
  num: number;
  den: number;
}

const OP_TEXT: Record<RuleOp, string> = { '>': '超过', '>=': '达到或超过' };
export const thresholdText = (t: Threshold) => `${OP_TEXT[t.op]} ${t.num}/${t.den}`;

/**
 * Can `count op (num/den)·base` ever hold with 0 < count ≤ base? `> k` needs k < 1;
 * `≥ k` needs k ≤ 1 (民法典 §1259: 以上 includes the number, 超过 excludes it).
 */
export function thresholdCanHold(t: Threshold): boolean {
  return t.op === '>' ? t.num < t.den : t.num <= t.den;
}

/** `≥ 0` holds for every count, even none: a rule that decides nothing. */
export function thresholdIsTrivial(t: Threshold): boolean {
  return t.op === '>=' && t.num === 0;
}

/**
 * Is `rule` at least as strict as `floor`? Higher fraction is stricter; at the same fraction
 * `>` (超过) is stricter than `≥` (以上).
 */
export function thresholdAtLeast(rule: Threshold, floor: Threshold): boolean {
  const lhs = rule.num * floor.den;
  const rhs = floor.num * rule.den;
  if (lhs !== rhs) return lhs > rhs;
  return !(rule.op === '>=' && floor.op === '>');
}

const BASE_TEXT: Record<VoteRule['base'], string> = { entitled: '应到', present: '实到', cast: '投票数', all: '全体' };

function paramFraction(params: ParamDef[], key: string | undefined): { num: number; den: number } | undefined {
  if (!key) return undefined;
  const p = params.find((x) => x.key === key);
  const d = p?.default;
  return d && typeof d === 'object' ? d : undefined;
}

/** Checks one rule (pass or quorum) at `sub` inside node `index`. */
function checkRule(
  sink: IssueSink,
  index: number,
  label: string,
  rule: VoteRule,
  sub: (string | number)[],
  kind: 'pass' | 'quorum',
  groupKeys: Set<string>,
): void {
  const field = sub.join('.');
  const what = kind === 'pass' ? '通过规则' : '法定人数规则';
  // Quorum counts attendance: against 投票数 it is not bounded by its base, so no static verdict.
  const bounded = !(kind === 'quorum' && rule.base === 'cast');
  if (bounded && !thresholdCanHold(rule)) {
    const why = rule.op === '>' ? `人数不可能超过${BASE_TEXT[rule.base]}人数的 ${rule.num}/${rule.den}` : `人数不可能达到${BASE_TEXT[rule.base]}人数的 ${rule.num}/${rule.den}`;
    sink.node(
      index,
      kind === 'pass' ? 'VOTE_RULE_IMPOSSIBLE' : 'VOTE_QUORUM_IMPOSSIBLE',
      `表决${label}的${what}「${thresholdText(rule)}（${BASE_TEXT[rule.base]}）」永远无法满足：${why}。请把比例改为不超过 1（如“过半数”= 超过 1/2）`,
      { sub, field },
    );
  } else if (bounded && thresholdIsTrivial(rule)) {
    sink.node(index, 'VOTE_RULE_TRIVIAL', `表决${label}的${what}「${thresholdText(rule)}」对任何票数都成立，等于没有要求，请确认`, { sub, field, severity: 'warning' });
  }
  if (rule.floor && !thresholdAtLeast(rule, rule.floor)) {
    sink.node(
      index,
      'VOTE_BELOW_FLOOR',
      `表决${label}的${what}「${thresholdText(rule)}」低于法定标准「${thresholdText(rule.floor)}」${rule.source ? `（${rule.source}）` : ''}，不得低于法定标准，只能更严`,
      { sub, field },
    );
  }
  const fromParam = paramFraction(sink.def.params, rule.param);
  if (rule.floor && fromParam && !thresholdAtLeast({ op: rule.op, ...fromParam }, rule.floor)) {
    sink.node(
      index,
      'VOTE_BELOW_FLOOR',
      `表决${label}的${what}取自参数「${rule.param}」，其默认值 ${fromParam.num}/${fromParam.den} 低于法定标准「${thresholdText(rule.floor)}」，不得低于法定标准`,
      { sub: [...sub, 'param'], field: `${field}.param` },
    );
  }
  if (rule.group !== undefined && !groupKeys.has(rule.group)) {
    sink.node(index, 'VOTE_UNKNOWN_GROUP', `表决${label}的${what}引用了未定义的投票人群体「${rule.group}」，请先在表决的群体中添加它`, {
      sub: [...sub, 'group'],
      field: `${field}.group`,
    });
  }
}

type CandidateOptions = Extract<NodeOf<'vote'>['vote']['options'], { type: 'candidates' }>;

/** Seats of a candidate vote: the default of its seats parameter, else its fixed seats. */
function seatsOf(params: ParamDef[], o: CandidateOptions): number {
  const p = o.seatsParam ? params.find((x) => x.key === o.seatsParam) : undefined;
  return p && typeof p.default === 'number' && Number.isInteger(p.default) && p.default > 0 ? p.default : o.seats;
}

/**
 * The vote that alone fills `field` (its resultField, the field on no node's form and no other
 * vote's result), with the most it can elect; undefined when people may also edit the list.
 */
function electedInto(sink: IssueSink, field: string): { nodeId: string; seats: number } | undefined {
  let found: { nodeId: string; seats: number } | undefined;
  for (const n of sink.def.nodes) {
    const elects = n.kind === 'vote' && n.vote.options.type === 'candidates' && n.vote.options.resultField === field;
    if (!elects && (n.kind === 'task' || n.kind === 'vote' || n.kind === 'publicity') && n.form.includes(field)) return undefined;
    if (n.kind === 'service' && serviceWrites(n).includes(field)) return undefined;
    if (!elects || n.kind !== 'vote' || n.vote.options.type !== 'candidates') continue;
    if (found) return undefined;
    found = { nodeId: n.id, seats: Math.max(seatsOf(sink.def.params, n.vote.options), n.vote.topN ?? 0) };
  }
  return found;
}

export function checkVote(sink: IssueSink, index: number, node: NodeOf<'vote'>): void {
  const label = sink.label(node.id);
  const v = node.vote;
  const groupKeys = new Set(v.groups.map((g) => g.key));

  checkRule(sink, index, label, v.pass, ['vote', 'pass'], 'pass', groupKeys);
  if (v.quorum) {
    // Each impossible rule is reported where it sits, even under `any`: a dead rule misleads readers.
    v.quorum.rules.forEach((r, j) => checkRule(sink, index, label, r, ['vote', 'quorum', 'rules', j], 'quorum', groupKeys));
  }
  if (v.trustGate && !thresholdCanHold(v.trustGate)) {
    sink.node(index, 'VOTE_RULE_IMPOSSIBLE', `表决${label}的信任度门槛「${thresholdText(v.trustGate)}」永远无法达到，任何候选人都会被淘汰`, {
      sub: ['vote', 'trustGate'],
      field: 'vote.trustGate',
    });
  }

  if (v.options.type === 'candidates') {
    const o = v.options;
    const fixed = o.candidatesField === undefined ? o.candidates : undefined;
    if (o.candidatesField === undefined && (!o.candidates || o.candidates.length === 0)) {
      sink.node(index, 'VOTE_NO_CANDIDATES', `表决${label}是候选人选举，但既没有指定候选人字段，也没有列出候选人`, { sub: ['vote', 'options'], field: 'vote.options' });
    }
    if (fixed && fixed.length > 0) {
      if (o.seats > fixed.length) {
        sink.node(index, 'VOTE_SEATS_EXCEED_CANDIDATES', `表决${label}应选 ${o.seats} 人，但只有 ${fixed.length} 名候选人，选举不可能选满`, {
          sub: ['vote', 'options', 'seats'],
          field: 'vote.options.seats',
        });
      }
      if (v.topN !== undefined && v.topN > fixed.length) {
        sink.node(index, 'VOTE_SEATS_EXCEED_CANDIDATES', `表决${label}要选出前 ${v.topN} 名，但只有 ${fixed.length} 名候选人`, { sub: ['vote', 'topN'], field: 'vote.topN' });
      }
      if (o.maxPicks < 1 || o.maxPicks > fixed.length) {
        sink.node(index, 'VOTE_MAX_PICKS_INVALID', `表决${label}每张选票最多可选 ${o.maxPicks} 人，应在 1 到候选人数 ${fixed.length} 之间`, {
          sub: ['vote', 'options', 'maxPicks'],
          field: 'vote.options.maxPicks',
        });
      }
    }
    if (o.margin) {
      const seats = seatsOf(sink.def.params, o);
      const need = minCandidates(seats, o.margin);
      const pct = marginPercent(o.margin);
      const src = o.margin.source ? `（${o.margin.source}）` : '';
      if (fixed && fixed.length > 0 && fixed.length < need) {
        sink.node(index, 'VOTE_MARGIN_SHORT', `表决${label}应选 ${seats} 人，只列了 ${fixed.length} 名候选人：差额须不少于应选人数的 ${pct}%，至少需 ${need} 名${src}`, {
          sub: ['vote', 'options', 'candidates'],
          field: 'vote.options.candidates',
        });
      }
      const upstream = o.candidatesField !== undefined ? electedInto(sink, o.candidatesField) : undefined;
      if (upstream && upstream.seats < need) {
        sink.node(
          index,
          'VOTE_MARGIN_SHORT',
          `表决${label}的候选人只来自${sink.label(upstream.nodeId)}选出的 ${upstream.seats} 名，而应选 ${seats} 人差额须不少于 ${pct}%，至少需 ${need} 名候选人${src}`,
          { sub: ['vote', 'options', 'candidatesField'], field: 'vote.options.candidatesField' },
        );
      }
    }
    const limit = Math.max(o.seats, v.topN ?? 0);
    if (o.maxPicks > limit) {
      sink.node(index, 'VOTE_MAX_PICKS_EXCEED_SEATS', `表决${label}每张选票可选 ${o.maxPicks} 人，多于应选 ${limit} 人：按选举工作条例，所选人数多于应选人数的选票无效`, {
        sub: ['vote', 'options', 'maxPicks'],
        field: 'vote.options.maxPicks',
        severity: 'warning',
      });
    }
  }

  if (v.weighted) {
    const total = v.groups.reduce((s, g) => s + (g.weight ?? 0), 0) + (v.trustGate?.weight ?? 0);
    if (Math.abs(total - 1) > 1e-9) {
      const parts = v.groups.map((g) => `${g.label} ${g.weight ?? 0}`);
      if (v.trustGate) parts.push(`信任度 ${v.trustGate.weight}`);
      sink.node(
        index,
        'VOTE_WEIGHTS_NOT_ONE',
        `表决${label}按权重计分，但各层权重之和为 ${Number(total.toFixed(6))}（${parts.join(' + ') || '无投票人群体'}），应等于 1`,
        { sub: ['vote', 'groups'], field: 'vote.groups' },
      );
    }
  }
}
