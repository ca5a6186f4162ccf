/**
 * Documents of a case (issue 18): the notices it issued (stored, never changed), a meeting record,
 * and the 审批单 of the case as it stands. One body shape for all (activities/types.ts DocumentBody):
 * the viewer, the print page and the PDF lay out any document from it.
 */
import { z } from 'zod';
import type { DocumentBody } from '../activities/types.js';
import { CaseIdParam, typedAs } from './common.js';

const DocumentBlockSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('salutation'), text: z.string() }),
  z.object({ kind: z.literal('paragraph'), text: z.string() }),
  z.object({ kind: z.literal('table'), header: z.array(z.string()).optional(), rows: z.array(z.array(z.string())) }),
  z.object({ kind: z.literal('signatures'), items: z.array(z.string()) }),
]);

export const DocumentBodySchema = typedAs<DocumentBody>()(
  z.object({
    heading: z.string(),
    number: z.string().optional(),
    blocks: z.array(DocumentBlockSchema),
    signOff: z.array(z.string()),
    footer: z.array(z.string()).optional(),
  }),
);

/** The 审批单's id among a case's documents: rendered from the case as it stands when asked. */
export const APPROVAL_SLIP_ID = 'approval-slip';

export const CaseDocumentSummarySchema = z.object({
  documentId: z.string(),
  /** `notice`: issued by the case and stored; `approvalSlip`: the case as it stands. */
  kind: z.enum(['notice', 'approvalSlip']),
  heading: z.string(),
  title: z.string(),
  /** The step that issued it. */
  nodeName: z.string().nullable(),
  issuedAt: z.string().nullable(),
});
export type CaseDocumentSummary = z.infer<typeof CaseDocumentSummarySchema>;
export const CaseDocumentsResponse = z.object({ items: z.array(CaseDocumentSummarySchema) });
export const CaseDocumentSchema = CaseDocumentSummarySchema.extend({ body: DocumentBodySchema });
export type CaseDocument = z.infer<typeof CaseDocumentSchema>;

export const DocumentParams = z.object({ caseId: CaseIdParam, documentId: z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, { message: '文书编号格式不正确' }) });
