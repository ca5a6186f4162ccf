/**
 * The documents of a case (issue 18): the notices it issued (stored with the case, never changed)
 * and its 审批单 — each opens as a print-ready page (CSS @page, the browser's 打印) or downloads as a
 * PDF with the CJK fonts embedded. Generic: any document the case lists (a meeting record too).
 */
import { LINKS } from '../../../api/routes.js';
import { client, urlOf } from '../lib/api.js';
import { formatDateTime } from '../lib/format.js';
import { useLang, useT } from '../lib/i18n.js';
import { useAsync } from '../lib/use-async.js';

export function CaseDocuments({ caseId, version }: { caseId: string; version: number }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  // `version` (the case's timeline length) refetches when the case has moved on and may have issued more.
  const { data } = useAsync(() => client.caseDocuments(caseId), [caseId, version]);
  if (!data?.items.length) return null;
  return (
    <>
      <h3>{t('documents')}</h3>
      <ul className="plain documents" data-testid="case-documents">
        {data.items.map((d) => {
          const params = { caseId, documentId: d.documentId };
          return (
            <li key={d.documentId} data-testid="case-document" data-document-id={d.documentId} data-kind={d.kind}>
              <strong>{d.heading}</strong>
              <span className="muted">
                {' · '}
                {d.kind === 'approvalSlip' ? t('documentAsItStands') : [d.nodeName, d.issuedAt ? formatDateTime(d.issuedAt, lang) : null].filter(Boolean).join(' · ')}
              </span>
              {' '}
              <a className="btn-text" href={urlOf(LINKS.documentHtml, params)} target="_blank" rel="noreferrer" data-testid="document-view">
                {t('documentView')}
              </a>
              {' '}
              <a className="btn-text" href={urlOf(LINKS.documentPdf, params)} download data-testid="document-pdf">
                {t('documentPdf')}
              </a>
            </li>
          );
        })}
      </ul>
    </>
  );
}
