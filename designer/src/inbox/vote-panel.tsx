/**
 * The vote screens of a vote task: tally entry per voter group (teller), the scrutineer's
 * confirmation, individual ballots (turnout, the ballot, closing), and the result with the rule
 * lines that decided it. A secret ballot shows each voter only as voted / not voted, and never a
 * count before the box is opened.
 */
import { useState } from 'react';
import type { VoteSpec } from '../../../dsl/schema.js';
import type { TallyGroup } from '../../../workflows/messages/args.js';
import type { VoteView } from '../../../workflows/types.js';
import { useT } from '../lib/i18n.js';

type Num = keyof Pick<TallyGroup, 'entitled' | 'present' | 'yes' | 'no' | 'abstain' | 'invalid'>;
const COUNTS: Num[] = ['entitled', 'present', 'yes', 'no', 'abstain', 'invalid'];
type Written = keyof Pick<TallyGroup, 'writtenYes' | 'writtenNo' | 'writtenAbstain'>;
const WRITTEN: Written[] = ['writtenYes', 'writtenNo', 'writtenAbstain'];

export function VoteResultView({ result, round }: { result: NonNullable<VoteView['result']>; round?: number }) {
  const t = useT();
  const tone = result.outcome === 'passed' ? 'green' : result.outcome === 'no_quorum' ? 'yellow' : 'red';
  const label = { passed: '通过', rejected: '未通过', no_quorum: '未达到会要求，会议无效', revote: '需另行选举' }[result.outcome];
  return (
    <div className={`vote-result vote-${tone}`} data-testid="vote-result" data-outcome={result.outcome}>
      <h3>
        {t('voteResult')}
        {round ? ` · ${t('round')} ${round}` : ''}：<span data-testid="vote-outcome">{label}</span>
      </h3>
      <ul className="explanation" data-testid="vote-explanation">
        {result.explanation.map((x, i) => (
          <li key={i}>{x}</li>
        ))}
      </ul>
      {result.elected?.length ? <p>当选：{result.elected.join('、')}</p> : null}
      {result.tied?.length ? <p>票数相同需另行选举：{result.tied.join('、')}</p> : null}
    </div>
  );
}

function emptyGroup(key: string): TallyGroup {
  return { group: key, entitled: 0, present: 0, yes: 0, no: 0, abstain: 0, invalid: 0 };
}

export function TallyEntry({ spec, candidates, onSubmit, busy }: { spec: VoteSpec; candidates: string[]; onSubmit: (groups: TallyGroup[], comment: string) => void; busy: boolean }) {
  const t = useT();
  const groupDefs = spec.groups.length ? spec.groups : [{ key: 'default', label: spec.meetingType ?? '表决' }];
  const isCandidates = spec.options.type === 'candidates';
  const [groups, setGroups] = useState<TallyGroup[]>(() => groupDefs.map((g) => emptyGroup(g.key)));
  const [comment, setComment] = useState('');
  const set = (i: number, patch: Partial<TallyGroup>) => setGroups(groups.map((g, j) => (j === i ? { ...g, ...patch } : g)));
  return (
    <form
      className="tally"
      data-testid="tally-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(
          groups.map((g) => (isCandidates ? { group: g.group, entitled: g.entitled, present: g.present, invalid: g.invalid, candidateVotes: g.candidateVotes ?? {} } : g)),
          comment,
        );
      }}
    >
      <h3>{t('tallyEntry')}</h3>
      {groups.map((g, i) => (
        <fieldset className="group" key={g.group} data-testid={`tally-group-${g.group}`}>
          <legend>{groupDefs[i]?.label}</legend>
          <div className="tally-grid">
            {COUNTS.filter((c) => !isCandidates || c === 'entitled' || c === 'present' || c === 'invalid').map((c) => (
              <label key={c} className="field">
                <span className="field-label">{t(c)}</span>
                <input type="number" min={0} inputMode="numeric" value={g[c] ?? 0} onChange={(e) => set(i, { [c]: Number(e.target.value) })} data-testid={`tally-${g.group}-${c}`} />
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
                    <input type="number" min={0} inputMode="numeric" value={g[c] ?? 0} onChange={(e) => set(i, { [c]: Number(e.target.value) })} data-testid={`tally-${g.group}-${c}`} />
                  </label>
                ))}
              </div>
            </div>
          ) : null}
          {isCandidates ? (
            <div className="tally-grid">
              {candidates.map((c) => (
                <label key={c} className="field">
                  <span className="field-label">{c}</span>
                  <input type="number" min={0} value={g.candidateVotes?.[c] ?? 0} onChange={(e) => set(i, { candidateVotes: { ...g.candidateVotes, [c]: Number(e.target.value) } })} data-testid={`tally-${g.group}-cand-${c}`} />
                </label>
              ))}
            </div>
          ) : null}
        </fieldset>
      ))}
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

export function ScrutineerConfirm({ tally, onConfirm, busy }: { tally: TallyGroup[]; onConfirm: (ok: boolean, comment: string) => void; busy: boolean }) {
  const t = useT();
  const [comment, setComment] = useState('');
  return (
    <div className="scrutineer" data-testid="scrutineer">
      <h3>{t('scrutineerConfirm')}</h3>
      <table className="table">
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
              <td>{g.group === 'default' ? '' : g.group}</td>
              {COUNTS.map((c) => (
                <td key={c}>{g[c] ?? '—'}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {tally.some((g) => WRITTEN.some((c) => (g[c] ?? 0) > 0)) ? (
        <p data-testid="confirm-written">
          {tally.map((g) => WRITTEN.map((c) => `${t(c)} ${g[c] ?? 0}`).join('，')).join('；')}
        </p>
      ) : null}
      {tally.some((g) => g.candidateVotes) ? (
        <ul className="plain">
          {tally.flatMap((g) => Object.entries(g.candidateVotes ?? {}).map(([c, n]) => <li key={`${g.group}-${c}`}>{`${c}：${n}`}</li>))}
        </ul>
      ) : null}
      <label className="field">
        <span className="field-label">{t('comment')}</span>
        <textarea rows={2} value={comment} onChange={(e) => setComment(e.target.value)} data-testid="confirm-comment" />
      </label>
      <div className="row">
        <button type="button" className="btn btn-go btn-big" disabled={busy} onClick={() => onConfirm(true, comment)} data-testid="confirm-tally">
          {t('confirmTally')}
        </button>
        <button type="button" className="btn btn-danger" disabled={busy} onClick={() => onConfirm(false, comment)} data-testid="reject-tally">
          {t('rejectTally')}
        </button>
      </div>
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
        {t('ballot')}（{t('maxPicks')} {max}）
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
          {t('turnout')}：{vote.ballotsCast} / {voters.length}
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
