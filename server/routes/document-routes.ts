/**
 * Documents of a case: the list, one document (JSON), its print page (HTML with @page rules) and
 * its PDF. Scope as the case itself (route-rules: caseParticipant); masked per caller.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { requirePrincipal } from '../auth/guard.js';
import { ApiError } from '../errors.js';
import { CaseDocumentSchema, CaseDocumentsResponse, CaseParams, DocumentParams } from '../../api/index.js';
import { LINKS, ROUTES } from '../../api/routes.js';
import { getCaseDocument, listCaseDocuments } from '../documents/case-documents.js';
import { documentHtml } from '../documents/document-html.js';
import { PRINT_CSS, PRINT_JS } from '../documents/print-assets.js';

const TOOLBAR = { print: '打印', pdf: '下载 PDF', back: '返回案件' };

/** `filename*` of RFC 6266 for a Chinese file name, with an ASCII fallback. */
function attachment(name: string): string {
  return `attachment; filename="document.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export const documentRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get(
    ROUTES.caseDocuments.path,
    { schema: { tags: ['documents'], summary: '案件文书（告知书、答复意见书、公告、会议记录、审批单）', params: CaseParams, response: { 200: CaseDocumentsResponse } } },
    async (req) => ({ items: await listCaseDocuments(ctx, requirePrincipal(req), req.params.caseId) }),
  );

  app.get(
    ROUTES.caseDocument.path,
    { schema: { tags: ['documents'], summary: '一份文书', params: DocumentParams, response: { 200: CaseDocumentSchema } } },
    async (req) => getCaseDocument(ctx, requirePrincipal(req), req.params.caseId, req.params.documentId),
  );

  app.get(
    LINKS.documentHtml.path,
    // Not JSON (text/html): left out of the OpenAPI document, whose operations answer JSON.
    { schema: { hide: true, tags: ['documents'], summary: '文书打印页（A4，可直接打印）', params: DocumentParams } },
    async (req, reply) => {
      const doc = await getCaseDocument(ctx, requirePrincipal(req), req.params.caseId, req.params.documentId);
      const base = `/api/cases/${encodeURIComponent(req.params.caseId)}/documents/${encodeURIComponent(doc.documentId)}`;
      const html = documentHtml(doc.body, { css: 'link', toolbar: { pdfHref: `${base}/pdf`, caseHref: `/cases/${encodeURIComponent(req.params.caseId)}`, labels: TOOLBAR } });
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
    },
  );

  app.get(
    LINKS.documentPdf.path,
    // application/pdf: left out of the OpenAPI document too.
    { schema: { hide: true, tags: ['documents'], summary: '文书 PDF（嵌入中文字体）', params: DocumentParams } },
    async (req, reply) => {
      const doc = await getCaseDocument(ctx, requirePrincipal(req), req.params.caseId, req.params.documentId);
      if (!ctx.pdf.available()) throw new ApiError(503, 'PDF_UNAVAILABLE', '服务器未安装 Chromium，暂不能生成 PDF；可在打印页使用“打印 → 另存为 PDF”');
      const pdf = await ctx.pdf.render(documentHtml(doc.body, { css: 'inline' }));
      return reply.type('application/pdf').header('content-disposition', attachment(`${doc.heading}.pdf`)).header('cache-control', 'no-store').send(pdf);
    },
  );

  // The print page's stylesheet and its 打印 button: assets without data.
  app.get('/api/documents/print.css', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(PRINT_CSS),
  );
  app.get('/api/documents/print.js', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(PRINT_JS),
  );
};
