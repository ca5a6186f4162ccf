/** Who is signed in (GET /api/auth/me), shared by the shell and every page. */
import { create } from 'zustand';
import { client } from './api.js';
import type { ResponseOf } from '../../../api/index.js';
import { SESSION_URL } from './early-reads.js';
import { getPrefetched } from './prefetch.js';
import type { Capability, Me } from '../../../api/index.js';

interface SessionState {
  me: Me | null;
  /** 'unknown' until the first /me answer. */
  status: 'unknown' | 'in' | 'out';
  refresh: () => Promise<void>;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  signedOut: () => void;
}

let refreshing: Promise<void> | undefined;

export const useSession = create<SessionState>((set) => ({
  me: null,
  status: 'unknown',
  refresh: () => {
    // Asked at start-up and again by the app's first render: one request answers both.
    refreshing ??= (async () => {
      try {
        const me = await getPrefetched<ResponseOf<'me'>>(SESSION_URL);
        set({ me, status: 'in' });
      } catch {
        set({ me: null, status: 'out' });
      } finally {
        refreshing = undefined;
      }
    })();
    return refreshing;
  },
  login: async (username, password) => {
    const res = await client.login({ username, password });
    set({ me: res.user, status: 'in' });
  },
  logout: async () => {
    try {
      await client.logout();
    } finally {
      set({ me: null, status: 'out' });
    }
  },
  signedOut: () => set({ me: null, status: 'out' }),
}));

export function can(me: Me | null, cap: Capability): boolean {
  return !!me?.capabilities.includes(cap);
}

/** The first screen a user lands on: the work they do most. */
export function homePath(me: Me | null): string {
  if (can(me, 'inbox')) return '/inbox';
  if (can(me, 'monitor')) return '/monitor';
  if (can(me, 'designer')) return '/designer';
  return '/inbox';
}
