/**
 * Where generated notices are kept (the API's document table later; memory for tests and the
 * dev worker). Saving the same documentId again replaces it, so a retried activity is harmless.
 */
import type { NoticeRequest, NoticeResult } from './types.js';

export interface StoredNotice extends NoticeResult {
  caseId: string;
  nodeId: string;
  template: string;
  title: string;
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
      notices.set(notice.documentId, structuredClone(notice));
    },
  };
}

export function storedNotice(req: NoticeRequest, result: NoticeResult, issuedAt: Date): StoredNotice {
  return {
    ...result,
    caseId: req.caseId,
    nodeId: req.nodeId,
    template: req.template,
    title: req.title,
    issuedAt: issuedAt.toISOString(),
  };
}
