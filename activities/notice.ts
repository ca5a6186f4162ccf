/**
 * generateNotice: plain-text 通知/公告/告知书 rendered from a named template and the case data.
 * The document id is derived from caseId + nodeId, so a retried activity produces the same
 * document, and the text depends only on the request and the issue time passed in.
 *
 * Templates read the data keys listed in NOTICE_TEMPLATES (the designer shows them); a key that
 * is not filled renders as "＿＿＿＿" so a clerk sees the gap instead of a silent omission.
 */
import { createHash } from 'node:crypto';
import type { NoticeRequest, NoticeResult } from './types.js';
import { activityFailure } from './errors.js';
import { shanghaiDate } from './business-calendar.js';
import { meetingRecordLines, type MeetingRecordData } from './meeting-record.js';

const BLANK = '＿＿＿＿';

export interface NoticeTemplate {
  /** Document type shown as the heading, e.g. 决议公开公告. */
  name: string;
  /** Data keys the template reads, with their labels. */
  fields: Record<string, string>;
  render(ctx: RenderContext): string[];
}

interface RenderContext {
  title: string;
  /** A data value as text, or the blank mark. */
  v(key: string): string;
  /** A data value that is an instant or date, shown as a Shanghai date "2026年2月26日". */
  date(key: string): string;
  /** The same for the end of a period: an instant at 24:00 shows as the day it closes. */
  endDate(key: string): string;
  issued: string;
  /** Every filled data value as [key, text], in key order (for the generic notice). */
  entries(): [string, string][];
  /** The data as given, for templates of structured records (the meeting record). */
  data: Record<string, unknown>;
}

/**
 * "2026年2月26日" for an instant or 'YYYY-MM-DD', in Asia/Shanghai. With `periodEnd`, an instant
 * at exactly 00:00 Shanghai is 24:00 of the previous day — the day a period closes (民法典 §203).
 */
export function formatChineseDate(value: string | Date, periodEnd = false): string {
  let iso: string;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) iso = value;
  else {
    const ms = typeof value === 'string' ? Date.parse(value) : value.getTime();
    iso = shanghaiDate(new Date(periodEnd ? ms - 1 : ms));
  }
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function text(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (Array.isArray(value)) return value.map((x) => text(x) ?? '').filter(Boolean).join('、') || undefined;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const issuer = (ctx: RenderContext): string[] => ['', `${ctx.v('issuer')}`, ctx.issued];

export const NOTICE_TEMPLATES: Record<string, NoticeTemplate> = {
  /** 会议记录 of a decided vote (activities/meeting-record.ts): issued by the vote node itself. */
  'meeting-record': {
    name: '会议记录',
    fields: {},
    render: (c) => meetingRecordLines(c.title, c.data as Partial<MeetingRecordData>, (iso) => formatChineseDate(iso), c.issued),
  },
  /** The interpreter's default when a notice node names no template: title plus the filled data. */
  generic: {
    name: '通知',
    fields: { issuer: '发布单位' },
    render: (c) => [
      `关于“${c.title}”的通知`,
      '',
      ...c
        .entries()
        .filter(([k]) => k !== 'issuer')
        .map(([k, v]) => `${k}：${v}`),
      ...issuer(c),
    ],
  },
  'resolution-publicity': {
    name: '决议公开公告',
    fields: {
      orgName: '单位名称',
      resolution: '决议内容',
      meetingDate: '会议日期',
      entitled: '应到人数',
      present: '实到人数',
      yes: '赞成票数',
      no: '反对票数',
      abstain: '弃权票数',
      publicityStart: '公开开始',
      publicityEnd: '公开截止',
      issuer: '发布单位',
    },
    render: (c) => [
      `${c.v('orgName')}决议公开公告`,
      '',
      `根据“四议两公开”工作要求，现将“${c.title}”的决议结果公开如下：`,
      `一、事项：${c.title}`,
      `二、决议内容：${c.v('resolution')}`,
      `三、表决情况：${c.date('meetingDate')}召开会议，应到${c.v('entitled')}人，实到${c.v('present')}人；赞成${c.v('yes')}票，反对${c.v('no')}票，弃权${c.v('abstain')}票。`,
      `四、公开期限：${c.date('publicityStart')}至${c.endDate('publicityEnd')}。`,
      '公开期间如有异议，请向村务监督委员会或村党组织书面反映。',
      ...issuer(c),
    ],
  },
  'warning-notice': {
    name: '警示通知',
    fields: {
      recipient: '被通知单位或人员',
      issue: '存在问题',
      indicator: '涉及指标',
      requirement: '工作要求',
      deadline: '整改期限',
      issuer: '发布单位',
    },
    render: (c) => [
      '警示通知',
      '',
      `${c.v('recipient')}：`,
      `经核查，你单位在“${c.title}”中存在以下问题：${c.v('issue')}（涉及指标：${c.v('indicator')}）。`,
      `现予以黄灯警示，请高度重视，按照以下要求认真整改：${c.v('requirement')}。`,
      `请于${c.endDate('deadline')}前将整改情况书面报告。逾期未整改或整改不到位的，将按规定升级处理。`,
      ...issuer(c),
    ],
  },
  'rectification-notice': {
    name: '限期整改通知',
    fields: {
      recipient: '被通知单位或人员',
      problems: '存在问题',
      requirement: '整改要求',
      deadline: '整改期限',
      issuer: '发布单位',
    },
    render: (c) => [
      '限期整改通知',
      '',
      `${c.v('recipient')}：`,
      `关于“${c.title}”，经检查发现以下问题：${c.v('problems')}。`,
      `整改要求：${c.v('requirement')}。`,
      `请于${c.endDate('deadline')}前整改完毕，并将整改结果书面报送。逾期未整改的，将依规依纪严肃处理。`,
      ...issuer(c),
    ],
  },
  'xinfang-reply': {
    name: '信访事项书面答复意见书',
    fields: {
      petitioner: '信访人',
      acceptedAt: '受理日期',
      summary: '信访事项',
      findings: '调查核实情况',
      decision: '处理意见',
      reviewOrgan: '复查机关（原办理机关的上一级机关）',
      issuer: '办理机关',
    },
    render: (c) => [
      '信访事项书面答复意见书',
      '',
      `${c.v('petitioner')}：`,
      `你于${c.date('acceptedAt')}提出的信访事项（“${c.title}”：${c.v('summary')}）已依照《信访工作条例》受理办理。现答复如下：`,
      `一、调查核实情况：${c.v('findings')}`,
      `二、处理意见：${c.v('decision')}`,
      `如对本处理意见不服，可以自收到本意见书之日起30日内向${c.v('reviewOrgan')}请求复查。`,
      ...issuer(c),
    ],
  },
  'acceptance-notice': {
    name: '受理告知书',
    fields: {
      petitioner: '信访人',
      receivedAt: '收到日期',
      summary: '信访事项',
      dueAt: '办结期限',
      issuer: '受理机关',
    },
    render: (c) => [
      '受理告知书',
      '',
      `${c.v('petitioner')}：`,
      `你于${c.date('receivedAt')}提出的信访事项（“${c.title}”：${c.v('summary')}），经审查，符合受理条件，本机关决定予以受理。`,
      `依照《信访工作条例》，本机关将自受理之日起60日内办结并出具书面答复意见（预计于${c.endDate('dueAt')}前）；情况复杂的，经本机关负责人批准可以适当延长，延长期限不超过30日，并告知你延期理由。`,
      ...issuer(c),
    ],
  },
};

/** Deterministic document id: the same case and node (or document key) always yield the same document. */
export function noticeDocumentId(caseId: string, key: string): string {
  return `DOC-${createHash('sha256').update(`${caseId}\u0000${key}`).digest('hex').slice(0, 20)}`;
}

/** Render a notice. Throws UNKNOWN_TEMPLATE (non-retryable) for a template not in the catalogue. */
export function renderNotice(req: NoticeRequest, issuedAt: Date): NoticeResult {
  const template = Object.hasOwn(NOTICE_TEMPLATES, req.template) ? NOTICE_TEMPLATES[req.template] : undefined;
  if (!template) {
    throw activityFailure('UNKNOWN_TEMPLATE', `${req.template}（可用：${Object.keys(NOTICE_TEMPLATES).join('、')}）`);
  }
  const v = (key: string): string => text(req.data[key]) ?? BLANK;
  const dateOf = (key: string, periodEnd: boolean): string => {
    const raw = req.data[key];
    if (typeof raw === 'string' && Number.isFinite(Date.parse(raw))) return formatChineseDate(raw, periodEnd);
    return text(raw) ?? BLANK;
  };
  const lines = template.render({
    title: req.title,
    v,
    date: (key) => dateOf(key, false),
    endDate: (key) => dateOf(key, true),
    issued: formatChineseDate(issuedAt),
    data: req.data,
    entries: () =>
      Object.keys(req.data)
        .sort()
        .flatMap((k): [string, string][] => {
          const t = text(req.data[k]);
          return t === undefined ? [] : [[k, t]];
        }),
  });
  const documentId = noticeDocumentId(req.caseId, req.documentKey ?? req.nodeId);
  return { documentId, text: `${lines.join('\n')}\n\n文书编号：${documentId}\n` };
}
