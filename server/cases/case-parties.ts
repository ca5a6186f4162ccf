/**
 * The citizen a case is about (definition.subjectField: the 信访人, the 入党申请人), when the field
 * names a user: recorded so they see the case as their own (guard, case list) whatever their unit.
 */
import type { Definition } from '../../dsl/schema.js';
import type { AppContext } from '../context.js';

export async function recordSubject(ctx: AppContext, def: Pick<Definition, 'subjectField'>, caseId: string, data: Record<string, unknown> | undefined): Promise<void> {
  const v = def.subjectField ? data?.[def.subjectField] : undefined;
  const ids = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string' && x.length > 0 && x.length <= 64);
  for (const id of ids) {
    await ctx.db.query(
      `INSERT INTO case_parties(case_id, user_id, relation) SELECT $1, id, 'subject' FROM users WHERE id = $2 ON CONFLICT DO NOTHING`,
      [caseId, id],
    );
  }
}
