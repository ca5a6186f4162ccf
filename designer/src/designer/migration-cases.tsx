/** The dry run of a migration: every running case of the source version, where it lands, what changes, or why it cannot move. */
import { Link } from 'react-router';
import type { MigrationCase, MigrationChangeView, MigrationPreview } from '../../../api/index.js';
import type { Assignment, Definition } from '../../../dsl/schema.js';
import { formatDateTime, type Lang } from '../lib/format.js';
import { fill, useLang, useT, type MsgKey } from '../lib/i18n.js';
import { MIGRATION_REFUSAL_LABEL } from '../lib/labels.js';

type T = (key: MsgKey) => string;

function assignmentText(a: Assignment, def: Definition | undefined, t: T): string {
  switch (a.type) {
    case 'role':
      return def?.roles.find((r) => r.key === a.role)?.name ?? t('assignRole');
    case 'user':
      return fill(t('assignUsersN'), { n: a.userIds.length });
    case 'initiator':
      return t('assignInitiator');
    case 'expression':
      return t('assignExpression');
    default: {
      const never: never = a;
      return String(never);
    }
  }
}

function changeText(c: MigrationChangeView, t: T, lang: Lang, defs: { source?: Definition; target?: Definition }): string {
  const at = (iso: string | null) => formatDateTime(iso, lang);
  switch (c.kind) {
    case 'moved':
      return fill(t('chg_moved'), { from: c.from.name, to: c.to.name });
    case 'renamed':
      return fill(t('chg_renamed'), { from: c.from.name, to: c.to.name });
    case 'reopened':
      return fill(t('chg_reopened'), { node: c.node.name });
    case 'branchEnded':
      return fill(t('chg_branchEnded'), { node: c.node.name });
    case 'branchNotRun':
      return fill(t('chg_branchNotRun'), { node: c.node.name });
    case 'deadline': {
      if (!c.toDue) return fill(t('chg_deadlineNone'), { node: c.node.name, from: at(c.fromDue) });
      const base = fill(t('chg_deadline'), { node: c.node.name, from: at(c.fromDue), to: at(c.toDue) });
      if (c.anchorMissing) return base + fill(t('chg_anchorMissing'), { anchor: c.anchorMissing });
      return c.anchor ? base + fill(t('chg_anchor'), { anchor: c.anchor }) : base;
    }
    case 'deadlineKept':
      return fill(t('chg_deadlineKept'), { node: c.node.name, due: at(c.due) });
    case 'timer':
      return fill(t('chg_timer'), { node: c.node.name, from: at(c.fromDue), to: at(c.toDue) });
    case 'publicity':
      return fill(t('chg_publicity'), { node: c.node.name, from: at(c.fromDue), to: at(c.toDue) });
    case 'assignees':
      return fill(t('chg_assignees'), { node: c.node.name, from: assignmentText(c.before, defs.source, t), to: assignmentText(c.after, defs.target, t) });
    default: {
      const never: never = c;
      return String(never);
    }
  }
}

function refusalText(r: MigrationCase['refusals'][number], lang: Lang): string {
  if (lang === 'zh') return r.message;
  const label = MIGRATION_REFUSAL_LABEL[r.code].en;
  return r.node ? `${label}: “${r.node.name}”` : label;
}

export function MigrationCases({
  preview,
  defs,
  selected,
  onToggle,
  onMigrateOne,
  busy,
}: {
  preview: MigrationPreview;
  defs: { source?: Definition; target?: Definition };
  selected: ReadonlySet<string>;
  onToggle: (caseId: string) => void;
  onMigrateOne: (caseId: string) => void;
  busy: boolean;
}) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  if (preview.cases.length === 0) return <div className="empty" data-testid="migration-empty">{t('dryRunEmpty')}</div>;
  const ok = preview.cases.filter((c) => c.ok).length;
  return (
    <>
      <p data-testid="migration-summary">{fill(t('dryRunSummary'), { total: preview.cases.length, ok, refused: preview.cases.length - ok })}</p>
      <div className="table-wrap">
        <table className="table migration-table" data-testid="migration-cases">
          <thead>
            <tr>
              <th />
              <th>{t('case')}</th>
              <th>{t('village')}</th>
              <th>{t('nowAt')}</th>
              <th>{t('landsAt')}</th>
              <th>{t('changesCol')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {preview.cases.map((c) => (
              <tr key={c.caseId} className={c.ok ? '' : 'row-refused'} data-testid={`migration-case-${c.caseId}`} data-ok={c.ok}>
                <td>
                  <input type="checkbox" checked={selected.has(c.caseId)} disabled={!c.ok || busy} onChange={() => onToggle(c.caseId)} aria-label={c.title} data-testid={`migration-select-${c.caseId}`} />
                </td>
                <td>
                  <Link to={`/cases/${encodeURIComponent(c.caseId)}`}>{c.title}</Link>
                </td>
                <td>{c.orgUnitName ?? '—'}</td>
                <td>{c.at.map((n) => n.name).join('、') || '—'}</td>
                <td>{c.ok ? c.moves.map((m) => fill(t(`mode_${m.mode}`), { node: m.to.name })).join('；') : <span className="tag tag-red">{t('notMigratable')}</span>}</td>
                <td>
                  <ul className="migration-changes">
                    {c.ok
                      ? c.changes.filter((x) => x.kind !== 'moved').map((x, i) => <li key={i}>{changeText(x, t, lang, defs)}</li>)
                      : c.refusals.map((r, i) => (
                          <li key={i} className="refusal" data-testid="migration-refusal">
                            {refusalText(r, lang)}
                          </li>
                        ))}
                    {c.ok && c.changes.every((x) => x.kind === 'moved') ? <li className="muted">{t('noChanges')}</li> : null}
                  </ul>
                </td>
                <td>
                  {c.ok ? (
                    <button type="button" className="btn btn-small" disabled={busy} onClick={() => onMigrateOne(c.caseId)} data-testid={`migrate-one-${c.caseId}`}>
                      {t('migrateOne')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
