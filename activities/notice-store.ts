/**
 * Where generated notices are kept: the app database's case_documents in the server and the
 * worker (db/documents.ts), memory for tests. A document never changes once issued: saving the
 * same documentId again keeps the first (a retried activity is harmless, a later pass through the
 * node issues a document of its own — see noticeDocumentId).
 */
import type { DocumentBody, NoticeRequest } from './types.js';
import type { RenderedNotice } from './notice.js';

export interface StoredNotice {
  documentId: string;
  caseId: string;
  nodeId: string;
  template: string;
  title: string;
  text: string;
  body: DocumentBody;
  /** The values the document shows for its template's fields. */
  fields: Record<string, string>;
  /** ISO instant the notice was issued. */
  issuedAt: string;
}

export interface NoticeStore {
  save(notice: StoredNotice): Promise<void>;
}

export type MemoryNoticeStore = NoticeStore & { notices: Map<string, StoredNotice> };

export function createMemoryNoticeStore(): MemoryNoticeStore {
  const notices = new Map<string, StoredNotice>();
  return {
    notices,
    async save(notice) {
      if (!notices.has(notice.documentId)) notices.set(notice.documentId, structuredClone(notice));
    },
  };
}

export function storedNotice(req: NoticeRequest, result: RenderedNotice, issuedAt: Date): StoredNotice {
  return {
    documentId: result.documentId,
    caseId: req.caseId,
    nodeId: req.nodeId,
    template: req.template,
    title: req.title,
    text: result.text,
    body: result.body,
    fields: result.fields,
    issuedAt: issuedAt.toISOString(),
  };
}
