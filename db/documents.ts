/**
 * Documents a case issued, in the app database (migration 061): the engine's notice store and the
 * reads of the API's document routes. First save wins; the table refuses changes.
 */
import type { NoticeStore, StoredNotice } from '../activities/notice-store.js';
import type { DocumentBody } from '../activities/types.js';
import type { Queryable } from './adapter.js';

export function createDbNoticeStore(db: Queryable): NoticeStore {
  return {
    async save(n) {
      await db.query(
        `INSERT INTO case_documents(document_id, case_id, node_id, template, title, body, text, fields, issued_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (document_id) DO NOTHING`,
        [n.documentId, n.caseId, n.nodeId, n.template, n.title, JSON.stringify(n.body), n.text, JSON.stringify(n.fields), n.issuedAt],
      );
    },
  };
}

const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));
const iso = (v: unknown): string => (v instanceof Date ? v : new Date(String(v))).toISOString();

function rowToNotice(r: Record<string, unknown>): StoredNotice {
  return {
    documentId: String(r.document_id),
    caseId: String(r.case_id),
    nodeId: String(r.node_id),
    template: String(r.template),
    title: String(r.title),
    text: String(r.text),
    body: json<DocumentBody>(r.body),
    fields: json<Record<string, string>>(r.fields),
    issuedAt: iso(r.issued_at),
  };
}

/** The documents of a case, in the order they were issued. */
export async function caseDocuments(db: Queryable, caseId: string): Promise<StoredNotice[]> {
  const rows = await db.query<Record<string, unknown>>('SELECT * FROM case_documents WHERE case_id = $1 ORDER BY issued_at, document_id', [caseId]);
  return rows.map(rowToNotice);
}

export async function caseDocument(db: Queryable, caseId: string, documentId: string): Promise<StoredNotice | undefined> {
  const rows = await db.query<Record<string, unknown>>('SELECT * FROM case_documents WHERE case_id = $1 AND document_id = $2', [caseId, documentId]);
  return rows[0] ? rowToNotice(rows[0]) : undefined;
}
