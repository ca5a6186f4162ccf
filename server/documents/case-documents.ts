/**
 * The documents of a case as a caller may see them: the notices it issued (case_documents) and its
 * 审批单. Sensitive values (信访人身份 …) are masked in every line for a caller without a 信访 role,
 * exactly as in the case's data.
 */
import type { DocumentBody } from '../../activities/types.js';
import { APPROVAL_SLIP_ID, type CaseDocument, type CaseDocumentSummary } from '../../api/index.js';
import { caseDocument, caseDocuments } from '../../db/documents.js';
import type { AppContext } from '../context.js';
import { seesSensitive, type Principal } from '../auth/principal.js';
import { rawState, visibleState } from '../cases/case-service.js';
import { maskText, sensitiveValues } from '../cases/masking.js';
import { notFound } from '../errors.js';
import { approvalSlip } from './approval-slip.js';

function maskBody(body: DocumentBody, values: readonly string[]): DocumentBody {
  if (values.length === 0) return body;
  const m = (s: string) => maskText(s, values);
  return {
    heading: m(body.heading),
    ...(body.number ? { number: m(body.number) } : {}),
    blocks: body.blocks.map((b) => {
      switch (b.kind) {
        case 'table':
          return { ...b, ...(b.header ? { header: b.header.map(m) } : {}), rows: b.rows.map((r) => r.map(m)) };
        case 'signatures':
          return { ...b, items: b.items.map(m) };
        default:
          return { ...b, text: m(b.text) };
      }
    }),
    signOff: body.signOff.map(m),
    ...(body.footer ? { footer: body.footer.map(m) } : {}),
  };
}

async function userNames(ctx: AppContext, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter(Boolean))];
  if (unique.length === 0) return new Map();
  const rows = await ctx.db.query<{ id: string; name: string }>('SELECT id, name FROM users WHERE id = ANY($1::text[])', [unique]);
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function listCaseDocuments(ctx: AppContext, p: Principal, caseId: string): Promise<CaseDocumentSummary[]> {
  const raw = await rawState(ctx, caseId);
  const { state, definition } = await visibleState(ctx, p, raw);
  const values = seesSensitive(p) ? [] : sensitiveValues(definition, raw.data);
  const nodeName = (id: string) => definition.nodes.find((n) => n.id === id)?.name ?? null;
  const notices = (await caseDocuments(ctx.db, caseId)).map((d) => ({
    documentId: d.documentId,
    kind: 'notice' as const,
    heading: maskText(d.body.heading, values),
    title: maskText(d.title, values),
    nodeName: nodeName(d.nodeId),
    issuedAt: d.issuedAt,
  }));
  return [...notices, { documentId: APPROVAL_SLIP_ID, kind: 'approvalSlip', heading: `${definition.title}审批单`, title: state.title, nodeName: null, issuedAt: null }];
}

export async function getCaseDocument(ctx: AppContext, p: Principal, caseId: string, documentId: string): Promise<CaseDocument> {
  const raw = await rawState(ctx, caseId);
  const { state, definition } = await visibleState(ctx, p, raw);
  if (documentId === APPROVAL_SLIP_ID) {
    const names = await userNames(ctx, [state.initiator, ...state.tasks.map((t) => t.completedBy ?? '')]);
    const body = approvalSlip(state, definition, { orgUnitName: ctx.org.tree.name(state.org.unit) ?? state.org.unit, names, printedAt: new Date() });
    return { documentId, kind: 'approvalSlip', heading: body.heading, title: state.title, nodeName: null, issuedAt: null, body };
  }
  const d = await caseDocument(ctx.db, caseId, documentId);
  if (!d) throw notFound('该文书');
  const values = seesSensitive(p) ? [] : sensitiveValues(definition, raw.data);
  const body = maskBody(d.body, values);
  return {
    documentId: d.documentId,
    kind: 'notice',
    heading: body.heading,
    title: maskText(d.title, values),
    nodeName: definition.nodes.find((n) => n.id === d.nodeId)?.name ?? null,
    issuedAt: d.issuedAt,
    body,
  };
}
