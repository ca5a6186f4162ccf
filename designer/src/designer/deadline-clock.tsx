/**
 * Where a deadline counts from (clock anchor), its statutory bounds and overall cap, and a preview
 * of the due date for a case started on a chosen day — computed in the browser by the same pure
 * function the engine's rules use (activities/due-preview.ts, loaded on demand with the calendar).
 */
import { useEffect, useMemo, useState } from 'react';
import { anchorLabel } from '../../../dsl/clock.js';
import type { ClockAnchor, Deadline, Definition, Node as DslNode, PeriodBound } from '../../../dsl/schema.js';
import type { DuePreview } from '../../../activities/due-preview.js';
import { useEditor } from './graph/editor-store.js';
import { UNIT_LABEL } from '../lib/labels.js';
import { useLang } from '../lib/i18n.js';
import type { Lang } from '../lib/format.js';
import { FieldErrors, SelectProp } from './prop-inputs.js';

type AnchorKind = ClockAnchor['kind'];

const KIND_LABEL: Record<AnchorKind, Record<Lang, string>> = {
  taskOpened: { zh: '本环节开始', en: 'this step opens' },
  caseStarted: { zh: '案件发起（收到事项）', en: 'case start' },
  nodeCompleted: { zh: '某环节办结', en: 'another step completes' },
  nodeOpened: { zh: '某环节开始', en: 'another step opens' },
  field: { zh: '表单中的日期（如送达日期）', en: 'a date field (e.g. served on)' },
};

const TZ_TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const DAY_TEXT: Record<Lang, Intl.DateTimeFormat> = {
  zh: new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'short', day: 'numeric', weekday: 'short' }),
};
/** A Shanghai calendar day (YYYY-MM-DD) as a person reads it, e.g. 2027年1月4日周一. */
const dayText = (date: string, lang: Lang) => DAY_TEXT[lang].format(new Date(`${date}T12:00:00+08:00`));

/** The Shanghai calendar day of an instant. */
const shanghaiDay = (iso: string) => TZ_TODAY.format(new Date(iso));

const boundText = (b: PeriodBound, lang: Lang) => `${b.amount} ${UNIT_LABEL[b.unit][lang]}`;

function anchorOf(kind: AnchorKind, previous: ClockAnchor | undefined, nodeId: string, dateField: string): ClockAnchor | undefined {
  switch (kind) {
    case 'taskOpened':
      return undefined;
    case 'caseStarted':
      return { kind };
    case 'nodeCompleted':
    case 'nodeOpened':
      return { kind, nodeId: previous && 'nodeId' in previous ? previous.nodeId : nodeId };
    case 'field':
      return { kind, field: previous?.kind === 'field' ? previous.field : dateField };
    default: {
      const never: never = kind;
      return never;
    }
  }
}

export function DeadlineClock({ id, dl, onChange, readOnly, err }: { id: string; dl: Deadline; onChange: (d: Deadline) => void; readOnly: boolean; err: (field: string) => string[] }) {
  const lang = useLang((s) => s.lang);
  const doc = useEditor((s) => s.doc);
  const definition = useEditor((s) => s.definition);
  const nodes = doc.nodes.map((n) => n.data.node).filter((n: DslNode) => n.id !== id && n.kind !== 'end');
  const dateFields = doc.meta.fields.filter((f) => f.type === 'date');
  const anchor = dl.anchor;
  const kind: AnchorKind = anchor?.kind ?? 'taskOpened';
  const setAnchor = (a: ClockAnchor | undefined) => {
    const next = { ...dl };
    if (a) next.anchor = a;
    else delete next.anchor;
    onChange(next);
  };
  const meta = { nodes: doc.nodes.map((n) => n.data.node), fields: doc.meta.fields };

  return (
    <div className="field" data-testid="prop-deadline-clock">
      <SelectProp
        label={lang === 'zh' ? '时限起算点' : 'Counts from'}
        value={kind}
        disabled={readOnly}
        testId="prop-deadline-anchor-kind"
        options={(Object.keys(KIND_LABEL) as AnchorKind[]).filter((k) => k !== 'field' || dateFields.length > 0).map((k) => ({ value: k, label: KIND_LABEL[k][lang] }))}
        onChange={(k) => setAnchor(anchorOf(k, anchor, nodes.find((n) => n.kind !== 'start')?.id ?? '', dateFields[0]?.key ?? ''))}
      />
      {anchor && (anchor.kind === 'nodeCompleted' || anchor.kind === 'nodeOpened') ? (
        <SelectProp
          label={lang === 'zh' ? '起算环节' : 'Step'}
          value={anchor.nodeId}
          disabled={readOnly}
          testId="prop-deadline-anchor-node"
          options={nodes.map((n) => ({ value: n.id, label: n.name }))}
          onChange={(v) => setAnchor({ ...anchor, nodeId: v })}
        />
      ) : null}
      {anchor?.kind === 'field' ? (
        <SelectProp
          label={lang === 'zh' ? '起算日期字段' : 'Date field'}
          value={anchor.field}
          disabled={readOnly}
          testId="prop-deadline-anchor-field"
          options={dateFields.map((f) => ({ value: f.key, label: f.label }))}
          onChange={(v) => setAnchor({ kind: 'field', field: v })}
        />
      ) : null}
      <FieldErrors messages={err('deadline.anchor')} />
      {dl.max || dl.min ? (
        <span className="field-hint" data-testid="prop-deadline-bounds">
          {dl.max ? `${lang === 'zh' ? '法定上限' : 'statutory ceiling'} ${boundText(dl.max, lang)}` : ''}
          {dl.max && dl.min ? ' · ' : ''}
          {dl.min ? `${lang === 'zh' ? '法定下限' : 'statutory floor'} ${boundText(dl.min, lang)}` : ''}
          {lang === 'zh' ? '（只能在此范围内调整）' : ' (adjust only within)'}
        </span>
      ) : null}
      {dl.cap ? (
        <span className="field-hint" data-testid="prop-deadline-cap">
          {lang === 'zh'
            ? `总时限：自${anchorLabel(dl.cap.anchor, meta)}起不超过 ${boundText(dl.cap.duration, lang)}（含延期）`
            : `overall cap: ${boundText(dl.cap.duration, lang)} from ${anchorLabel(dl.cap.anchor, meta)} (extensions included)`}
        </span>
      ) : null}
      {dl.extensionOf ? (
        <span className="field-hint">
          {lang === 'zh'
            ? `延长「${meta.nodes.find((n) => n.id === dl.extensionOf?.nodeId)?.name ?? dl.extensionOf.nodeId}」的期限，记入时限台账`
            : `extends the period of another step; recorded in the deadline ledger`}
        </span>
      ) : null}
      <FieldErrors messages={[...err('deadline.cap'), ...err('deadline.extensionOf')]} />
      <DuePreviewBox nodeId={id} dl={dl} definition={definition} />
    </div>
  );
}

/** "若 2026年12月17日 发起 → 2027年1月4日周一 24时前到期", with the calendar's warnings. */
function DuePreviewBox({ nodeId, dl, definition }: { nodeId: string; dl: Deadline; definition: () => Definition }) {
  const lang = useLang((s) => s.lang);
  const [start, setStart] = useState(() => TZ_TODAY.format(new Date()));
  const [result, setResult] = useState<{ preview?: DuePreview; error?: string }>({});
  // Recompute when the deadline or the date changes (the rest of the graph matters only for names).
  const key = useMemo(() => JSON.stringify(dl), [dl]);
  useEffect(() => {
    let live = true;
    void import('../../../activities/due-preview.js')
      .then(({ previewDueDate }) => {
        if (!live || !/^\d{4}-\d{2}-\d{2}$/.test(start)) return;
        try {
          const at = new Date(`${start}T09:00:00+08:00`).toISOString();
          setResult({ preview: previewDueDate(definition(), nodeId, { caseStartedAt: at, openedAt: at }) });
        } catch (e) {
          setResult({ error: e instanceof Error ? e.message : String(e) });
        }
      })
      .catch(() => live && setResult({ error: lang === 'zh' ? '日历加载失败' : 'calendar failed to load' }));
    return () => {
      live = false;
    };
  }, [key, start, nodeId, definition, lang]);
  const p = result.preview;
  return (
    <div className="deadline-preview" data-testid="deadline-preview">
      <label className="field">
        <span className="field-label">{lang === 'zh' ? '到期预览：若案件发起于' : 'Preview: case started on'}</span>
        <input type="date" value={start} onChange={(e) => setStart(e.target.value)} data-testid="deadline-preview-date" />
      </label>
      {p ? (
        <span className="field-hint" data-testid="deadline-preview-due">
          {lang === 'zh' ? `自${p.anchor}起算，${dayText(p.lastDay, lang)} 24时前到期` : `counted from ${p.anchor}; due by the end of ${dayText(p.lastDay, lang)}`}
          {p.capped ? (lang === 'zh' ? '（已按总时限封顶）' : ' (cut at the overall cap)') : ''}
        </span>
      ) : null}
      {p?.assumptions.map((a) => (
        <span className="field-hint" key={a.event} data-testid="deadline-preview-assumption">
          {lang === 'zh' ? `（假设${a.event}于${dayText(shanghaiDay(a.at), lang)}）` : `(assuming ${a.event} on ${dayText(shanghaiDay(a.at), lang)})`}
        </span>
      ))}
      {p?.warnings.map((w) => (
        <span className="field-hint warn" key={w} data-testid="deadline-preview-warning">
          {w}
        </span>
      ))}
      {result.error ? <FieldErrors messages={[result.error]} /> : null}
    </div>
  );
}
