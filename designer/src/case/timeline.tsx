/** Who did what when: the case timeline, newest last, times in Asia/Shanghai. */
import type { TimelineEntry } from '../../../workflows/types.js';
import { formatDateTime } from '../lib/format.js';
import { fill, useLang, useT } from '../lib/i18n.js';
import { TIMELINE_LABEL } from '../lib/labels.js';
import { plainNote } from '../../../dsl/plain-note.js';

/** A migration to another version: from which version to which, and a due time it moved. */
function MigrationDetail({ entry }: { entry: TimelineEntry }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const d = entry.detail ?? {};
  if (entry.type === 'case.migrated' && typeof d.from === 'number' && typeof d.to === 'number') {
    return <p className="muted">{fill(t('migratedFromTo'), { from: d.from, to: d.to })}</p>;
  }
  if (entry.type === 'task.migrated' && 'dueTo' in d) {
    return <p className="muted">{fill(t('dueMoved'), { from: formatDateTime(d.dueFrom as string | undefined, lang), to: formatDateTime(d.dueTo as string | undefined, lang) })}</p>;
  }
  return null;
}

export function Timeline({ entries, nodeName, personName }: { entries: TimelineEntry[]; nodeName?: (id: string) => string | undefined; personName?: (id: string) => string | undefined }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  if (entries.length === 0) return <div className="empty">{t('empty')}</div>;
  return (
    <ol className="timeline" data-testid="timeline">
      {entries.map((e, i) => (
        <li key={i} className={`tl tl-${e.type.replace(/\./g, '-')}`}>
          <time>{formatDateTime(e.at, lang)}</time>
          <div>
            <strong>{e.actorName ?? (e.actor === 'system' ? t('systemActor') : (personName?.(e.actor) ?? e.actor))}</strong> · {TIMELINE_LABEL[e.type]?.[lang] ?? e.type}
            {e.nodeId ? <span className="muted"> · {nodeName?.(e.nodeId) ?? e.nodeId}</span> : null}
            {/* A hand-off names from whom to whom (转办, 委托, 外出委托); a 退回 names the step it went back to. */}
            {typeof e.detail?.toName === 'string' ? (
              <span className="tl-handoff" data-testid="tl-handoff">
                {' · '}
                {typeof e.detail.fromName === 'string' ? `${e.detail.fromName} ` : ''}
                {t('arrowTo')} {e.detail.toName}
              </span>
            ) : null}
            {/* 加签 / 减签 name the people added or taken off. */}
            {typeof e.detail?.toName !== 'string' && Array.isArray(e.detail?.userIds) && (e.type === 'task.signersRemoved' || e.type === 'task.signersAdded') ? (
              <span className="tl-handoff" data-testid="tl-signers">
                {' · '}
                {(e.detail.userIds as unknown[]).map((u) => (typeof u === 'string' ? (personName?.(u) ?? '') : '')).filter(Boolean).join('、')}
              </span>
            ) : null}
            {e.comment ? <p className="tl-comment">{e.comment}</p> : null}
            <MigrationDetail entry={e} />
            {Array.isArray(e.detail?.explanation) ? (
              <ul className="explanation">
                {(e.detail.explanation as string[]).map((x, j) => (
                  <li key={j}>{plainNote(x)}</li>
                ))}
              </ul>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
