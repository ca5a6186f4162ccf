/**
 * The teller's tally entry (当场计票): the vote's rules in words above the numbers, a live preview
 * worked out by the engine's own rule as the numbers are typed ("到会 20/全体 30 ≥ ⅔ — 有效 …"),
 * the meeting's own fields (商议意见, 决议文本 …) that go with the tally, and — after 退回重计 —
 * the numbers entered last time with the 监票人's reason.
 */
import { useMemo, useState } from 'react';
import type { FieldDef, VoteSpec } from '../../../dsl/schema.js';
import type { TallyGroup } from '../../../workflows/messages/args.js';
import { evaluateVote, validateTally } from '../../../workflows/rules/votes.js';
import { voteRuleLines } from '../../../workflows/rules/vote-rules-text.js';
import { plainNote } from '../../../dsl/plain-note.js';
import type { VoteView } from '../../../workflows/types.js';
import { formatDateTime } from '../lib/format.js';
import { useLang, useT } from '../lib/i18n.js';
import { FieldInput } from './field-input.js';
import { VOTE_OUTCOME_LABEL } from '../lib/labels.js';

type Num = keyof Pick<TallyGroup, 'entitled' | 'present' | 'yes' | 'no' | 'abstain' | 'invalid'>;
export const COUNTS: Num[] = ['entitled', 'present', 'yes', 'no', 'abstain', 'invalid'];
type Written = keyof Pick<TallyGroup, 'writtenYes' | 'writtenNo' | 'writtenAbstain'>;
export const WRITTEN: Written[] = ['writtenYes', 'writtenNo', 'writtenAbstain'];

function emptyGroup(key: string): TallyGroup {
  return { group: key, entitled: 0, present: 0, yes: 0, no: 0, abstain: 0, invalid: 0 };
}

/** The rules of a vote in words: 到会要求 and 通过规则 (workflows/rules/vote-rules-text.ts). */
export function VoteRules({ spec }: { spec: VoteSpec }) {
  const t = useT();
  const lines = voteRuleLines(spec);
  return (
    <div className="vote-rules" data-testid="vote-rules">
      <h4>{t('voteRules')}</h4>
      <ul className="plain">
        {lines.quorum.map((q, i) => (
          <li key={`q${i}`}>
            <span className="muted">{t('voteRuleQuorum')}{t('colon')}</span>
            {plainNote(q)}
          </li>
        ))}
        <li>
          <span className="muted">{t('voteRulePass')}{t('colon')}</span>
          {plainNote(lines.pass)}
        </li>
        {lines.written ? <li className="muted">{plainNote(lines.written)}</li> : null}
      </ul>
    </div>
  );
}

/** What the numbers typed so far decide, by the rule the engine applies when the 监票人 confirms. */
export function TallyPreview({ spec, groups, candidates, round }: { spec: VoteSpec; groups: TallyGroup[]; candidates: string[]; round: number }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const problem = validateTally(spec, groups, candidates);
  const result = problem ? undefined : evaluateVote(spec, groups, { candidates, round });
  return (
    <div className={`tally-preview${result ? ` vote-${result.outcome === 'passed' ? 'green' : result.outcome === 'no_quorum' ? 'yellow' : 'red'}` : ''}`} data-testid="tally-preview" data-outcome={result?.outcome ?? 'invalid'} aria-live="polite">
      <h4>
        {t('votePreview')}{t('colon')}<strong data-testid="tally-preview-outcome">{result ? VOTE_OUTCOME_LABEL[result.outcome][lang] : t('votePreviewProblem')}</strong>
      </h4>
      {problem ? (
        <p className="field-error" data-testid="tally-preview-problem">
          {problem}
        </p>
      ) : (
        <ul className="explanation" data-testid="tally-preview-lines">
          {result?.explanation.map((x, i) => (
            <li key={i}>{plainNote(x)}</li>
          ))}
        </ul>
      )}
      <p className="muted">{t('votePreviewHint')}</p>
    </div>
  );
}

export function TallyEntry({
  spec,
  vote,
  candidates,
  fields,
  required,
  caseData,
  errors,
  onSubmit,
  busy,
}: {
  spec: VoteSpec;
  vote: VoteView;
  candidates: string[];
  /** The vote node's own form fields, entered with the tally. */
  fields: FieldDef[];
  required: ReadonlySet<string>;
  caseData: Record<string, unknown>;
  errors: Record<string, string>;
  onSubmit: (groups: TallyGroup[], data: Record<string, unknown> | undefined, comment: string) => void;
  busy: boolean;
}) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const groupDefs = spec.groups.length ? spec.groups : [{ key: 'default', label: spec.meetingType ?? t('defaultGroup') }];
  const isCandidates = spec.options.type === 'candidates';
  const returned = vote.returned;
  // 退回重计 keeps what was entered: the teller corrects it instead of typing it all again.
  const [groups, setGroups] = useState<TallyGroup[]>(() => groupDefs.map((g) => returned?.tally.find((x) => x.group === g.key) ?? emptyGroup(g.key)));
  const [values, setValues] = useState<Record<string, unknown>>(() => returned?.data ?? Object.fromEntries(fields.map((f) => [f.key, caseData[f.key]])));
  const [comment, setComment] = useState('');
  const set = (i: number, patch: Partial<TallyGroup>) => setGroups(groups.map((g, j) => (j === i ? { ...g, ...patch } : g)));
  const submitted = useMemo(
    () => groups.map((g) => (isCandidates ? { group: g.group, entitled: g.entitled, present: g.present, invalid: g.invalid, candidateVotes: g.candidateVotes ?? {} } : g)),
    [groups, isCandidates],
  );
  const num = (v: string) => (v === '' ? 0 : Math.max(0, Math.floor(Number(v)) || 0));
  return (
    <form
      className="tally"
      data-testid="tally-form"
      onSubmit={(e) => {
        e.preventDefault();
        const data: Record<string, unknown> = {};
        for (const f of fields) if (values[f.key] !== undefined) data[f.key] = values[f.key];
        onSubmit(submitted, fields.length ? data : undefined, comment);
      }}
    >
      <h3>{t('tallyEntry')}</h3>
      {returned ? (
        <div className="banner banner-warn" data-testid="tally-returned">
          <strong>
            {t('tallyReturned')}
            {returned.byName ? `（${returned.byName}，${formatDateTime(returned.at, lang)}）` : ''}
          </strong>
          {returned.reason ? <p data-testid="tally-returned-reason">{returned.reason}</p> : null}
          <p className="muted">{t('tallyReturnedKept')}</p>
        </div>
      ) : null}
      <VoteRules spec={spec} />
      {groups.map((g, i) => (
        <fieldset className="group" key={g.group} data-testid={`tally-group-${g.group}`}>
          <legend translate={spec.groups.length || spec.meetingType ? 'no' : undefined}>{groupDefs[i]?.label}</legend>
          <div className="tally-grid">
            {COUNTS.filter((c) => !isCandidates || c === 'entitled' || c === 'present' || c === 'invalid').map((c) => (
              <label key={c} className="field">
                <span className="field-label">{t(c)}</span>
                <input type="number" min={0} inputMode="numeric" value={g[c] ?? 0} onChange={(e) => set(i, { [c]: num(e.target.value) })} data-testid={`tally-${g.group}-${c}`} />
              </label>
            ))}
          </div>
          {spec.writtenOpinions && !isCandidates ? (
            <div className="tally-written">
              <p className="muted">{t('writtenOpinions')}</p>
              <div className="tally-grid">
                {WRITTEN.map((c) => (
                  <label key={c} className="field">
                    <span className="field-label">{t(c)}</span>
                    <input type="number" min={0} inputMode="numeric" value={g[c] ?? 0} onChange={(e) => set(i, { [c]: num(e.target.value) })} data-testid={`tally-${g.group}-${c}`} />
                  </label>
                ))}
              </div>
            </div>
          ) : null}
          {isCandidates ? (
            <div className="tally-grid">
              {candidates.map((c) => (
                <label key={c} className="field">
                  <span className="field-label" translate="no">{c}</span>
                  <input type="number" min={0} value={g.candidateVotes?.[c] ?? 0} onChange={(e) => set(i, { candidateVotes: { ...g.candidateVotes, [c]: num(e.target.value) } })} data-testid={`tally-${g.group}-cand-${c}`} />
                </label>
              ))}
            </div>
          ) : null}
        </fieldset>
      ))}
      <TallyPreview spec={spec} groups={submitted} candidates={candidates} round={vote.round} />
      {fields.length ? (
        <fieldset className="group" data-testid="tally-fields">
          <legend>{t('meetingFields')}</legend>
          {fields.map((f) => (
            <FieldInput key={f.key} field={f} value={values[f.key]} required={required.has(f.key) || f.required} readOnly={false} error={errors[`data.${f.key}`] ?? errors[f.key]} onChange={(v) => setValues({ ...values, [f.key]: v })} />
          ))}
        </fieldset>
      ) : null}
      <label className="field">
        <span className="field-label">{t('comment')}</span>
        <textarea rows={2} value={comment} onChange={(e) => setComment(e.target.value)} data-testid="tally-comment" />
      </label>
      <button type="submit" className="btn btn-primary btn-big" disabled={busy} data-testid="submit-tally">
        {t('submitTally')}
      </button>
    </form>
  );
}
