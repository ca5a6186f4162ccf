/** Who is signed in (GET /api/auth/me), shared by the shell and every page. */
import { create } from 'zustand';
import { api, ApiError } from './api.js';
import type { Capability, Me } from './api-types.js';

interface SessionState {
  me: Me | null;
  /** 'unknown' until the first /me answer. */
  status: 'unknown' | 'in' | 'out';
  refresh: () => Promise<void>;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  signedOut: () => void;
}

export const useSession = create<SessionState>((set) => ({
  me: null,
  status: 'unknown',
  refresh: async () => {
    try {
      const me = await api.get<Me>('/api/auth/me');
      set({ me, status: 'in' });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) set({ me: null, status: 'out' });
      else set({ me: null, status: 'out' });
    }
  },
  login: async (username, password) => {
    const res = await api.post<{ user: Me }>('/api/auth/login', { username, password });
    set({ me: res.user, status: 'in' });
  },
  logout: async () => {
    try {
      await api.post('/api/auth/logout');
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
