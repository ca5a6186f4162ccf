/**
 * The one table of the interpreter's updates — a person's action on a case or one of its tasks.
 * Each row names the update once and says everything the other layers need: its argument schema
 * (the validator and the API body check the same thing), where the API exposes it (the URL slug
 * under /api/tasks/:caseId/:taskId or /api/cases/:caseId), its label in zh-CN and English (the web
 * buttons, the CLI, the OpenAPI summaries) and whether it finishes the actor's part of a task
 * (written to 已办). Pure zod: the web app imports it without the Temporal SDK.
 *
 * The Temporal definitions come from it (workflows/messages.ts), the handlers register from it
 * (engine/handlers.ts), and the task and case routes are generated from it (server/routes).
 */
import type { z } from 'zod';
import * as A from './args.js';

export interface UpdateSpec {
  readonly args: z.ZodObject;
  readonly label: { readonly zh: string; readonly en: string };
  /** URL slugs: a task update under /api/tasks/:caseId/:taskId/<slug>, a case update under /api/cases/:caseId/<slug>. */
  readonly http: { readonly task?: string; readonly case?: string; /** The route is written out by hand (it does more than run the update). */ readonly byHand?: boolean };
  /** The actor's part of the task is done (the inbox's 已办). */
  readonly finishesTask?: boolean;
  /** The body names people who take the task over: the API checks they may work on it. */
  readonly handsOver?: boolean;
}

export const UPDATES = {
  claim: { args: A.ClaimArgs, label: { zh: '签收', en: 'Claim' }, http: { task: 'claim' } },
  unclaim: { args: A.UnclaimArgs, label: { zh: '退回签收', en: 'Unclaim' }, http: { task: 'unclaim' } },
  complete: { args: A.CompleteArgs, label: { zh: '办理完成', en: 'Complete' }, http: { task: 'complete' }, finishesTask: true },
  return: { args: A.ReturnArgs, label: { zh: '退回', en: 'Return' }, http: { task: 'return' }, finishesTask: true },
  transfer: { args: A.TransferArgs, label: { zh: '转办', en: 'Transfer' }, http: { task: 'transfer' }, finishesTask: true, handsOver: true },
  delegate: { args: A.DelegateArgs, label: { zh: '委托', en: 'Delegate' }, http: { task: 'delegate' }, finishesTask: true, handsOver: true },
  addSigner: { args: A.AddSignerArgs, label: { zh: '加签', en: 'Add signer' }, http: { task: 'add-signer' }, finishesTask: true, handsOver: true },
  removeSigner: { args: A.RemoveSignerArgs, label: { zh: '减签', en: 'Remove signer' }, http: { task: 'remove-signer' } },
  // On the actor's own completed step: the next, untouched step is cancelled and the case comes back.
  takeBack: { args: A.TakeBackArgs, label: { zh: '拿回', en: 'Take back' }, http: { task: 'take-back' } },
  comment: { args: A.CommentArgs, label: { zh: '评论', en: 'Comment' }, http: { task: 'comment' } },
  urge: { args: A.UrgeArgs, label: { zh: '催办', en: 'Urge' }, http: { task: 'urge', case: 'urge' } },
  submitTally: { args: A.SubmitTallyArgs, label: { zh: '录入计票', en: 'Enter tally' }, http: { task: 'tally' }, finishesTask: true },
  confirmTally: { args: A.ConfirmTallyArgs, label: { zh: '监票确认', en: 'Confirm tally' }, http: { task: 'confirm-tally' }, finishesTask: true },
  // A secret ballot goes into the ballot box first (server/votes/secret-ballot.ts); nothing of it reaches 已办.
  castBallot: { args: A.CastBallotArgs, label: { zh: '投票', en: 'Cast ballot' }, http: { task: 'ballot', byHand: true } },
  // The API's ballot box tells the case who has voted (server/votes/secret-ballot.ts); no route of its own.
  recordVoted: { args: A.RecordVotedArgs, label: { zh: '已投票', en: 'Voted' }, http: {} },
  closeBallot: { args: A.CloseBallotArgs, label: { zh: '结束投票', en: 'Close ballot' }, http: { task: 'close-ballot' }, finishesTask: true },
  objection: { args: A.ObjectionArgs, label: { zh: '登记异议', en: 'Record objection' }, http: { case: 'objections' } },
  withdraw: { args: A.WithdrawArgs, label: { zh: '撤回', en: 'Withdraw' }, http: { case: 'withdraw' } },
  suspend: { args: A.SuspendArgs, label: { zh: '中止', en: 'Suspend' }, http: { case: 'suspend' } },
  resume: { args: A.ResumeArgs, label: { zh: '恢复', en: 'Resume' }, http: { case: 'resume' } },
  terminate: { args: A.TerminateArgs, label: { zh: '终止', en: 'Terminate' }, http: { case: 'terminate' } },
  extend: { args: A.ExtendArgs, label: { zh: '延期', en: 'Extend' }, http: { case: 'extend' } },
  escalate: { args: A.EscalateArgs, label: { zh: '督办升级', en: 'Escalate' }, http: { case: 'escalate' } },
  // Its route has a body of its own (a version to fetch), so it is written by hand in case-routes.ts.
  resolveIncident: { args: A.ResolveIncidentArgs, label: { zh: '处理自动流转异常', en: 'Resolve incident' }, http: { case: 'resolve-incident', byHand: true } },
  // Run by the designer's migration page for many cases at once (server/routes/migration-routes.ts); no route of its own.
  migrate: { args: A.MigrateArgs, label: { zh: '迁移到新版本', en: 'Migrate to version' }, http: {} },
} as const satisfies Record<string, UpdateSpec>;

export type UpdateName = keyof typeof UPDATES;
export const UPDATE_NAMES = Object.keys(UPDATES) as UpdateName[];

type SlugOf<K extends 'task' | 'case'> = { [N in UpdateName]: (typeof UPDATES)[N]['http'] extends { readonly [P in K]: infer S } ? S : never }[UpdateName];
/** URL slugs of task updates (`/api/tasks/:caseId/:taskId/<slug>`). */
export type TaskUpdateSlug = SlugOf<'task'>;
/** URL slugs of case updates (`/api/cases/:caseId/<slug>`). */
export type CaseUpdateSlug = SlugOf<'case'>;

/** The update behind a URL slug. */
export function updateOfSlug(on: 'task' | 'case', slug: string): UpdateName | undefined {
  return UPDATE_NAMES.find((n) => (UPDATES[n].http as { task?: string; case?: string })[on] === slug);
}

/** The body a route accepts: the update's arguments without what the API fills in (actor, task id). */
type Body<N extends UpdateName> = Omit<z.input<(typeof UPDATES)[N]['args']>, 'actor' | 'taskId'>;
export type TaskUpdateBody<S extends TaskUpdateSlug> = Body<{ [N in UpdateName]: (typeof UPDATES)[N]['http'] extends { readonly task: S } ? N : never }[UpdateName]>;
export type CaseUpdateBody<S extends CaseUpdateSlug> = Body<{ [N in UpdateName]: (typeof UPDATES)[N]['http'] extends { readonly case: S } ? N : never }[UpdateName]>;
