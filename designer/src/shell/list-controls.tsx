/** Search box, sort choice and "load more" shared by the inbox and the case list. */
import { useEffect, useState } from 'react';
import { useT } from '../lib/i18n.js';

export function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const t = useT();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <form
      className="search-box"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        onSearch(text.trim());
      }}
    >
      <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('search')} aria-label={t('search')} maxLength={100} data-testid="search-input" />
      <button type="submit" className="btn" data-testid="search-submit">
        {t('searchButton')}
      </button>
    </form>
  );
}

export function SortSelect<S extends string>({ sort, order, options, onChange }: { sort: S; order: 'asc' | 'desc'; options: [S, string][]; onChange: (sort: S, order: 'asc' | 'desc') => void }) {
  const t = useT();
  return (
    <span className="sort-select">
      <select value={sort} onChange={(e) => onChange(e.target.value as S, order)} aria-label={t('sortBy')} data-testid="sort-by">
        {options.map(([k, label]) => (
          <option key={k} value={k}>
            {label}
          </option>
        ))}
      </select>
      <select value={order} onChange={(e) => onChange(sort, e.target.value as 'asc' | 'desc')} aria-label={t('sortBy')} data-testid="sort-order">
        <option value="asc">{t('orderAsc')}</option>
        <option value="desc">{t('orderDesc')}</option>
      </select>
    </span>
  );
}

export function MoreButton({ shown, total, hasMore, loading, onMore }: { shown: number; total: number | null; hasMore: boolean; loading: boolean; onMore: () => void }) {
  const t = useT();
  return (
    <div className="list-foot">
      {total !== null ? (
        <span className="muted" data-testid="list-count">
          {t('shownOfTotal').replace('{shown}', String(shown)).replace('{n}', String(total))}
        </span>
      ) : null}
      {hasMore ? (
        <button type="button" className="btn" onClick={onMore} disabled={loading} data-testid="load-more">
          {loading ? t('loading') : t('loadMore')}
        </button>
      ) : null}
    </div>
  );
}
