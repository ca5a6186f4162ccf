/**
 * 迁移办理中案件: the 流程管理员 picks a source and a target version and maps the steps (identical
 * ids map by default, a removed step needs a target), runs a dry run over every running case of the
 * source version in their units, and migrates the cases the dry run allows — all selected at once, or
 * one by one — with a reason written into each case's record. The rules are the engine's
 * (workflows/engine/migration-plan.ts); the server answers what each case would do.
 */
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { MigrationApplyResult, MigrationPreview } from '../../../api/index.js';
import type { Definition } from '../../../dsl/schema.js';
import { isStandingNode, mappingProblems, type NodeMapping } from '../../../workflows/engine/migration-plan.js';
import { client, errorMessage } from '../lib/api.js';
import { formatDateTime } from '../lib/format.js';
import { fill, useLang, useT } from '../lib/i18n.js';
import { NODE_KIND_LABEL } from '../lib/labels.js';
import { useAsync } from '../lib/use-async.js';
import { ErrorBanner, Field, Loading, Notice } from '../shell/ui.js';
import { MigrationCases } from './migration-cases.js';

/** The published version `v` (undefined until both a key and a version are chosen). */
function useVersion(key: string, v: number | undefined) {
  return useAsync(() => (v ? (client.version(key, v) as Promise<Definition>) : Promise.resolve(undefined)), [key, v]);
}

function MappingEditor({ source, target, mapping, onChange, problems }: { source: Definition; target: Definition; mapping: NodeMapping; onChange: (m: NodeMapping) => void; problems: Record<string, string> }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const targets = target.nodes.filter((n) => n.kind !== 'start' && n.kind !== 'end');
  const rows = source.nodes.filter(isStandingNode);
  const choose = (from: string, to: string) => {
    const next = { ...mapping };
    // The same id is the default: only a different choice is written into the mapping.
    if (!to || (to === from && target.nodes.some((n) => n.id === from))) delete next[from];
    else next[from] = to;
    onChange(next);
  };
  return (
    <table className="table" data-testid="migration-mapping">
      <thead>
        <tr>
          <th>{t('sourceNode')}</th>
          <th>{t('targetNode')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((n) => {
          const kept = target.nodes.some((x) => x.id === n.id);
          const value = mapping[n.id] ?? (kept ? n.id : '');
          return (
            <tr key={n.id} data-testid={`mapping-row-${n.id}`}>
              <td>
                {n.name} <span className="tag">{NODE_KIND_LABEL[n.kind][lang]}</span>
                {kept ? null : <span className="tag tag-warn">{t('nodeRemoved')}</span>}
              </td>
              <td>
                <select value={value} onChange={(e) => choose(n.id, e.target.value)} aria-label={`${t('targetNode')} ${n.name}`} data-testid={`mapping-${n.id}`} className={problems[n.id] ? 'invalid' : undefined}>
                  <option value="">{t('chooseTarget')}</option>
                  {targets.map((x) => (
                    <option translate="no" key={x.id} value={x.id}>
                      {x.name} · {NODE_KIND_LABEL[x.kind][lang]}
                    </option>
                  ))}
                </select>
                {problems[n.id] ? <div className="field-error">{problems[n.id]}</div> : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function MigrationRuns({ defKey, reloadKey }: { defKey: string; reloadKey: number }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const runs = useAsync(() => client.migrationRuns(defKey), [defKey, reloadKey]);
  if (!runs.data?.length) return null;
  return (
    <section>
      <h2>{t('migrationRuns')}</h2>
      <table className="table" data-testid="migration-runs">
        <tbody>
          {runs.data.map((r) => (
            <tr key={r.id}>
              <td>{formatDateTime(r.at, lang)}</td>
              <td>{fill(t('migratedFromTo'), { from: r.fromVersion, to: r.toVersion })}</td>
              <td>{r.userName}</td>
              <td>{r.reason}</td>
              <td>{fill(t('migratedCount'), { ok: r.migrated, failed: r.failed })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function MigrationPage() {
  const { key = '' } = useParams();
  const t = useT();
  const versions = useAsync(() => client.versions(key), [key]);
  const [from, setFrom] = useState<number>();
  const [to, setTo] = useState<number>();
  useEffect(() => {
    const vs = versions.data?.map((v) => v.version).sort((a, b) => b - a) ?? [];
    if (to === undefined && vs[0]) setTo(vs[0]);
    if (from === undefined && vs[1]) setFrom(vs[1]);
  }, [versions.data, from, to]);
  const source = useVersion(key, from);
  const target = useVersion(key, to);
  const [mapping, setMapping] = useState<NodeMapping>({});
  const [preview, setPreview] = useState<MigrationPreview>();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<MigrationApplyResult>();
  const [runsKey, setRunsKey] = useState(0);

  // A new pair of versions starts from the default mapping and an empty dry run.
  useEffect(() => {
    setMapping({});
    setPreview(undefined);
    setResult(undefined);
  }, [from, to]);

  const problems = useMemo(() => {
    if (!source.data || !target.data) return { general: [] as string[], byNode: {} as Record<string, string> };
    const all = mappingProblems(source.data, target.data, mapping);
    return { general: all.filter((p) => !p.nodeId).map((p) => p.message), byNode: Object.fromEntries(all.filter((p) => p.nodeId).map((p) => [p.nodeId as string, p.message])) };
  }, [source.data, target.data, mapping]);
  const mappingOk = !!source.data && !!target.data && problems.general.length === 0 && Object.keys(problems.byNode).length === 0;

  const dryRun = async () => {
    if (!from || !to) return;
    setBusy(true);
    setError(undefined);
    try {
      const p = await client.migrationPreview(key, { fromVersion: from, toVersion: to, mapping });
      setPreview(p);
      setSelected(new Set(p.cases.filter((c) => c.ok).map((c) => c.caseId)));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const migrate = async (caseIds: string[]) => {
    if (!from || !to || caseIds.length === 0) return;
    if (!reason.trim()) {
      setError(t('reasonPrompt'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      setResult(await client.migrationApply(key, { fromVersion: from, toVersion: to, mapping, caseIds, reason }));
      setRunsKey((n) => n + 1);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
    // What is left on the source version, as it stands now.
    await dryRun();
  };

  const toggle = (caseId: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(caseId)) next.delete(caseId);
      else next.add(caseId);
      return next;
    });

  if (versions.error) return <ErrorBanner message={versions.error} />;
  if (!versions.data) return <Loading />;
  const title = target.data?.title ?? source.data?.title ?? key;
  const failed = result?.results.filter((r) => !r.ok) ?? [];
  return (
    <div className="page migration-page" data-testid="migration-page">
      <div className="page-head">
        <Link to="/designer">{t('back')}</Link>
        <h1>{fill(t('migrateTitle'), { title })}</h1>
      </div>
      <p className="muted">{t('migrateHint')}</p>
      <div className="migration-versions">
        <Field label={t('sourceVersion')}>
          <select value={from ?? ''} onChange={(e) => setFrom(Number(e.target.value) || undefined)} data-testid="migration-from">
            {versions.data.map((v) => (
              <option key={v.version} value={v.version}>
                {fill(t('versionOption'), { v: v.version })}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('targetVersion')}>
          <select value={to ?? ''} onChange={(e) => setTo(Number(e.target.value) || undefined)} data-testid="migration-to">
            {versions.data.map((v) => (
              <option key={v.version} value={v.version}>
                {fill(t('versionOption'), { v: v.version })}
                {v.changeNote ? ` · ${v.changeNote}` : ''}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {problems.general.map((m) => (
        <Notice key={m} message={m} />
      ))}
      <h2>{t('nodeMapping')}</h2>
      {source.data && target.data ? <MappingEditor source={source.data} target={target.data} mapping={mapping} onChange={setMapping} problems={problems.byNode} /> : <Loading />}
      <div className="card-actions">
        <button type="button" className="btn btn-primary" disabled={!mappingOk || busy} onClick={() => void dryRun()} data-testid="migration-dry-run">
          {t('dryRun')}
        </button>
      </div>
      <ErrorBanner message={error} onClose={() => setError(undefined)} />
      {result ? (
        <div className={`banner ${failed.length ? 'banner-error' : 'banner-ok'}`} data-testid="migration-result">
          <div>
            {fill(t('migrationResult'), { ok: result.migrated, failed: failed.length })}
            {failed.map((f) => (
              <div key={f.caseId}>{f.message}</div>
            ))}
          </div>
        </div>
      ) : null}
      {preview ? (
        <section>
          <MigrationCases preview={preview} defs={{ source: source.data, target: target.data }} selected={selected} onToggle={toggle} onMigrateOne={(id) => void migrate([id])} busy={busy} />
          {preview.cases.some((c) => c.ok) ? (
            <div className="migration-apply">
              <Field label={t('migrateReason')} hint={t('migrateReasonHint')}>
                <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={2000} data-testid="migration-reason" />
              </Field>
              <button type="button" className="btn btn-primary" disabled={busy || selected.size === 0 || !reason.trim()} onClick={() => void migrate([...selected])} data-testid="migration-apply">
                {fill(t('migrateSelected'), { n: selected.size })}
              </button>
            </div>
          ) : null}
        </section>
      ) : null}
      <MigrationRuns defKey={key} reloadKey={runsKey} />
    </div>
  );
}
