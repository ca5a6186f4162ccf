/**
 * Records workflow histories into tests/histories/ for the replay test. Run after an
 * intentional change to the interpreter (and keep the old files if old cases must still replay):
 *   npx tsx tests/workflow/record-histories.ts [name …]   (only the named recordings; default all)
 * Payloads are encrypted with the fixed TEST_CODEC_KEY, so the replay test can decode them.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { findTemporalCli } from '../../temporal/temporal-binary.js';
import { createMemoryDirectory, createMemoryNotifier } from '../../activities/index.js';
import * as m from '../../workflows/messages.js';
import { createTestWorker, startDevServer, uniqueTaskQueue } from '../../testkit/temporal.js';
import { def, edge, anchored, approval, automatedSlow, automatedThenReview, ballotVote, child, countersign, domainMarginLight, machinery, parallel, tallyMeeting, tallyVote, writtenOpinionsVote } from './fixtures/definitions.js';
import { createCalloutRegistry } from '../../activities/callout.js';
import type { SearchAttributePair } from '@temporalio/common';
import type { CaseInput } from '../../workflows/types.js';
import { DIRECTORY, USERS } from '../../testkit/directory.js';
import { actor, openTask, ORG, startCase, waitFor, waitForTask, type CaseHandle } from '../../testkit/case-harness.js';
import { SA } from '../../workflows/search-attributes.js';
import { operatorAttributes } from '../../workflows/search-attributes.js';
import { projectionDb } from '../../testkit/projection-db.js';
import { openTestBallotBox } from '../../testkit/ballot-box.js';
import { intake, intakeV2, parallel as migParallel, parallelV2 as migParallelV2, PROC_ADMIN } from './fixtures/migration-definitions.js';

const dir = fileURLToPath(new URL('../histories/', import.meta.url));
mkdirSync(dir, { recursive: true });
const env = await startDevServer();
const taskQueue = uniqueTaskQueue('record');
// 'slow-county' answers after 1.5 s: longer than the tests' slow-step threshold (1 s), so the
// worker signals stepSlow and the recording holds that signal.
const callouts = createCalloutRegistry({ 'slow-county': () => new Promise((r) => setTimeout(() => r({ receipt: 'C-1' }), 1500)) });
// The read model the cases write (patch projection-write): an in-memory PGlite.
const proj = await projectionDb();
const box = await openTestBallotBox();
// 王 is away this week for `handoff-record` cases (out-of-office 委托 rule): 孙 acts for him.
const awayThisWeek = { ruleId: 'r-record', from: 'wang', to: 'sun', startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), procedure: 'handoff-record' };
const worker = await createTestWorker(env, { taskQueue, deps: { directory: createMemoryDirectory(DIRECTORY, USERS, [awayThisWeek]), notifier: createMemoryNotifier(), callouts, ballotBox: box.store, projection: proj.store } });

/** Started as the API starts a case: search attributes and memo set at start (`more` for later additions). */
function startLikeApi(workflowId: string, definition: CaseInput['definition'], title: string, data: Record<string, unknown>, more: SearchAttributePair[] = []): Promise<CaseHandle> {
  return env.client.workflow.start('caseWorkflow', {
    taskQueue,
    workflowId,
    args: [{ definition, title, org: ORG, initiator: actor('init'), data }],
    typedSearchAttributes: [
      { key: SA.procedure, value: definition.key },
      { key: SA.definitionVersion, value: definition.version },
      { key: SA.orgUnit, value: ORG.unit },
      { key: SA.orgPath, value: [ORG.unit, ...ORG.ancestors] },
      { key: SA.status, value: 'running' },
      { key: SA.health, value: 'green' },
      { key: SA.initiator, value: 'init' },
      { key: SA.lastProgress, value: new Date() },
      ...more,
    ],
    memo: { title, openTasks: [] },
  }) as Promise<CaseHandle>;
}

const only = process.argv.slice(2);

async function save(name: string, h: CaseHandle): Promise<void> {
  await h.result().catch(() => undefined);
  if (only.length > 0 && !only.includes(name)) return;
  // The CLI writes the proto3 JSON that historyFromJSON reads back.
  const exe = findTemporalCli().executable;
  if (exe.type !== 'existing-path') throw new Error('the temporal CLI binary is needed to export histories');
  const json = execFileSync(exe.path, ['workflow', 'show', '--workflow-id', h.workflowId, '--address', env.address, '--output', 'json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  // The workflow id goes along: the interpreter derives child ids from it, so replay needs it.
  const parsed = JSON.parse(json) as { events: unknown[] };
  writeFileSync(`${dir}${name}.json`, JSON.stringify({ workflowId: h.workflowId, ...parsed }, null, 1) + '\n');
  console.log(`recorded ${name}: ${parsed.events.length} events`);
}

try {
await worker.runUntil(async () => {
  // 审批 with a 退回 loop, a claim, a rejected update (not in history) and the 镇审核 branch.
  {
    const h = await startCase(env, taskQueue, approval, { data: { summary: '修桥', amount: 20000 } });
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('init'), taskId: (await waitForTask(h, 'draft')).id }] });
    const review = await waitForTask(h, 'review');
    await h.executeUpdate(m.claimUpdate, { args: [{ actor: actor('li'), taskId: review.id }] });
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('wang'), taskId: review.id }] }).catch(() => undefined);
    const r = await h.executeUpdate(m.returnUpdate, { args: [{ actor: actor('li'), taskId: review.id, toNodeId: 'draft', reason: '请补充预算' }] });
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('init'), taskId: openTask(r.state, 'draft').id, data: { amount: 30000 } }] });
    const review2 = await waitForTask(h, 'review');
    const r2 = await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('zhao'), taskId: review2.id, action: 'approve' }] });
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('boss'), taskId: openTask(r2.state, 'township').id }] });
    await save('approval-return-loop', h);
  }
  // Parallel split/join.
  {
    const h = await startCase(env, taskQueue, parallel);
    const s = await waitFor(h, (x) => x.tasks.filter((t) => t.status === 'open').length === 2);
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('chen'), taskId: openTask(s, 'b').id, action: 'ok' }] });
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('wang'), taskId: openTask(s, 'a0').id }] });
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('li'), taskId: (await waitForTask(h, 'a')).id }] });
    await save('parallel-join', h);
  }
  // Secret ballots counted in the ballot box (patch secrecy-ballot-box): the history holds who
  // voted (recordVoted) and the totals of the closeBallotBox activity, never a choice.
  // secret-ballot.json and secret-ballot-voters-in-inbox.json were recorded before the box (with
  // castBallot {choice}); such a case can no longer be started, so they are kept as they are.
  {
    const h = await startCase(env, taskQueue, ballotVote(true));
    const t = await waitForTask(h, 'vote');
    for (const [u, c] of [['v1', 'yes'], ['v2', 'no'], ['v3', 'yes'], ['v4', 'yes']] as const) await box.vote(h, t.id, actor(u), c);
    await h.executeUpdate(m.closeBallotUpdate, { args: [{ actor: actor('teller'), taskId: t.id }] });
    await save('secret-ballot-box', h);
  }
  // 会签 with 加签.
  {
    const h = await startCase(env, taskQueue, countersign('all'));
    const t = await waitForTask(h, 'sign');
    await h.executeUpdate(m.addSignerUpdate, { args: [{ actor: actor('li'), taskId: t.id, userIds: ['sun'] }] });
    for (const u of ['li', 'wang', 'zhao', 'sun']) await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor(u), taskId: t.id, action: 'agree' }] });
    await save('countersign-all', h);
  }
  // Hand-off (issue 18): the start form completes 登记 (patch handoff-start-step), 初审 goes to 王 who
  // is away, so 孙 stands in (patch handoff-delegation-rules); 拿回 of 登记, 转办 naming the receiver,
  // 驳回到任意节点 from 审定 back to 初审.
  {
    const ops = ['return', 'transfer', 'delegate', 'takeBack', 'comment'] as const;
    const handoff = def(
      'handoff-record',
      [
        { id: 'start', kind: 'start', name: '开始' },
        { id: 'register', kind: 'task', name: '登记', assignment: { type: 'initiator' }, form: ['summary'], operations: [...ops] },
        { id: 'first', kind: 'task', name: '初审', assignment: { type: 'user', userIds: ['wang'] }, operations: [...ops] },
        { id: 'review', kind: 'task', name: '审核', assignment: { type: 'role', role: 'VIL_COMM' }, operations: [...ops] },
        { id: 'decide', kind: 'task', name: '审定', assignment: { type: 'user', userIds: ['chen'] }, operations: ['return', 'comment'], returnToAny: true },
        { id: 'done', kind: 'end', name: '办结', outcome: 'done' },
      ],
      [edge('r1', 'start', 'register'), edge('r2', 'register', 'first'), edge('r3', 'first', 'review'), edge('r4', 'review', 'decide'), edge('r5', 'decide', 'done')],
    );
    const h = await startCase(env, taskQueue, handoff, { data: { summary: '修桥' }, startStep: { nodeId: 'register' } });
    const first = await waitForTask(h, 'first');
    const register = (await waitFor(h, (x) => x.tasks.some((t) => t.nodeId === 'register' && t.status === 'done'), '登记 done at start')).tasks.find((t) => t.nodeId === 'register')!;
    await h.executeUpdate(m.takeBackUpdate, { args: [{ actor: actor('init'), taskId: register.id, reason: '漏填附件' }] });
    const again = await waitFor(h, (x) => x.tasks.some((t) => t.nodeId === 'register' && t.status === 'claimed'), '登记 taken back');
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('init'), taskId: openTask(again, 'register').id, data: { summary: '修桥（补附件）' } }] });
    const first2 = await waitFor(h, (x) => x.tasks.some((t) => t.nodeId === 'first' && t.status === 'open' && t.id !== first.id), '初审 again');
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('sun'), taskId: openTask(first2, 'first').id }] });
    const review = await waitForTask(h, 'review');
    await h.executeUpdate(m.claimUpdate, { args: [{ actor: actor('li'), taskId: review.id }] });
    await h.executeUpdate(m.transferUpdate, { args: [{ actor: actor('li'), taskId: review.id, toUserId: 'zhao', toName: '赵', reason: '外出' }] });
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('zhao'), taskId: review.id }] });
    const decide = await waitForTask(h, 'decide');
    await h.executeUpdate(m.returnUpdate, { args: [{ actor: actor('chen'), taskId: decide.id, toNodeId: 'first', reason: '初审意见不全' }] });
    const first3 = await waitFor(h, (x) => x.tasks.filter((t) => t.nodeId === 'first').length === 3 && x.tasks.some((t) => t.nodeId === 'first' && t.status === 'open'), '初审 after 驳回');
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('wang'), taskId: openTask(first3, 'first').id }] });
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('li'), taskId: (await waitForTask(h, 'review')).id }] });
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('chen'), taskId: (await waitForTask(h, 'decide')).id }] });
    await save('handoff-start-take-back-delegation', h);
  }
  // Tally with a scrutineer sending it back once.
  {
    const h = await startCase(env, taskQueue, tallyVote);
    const t = await waitForTask(h, 'vote');
    await h.executeUpdate(m.submitTallyUpdate, { args: [{ actor: actor('teller'), taskId: t.id, groups: [{ entitled: 30, present: 20, yes: 2 }] }] });
    await h.executeUpdate(m.confirmTallyUpdate, { args: [{ actor: actor('scrut'), taskId: t.id, confirm: false, comment: '不符' }] });
    await h.executeUpdate(m.submitTallyUpdate, { args: [{ actor: actor('teller'), taskId: t.id, groups: [{ entitled: 30, present: 20, yes: 12 }] }] });
    await h.executeUpdate(m.confirmTallyUpdate, { args: [{ actor: actor('scrut'), taskId: t.id, confirm: true }] });
    await save('tally-vote', h);
  }
  // After the votes-ui-meeting-record patch: the meeting's fields go with the tally, the 监票人
  // sends it back once (the numbers kept), then confirms; the decided meeting issues its 会议记录.
  {
    const h = await startCase(env, taskQueue, tallyMeeting);
    const t = await waitForTask(h, 'vote');
    const data = { summary: '拓宽村道', kind: 'road' };
    await h.executeUpdate(m.submitTallyUpdate, { args: [{ actor: actor('teller'), taskId: t.id, groups: [{ entitled: 30, present: 21, yes: 21 }], data }] });
    await h.executeUpdate(m.confirmTallyUpdate, { args: [{ actor: actor('scrut'), taskId: t.id, confirm: false, comment: '反对、弃权漏记' }] });
    await h.executeUpdate(m.submitTallyUpdate, { args: [{ actor: actor('teller'), taskId: t.id, groups: [{ entitled: 30, present: 21, yes: 12, no: 7, abstain: 2 }], data }] });
    await h.executeUpdate(m.confirmTallyUpdate, { args: [{ actor: actor('scrut'), taskId: t.id, confirm: true }] });
    await save('tally-meeting-record', h);
  }
  // Continue-as-new: the first run's history ends in ContinueAsNew, the second resumes at 审核.
  {
    const h = await startCase(env, taskQueue, approval, { data: { summary: '修路', amount: 1 }, continueAsNewAfterEvents: 40 });
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('init'), taskId: (await waitForTask(h, 'draft')).id }] });
    const review = await waitForTask(h, 'review');
    for (let i = 1; i <= 8; i++) await h.executeUpdate(m.commentUpdate, { args: [{ actor: actor('li'), taskId: review.id, comment: `意见 ${i}` }] });
    await new Promise((r) => setTimeout(r, 1000));
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('li'), taskId: review.id, action: 'approve' }] });
    await save('continue-as-new', h);
  }
  // After the publish-per-task patch: started as the API starts a case (search attributes and memo
  // set at start), with a 退回 loop; publishing once per workflow task, the memo only on task changes.
  {
    const h = await startLikeApi(`approval-per-task-${Date.now().toString(36)}`, approval, '修桥（按任务发布）', { summary: '修桥', amount: 20000 });
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('init'), taskId: (await waitForTask(h, 'draft')).id }] });
    const review = await waitForTask(h, 'review');
    const r = await h.executeUpdate(m.returnUpdate, { args: [{ actor: actor('li'), taskId: review.id, toNodeId: 'draft', reason: '请补充预算' }] });
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('init'), taskId: openTask(r.state, 'draft').id, data: { amount: 30000 } }] });
    const r2 = await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('zhao'), taskId: (await waitForTask(h, 'review')).id, action: 'approve' }] });
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('boss'), taskId: openTask(r2.state, 'township').id }] });
    await save('approval-published-per-task', h);
  }
  // After the publish-at-rest patch, started as the API now starts a case (JcOverdueCount 0 too):
  // quick automated steps write nothing; the slow call-out is published after the worker's stepSlow
  // signal; a task is published where the case comes to rest.
  {
    const h = await startLikeApi(`automated-slow-at-rest-${Date.now().toString(36)}`, automatedSlow, '报送（到站发布）', { amount: 1000 }, [{ key: SA.overdueCount, value: 0 }]);
    await save('automated-slow-at-rest', h);
  }
  {
    const h = await startLikeApi(`automated-then-review-at-rest-${Date.now().toString(36)}`, automatedThenReview, '自动步骤后审议（到站发布）', {}, [{ key: SA.overdueCount, value: 0 }]);
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('li'), taskId: (await waitForTask(h, 'review')).id }] });
    await save('automated-then-review-at-rest', h);
  }
  // After the projection-write patch, started as the API now starts a case (operators' search
  // attributes only): the read model written at rest by a local activity, visibility keeping ids,
  // codes and status; a 退回 loop, a claim and a quick automated tail.
  {
    const title = '修桥（读模型）';
    const h = (await env.client.workflow.start('caseWorkflow', {
      taskQueue,
      workflowId: `approval-projection-${Date.now().toString(36)}`,
      args: [{ definition: approval, title, org: ORG, initiator: actor('init'), data: { summary: '修桥', amount: 20000 } }],
      typedSearchAttributes: operatorAttributes(approval, ORG),
      memo: { title },
    })) as CaseHandle;
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('init'), taskId: (await waitForTask(h, 'draft')).id }] });
    const review = await waitForTask(h, 'review');
    await h.executeUpdate(m.claimUpdate, { args: [{ actor: actor('li'), taskId: review.id }] });
    const r = await h.executeUpdate(m.returnUpdate, { args: [{ actor: actor('li'), taskId: review.id, toNodeId: 'draft', reason: '请补充预算' }] });
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('init'), taskId: openTask(r.state, 'draft').id, data: { amount: 30000 } }] });
    const r2 = await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('zhao'), taskId: (await waitForTask(h, 'review')).id, action: 'approve' }] });
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('boss'), taskId: openTask(r2.state, 'township').id }] });
    await save('approval-projection', h);
  }
  // Clock anchors (patch anchor-clocks): 办理 counts from 受理 with a cap, an approved extension
  // counts from 受理 too and is written to the ledger in the approver's name.
  {
    const h = await startCase(env, taskQueue, anchored);
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('li'), taskId: (await waitForTask(h, 'accept')).id }] });
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('li'), taskId: (await waitForTask(h, 'handle')).id, action: 'extend', comment: '需鉴定' }] });
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('boss'), taskId: (await waitForTask(h, 'approve')).id, comment: '同意延期' }] });
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('wang'), taskId: (await waitForTask(h, 'extended')).id }] });
    await save('anchored-extension', h);
  }
  // Issue 17: the village warning light and a 差额 election refused for too few candidates.
  {
    const h = await startCase(env, taskQueue, domainMarginLight, { data: { candidates: ['甲', '乙', '丙'] } });
    await save('domain-margin-light', h);
  }
  // Issue 17: a 支部大会 whose absent members' written opinions carry the vote.
  {
    const h = await startCase(env, taskQueue, writtenOpinionsVote);
    const t = await waitForTask(h, 'vote');
    await h.executeUpdate(m.submitTallyUpdate, { args: [{ actor: actor('teller'), taskId: t.id, groups: [{ entitled: 10, present: 6, yes: 4, no: 2, writtenYes: 2 }] }] });
    await h.executeUpdate(m.confirmTallyUpdate, { args: [{ actor: actor('scrut'), taskId: t.id, confirm: true }] });
    await save('domain-written-opinions', h);
  }
  // Migration to another version (patch migrate-running-cases): a case inside a parallel block has
  // 书记意见 moved to v2's 书记审阅 (the other branch kept), then finishes on v2.
  {
    const h = await startCase(env, taskQueue, migParallel);
    const s = await waitFor(h, (x) => x.tasks.filter((t) => t.status === 'open').length === 2);
    const r = await h.executeUpdate(m.migrateUpdate, { args: [{ actor: PROC_ADMIN, reason: '书记意见改为书记审阅', fromVersion: 1, definition: migParallelV2, mapping: { b: 'b2' } }] });
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('chen'), taskId: openTask(r.state, 'b2').id, action: 'ok' }] });
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('wang'), taskId: openTask(s, 'a0').id }] });
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('li'), taskId: (await waitForTask(h, 'a')).id }] });
    await save('migrated-parallel', h);
  }
  // Migration of a case waiting on a task: the due time recomputed (10 days, not 15) and the task
  // handed to the new role, then completed on v2.
  {
    const h = await startCase(env, taskQueue, intake);
    const accept = await waitForTask(h, 'accept');
    await h.executeUpdate(m.migrateUpdate, { args: [{ actor: PROC_ADMIN, reason: '受理审查期限按条例改为10日', fromVersion: 1, definition: intakeV2, mapping: {} }] });
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('chen'), taskId: accept.id }] });
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('li'), taskId: (await waitForTask(h, 'handle')).id }] });
    await save('migrated-intake', h);
  }
  // Service nodes, timer and a subprocess (parent history).
  {
    const h = await startCase(env, taskQueue, machinery, { data: { summary: '修路' }, subdefinitions: { child } });
    const s = await waitFor(h, (x) => x.currentNodes.some((n) => n.nodeId === 'sub'));
    const childHandle = env.client.workflow.getHandle(`${h.workflowId}.sub.${s.path.length}`) as CaseHandle;
    await childHandle.executeUpdate(m.completeUpdate, { args: [{ actor: actor('wang'), taskId: (await waitForTask(childHandle, 'check')).id, action: 'fine' }] });
    await save('machinery-subprocess', h);
  }
});
} finally {
  // Never leave a dev server behind, also when a recording fails.
  await env.teardown();
  await proj.close();
}
