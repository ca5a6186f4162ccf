/** Display names of DSL enum values, both languages, exhaustive by construction. */
import type { Assignment, DurationUnit, FieldType, NodeKind, NoticeTemplate, Operation, ServiceAction, TimeoutAction, VoteBase } from '../../../dsl/schema.js';
import type { Lang } from './format.js';
import type { DeadlineLedgerEntry, TimelineType } from '../../../workflows/types.js';
import type { MigrationRefusalCode } from '../../../workflows/engine/migration-plan.js';

type L = { zh: string; en: string };

export const NODE_KIND_LABEL: Record<NodeKind, L> = {
  start: { zh: '开始', en: 'Start' },
  end: { zh: '结束', en: 'End' },
  task: { zh: '任务', en: 'Task' },
  vote: { zh: '表决', en: 'Vote' },
  publicity: { zh: '公示', en: 'Publicity' },
  timer: { zh: '定时', en: 'Timer' },
  gateway: { zh: '网关', en: 'Gateway' },
  service: { zh: '服务', en: 'Service' },
  subprocess: { zh: '子流程', en: 'Subprocess' },
};

export const GATEWAY_LABEL: Record<'exclusive' | 'parallelSplit' | 'parallelJoin', L> = {
  exclusive: { zh: '排他', en: 'Exclusive' },
  parallelSplit: { zh: '并行分支', en: 'Parallel split' },
  parallelJoin: { zh: '并行汇聚', en: 'Parallel join' },
};

export const UNIT_LABEL: Record<DurationUnit, L> = {
  minutes: { zh: '分钟', en: 'minutes' },
  hours: { zh: '小时', en: 'hours' },
  calendarDays: { zh: '自然日', en: 'calendar days' },
  workingDays: { zh: '工作日', en: 'working days' },
  months: { zh: '月', en: 'months' },
  years: { zh: '年', en: 'years' },
};

export const TIMEOUT_LABEL: Record<TimeoutAction, L> = {
  none: { zh: '不处理', en: 'nothing' },
  escalate: { zh: '督办', en: 'escalate' },
  autoPass: { zh: '自动通过', en: 'auto-pass' },
  autoReturn: { zh: '自动退回', en: 'auto-return' },
};

export const OPERATION_LABEL: Record<Operation, L> = {
  return: { zh: '退回', en: 'return' },
  transfer: { zh: '转办', en: 'transfer' },
  delegate: { zh: '委托', en: 'delegate' },
  addSigner: { zh: '加签', en: 'add signer' },
  removeSigner: { zh: '减签', en: 'remove signer' },
  takeBack: { zh: '拿回', en: 'take back' },
  comment: { zh: '评论', en: 'comment' },
  urge: { zh: '催办', en: 'urge' },
};

export const BASE_LABEL: Record<VoteBase, L> = {
  entitled: { zh: '应到', en: 'entitled' },
  present: { zh: '实到', en: 'present' },
  cast: { zh: '投票数', en: 'cast' },
  all: { zh: '全体', en: 'all members' },
};

/** What an automatic (service) step does. */
export const COUNTERSIGN_LABEL: Record<'single' | 'all' | 'any' | 'sequential' | 'ratio', L> = {
  single: { zh: '单人办理', en: 'single' },
  all: { zh: '会签', en: 'all must sign' },
  any: { zh: '或签', en: 'any one' },
  sequential: { zh: '依次', en: 'sequential' },
  ratio: { zh: '票签', en: 'ratio' },
};

export const HEALTH_LABEL: Record<'green' | 'yellow' | 'red', L> = {
  green: { zh: '正常', en: 'on time' },
  yellow: { zh: '临期', en: 'near due' },
  red: { zh: '超期', en: 'overdue' },
};

export const STATUS_LABEL: Record<string, L> = {
  running: { zh: '办理中', en: 'running' },
  suspended: { zh: '已中止', en: 'suspended' },
  completed: { zh: '已办结', en: 'completed' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
  terminated: { zh: '已终止', en: 'terminated' },
  open: { zh: '待签收', en: 'open' },
  claimed: { zh: '已签收', en: 'claimed' },
  done: { zh: '已完成', en: 'done' },
  cancelled: { zh: '已取消', en: 'cancelled' },
};

export function label(l: L | undefined, lang: Lang, fallback = ''): string {
  return l ? l[lang] : fallback;
}

/** Where a period or a parameter comes from, in words (the tag beside it keeps its colour class). */
export const PROVENANCE_LABEL: Record<'STAT' | 'SEED' | 'PUB' | 'DEFAULT' | 'UNCERTAIN', L> = {
  STAT: { zh: '法定', en: 'statutory' },
  SEED: { zh: '地方规定', en: 'local rule' },
  PUB: { zh: '公开资料', en: 'published' },
  DEFAULT: { zh: '默认', en: 'default' },
  UNCERTAIN: { zh: '待核实', en: 'to verify' },
};

/** Common outcomes of votes, publicity and cases. */
export const OUTCOME_LABEL: Record<string, L> = {
  passed: { zh: '通过', en: 'passed' },
  rejected: { zh: '未通过', en: 'rejected' },
  no_quorum: { zh: '未达到会要求', en: 'no quorum' },
  revote: { zh: '另行选举', en: 're-vote' },
  clear: { zh: '无异议', en: 'no objections' },
  objections: { zh: '有异议', en: 'objections' },
  adopted: { zh: '通过并实施', en: 'adopted' },
  withdrawn: { zh: '撤回', en: 'withdrawn' },
  done: { zh: '办结', en: 'done' },
};

/** Timeline entry types (workflows/types.ts TIMELINE_TYPES): a new type without a label is a type error. */
export const TIMELINE_LABEL: Record<TimelineType, L> = {
  'case.started': { zh: '发起', en: 'Started' },
  'case.ended': { zh: '办结', en: 'Ended' },
  'case.error': { zh: '流程出错', en: 'Engine error' },
  'case.suspended': { zh: '中止', en: 'Suspended' },
  'case.resumed': { zh: '恢复', en: 'Resumed' },
  'case.terminated': { zh: '终止', en: 'Terminated' },
  'case.withdrawn': { zh: '撤回', en: 'Withdrawn' },
  'case.incident': { zh: '自动流转异常', en: 'Stopped by a safety limit' },
  'case.incidentResolved': { zh: '异常已处理', en: 'Incident resolved' },
  'case.definitionReplaced': { zh: '换用修正版本', en: 'Corrected version taken' },
  'case.migrated': { zh: '迁移到新版本', en: 'Migrated to another version' },
  'comment': { zh: '评论', en: 'Comment' },
  'external': { zh: '外部事件', en: 'External event' },
  'node.entered': { zh: '进入环节', en: 'Entered step' },
  'publicity.started': { zh: '开始公示', en: 'Publicity started' },
  'publicity.ended': { zh: '公示结束', en: 'Publicity ended' },
  'publicity.objection': { zh: '提出异议', en: 'Objection' },
  'route.conditionError': { zh: '条件求值出错', en: 'Condition error' },
  'service.callout': { zh: '外部调用', en: 'Call-out' },
  'service.cc': { zh: '抄送', en: 'Copied' },
  'service.light': { zh: '亮灯', en: 'Light' },
  'service.notice': { zh: '生成文书', en: 'Notice generated' },
  'service.notified': { zh: '发送通知', en: 'Notified' },
  'service.setData': { zh: '写入数据', en: 'Data set' },
  'subprocess.started': { zh: '子流程开始', en: 'Subprocess started' },
  'subprocess.ended': { zh: '子流程结束', en: 'Subprocess ended' },
  'task.claimed': { zh: '签收', en: 'Claimed' },
  'task.completed': { zh: '办结', en: 'Completed' },
  'task.created': { zh: '生成待办', en: 'Task created' },
  'task.delegated': { zh: '委托', en: 'Delegated' },
  'task.escalated': { zh: '督办', en: 'Escalated' },
  'task.extended': { zh: '延期', en: 'Extended' },
  'task.migrated': { zh: '随版本迁移调整', en: 'Adjusted by the migration' },
  'task.overdue': { zh: '超期', en: 'Overdue' },
  'task.reminded': { zh: '提醒', en: 'Reminded' },
  'task.returned': { zh: '退回', en: 'Returned' },
  'task.signed': { zh: '会签', en: 'Signed' },
  'task.signersAdded': { zh: '加签', en: 'Signers added' },
  'task.signersRemoved': { zh: '减签', en: 'Signers removed' },
  'task.takenBack': { zh: '拿回', en: 'Taken back' },
  'task.transferred': { zh: '转办', en: 'Transferred' },
  'task.unclaimed': { zh: '退回签收', en: 'Unclaimed' },
  'task.urged': { zh: '催办', en: 'Urged' },
  'task.warning': { zh: '临期预警', en: 'Near deadline' },
  'timer.started': { zh: '开始计时', en: 'Timer started' },
  'vote.ballotCast': { zh: '投票', en: 'Ballot cast' },
  'vote.closed': { zh: '结束投票', en: 'Ballot closed' },
  'vote.decided': { zh: '表决结果', en: 'Vote decided' },
  'vote.marginShort': { zh: '差额不足', en: 'Too few candidates' },
  'vote.revote': { zh: '另行选举', en: 'Re-vote' },
  'vote.round': { zh: '表决轮次', en: 'Vote round' },
  'vote.tallyConfirmed': { zh: '监票确认', en: 'Tally confirmed' },
  'vote.tallyRejected': { zh: '监票退回', en: 'Tally rejected' },
  'vote.tallySubmitted': { zh: '录入计票', en: 'Tally entered' },
};

/** What a service node does (dsl/schema.ts ServiceActionSchema). */
export const SERVICE_ACTION_LABEL: Record<ServiceAction, L> = {
  notify: { zh: '发送通知', en: 'Send a notification' },
  notice: { zh: '生成文书', en: 'Generate a document' },
  setData: { zh: '写入数据', en: 'Set case data' },
  callout: { zh: '调用外部系统', en: 'Call an integration' },
  light: { zh: '亮灯（动态管理）', en: 'Set the warning light' },
  cc: { zh: '抄送', en: 'Copy to (cc)' },
};

/** Document templates of a notice node (activities/notice.ts). */
export const NOTICE_TEMPLATE_LABEL: Record<NoticeTemplate, L> = {
  generic: { zh: '通知', en: 'Notice' },
  'resolution-publicity': { zh: '决议公开公告', en: 'Resolution announcement' },
  'warning-notice': { zh: '警示通知', en: 'Warning notice' },
  'rectification-notice': { zh: '限期整改通知', en: 'Rectification order' },
  'xinfang-reply': { zh: '信访事项书面答复意见书', en: 'Written reply to a petition' },
  'acceptance-notice': { zh: '受理告知书', en: 'Acceptance notice' },
};

export const LIGHT_LABEL: Record<'green' | 'yellow' | 'red', L> = {
  green: { zh: '绿灯', en: 'green' },
  yellow: { zh: '黄灯', en: 'yellow' },
  red: { zh: '红灯', en: 'red' },
};

/**
 * Why a case cannot be migrated (workflows/engine/migration-plan.ts): the zh-CN page shows the
 * engine's own message (it names the step); English shows this label with the step's name.
 */
export const MIGRATION_REFUSAL_LABEL: Record<MigrationRefusalCode, L> = {
  CASE_ENDED: { zh: '案件已结束', en: 'The case has ended' },
  WRONG_VERSION: { zh: '案件不在源版本', en: 'The case is not on the source version' },
  SUSPENDED: { zh: '案件已中止', en: 'The case is suspended: resume it first' },
  INCIDENT: { zh: '案件有待处理的异常', en: 'The case has an open incident: resolve it first' },
  IN_TRANSIT: { zh: '案件正在自动流转', en: 'The case is moving between steps: try again shortly' },
  MIGRATING: { zh: '案件正在迁移', en: 'The case is being migrated' },
  NO_TARGET: { zh: '没有目标环节', en: 'No target step in the new version' },
  PARALLEL_BRANCH: { zh: '并行分支没有对应分支', en: 'A parallel branch without a counterpart in the new version' },
  OPEN_VOTE: { zh: '表决正在进行', en: 'A vote is under way (ballots or a tally entered)' },
  COUNTERSIGN: { zh: '会签已有人签署', en: 'A countersign has been signed by some' },
  PUBLICITY: { zh: '公示期未满', en: 'A publicity period is running' },
  SUBPROCESS: { zh: '子流程正在办理', en: 'A subprocess is running' },
  DEFINITION: { zh: '目标版本不能用于本案', en: 'The target version does not fit this case' },
};

/** Entries of a case's deadline ledger (workflows/types.ts DeadlineLedgerEntry). */
export const LEDGER_KIND_LABEL: Record<DeadlineLedgerEntry['kind'], L> = {
  extend: { zh: '延期', en: 'Extended' },
  suspend: { zh: '中止', en: 'Suspended' },
  resume: { zh: '恢复', en: 'Resumed' },
  migrate: { zh: '随版本迁移调整', en: 'Moved by a migration' },
};

/** A vote's result as its card and the tally preview state it (VoteResult['outcome'], exhaustive). */
export const VOTE_OUTCOME_LABEL: Record<'passed' | 'rejected' | 'no_quorum' | 'revote', L> = {
  passed: { zh: '通过', en: 'Passed' },
  rejected: { zh: '未通过', en: 'Not passed' },
  no_quorum: { zh: '未达到会议人数要求，会议无效', en: 'No quorum: the meeting is void' },
  revote: { zh: '需另行选举', en: 'A further round is needed' },
};

/** A form field's type (FieldTypeSchema), as the designer offers it. */
export const FIELD_TYPE_LABEL: Record<FieldType, L> = {
  text: { zh: '单行文本', en: 'Text' },
  longText: { zh: '多行文本', en: 'Long text' },
  number: { zh: '数字', en: 'Number' },
  money: { zh: '金额', en: 'Amount' },
  date: { zh: '日期', en: 'Date' },
  boolean: { zh: '是/否', en: 'Yes/no' },
  select: { zh: '单选', en: 'Choice' },
  multiSelect: { zh: '多选', en: 'Multiple choice' },
  person: { zh: '人员', en: 'Person' },
  orgUnit: { zh: '组织单位', en: 'Unit' },
  attachment: { zh: '附件', en: 'Attachment' },
  table: { zh: '表格', en: 'Table' },
  textList: { zh: '文本列表（每行一项）', en: 'List of texts (one per line)' },
};

/** A text field's format (FieldBase.format, dsl/field-formats.ts); '' = any text. */
export const FIELD_FORMAT_LABEL: Record<'' | 'mobile' | 'phone' | 'idCard', L> = {
  '': { zh: '不限格式', en: 'Any text' },
  mobile: { zh: '手机号', en: 'Mobile number' },
  phone: { zh: '手机或固定电话', en: 'Mobile or landline' },
  idCard: { zh: '身份证号', en: 'ID card number' },
};

/** The date blanks of the notice templates (dsl/notice-dates.ts) a notice's 办结期限 / 办理日期 fill. */
export const NOTICE_DATE_LABEL: Record<string, L> = {
  dueAt: { zh: '办结期限', en: 'Due date' },
  receivedAt: { zh: '收到日期', en: 'Date received' },
  acceptedAt: { zh: '受理日期', en: 'Date accepted' },
  meetingDate: { zh: '会议日期', en: 'Meeting date' },
  publicityStart: { zh: '公开开始', en: 'Publicity starts' },
  publicityEnd: { zh: '公开截止', en: 'Publicity ends' },
  deadline: { zh: '整改期限', en: 'Rectification deadline' },
};

/** Where an assignment's role is looked for (OrgScopeSchema), relative to the case's unit. */
export const ORG_SCOPE_LABEL: Record<Extract<Assignment, { type: 'role' }>['scope'], L> = {
  case: { zh: '本案单位', en: "The case's unit" },
  parent: { zh: '上级单位', en: 'The parent unit' },
  township: { zh: '所属乡镇', en: 'The township' },
  county: { zh: '所属县（区）', en: 'The county' },
  field: { zh: '表单所选单位', en: 'The unit chosen in the form' },
};
