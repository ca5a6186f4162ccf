/**
 * previewDueDate (the designer's preview, later 流程预测): the due date of a node for a case
 * started on a given day, by the same rules as the interpreter — clock anchor, cap, parameters,
 * the business calendar with 2027's statutory holidays.
 */
import { describe, expect, it } from 'vitest';
import { endOfShanghaiDay } from '../../activities/business-calendar.js';
import { DuePreviewError, previewDueDate } from '../../activities/due-preview.js';
import { loadBuiltinProcedure } from '../../procedures/index.js';

const xf = loadBuiltinProcedure('xinfang');
const dy = loadBuiltinProcedure('dangyuan-fazhan');
const at = (date: string, time = '10:00:00') => new Date(`${date}T${time}+08:00`).toISOString();

describe('previewDueDate', () => {
  it('信访 受理审查 for a petition received 2026-12-17: 15 days end on 元旦 2027, so on Mon 2027-01-04 (§9 example), flagged for the unpublished 调休', () => {
    const p = previewDueDate(xf, 'accept_decision', { caseStartedAt: at('2026-12-17') });
    expect(p).toMatchObject({ anchor: '案件发起', lastDay: '2027-01-04', dueAt: endOfShanghaiDay('2027-01-04').toISOString(), assumptions: [] });
    expect(p.warnings[0]).toMatch(/2027年放假调休安排尚未公布/);
  });

  it('信访 办理: 60 days from the 受理 the case recorded, whenever the task opens', () => {
    const events = { 'completed:accept_decision': at('2026-09-01') };
    const p = previewDueDate(xf, 'handle', { caseStartedAt: at('2026-08-28'), openedAt: at('2026-09-05'), events });
    // 9/1 + 60 = 10/31 (Sat) → Mon 11/2.
    expect(p).toMatchObject({ anchor: '「受理审查」办结', lastDay: '2026-11-02', capAt: endOfShanghaiDay('2026-11-30').toISOString(), capped: false });
  });

  it('before 受理 has happened the preview assumes it at the opening and says so', () => {
    const p = previewDueDate(xf, 'handle', { caseStartedAt: at('2026-06-01') });
    expect(p.assumptions).toEqual([{ event: '「受理审查」办结', at: at('2026-06-01') }]);
    expect(p.lastDay).toBe('2026-07-31');
  });

  it('复查申请期 from the 送达 date in the case data', () => {
    const p = previewDueDate(xf, 'review_window', { caseStartedAt: at('2026-08-01'), openedAt: at('2026-09-10'), data: { reply_served_on: '2026-09-01' } });
    expect(p).toMatchObject({ anchor: '「书面答复送达日期」所填日期', lastDay: '2026-10-08' });
  });

  it('发展党员 审批: 3 months from the 支部大会, never past its 6-month cap', () => {
    const p = previewDueDate(dy, 'approval', { caseStartedAt: at('2025-01-01'), openedAt: at('2026-05-20'), events: { 'completed:admission_vote': at('2026-03-10') } });
    expect(p).toMatchObject({ lastDay: '2026-06-10', capAt: endOfShanghaiDay('2026-09-10').toISOString() });
  });

  it('a parameter override changes the period as it would for the case', () => {
    const p = previewDueDate(xf, 'revisit', { caseStartedAt: at('2026-03-02'), params: { revisit_days: 3 } });
    expect(p.lastDay).toBe('2026-03-05');
  });

  it('a node without a deadline, or unknown, is a zh-CN error', () => {
    expect(() => previewDueDate(xf, 'split_intake', { caseStartedAt: at('2026-03-02') })).toThrow(DuePreviewError);
    expect(() => previewDueDate(xf, 'nope', { caseStartedAt: at('2026-03-02') })).toThrow(/不存在/);
  });
});
