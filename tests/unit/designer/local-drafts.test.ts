/** Drafts autosaved in the browser until they reach the server (designer/src/designer/graph/local-drafts.ts). */
import { describe, expect, it } from 'vitest';
import { clearLocalDraft, differsFrom, loadLocalDraft, saveLocalDraft } from '../../../designer/src/designer/graph/local-drafts.js';
import { loadBuiltinProcedure } from '../../../procedures/index.js';
import { filterDefinitions } from '../../../designer/src/designer/list-filter.js';

function memoryStore() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
}

describe('local drafts', () => {
  it('an autosaved copy comes back as it was, per procedure key, until cleared', () => {
    const store = memoryStore();
    const def = loadBuiltinProcedure('xinfang');
    const edited = { ...def, title: '信访（改）' };
    saveLocalDraft('xinfang', edited, new Date('2026-09-28T02:00:00Z'), store);
    const back = loadLocalDraft('xinfang', store)!;
    expect(back.savedAt).toBe('2026-09-28T02:00:00.000Z');
    expect(back.definition.title).toBe('信访（改）');
    expect(differsFrom(back, def)).toBe(true);
    expect(differsFrom(back, edited)).toBe(false);
    expect(loadLocalDraft('bamian', store)).toBeUndefined();
    clearLocalDraft('xinfang', store);
    expect(loadLocalDraft('xinfang', store)).toBeUndefined();
  });

  it('a corrupt entry is ignored, not thrown', () => {
    const store = memoryStore();
    store.setItem('jc-draft:x', '{not json');
    expect(loadLocalDraft('x', store)).toBeUndefined();
    store.setItem('jc-draft:x', JSON.stringify({ savedAt: 1 }));
    expect(loadLocalDraft('x', store)).toBeUndefined();
  });
});

describe('the procedure list: search and filters', () => {
  const items = [
    { key: 'xinfang', title: '信访事项限时办理', category: '信访', latestVersion: 1, hasDraft: false, updatedAt: '', draftAuthor: null, publishedBy: 'system' },
    { key: 'my-new', title: '新建的流程', category: null, latestVersion: null, hasDraft: true, updatedAt: '', draftAuthor: 'designer', publishedBy: null },
    { key: 'e2e-test-1', title: '测试流程', category: null, latestVersion: 2, hasDraft: true, updatedAt: '', draftAuthor: 'other', publishedBy: 'designer' },
  ];
  it.each([
    ['', 'all', ['xinfang', 'my-new', 'e2e-test-1']],
    ['信访', 'all', ['xinfang']],
    ['E2E', 'all', ['e2e-test-1']],
    ['', 'mine', ['my-new', 'e2e-test-1']],
    ['', 'published', ['xinfang', 'e2e-test-1']],
    ['', 'drafts', ['my-new', 'e2e-test-1']],
    ['新建', 'drafts', ['my-new']],
  ] as const)('search %j, filter %s', (q, f, keys) => {
    expect(filterDefinitions(items, q, f, 'designer').map((d) => d.key)).toEqual(keys);
  });
});
