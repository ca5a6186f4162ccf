/** 公示期 objection entry (异议): anyone signed in unless the node names an objector role. */
import { useState } from 'react';
import { client, errorMessage } from '../lib/api.js';
import { useT } from '../lib/i18n.js';
import { ErrorBanner, Field } from '../shell/ui.js';

export function ObjectionForm({ caseId, nodeId, onDone }: { caseId: string; nodeId: string; onDone: () => void }) {
  const t = useT();
  const [content, setContent] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="objection-form"
      data-testid="objection-form"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(undefined);
        try {
          await client.caseUpdate(caseId, 'objections', { nodeId, content });
          setContent('');
          onDone();
        } catch (err) {
          setError(errorMessage(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <ErrorBanner message={error} />
      <Field label={t('addObjection')}>
        <textarea rows={3} value={content} onChange={(e) => setContent(e.target.value)} required data-testid="objection-content" />
      </Field>
      <button type="submit" className="btn" disabled={busy} data-testid="submit-objection">
        {t('addObjection')}
      </button>
    </form>
  );
}

