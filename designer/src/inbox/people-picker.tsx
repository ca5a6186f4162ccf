/**
 * The people picker of 转办 / 委托 / 加签 / 减签: the people the API says may take this task
 * (eligible users: the case's units, a role that may work on the node), searched by name, full
 * pinyin or initials ("zm" finds 赵敏), each shown with role and unit — never an id typed by hand.
 */
import { useState } from 'react';
import { searchPeople } from '../../../api/people-search.js';
import type { PersonChoice } from '../../../api/index.js';
import { client } from '../lib/api.js';
import { useT } from '../lib/i18n.js';
import { useAsync } from '../lib/use-async.js';
import { ErrorBanner } from '../shell/ui.js';

export type PickPurpose = 'transfer' | 'delegate' | 'addSigner' | 'removeSigner';

/** A searchable list of people; `value` is the chosen person's id. */
export function PeopleList({ people, value, onChange, testId, emptyText }: { people: readonly PersonChoice[]; value: string; onChange: (id: string) => void; testId: string; emptyText: string }) {
  const t = useT();
  const [query, setQuery] = useState('');
  const shown = searchPeople(people, query);
  return (
    <div className="people-picker" data-testid={testId}>
      <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('peopleSearch')} aria-label={t('peopleSearch')} data-testid={`${testId}-search`} />
      <ul className="people-list" role="listbox" aria-label={t('choosePerson')}>
        {shown.map((p) => (
          <li key={p.id}>
            <button
              type="button"
              role="option"
              aria-selected={p.id === value}
              className={p.id === value ? 'person selected' : 'person'}
              onClick={() => onChange(p.id)}
              data-testid="person-option"
              data-user-id={p.id}
            >
              <strong translate="no">{p.name}</strong>
              <span className="muted" translate="no">
                {p.roleName} · {p.orgUnitName}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {people.length === 0 ? <small>{emptyText}</small> : shown.length === 0 ? <small>{t('noMatch')}</small> : null}
    </div>
  );
}

/** The eligible users of a task for one purpose, loaded from the API. */
export function PeoplePicker({ caseId, taskId, purpose, value, onChange, testId }: { caseId: string; taskId: string; purpose: PickPurpose; value: string; onChange: (v: string) => void; testId: string }) {
  const t = useT();
  const { data, error } = useAsync(() => client.eligibleUsers(caseId, taskId, purpose), [caseId, taskId, purpose]);
  if (error) return <ErrorBanner message={error} />;
  if (!data) return <small className="muted">…</small>;
  return <PeopleList people={data.items} value={value} onChange={onChange} testId={testId} emptyText={t('noEligibleUsers')} />;
}
