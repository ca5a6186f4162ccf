/**
 * Follow a case as it changes (server/routes/case-event-routes.ts): the page reloads when the case
 * moves on — someone else's 转办, 拿回, 签收 or the next step opening — instead of waiting for its
 * next look. While the tab is hidden the change is kept and applied when it shows again.
 */
import { useEffect } from 'react';
import { ROUTES } from '../../../api/routes.js';
import { urlOf } from './api.js';

export function useCaseEvents(caseId: string | undefined, onChange: () => void): void {
  useEffect(() => {
    if (!caseId || typeof EventSource === 'undefined') return;
    const source = new EventSource(urlOf(ROUTES.caseEvents, { caseId }));
    let missed = false;
    const changed = () => {
      if (document.visibilityState === 'visible') onChange();
      else missed = true;
    };
    const shown = () => {
      if (missed && document.visibilityState === 'visible') {
        missed = false;
        onChange();
      }
    };
    source.addEventListener('changed', changed);
    document.addEventListener('visibilitychange', shown);
    return () => {
      source.close();
      document.removeEventListener('visibilitychange', shown);
    };
  }, [caseId, onChange]);
}
