/**
 * The built-in procedures (procedures/*.json): valid, complete, and carrying the statutory rules of
 * domain/procedures.md with their provenance; the demo directory covers every role of §7.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION, type Definition, type Node, type VoteRule } from '../../dsl/schema.js';
import { validateDefinition } from '../../dsl/validate.js';
import { builtinKeys, loadBuiltinProcedure, loadBuiltinProcedures, PROCEDURES_DIR } from '../../procedures/index.js';
import { SECTION_7_ROLES } from '../../dsl/roles.js';
import { AUTHORED } from '../../procedures/authoring/all.js';
import { floorViolation } from '../../workflows/rules/rule-presets.js';
import { NOTICE_TEMPLATES } from '../../activities/notice.js';

const CJK = /[\u4e00-\u9fff]/;
const defs = loadBuiltinProcedures();
const byKey = (k: string): Definition => defs.find((d) => d.key === k)!;
const node = (d: Definition, id: string): Node => {
  const n = d.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`${d.key}: no node ${id}`);
  return n;
};
const voteRules = (d: Definition): { node: string; rule: VoteRule }[] =>
  d.nodes.flatMap((n) => (n.kind === 'vote' ? [n.vote.pass, ...(n.vote.quorum?.rules ?? [])].map((rule) => ({ node: n.id, rule })) : []));

describe('built-in procedures load and validate', () => {
  it('every procedures/*.json is a built-in key and every key has a file', () => {
    const files = readdirSync(PROCEDURES_DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();
    expect(files).toEqual([...builtinKeys].sort());
  });

  it.each([...builtinKeys])('%s: parses (the current schemaVersion, version 1) and validateDefinition reports no issue at all', (key) => {
    const raw: unknown = JSON.parse(readFileSync(join(PROCEDURES_DIR, `${key}.json`), 'utf8'));
    const r = validateDefinition(raw);
    expect(r.issues.map((i) => `${i.severity} ${i.code} ${i.message}`)).toEqual([]);
    expect(r.valid).toBe(true);
    const d = loadBuiltinProcedure(key);
    expect(d.key).toBe(key);
    expect(d.version).toBe(1);
    expect(d.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
  });

  it('the JSON files are exactly what procedures/authoring produces (no hand edits drift from the source)', () => {
    for (const make of AUTHORED) {
      const authored = make();
      const file: unknown = JSON.parse(readFileSync(join(PROCEDURES_DIR, `${authored.key}.json`), 'utf8'));
      expect(file, authored.key).toEqual(JSON.parse(JSON.stringify(authored)));
    }
  });

  it('the required procedures are all there: 五议两公开, 四步协商, 三票制, 三荐一审, 信访, 动态管理 and two of the brief ones', () => {
    for (const k of ['wuyi-liangkai', 'sibu-xieshang', 'sanpiao-xuanju', 'sanjian-yishen', 'xinfang', 'dongtai-yujing']) expect(builtinKeys).toContain(k);
    const extras = ['liangcun-lianghui', 'diyi-shuji', 'dangyuan-fazhan', 'minsheng-shishi'].filter((k) => (builtinKeys as readonly string[]).includes(k));
    expect(extras.length).toBeGreaterThanOrEqual(2);
  });
});

describe.each(defs.map((d) => [d.key, d] as const))('%s: names, roles, provenance', (_key, d) => {
  it('every node, role, field and parameter has a Chinese name', () => {
    for (const n of d.nodes) expect(n.name, n.id).toMatch(CJK);
    for (const r of d.roles) expect(r.name, r.key).toMatch(CJK);
    for (const f of d.fields) expect(f.label, f.key).toMatch(CJK);
    for (const p of d.params) expect(p.label, p.key).toMatch(CJK);
    expect(d.title).toMatch(CJK);
  });

  it('every node has a designer position, laid out left to right from the start node', () => {
    for (const n of d.nodes) expect(n.position, n.id).toBeDefined();
    const start = d.nodes.find((n) => n.kind === 'start')!;
    for (const n of d.nodes) expect(n.position!.x, n.id).toBeGreaterThanOrEqual(start.position!.x);
  });

  it('every role key is in procedures.md §7 or declared with a description of why it exists', () => {
    for (const r of d.roles) {
      const inCatalogue = SECTION_7_ROLES.some((c) => c.code === r.key);
      expect(inCatalogue || (r.description ?? '').length > 0, r.key).toBe(true);
    }
  });

  it('every human task and vote has a deadline with its provenance and source', () => {
    for (const n of d.nodes) {
      if (n.kind !== 'task' && n.kind !== 'vote') continue;
      expect(n.deadline, n.id).toBeDefined();
      expect(n.deadline!.provenance, n.id).toBeDefined();
      expect(n.deadline!.source, n.id).toBeTruthy();
    }
    for (const n of d.nodes) if (n.kind === 'publicity') expect(n.period.amount, n.id).toBeGreaterThan(0);
  });

  it('every [STAT] vote rule carries a source and a floor, and no rule is looser than its floor', () => {
    for (const { node: id, rule } of voteRules(d)) {
      expect(rule.provenance, `${id} provenance`).toBeDefined();
      expect(rule.source, `${id} source`).toBeTruthy();
      if (rule.provenance === 'STAT') expect(rule.floor, `${id} floor`).toBeDefined();
      expect(floorViolation(rule), id).toBeUndefined();
    }
  });

  it('every [UNCERTAIN] parameter has a note citing procedures.md §10; every [STAT] parameter has min = its statutory default', () => {
    for (const p of d.params) {
      if (p.provenance === 'UNCERTAIN') expect(p.note ?? '', p.key).toMatch(/§10/);
      if (p.provenance === 'STAT' && p.type === 'number') expect(p.min, p.key).toBe(p.default);
      if (p.provenance === 'SEED' || p.provenance === 'DEFAULT' || p.provenance === 'PUB') expect(p.source, p.key).toBeTruthy();
    }
  });

  it('every notice node names a template of the notice catalogue (an unknown one would stop the case)', () => {
    for (const n of d.nodes) if (n.kind === 'service' && n.action === 'notice') expect(Object.keys(NOTICE_TEMPLATES), n.id).toContain(n.params.template);
  });

  it('every parameter is used by a duration, a vote rule or a condition', () => {
    const text = JSON.stringify({ nodes: d.nodes, edges: d.edges });
    for (const p of d.params) {
      const used = [`"param":"${p.key}"`, `"baseParam":"${p.key}"`, `"seatsParam":"${p.key}"`, `params.${p.key}`].some((x) => text.includes(x));
      expect(used, p.key).toBe(true);
    }
  });
});

describe('user-facing terminology (issue 17)', () => {
  const texts = (d: Definition): string[] => [
    d.title,
    ...d.nodes.map((n) => n.name),
    ...d.fields.map((f) => f.label),
    ...d.fields.flatMap((f) => (f.options ?? []).map((o) => o.label)),
    ...d.roles.map((r) => r.name),
    ...d.edges.map((e) => e.label ?? ''),
    ...d.nodes.flatMap((n) => (n.kind === 'task' ? n.actions.map((a) => a.label) : [])),
  ];

  it('no built-in procedure says 非正常上访 or 撤消: 违反信访秩序行为（越级走访、聚集、堵路等） and 撤销 instead', () => {
    for (const d of defs) for (const t of texts(d)) expect(t, d.key).not.toMatch(/非正常|撤消/);
    expect(byKey('xinfang').fields.find((f) => f.key === 'abnormal_visit')?.label).toBe('违反信访秩序行为（越级走访、聚集、堵路等）');
    expect(node(byKey('dongtai-yujing'), 'clear_warning').name).toBe('撤销警示');
  });

  it('复查机关 is the 原办理机关的上一级机关 (not 县信访局 as such), and 复核 one level higher again (信访工作条例)', () => {
    const roles = byKey('xinfang').roles;
    expect(roles.find((r) => r.key === 'COUNTY_XF')?.name).toBe('复查机关（原办理机关的上一级机关）');
    expect(roles.find((r) => r.key === 'XF_REEXAM')?.name).toBe('复核机关（复查机关的上一级机关）');
  });

  it('四议两公开 shows 村“两委”会议（村务联席会议）商议; one 党员大会直选 node; 报区（县）委审批; 满意度 in per cent', () => {
    expect(node(byKey('wuyi-liangkai'), 'consult').name).toBe('村“两委”会议（村务联席会议）商议');
    expect(byKey('sanpiao-xuanju').nodes.filter((n) => n.name.startsWith('党员大会直选')).map((n) => n.name)).toEqual(['党员大会直选']);
    expect(byKey('sanpiao-xuanju').params.find((p) => p.key === 'election_pass_base')?.label).toContain('按应到会/实到会有选举权人数计算');
    expect(node(byKey('sanpiao-xuanju'), 'approval').name).toBe('报区（县）委审批');
    expect(node(byKey('diyi-shuji'), 'committee_approval').name).toBe('报区（县）委审批');
    const sat = byKey('diyi-shuji').fields.find((f) => f.key === 'satisfaction')!;
    expect([sat.label, sat.max]).toEqual(['群众满意度（%）', 100]);
  });
});

describe('statutory values sit where procedures.md §8 puts them', () => {
  it('村民代表会议: quorum ≥ ⅔ of 组成人员 and pass > ½ of 到会, both with a floor (组织法 §26)', () => {
    const n = node(byKey('wuyi-liangkai'), 'reps_meeting');
    if (n.kind !== 'vote') throw new Error('not a vote');
    expect(n.vote.quorum?.rules[0]).toMatchObject({ base: 'all', op: '>=', num: 2, den: 3, provenance: 'STAT', floor: { op: '>=', num: 2, den: 3 } });
    expect(n.vote.pass).toMatchObject({ base: 'present', op: '>', num: 1, den: 2, provenance: 'STAT', floor: { op: '>', num: 1, den: 2 } });
    expect(n.vote.pass.param).toBeUndefined();
  });

  it('村民会议: > ½ of villagers OR ≥ ⅔ of households, 10 days notice not configurable below 10 (组织法 §21–22)', () => {
    const d = byKey('wuyi-liangkai');
    const n = node(d, 'villagers_meeting');
    if (n.kind !== 'vote') throw new Error('not a vote');
    expect(n.vote.quorum?.combine).toBe('any');
    expect(n.vote.quorum?.rules.map((r) => [r.group, r.op, r.num, r.den])).toEqual([
      ['villagers', '>', 1, 2],
      ['households', '>=', 2, 3],
    ]);
    const notice = node(d, 'villagers_notice');
    if (notice.kind !== 'timer') throw new Error('not a timer');
    expect(notice.duration).toMatchObject({ amount: 10, unit: 'calendarDays', param: 'villagers_notice_days' });
    expect(d.params.find((p) => p.key === 'villagers_notice_days')).toMatchObject({ min: 10, provenance: 'STAT' });
  });

  it('村规民约 (组织法 §27) is routed to 村民会议 whatever the chosen body', () => {
    const e = byKey('wuyi-liangkai').edges.find((x) => x.from === 'gw_body' && x.to === 'villagers_notice');
    expect(e?.condition).toContain('data.matter_category == "charter"');
  });

  it('信访: 受理 15, 办理 60 (+ 延期 30 = 90 from 受理), 复查/复核 requests 30 and answers 30 calendar days, none of them a parameter, each a ceiling (信访工作条例)', () => {
    const d = byKey('xinfang');
    const expected: Record<string, number> = { accept_decision: 15, handle: 60, handle_extended: 90, review_window: 30, review: 30, reexam_window: 30, reexam: 30 };
    for (const [id, amount] of Object.entries(expected)) {
      const n = node(d, id);
      if (n.kind !== 'task') throw new Error(id);
      expect(n.deadline?.duration, id).toEqual({ amount, unit: 'calendarDays' });
      expect(n.deadline?.max, id).toEqual({ amount, unit: 'calendarDays' });
      expect(n.deadline?.provenance, id).toBe('STAT');
    }
    // 办理 and 延期办理 count from 受理 and never go beyond 90 日 from it; the windows from the 送达 date.
    const accepted = { kind: 'nodeCompleted', nodeId: 'accept_decision' };
    for (const id of ['handle', 'handle_extended']) {
      const n = node(d, id);
      if (n.kind !== 'task') throw new Error(id);
      expect(n.deadline?.anchor, id).toEqual(accepted);
      expect(n.deadline?.cap, id).toMatchObject({ anchor: accepted, duration: { amount: 90, unit: 'calendarDays' } });
    }
    const windows: Record<string, string> = { review_window: 'reply_served_on', reexam_window: 'review_served_on' };
    for (const [id, field] of Object.entries(windows)) {
      const n = node(d, id);
      if (n.kind !== 'task') throw new Error(id);
      expect(n.deadline?.anchor, id).toEqual({ kind: 'field', field });
      expect(n.deadline?.min, id).toEqual({ amount: 30, unit: 'calendarDays' });
    }
    for (const id of ['accept_decision', 'handle', 'handle_extended', 'review', 'reexam']) {
      const n = node(d, id);
      if (n.kind !== 'task') throw new Error(id);
      expect(n.deadline?.reminders, id).toEqual([
        { amount: 5, unit: 'calendarDays' },
        { amount: 1, unit: 'calendarDays' },
      ]);
      expect(n.deadline?.escalateToRole, id).toBeTruthy();
    }
  });

  it('信访: a request window closes by itself as 未申请 (autoPass picks the first approving action)', () => {
    for (const id of ['review_window', 'reexam_window']) {
      const n = node(byKey('xinfang'), id);
      if (n.kind !== 'task') throw new Error(id);
      expect(n.deadline?.timeoutAction).toBe('autoPass');
      expect(n.actions.find((a) => a.approve)?.name).toBe('no_request');
    }
  });

  it('信访: the 群体访 threshold is an [UNCERTAIN] parameter defaulting to 5 (procedures.md §10 第3条)', () => {
    expect(byKey('xinfang').params.find((p) => p.key === 'large_group_threshold')).toMatchObject({ default: 5, provenance: 'UNCERTAIN' });
  });

  it('三票制: 信任度 gate ≥ ½ weighted 10%, layers A30 B20 C20 D20, top 5, 实地调研 2 days (SEED:003)', () => {
    const d = byKey('sanpiao-xuanju');
    const n = node(d, 'structured_recommendation');
    if (n.kind !== 'vote') throw new Error('not a vote');
    expect(n.vote.trustGate).toMatchObject({ op: '>=', num: 1, den: 2, weight: 0.1 });
    expect(n.vote.groups.map((g) => [g.key, g.weight])).toEqual([
      ['A', 0.3],
      ['B', 0.2],
      ['C', 0.2],
      ['D', 0.2],
    ]);
    expect(n.vote.topN).toBe(5);
    const r = node(d, 'field_research');
    if (r.kind !== 'task') throw new Error('not a task');
    expect(r.deadline?.duration).toEqual({ amount: 2, unit: 'calendarDays', param: 'research_days' });
  });

  it('党员大会选举: quorum > 4/5 of 应到会 with a floor of ≥ 4/5, pass base a setting (按应到会/实到会有选举权人数计算) on one node, not one node per base (选举条例; §10 第1–2条)', () => {
    for (const key of ['sanpiao-xuanju', 'sanjian-yishen']) {
      const d = byKey(key);
      const votes = d.nodes.filter((n): n is Extract<Node, { kind: 'vote' }> => n.kind === 'vote' && n.vote.voterRole === 'PARTY_MEMBER' && !!n.vote.quorum);
      expect(votes.length, key).toBeGreaterThanOrEqual(1);
      for (const v of votes) {
        expect(v.vote.quorum?.rules[0], v.id).toMatchObject({ base: 'entitled', op: '>', num: 4, den: 5, floor: { op: '>=', num: 4, den: 5 } });
        expect(v.vote.pass, v.id).toMatchObject({ base: 'entitled', baseParam: 'election_pass_base' });
        expect(v.name, v.id).not.toMatch(/应到会|实到会/);
      }
      expect(d.nodes.some((n) => n.id.endsWith('_present'))).toBe(false);
      expect(d.params.find((p) => p.key === 'election_pass_base')).toMatchObject({ default: 'entitled', provenance: 'UNCERTAIN' });
    }
    expect(node(byKey('sanpiao-xuanju'), 'direct_election').name).toBe('党员大会直选');
  });

  it('差额 ≥ 20 % of the seats (选举条例 §9, §13) is a rule on the 委员 election, whose seats are a setting', () => {
    const v = node(byKey('sanjian-yishen'), 'committee_election');
    if (v.kind !== 'vote' || v.vote.options.type !== 'candidates') throw new Error('not a candidate vote');
    expect(v.vote.options).toMatchObject({ seatsParam: 'committee_seats', margin: { num: 1, den: 5, provenance: 'STAT' } });
    expect(byKey('sanjian-yishen').nodes.some((n) => n.id === 'gw_margin')).toBe(false);
  });

  it('户主会议 follows 组织法 §28 and 户主签字制 is an [UNCERTAIN] ⅔ parameter (SEED:000 garbled)', () => {
    const d = byKey('sibu-xieshang');
    const m = node(d, 'household_meeting');
    if (m.kind !== 'vote') throw new Error('not a vote');
    expect(m.vote.quorum?.rules.every((r) => r.provenance === 'STAT' && r.num === 2 && r.den === 3)).toBe(true);
    expect(d.params.find((p) => p.key === 'signature_threshold')).toMatchObject({ default: { num: 2, den: 3 }, provenance: 'UNCERTAIN' });
  });

  it('五议两公开 variants: one definition switches 建议, 监委会核议 and 一审 by boolean parameters', () => {
    const d = byKey('wuyi-liangkai');
    const conds = d.edges.map((e) => e.condition ?? '');
    for (const p of ['has_suggestion_step', 'has_supervision_review', 'has_township_review', 'publicity_unit']) {
      expect(conds.some((c) => c.includes(`params.${p}`)), p).toBe(true);
    }
  });
});

describe('demo directory', () => {
  const dir = JSON.parse(readFileSync(join(PROCEDURES_DIR, 'demo', 'directory.json'), 'utf8')) as {
    units: { id: string; name: string; level: string; parentId: string | null }[];
    users: { id: string; username: string; name: string; grants: { role: string; orgUnit: string }[] }[];
  };

  it('has the county, township, three villages and their groups and grids under the agreed ids', () => {
    const ids = dir.units.map((u) => u.id);
    for (const id of ['c-yuhang', 't-jingshan', 'v-jingshan', 'v-xiaogu', 'v-shuangxi']) expect(ids).toContain(id);
    for (const v of ['jingshan', 'xiaogu', 'shuangxi'])
      for (const i of [1, 2]) {
        expect(dir.units.find((u) => u.id === `g-${v}-${i}`)).toMatchObject({ level: 'group', parentId: `v-${v}` });
        expect(dir.units.find((u) => u.id === `grid-${v}-${i}`)).toMatchObject({ level: 'grid', parentId: `v-${v}` });
      }
    expect(dir.units.find((u) => u.id === 'c-yuhang')).toMatchObject({ name: '余杭区', level: 'county', parentId: null });
    expect(dir.units.find((u) => u.id === 't-jingshan')).toMatchObject({ name: '径山镇', parentId: 'c-yuhang' });
    for (const u of dir.units) if (u.parentId) expect(ids, u.id).toContain(u.parentId);
  });

  it('every user id is its lowercase ascii username and has a Chinese name; grants point at known units', () => {
    const unitIds = new Set(dir.units.map((u) => u.id));
    for (const u of dir.users) {
      expect(u.id).toBe(u.username);
      expect(u.username).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(u.name).toMatch(CJK);
      for (const g of u.grants) expect(unitIds.has(g.orgUnit), `${u.id} ${g.orgUnit}`).toBe(true);
    }
    expect(new Set(dir.users.map((u) => u.id)).size).toBe(dir.users.length);
  });

  it('a user holds every role of §7 (village roles in every village), plus admin (ADMIN) and designer (PROC_ADMIN)', () => {
    const held = (role: string, unit?: string) => dir.users.some((u) => u.grants.some((g) => g.role === role && (!unit || g.orgUnit === unit)));
    for (const { code: role, level } of SECTION_7_ROLES) {
      if (level === 'village') for (const v of ['v-jingshan', 'v-xiaogu', 'v-shuangxi']) expect(held(role, v), `${role} ${v}`).toBe(true);
      else if (level === 'township') expect(held(role, 't-jingshan'), role).toBe(true);
      else if (level === 'county') expect(held(role, 'c-yuhang'), role).toBe(true);
      else if (level === 'group') expect(held(role, 'g-jingshan-1') && held(role, 'g-xiaogu-1'), role).toBe(true);
      else if (level === 'grid') expect(held(role, 'grid-jingshan-1'), role).toBe(true);
      else expect(held(role), role).toBe(true);
    }
    expect(dir.users.find((u) => u.id === 'admin')?.grants).toContainEqual({ role: 'ADMIN', orgUnit: 'c-yuhang' });
    expect(dir.users.find((u) => u.id === 'designer')?.grants).toContainEqual({ role: 'PROC_ADMIN', orgUnit: 't-jingshan' });
  });

  it('every role a built-in procedure declares has a holder in the demo directory', () => {
    const roles = new Set(dir.users.flatMap((u) => u.grants.map((g) => g.role)));
    for (const d of defs) for (const r of d.roles) expect(roles.has(r.key), `${d.key} ${r.key}`).toBe(true);
  });
});
