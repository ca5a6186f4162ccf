/** Who did what when: the case timeline, newest last, times in Asia/Shanghai. */
import type { TimelineEntry } from '../../../workflows/types.js';
import { formatDateTime } from '../lib/format.js';
import { useLang, useT } from '../lib/i18n.js';
import { TIMELINE_LABEL } from '../lib/labels.js';
import { plainNote } from '../../../dsl/plain-note.js';

export function Timeline({ entries, nodeName }: { entries: TimelineEntry[]; nodeName?: (id: string) => string | undefined }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  if (entries.length === 0) return <div className="empty">{t('empty')}</div>;
  return (
    <ol className="timeline" data-testid="timeline">
      {entries.map((e, i) => (
        <li key={i} className={`tl tl-${e.type.replace(/\./g, '-')}`}>
          <time>{formatDateTime(e.at, lang)}</time>
          <div>
            <strong>{e.actorName ?? (e.actor === 'system' ? t('systemActor') : e.actor)}</strong> · {TIMELINE_LABEL[e.type]?.[lang] ?? e.type}
            {e.nodeId ? <span className="muted"> · {nodeName?.(e.nodeId) ?? e.nodeId}</span> : null}
            {e.comment ? <p className="tl-comment">{e.comment}</p> : null}
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
