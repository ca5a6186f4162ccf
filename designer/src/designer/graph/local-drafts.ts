/**
 * Drafts autosaved in this browser (localStorage), so edits survive a closed tab, a crash or a
 * lost connection until they are saved to the server. One entry per procedure key; the entry goes
 * once the draft is saved, published or deliberately discarded.
 */
import type { Definition } from '../../../../dsl/schema.js';

const PREFIX = 'jc-draft:';

export interface LocalDraft {
  /** ISO instant of the autosave. */
  savedAt: string;
  definition: Definition;
}

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function storage(): Store | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // private mode or storage disabled: no autosave, the guard still asks
  }
}

export function saveLocalDraft(key: string, definition: Definition, now = new Date(), store: Store | undefined = storage()): void {
  try {
    store?.setItem(PREFIX + key, JSON.stringify({ savedAt: now.toISOString(), definition } satisfies LocalDraft));
  } catch {
    /* quota exceeded: the server draft is still there */
  }
}

export function loadLocalDraft(key: string, store: Store | undefined = storage()): LocalDraft | undefined {
  const raw = store?.getItem(PREFIX + key);
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as Partial<LocalDraft>;
    return typeof v.savedAt === 'string' && v.definition && typeof v.definition === 'object' ? (v as LocalDraft) : undefined;
  } catch {
    return undefined;
  }
}

export function clearLocalDraft(key: string, store: Store | undefined = storage()): void {
  store?.removeItem(PREFIX + key);
}

/** Whether the autosaved copy holds something the loaded definition does not (positions rounded as stored). */
export function differsFrom(local: LocalDraft, loaded: Definition): boolean {
  return JSON.stringify(local.definition) !== JSON.stringify(loaded);
}
