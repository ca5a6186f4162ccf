/**
 * 搜索节点 (Ctrl+F): a search box on the canvas; typing lists the nodes whose name, id, stage or
 * role match, best first; Enter or a click selects the node, opens its properties and centres it.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useEditor } from './graph/editor-store.js';
import { searchNodes, type NodeHit } from './graph/node-search.js';
import { NODE_KIND_LABEL } from '../lib/labels.js';
import { useLang, useT, type MsgKey } from '../lib/i18n.js';

const MATCHED: Record<NodeHit['matched'], MsgKey | undefined> = { name: undefined, id: 'matchedId', stage: 'matchedStage', role: 'matchedRole' };

export function NodeSearch({ onPick }: { onPick: (id: string) => void }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const nodes = useEditor((s) => s.doc.nodes);
  const roles = useEditor((s) => s.doc.meta.roles);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const hits = useMemo(() => searchNodes({ nodes: nodes.map((n) => n.data.node), roles }, query), [nodes, roles, query]);

  // Ctrl+F / ⌘F finds a node rather than text on the page (the canvas draws only what is on screen).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const pick = (hit: NodeHit | undefined) => {
    if (!hit) return;
    onPick(hit.id);
    setOpen(false);
  };

  return (
    <div className="node-search" data-testid="node-search">
      <input
        ref={input}
        type="search"
        value={query}
        placeholder={`${t('searchNodes')} · Ctrl+F`}
        title={t('searchNodesHint')}
        aria-label={t('searchNodes')}
        data-testid="node-search-input"
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, hits.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter') pick(hits[active]);
          else if (e.key === 'Escape') setOpen(false);
          else return;
          e.preventDefault();
        }}
      />
      {open && query.trim() ? (
        <ul className="node-search-results" role="listbox" data-testid="node-search-results">
          {hits.length === 0 ? <li className="muted">{t('searchNoHit')}</li> : null}
          {hits.map((h, i) => (
            <li key={h.id} role="option" aria-selected={i === active} className={i === active ? 'active' : ''} data-testid={`node-search-hit-${h.id}`} onMouseDown={(e) => e.preventDefault()} onClick={() => pick(h)}>
              <strong>{h.name}</strong>
              <span className="muted">
                {' '}
                {NODE_KIND_LABEL[h.kind][lang]}
                {h.stage ? ` · ${h.stage}` : ''}
                {h.role ? ` · ${h.role}` : ''}
                {MATCHED[h.matched] && h.matched === 'id' ? ` · ${t(MATCHED[h.matched]!)} ${h.id}` : ''}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
