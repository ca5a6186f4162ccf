/**
 * The vote screens of a vote task: tally entry per voter group (teller, tally-entry.tsx), the
 * scrutineer's confirmation (never shown to the teller), individual ballots (turnout, the ballot,
 * closing), and the result — naming the meeting — with the rule lines that decided it. A secret
 * ballot shows each voter only as voted / not voted, and never a count before the box is opened.
 */
import { useState } from 'react';
import type { FieldDef, VoteSpec } from '../../../dsl/schema.js';
import type { TallyGroup } from '../../../workflows/messages/args.js';
import type { VoteView } from '../../../workflows/types.js';
import type { Me } from '../../../api/index.js';
import { formatDate } from '../lib/format.js';
import { useLang, useT } from '../lib/i18n.js';
import { VOTE_OUTCOME_LABEL } from '../lib/labels.js';
import { plainNote } from '../../../dsl/plain-note.js';
import { FieldInput } from './field-input.js';
import { COUNTS, TallyEntry, TallyPreview, VoteRules, WRITTEN } from './tally-entry.js';

export function VoteResultView({ result, round, meeting, decidedAt, documentId }: { result: NonNullable<VoteView['result']>; round?: number; meeting?: string; decidedAt?: string; documentId?: string }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const tone = result.outcome === 'passed' ? 'green' : result.outcome === 'no_quorum' ? 'yellow' : 'red';
  return (
    <div className={`vote-result vote-${tone}`} data-testid="vote-result" data-outcome={result.outcome} data-document-id={documentId}>
      <h3>
        <span data-testid="vote-meeting" translate={meeting ? 'no' : undefined}>{meeting ?? t('voteResult')}</span>
        {decidedAt ? ` · ${formatDate(decidedAt, lang)}` : ''}
        {round ? ` · ${t('roundN').replace('{n}', String(round))}` : ''}{t('colon')}<span data-testid="vote-outcome">{VOTE_OUTCOME_LABEL[result.outcome][lang]}</span>
      </h3>
      <ul className="explanation" data-testid="vote-explanation">
        {result.explanation.map((x, i) => (
          <li key={i}>{plainNote(x)}</li>
        ))}
      </ul>
      {result.elected?.length ? (
        <p>
          {t('elected')}{t('colon')}{result.elected.join('、')}
        </p>
      ) : null}
      {result.tied?.length ? (
        <p>
          {t('tiedRevote')}{t('colon')}{result.tied.join('、')}
        </p>
      ) : null}
      {documentId ? <p className="muted" data-testid="vote-record-issued">{t('meetingRecordIssued')}</p> : null}
    </div>
  );
}

/** The tally as entered, read-only: for the 监票人 to check and for the teller while it waits. */
function TallyTable({ tally, spec }: { tally: TallyGroup[]; spec: VoteSpec }) {
  const t = useT();
  const label = (key: string) => spec.groups.find((g) => g.key === key)?.label ?? '';
  return (
    <>
      <table className="table" data-testid="tally-table">
        <thead>
          <tr>
            <th />
            {COUNTS.map((c) => (
              <th key={c}>{t(c)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {tally.map((g) => (
            <tr key={g.group} data-testid={`confirm-row-${g.group}`}>
              <td>{label(g.group)}</td>
              {COUNTS.map((c) => (
                <td key={c}>{g[c] ?? '—'}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {tally.some((g) => WRITTEN.some((c) => (g[c] ?? 0) > 0)) ? (
        <p data-testid="confirm-written">{tally.map((g) => WRITTEN.map((c) => `${t(c)} ${g[c] ?? 0}`).join('，')).join('；')}</p>
      ) : null}
      {tally.some((g) => g.candidateVotes) ? (
        <ul className="plain">
          {tally.flatMap((g) => Object.entries(g.candidateVotes ?? {}).map(([c, n]) => <li key={`${g.group}-${c}`}>{`${c}：${n}`}</li>))}
        </ul>
      ) : null}
    </>
  );
}

function PendingFields({ fields, data }: { fields: FieldDef[]; data: Record<string, unknown> | undefined }) {
  const t = useT();
  if (!fields.length || !data) return null;
  return (
    <fieldset className="group" data-testid="pending-fields">
      <legend>{t('meetingFields')}</legend>
      {fields.map((f) => (
        <FieldInput key={f.key} field={f} value={data[f.key]} readOnly onChange={() => undefined} />
      ))}
    </fieldset>
  );
}

export function ScrutineerConfirm({ vote, spec, fields, onConfirm, busy }: { vote: VoteView; spec: VoteSpec; fields: FieldDef[]; onConfirm: (ok: boolean, comment: string) => void; busy: boolean }) {
  const t = useT();
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <div className="scrutineer" data-testid="scrutineer">
      <h3>{t('scrutineerConfirm')}</h3>
      {vote.tellerName ? (
        <p className="muted">
          {t('tallySubmittedBy')}{t('colon')}{vote.tellerName}
        </p>
      ) : null}
      <VoteRules spec={spec} />
      <TallyTable tally={(vote.tally as TallyGroup[]) ?? []} spec={spec} />
      <TallyPreview spec={spec} groups={(vote.tally as TallyGroup[]) ?? []} candidates={vote.candidates ?? []} round={vote.round} />
      <PendingFields fields={fields} data={vote.pendingData} />
      <label className={`field${missing ? ' field-invalid' : ''}`}>
        <span className="field-label">{t('rejectReason')}</span>
        <textarea rows={2} value={comment} onChange={(e) => (setComment(e.target.value), setMissing(false))} data-testid="confirm-comment" />
        {missing ? (
          <span className="field-error" data-testid="field-error">
            {t('rejectReasonRequired')}
          </span>
        ) : null}
      </label>
      <div className="row">
        <button type="button" className="btn btn-go btn-big" disabled={busy} onClick={() => onConfirm(true, comment)} data-testid="confirm-tally">
          {t('confirmTally')}
        </button>
        <button
          type="button"
          className="btn btn-danger"
          disabled={busy}
          onClick={() => {
            if (!comment.trim()) return setMissing(true);
            onConfirm(false, comment);
          }}
          data-testid="reject-tally"
        >
          {t('rejectTally')}
        </button>
      </div>
    </div>
  );
}

/** What the teller (or anyone who may not confirm) sees while the tally waits for the 监票人. */
function TallyAwaiting({ vote, spec, fields, isTeller }: { vote: VoteView; spec: VoteSpec; fields: FieldDef[]; isTeller: boolean }) {
  const t = useT();
  return (
    <div className="scrutineer" data-testid="tally-awaiting">
      <h3>{t('tallyAwaiting')}</h3>
      <p className="muted">{isTeller ? t('tallyAwaitingTeller') : t('tallyNotScrutineer')}</p>
      <TallyTable tally={(vote.tally as TallyGroup[]) ?? []} spec={spec} />
      <PendingFields fields={fields} data={vote.pendingData} />
    </div>
  );
}

/** May this user confirm the tally: never its teller; the scrutineer role when the vote names one. */
export function mayConfirmTally(me: Me | null, vote: VoteView, spec: VoteSpec): boolean {
  if (!me || vote.teller === me.id) return false;
  return spec.scrutineerRole ? me.grants.some((g) => g.role === spec.scrutineerRole) : true;
}

/**
 * The vote part of a task page: the result so far, then what this user does now — enter the
 * tally, wait for or give the 监票人's confirmation, or vote and close the ballot.
 */
export function VoteSection({
  spec,
  vote,
  open,
  me,
  candidates,
  fields,
  required,
  caseData,
  errors,
  busy,
  onTally,
  onConfirm,
  onCast,
  onClose,
}: {
  spec: VoteSpec;
  vote: VoteView;
  open: boolean;
  me: Me | null;
  candidates: string[];
  fields: FieldDef[];
  required: ReadonlySet<string>;
  caseData: Record<string, unknown>;
  errors: Record<string, string>;
  busy: boolean;
  onTally: (groups: TallyGroup[], data: Record<string, unknown> | undefined, comment: string) => void;
  onConfirm: (ok: boolean, comment: string) => void;
  onCast: (choice: 'yes' | 'no' | 'abstain' | string[]) => void;
  onClose: () => void;
}) {
  const t = useT();
  const awaiting = open && spec.mode === 'tally' && vote.status === 'awaitingConfirmation';
  return (
    <div className="vote" data-testid="vote-panel" data-vote-status={vote.status}>
      <p className="muted">
        {spec.meetingType ?? ''} · {t('roundN').replace('{n}', String(vote.round))} · {spec.mode === 'tally' ? t('tallyEntry') : `${t('ballotsCast')} ${vote.ballotsCast}`}
      </p>
      {vote.result ? <VoteResultView result={vote.result} round={vote.round} decidedAt={vote.decidedAt} documentId={vote.documentId} /> : null}
      {open && spec.mode === 'tally' && vote.status === 'collecting' ? (
        <TallyEntry key={`${vote.round}-${vote.returned?.at ?? ''}`} spec={spec} vote={vote} candidates={candidates} fields={fields} required={required} caseData={caseData} errors={errors} busy={busy} onSubmit={onTally} />
      ) : null}
      {awaiting && mayConfirmTally(me, vote, spec) ? <ScrutineerConfirm vote={vote} spec={spec} fields={fields} busy={busy} onConfirm={onConfirm} /> : null}
      {awaiting && !mayConfirmTally(me, vote, spec) ? <TallyAwaiting vote={vote} spec={spec} fields={fields} isTeller={vote.teller === me?.id} /> : null}
      {open && spec.mode === 'ballots' && vote.status === 'collecting' ? <BallotPanel spec={spec} vote={vote} me={me?.id} candidates={candidates} busy={busy} onCast={onCast} onClose={onClose} /> : null}
    </div>
  );
}

export function BallotForm({ spec, candidates, onCast, busy }: { spec: VoteSpec; candidates: string[]; onCast: (choice: 'yes' | 'no' | 'abstain' | string[]) => void; busy: boolean }) {
  const t = useT();
  const [picks, setPicks] = useState<string[]>([]);
  if (spec.options.type === 'yesNo')
    return (
      <div className="ballot" data-testid="ballot">
        <h3>{t('ballot')}</h3>
        <div className="row">
          {(['yes', 'no', 'abstain'] as const).map((c) => (
            <button type="button" key={c} className={`btn btn-big ${c === 'yes' ? 'btn-go' : c === 'no' ? 'btn-danger' : ''}`} disabled={busy} onClick={() => onCast(c)} data-testid={`ballot-${c}`}>
              {t(c)}
            </button>
          ))}
        </div>
      </div>
    );
  const max = spec.options.maxPicks;
  return (
    <div className="ballot" data-testid="ballot">
      <h3>
        {t('ballot')}（{t('maxPicksN').replace('{n}', String(max))}）
      </h3>
      <div className="chips">
        {candidates.map((c) => (
          <label className="check" key={c}>
            <input type="checkbox" checked={picks.includes(c)} disabled={!picks.includes(c) && picks.length >= max} onChange={(e) => setPicks(e.target.checked ? [...picks, c] : picks.filter((p) => p !== c))} />
            <span>{c}</span>
          </label>
        ))}
      </div>
      <button type="button" className="btn btn-primary btn-big" disabled={busy} onClick={() => onCast(picks)} data-testid="cast-ballot">
        {t('castBallot')}
      </button>
    </div>
  );
}

/**
 * Individual ballots while the round is open: turnout, my ballot (or that I have voted), and the
 * teller's close button — disabled, with the reason, until the box may be opened.
 */
export function BallotPanel({
  spec,
  vote,
  me,
  candidates,
  busy,
  onCast,
  onClose,
}: {
  spec: VoteSpec;
  vote: VoteView;
  me: string | undefined;
  candidates: string[];
  busy: boolean;
  onCast: (choice: 'yes' | 'no' | 'abstain' | string[]) => void;
  onClose: () => void;
}) {
  const t = useT();
  const voters = [...new Set(Object.values(vote.voters ?? {}).flat())];
  const voted = new Set(vote.voted ?? []);
  const hasVoted = !!me && voted.has(me);
  // States from before the sign-in sheet was shown carry no voter list: let the engine decide.
  const mayVote = !hasVoted && (voters.length === 0 || (!!me && voters.includes(me)));
  return (
    <div className="ballot-panel" data-testid="ballot-panel">
      {voters.length ? (
        <p data-testid="ballot-turnout">
          {t('turnout')}{t('colon')}{vote.ballotsCast} / {voters.length}
        </p>
      ) : null}
      {vote.secret ? (
        <p className="muted" data-testid="ballot-secret-note">
          {t('secretBallotNote')}
        </p>
      ) : null}
      {mayVote ? (
        <BallotForm spec={spec} candidates={candidates} busy={busy} onCast={onCast} />
      ) : (
        <p data-testid={hasVoted ? 'ballot-done' : 'ballot-not-voter'}>{hasVoted ? t('youHaveVoted') : t('notAVoter')}</p>
      )}
      <div className="row">
        <button type="button" className="btn" disabled={busy || !!vote.closeProblem} onClick={onClose} data-testid="close-ballot">
          {t('closeBallot')}
        </button>
        {vote.closeProblem ? (
          <span className="muted" data-testid="close-problem">
            {vote.closeProblem}
          </span>
        ) : null}
      </div>
    </div>
  );
}
