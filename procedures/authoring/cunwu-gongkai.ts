/**
 * 村务公开（定期）: 组织法 第30条 — 一般事项至少每季度公布一次；集体财务往来较多的，财务收支情况应当
 * 每月公布一次；涉及村民利益的重大事项应当随时公布. Started by a Temporal Schedule per village
 * (quarterly for 村务, monthly for 财务); not published in time → 督办, the monitor shows the missed
 * cadence; 不公布或公布不实 → 乡镇政府责令依法公布 (第31条).
 */
import { action, days, deadline, DefinitionBuilder, dur } from './builder.js';

const ART30 = '村民委员会组织法 第30条';

export function cunwuGongkai() {
  const b = new DefinitionBuilder({
    key: 'cunwu-gongkai',
    title: '村务公开（定期）',
    category: '法定频次',
    summaryFields: ['period_label', 'content_kind'],
    description:
      '村务公开（村民委员会组织法 第30条，法定频次）：一般事项至少每季度公布一次，集体财务往来较多的财务收支情况每月公布一次，重大事项随时公布（随时公布见五议两公开的决议公开、结果公开）。' +
      '由监督看板的定期计划（每村一个，可暂停）按季度（村务）或按月（财务）自动发起：村委会编制公开内容 → 村务监督委员会审核 → 村务公开栏公布，期间可登记异议；期限届满未公布的超期督办，看板显示该村“未按期公开”。' +
      '村委会不及时公布或公布不实的，村民可向乡镇政府反映，乡镇政府调查核实，责令依法公布（第31条）。',
  });

  b.roleList('VIL_COMM', 'VIL_SUPERV', 'TWN_MAYOR', 'TWN_LIAISON');
  // 村民委员会实行村务公开（组织法 第30条）。
  b.starterRoles('VIL_COMM');

  b.field('period_label', '公开期次（如 2027年1月 / 2027年第一季度）', 'text', { maxLength: 50 })
    .select('content_kind', '公开类别', [
      ['general', '一般村务（每季度）'],
      ['finance', '财务收支（每月）'],
    ])
    .field('content', '公开内容', 'longText')
    .field('finance_detail', '财务收支明细', 'longText')
    .field('review_opinion', '村务监督委员会审核意见', 'longText')
    .field('objection_finding', '异议核实及答复', 'longText');

  b.param({
    key: 'kind',
    label: '公开类别（定期计划设定）',
    type: 'select',
    default: 'general',
    options: [
      { value: 'general', label: '一般村务：至少每季度一次' },
      { value: 'finance', label: '财务收支：每月一次（集体财务往来较多的村）' },
    ],
    provenance: 'STAT',
    source: `${ART30}：一般事项至少每季度公布一次；集体财务往来较多的，财务收支情况应当每月公布一次`,
  })
    .param({ key: 'review_days', label: '监委会审核时限（日）', type: 'number', default: 5, min: 1, provenance: 'DEFAULT', source: '默认' })
    .param({ key: 'publicity_days', label: '公开栏张贴期（日）', type: 'number', default: 7, min: 1, provenance: 'DEFAULT', source: 'procedures.md §1.3 step 6 [DEFAULT]：7天；第30条只规定频次' })
    .param({ key: 'objection_days', label: '异议核实答复时限（日）', type: 'number', default: 10, min: 1, provenance: 'PUB', source: 'PUB qiqiwenku 村章程：10日内答复' });

  const prepare = (id: string, name: string, months: number, source: string, row: number) =>
    b.node(
      {
        id,
        kind: 'task',
        name,
        stage: '编制公开内容',
        description: '村委会编制本期公开内容（财务收支须列明细），报村务监督委员会审核。',
        assignment: { type: 'role', role: 'VIL_COMM', scope: 'case' },
        form: ['period_label', 'content_kind', 'content', 'finance_detail'],
        requiredFields: ['content'],
        deadline: deadline(dur(months, 'months'), { provenance: 'STAT', source, reminders: [days(7), days(2)], escalateToRole: 'TWN_MAYOR' }),
        actions: [action('submit', '报监委会审核')],
      },
      2,
      row,
    );

  b.node({ id: 'start', kind: 'start', name: '本期开始' }, 0, 1).node({ id: 'gw_kind', kind: 'gateway', gateway: 'exclusive', name: '公开类别' }, 1, 1);
  prepare('prepare', '编制本季度村务公开内容', 3, `${ART30}：一般事项至少每季度公布一次`, 0);
  prepare('prepare_finance', '编制本月财务收支公开内容', 1, `${ART30}：集体财务往来较多的，财务收支情况应当每月公布一次`, 2);
  b.node(
    {
      id: 'superv_review',
      kind: 'task',
      name: '村务监督委员会审核',
      stage: '审核',
      description: '审核公开内容是否真实、完整；不实或不全的退回村委会补正。',
      assignment: { type: 'role', role: 'VIL_SUPERV', scope: 'case' },
      form: ['review_opinion'],
      requiredFields: ['review_opinion'],
      deadline: deadline(days(5, 'review_days'), { provenance: 'DEFAULT', source: '参数 review_days', reminders: [days(1)] }),
      actions: [action('approve', '审核通过，予以公布'), action('return', '退回补正', { approve: false, requireComment: true })],
    },
    3,
    1,
  )
    .node({ id: 'gw_back', kind: 'gateway', gateway: 'exclusive', name: '退回哪一期' }, 3, 3)
    .node({ id: 'publish', kind: 'publicity', name: '村务公开栏公布', stage: '公布', description: '在村务公开栏及各村民小组公布，期间可登记异议。', assignment: { type: 'role', role: 'VIL_COMM', scope: 'case' }, form: ['content', 'finance_detail'], period: days(7, 'publicity_days'), channel: '村务公开栏' }, 4, 1)
    .node(
      {
        id: 'objection_check',
        kind: 'task',
        name: '核实公开异议',
        stage: '公布',
        description: '村务监督委员会核实并书面答复；村委会不公布或公布不实的，报乡镇政府责令依法公布（组织法第31条）。',
        assignment: { type: 'role', role: 'VIL_SUPERV', scope: 'case' },
        form: ['objection_finding'],
        requiredFields: ['objection_finding'],
        deadline: deadline(days(10, 'objection_days'), { provenance: 'PUB', source: '参数 objection_days', reminders: [days(1)] }),
        actions: [action('answered', '已核实答复'), action('report_township', '报乡镇政府责令依法公布', { approve: false, requireComment: true })],
      },
      5,
      2,
    )
    .node(
      {
        id: 'township_order',
        kind: 'task',
        name: '乡镇政府调查并责令依法公布',
        stage: '公布',
        description: '组织法第31条：乡镇政府调查核实，责令依法公布；经查证确有违法行为的，有关人员依法承担责任。',
        assignment: { type: 'role', role: 'TWN_MAYOR', scope: 'township' },
        form: ['objection_finding'],
        deadline: deadline(days(15), { provenance: 'DEFAULT', source: '默认' }),
        actions: [action('ordered', '已责令依法公布')],
      },
      6,
      2,
    )
    .node({ id: 'end_published', kind: 'end', name: '本期已公开', outcome: 'published' }, 7, 1);

  b.edge('start', 'gw_kind')
    .edge('gw_kind', 'prepare_finance', { condition: 'params.kind == "finance"', label: '财务（每月）' })
    .edge('gw_kind', 'prepare', { default: true, label: '村务（每季度）' })
    .edge('prepare', 'superv_review', { outcome: 'submit' })
    .edge('prepare_finance', 'superv_review', { outcome: 'submit' })
    .edge('superv_review', 'publish', { outcome: 'approve' })
    .edge('superv_review', 'gw_back', { outcome: 'return' })
    .edge('gw_back', 'prepare_finance', { condition: 'params.kind == "finance"', label: '财务' })
    .edge('gw_back', 'prepare', { default: true, label: '村务' })
    .edge('publish', 'end_published', { outcome: 'clear', label: '无异议' })
    .edge('publish', 'objection_check', { outcome: 'objections', label: '有异议' })
    .edge('objection_check', 'end_published', { outcome: 'answered' })
    .edge('objection_check', 'township_order', { outcome: 'report_township' })
    .edge('township_order', 'end_published', { outcome: 'ordered' });

  return b.build();
}
