/**
 * generateNotice: 通知/公告/告知书 rendered from a named template and the case data, as a document
 * body (heading, blocks, sign-off) that the viewer and the PDF lay out, and as plain text.
 * The document id is derived from caseId + nodeId (+ the pass through the node after the first),
 * so a retried activity produces the same document, and the text depends only on the request,
 * the case's facts and the issue time passed in.
 *
 * Templates read the data keys listed in NOTICE_TEMPLATES (the designer shows them); a key the
 * case data leaves empty is filled from the case's facts where the case knows it (收到日期 = the
 * case start, 受理机关 = the township's government, 预计办结日期 = the statutory period the node names
 * with `dueOf`, see workflows/engine/notice-context.ts); what is still unknown renders as "＿＿＿＿"
 * so a clerk sees the gap instead of a silent omission.
 */
import { createHash } from 'node:crypto';
import type { DocumentBlock, DocumentBody, NoticeRequest, NoticeResult } from './types.js';
import type { NoticeTemplate as NoticeTemplateName } from '../dsl/schema.js';
import { activityFailure } from './errors.js';
import { shanghaiDate } from './business-calendar.js';
import { meetingRecordBody, type MeetingRecordData } from './meeting-record.js';

const BLANK = '＿＿＿＿';

/** Who issues a template's documents when the data names no `issuer`. */
export type NoticeAuthority = 'township' | 'village';

export interface NoticeTemplate {
  /** Document type shown as the heading, e.g. 决议公开公告. */
  name: string;
  /** Data keys the template reads, with their labels. */
  fields: Record<string, string>;
  authority?: NoticeAuthority;
  render(ctx: RenderContext): Omit<DocumentBody, 'number' | 'footer'>;
}

interface RenderContext {
  /** The document's own title (the node's `title` param, else its name). */
  title: string;
  /** The matter the document is about: the case's title (from the notice context), else `title`. */
  matter: string;
  /** A data value as text, or the blank mark. */
  v(key: string): string;
  /** A data value that is an instant or date, shown as a Shanghai date "2026年2月26日". */
  date(key: string): string;
  /** The same for the end of a period: an instant at 24:00 shows as the day it closes. */
  endDate(key: string): string;
  issued: string;
  /** Every filled data value but those of `except`, as [label, text], in key order (the generic notice). */
  entries(except: string[]): [string, string][];
  /** The data as given, for templates of structured records (the meeting record). */
  data: Record<string, unknown>;
}

/** The case's facts a notice may fill blanks from (resolved by the activity: names, the calendar). */
export interface NoticeFacts {
  /** Values for data keys the case left empty (receivedAt, issuer, dueAt …). */
  defaults: Record<string, unknown>;
  /** The case number shown under the heading (see caseNumber). */
  caseNumber?: string;
  /** The case's title, the matter a document names. */
  caseTitle?: string;
  /** Field key → label, and option code → label per field. */
  labels?: Record<string, { label: string; options?: Record<string, string> }>;
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

/**
 * The case number on paper: "信访〔2026〕1215-Ab3x9K号" from case id `xinfang-20261215-Ab3x9K`
 * (procedure, Shanghai start day, random part) and the procedure's category; another id as it is.
 */
export function caseNumber(caseId: string, category?: string): string {
  const m = /^.+-(\d{4})(\d{4})-([A-Za-z0-9_-]+)$/.exec(caseId);
  if (!m) return caseId;
  return `${category ?? ''}〔${m[1]}〕${m[2]}-${m[3]}号`;
}

function text(value: unknown, options?: Record<string, string>): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (Array.isArray(value)) return value.map((x) => text(x, options) ?? '').filter(Boolean).join('、') || undefined;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'object') return JSON.stringify(value);
  return options?.[String(value)] ?? String(value);
}

const p = (t: string): DocumentBlock => ({ kind: 'paragraph', text: t });
const to = (t: string): DocumentBlock => ({ kind: 'salutation', text: t });

/** Every template a notice node may name, plus the 会议记录 that only a vote node issues. */
export const NOTICE_TEMPLATES: Record<NoticeTemplateName | 'meeting-record', NoticeTemplate> = {
  /** 会议记录 of a decided vote (activities/meeting-record.ts): issued by the vote node itself. */
  'meeting-record': {
    name: '会议记录',
    fields: {},
    authority: 'village',
    render: (c) => meetingRecordBody(c.matter, c.data as Partial<MeetingRecordData>, (iso) => formatChineseDate(iso), c.issued),
  },
  /** The interpreter's default when a notice node names no template: title plus the filled data. */
  generic: {
    name: '通知',
    fields: { issuer: '发布单位' },
    authority: 'township',
    render: (c) => ({
      heading: `关于“${c.title}”的通知`,
      blocks: c.entries(['issuer']).map(([k, v]) => p(`${k}：${v}`)),
      signOff: [c.v('issuer'), c.issued],
    }),
  },
  'resolution-publicity': {
    name: '决议公开公告',
    authority: 'village',
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
    render: (c) => ({
      heading: `${c.v('orgName')}决议公开公告`,
      blocks: [
        p(`根据“四议两公开”工作要求，现将“${c.matter}”的决议结果公开如下：`),
        p(`一、事项：${c.matter}`),
        p(`二、决议内容：${c.v('resolution')}`),
        p(`三、表决情况：${c.date('meetingDate')}召开会议，应到${c.v('entitled')}人，实到${c.v('present')}人；赞成${c.v('yes')}票，反对${c.v('no')}票，弃权${c.v('abstain')}票。`),
        p(`四、公开期限：${c.date('publicityStart')}至${c.endDate('publicityEnd')}。`),
        p('公开期间如有异议，请向村务监督委员会或村党组织书面反映。'),
      ],
      signOff: [c.v('issuer'), c.issued],
    }),
  },
  'warning-notice': {
    name: '警示通知',
    authority: 'township',
    fields: {
      recipient: '被通知单位或人员',
      issue: '存在问题',
      indicator: '涉及指标',
      requirement: '工作要求',
      deadline: '整改期限',
      issuer: '发布单位',
    },
    render: (c) => ({
      heading: '警示通知',
      blocks: [
        to(`${c.v('recipient')}：`),
        p(`经核查，你单位在“${c.matter}”中存在以下问题：${c.v('issue')}（涉及指标：${c.v('indicator')}）。`),
        p(`现予以黄灯警示，请高度重视，按照以下要求认真整改：${c.v('requirement')}。`),
        p(`请于${c.endDate('deadline')}前将整改情况书面报告。逾期未整改或整改不到位的，将按规定升级处理。`),
      ],
      signOff: [c.v('issuer'), c.issued],
    }),
  },
  'rectification-notice': {
    name: '限期整改通知',
    authority: 'township',
    fields: {
      recipient: '被通知单位或人员',
      problems: '存在问题',
      requirement: '整改要求',
      deadline: '整改期限',
      issuer: '发布单位',
    },
    render: (c) => ({
      heading: '限期整改通知',
      blocks: [
        to(`${c.v('recipient')}：`),
        p(`关于“${c.matter}”，经检查发现以下问题：${c.v('problems')}。`),
        p(`整改要求：${c.v('requirement')}。`),
        p(`请于${c.endDate('deadline')}前整改完毕，并将整改结果书面报送。逾期未整改的，将依规依纪严肃处理。`),
      ],
      signOff: [c.v('issuer'), c.issued],
    }),
  },
  'xinfang-reply': {
    name: '信访事项书面答复意见书',
    authority: 'township',
    fields: {
      petitioner: '信访人',
      acceptedAt: '受理日期',
      summary: '信访事项',
      findings: '调查核实情况',
      decision: '处理意见',
      reviewOrgan: '复查机关（原办理机关的上一级机关）',
      issuer: '办理机关',
    },
    render: (c) => ({
      heading: '信访事项书面答复意见书',
      blocks: [
        to(`${c.v('petitioner')}：`),
        p(`你于${c.date('acceptedAt')}提出的信访事项（“${c.matter}”：${c.v('summary')}）已依照《信访工作条例》受理办理。现答复如下：`),
        p(`一、调查核实情况：${c.v('findings')}`),
        p(`二、处理意见：${c.v('decision')}`),
        p(`如对本处理意见不服，可以自收到本意见书之日起30日内向${c.v('reviewOrgan')}请求复查。`),
      ],
      signOff: [c.v('issuer'), c.issued],
    }),
  },
  'acceptance-notice': {
    name: '受理告知书',
    authority: 'township',
    fields: {
      petitioner: '信访人',
      receivedAt: '收到日期',
      summary: '信访事项',
      dueAt: '办结期限',
      issuer: '受理机关',
    },
    render: (c) => ({
      heading: '受理告知书',
      blocks: [
        to(`${c.v('petitioner')}：`),
        p(`你于${c.date('receivedAt')}提出的信访事项（“${c.matter}”：${c.v('summary')}），经审查，符合受理条件，本机关决定予以受理。`),
        p(`依照《信访工作条例》，本机关将自受理之日起60日内办结并出具书面答复意见（预计于${c.endDate('dueAt')}前）；情况复杂的，经本机关负责人批准可以适当延长，延长期限不超过30日，并告知你延期理由。`),
      ],
      signOff: [c.v('issuer'), c.issued],
    }),
  },
};

/**
 * Deterministic document id: the same case and node always yield the same document; a later pass
 * through the node (a loop) yields a new one, so an issued document is never replaced.
 */
export function noticeDocumentId(caseId: string, nodeId: string, pass = 1): string {
  const key = pass > 1 ? `${caseId}\u0000${nodeId}\u0000${pass}` : `${caseId}\u0000${nodeId}`;
  return `DOC-${createHash('sha256').update(key).digest('hex').slice(0, 20)}`;
}

/** The plain text of a document body (what `generateNotice` returns). */
export function documentText(body: DocumentBody): string {
  const lines: string[] = [body.heading];
  if (body.number) lines.push(body.number);
  lines.push('');
  for (const b of body.blocks) {
    if (b.kind === 'table') lines.push(...(b.header ? [b.header.join('｜')] : []), ...b.rows.map((r) => r.join('｜')));
    else if (b.kind === 'signatures') lines.push(b.items.join('    '));
    else lines.push(b.text);
  }
  lines.push('', ...body.signOff);
  if (body.footer?.length) lines.push('', ...body.footer);
  return `${lines.join('\n')}\n`;
}

export interface RenderedNotice extends NoticeResult {
  body: DocumentBody;
  /** The values the document shows for the template's fields (blank mark where none). */
  fields: Record<string, string>;
}

/** Render a notice. Throws UNKNOWN_TEMPLATE (non-retryable) for a template not in the catalogue. */
export function renderNotice(req: NoticeRequest, issuedAt: Date, facts: NoticeFacts = { defaults: {} }): RenderedNotice {
  const template = Object.hasOwn(NOTICE_TEMPLATES, req.template) ? NOTICE_TEMPLATES[req.template as keyof typeof NOTICE_TEMPLATES] : undefined;
  if (!template) {
    throw activityFailure('UNKNOWN_TEMPLATE', `${req.template}（可用：${Object.keys(NOTICE_TEMPLATES).join('、')}）`);
  }
  const raw = (key: string): unknown => {
    const own = req.data[key];
    return own === null || own === undefined || own === '' ? facts.defaults[key] : own;
  };
  // What the document shows for each key, as the template rendered it (the stored `fields`).
  const shown: Record<string, string> = {};
  const v = (key: string): string => (shown[key] = text(raw(key), facts.labels?.[key]?.options) ?? BLANK);
  const dateOf = (key: string, periodEnd: boolean): string => {
    const value = raw(key);
    if (typeof value === 'string' && Number.isFinite(Date.parse(value))) return (shown[key] = formatChineseDate(value, periodEnd));
    return (shown[key] = text(value) ?? BLANK);
  };
  const content = template.render({
    title: req.title,
    matter: facts.caseTitle ?? req.title,
    v,
    date: (key) => dateOf(key, false),
    endDate: (key) => dateOf(key, true),
    issued: formatChineseDate(issuedAt),
    data: req.data,
    entries: (except) =>
      Object.keys(req.data)
        .filter((k) => !except.includes(k))
        .sort()
        .flatMap((k): [string, string][] => {
          const label = facts.labels?.[k];
          const t = text(req.data[k], label?.options);
          return t === undefined ? [] : [[label?.label ?? k, t]];
        }),
  });
  const documentId = req.documentKey ? noticeDocumentId(req.caseId, req.documentKey) : noticeDocumentId(req.caseId, req.nodeId, req.context?.pass);
  const body: DocumentBody = {
    ...content,
    ...(facts.caseNumber ? { number: facts.caseNumber } : {}),
    footer: [`文书编号：${documentId}`],
  };
  const fields = Object.fromEntries(Object.keys(template.fields).map((k) => [k, shown[k] ?? v(k)]));
  return { documentId, text: documentText(body), body, fields };
}
