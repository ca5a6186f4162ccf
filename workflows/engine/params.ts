/**
 * Definition parameters at case start (pure): defaults from the definition, overridden by the
 * case input; durations and vote rules that name a `param` take their value from here.
 */
import { effectiveAmount } from '../../dsl/clock.js';
import type { Definition, Duration, VoteBase, VoteRule, VoteSpec } from '../../dsl/schema.js';

export function resolveParams(def: Definition, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of def.params) out[p.key] = p.default;
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) out[k] = v;
  return out;
}

export function durationWithParams(d: Duration, params: Record<string, unknown>): Duration {
  if (!d.param) return d;
  const amount = effectiveAmount(d, params);
  return amount === d.amount ? d : { ...d, amount };
}

type Fraction = { num: number; den: number; op?: '>' | '>=' };

function asFraction(v: unknown): Fraction | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const f = v as Record<string, unknown>;
  if (typeof f.num !== 'number' || typeof f.den !== 'number' || f.den <= 0) return undefined;
  const op = f.op === '>' || f.op === '>=' ? f.op : undefined;
  return { num: f.num, den: f.den, op };
}

const BASES: readonly VoteBase[] = ['entitled', 'present', 'cast', 'all'];

export function ruleWithParams(rule: VoteRule, params: Record<string, unknown>): VoteRule {
  let out = rule;
  if (rule.param) {
    const f = asFraction(params[rule.param]);
    if (f) out = { ...out, num: f.num, den: f.den, op: f.op ?? rule.op };
  }
  if (rule.baseParam) {
    const b = params[rule.baseParam];
    if (typeof b === 'string' && (BASES as readonly string[]).includes(b)) out = { ...out, base: b as VoteBase };
  }
  return out;
}

/** Seats from `seatsParam` (a positive integer), else the fixed `seats`; a ballot names at most that many. */
function optionsWithParams(options: VoteSpec['options'], params: Record<string, unknown>): VoteSpec['options'] {
  if (options.type !== 'candidates' || !options.seatsParam) return options;
  const v = params[options.seatsParam];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) return options;
  return { ...options, seats: v, maxPicks: v };
}

export function voteSpecWithParams(spec: VoteSpec, params: Record<string, unknown>): VoteSpec {
  return {
    ...spec,
    options: optionsWithParams(spec.options, params),
    pass: ruleWithParams(spec.pass, params),
    quorum: spec.quorum ? { ...spec.quorum, rules: spec.quorum.rules.map((r) => ruleWithParams(r, params)) } : undefined,
  };
}
