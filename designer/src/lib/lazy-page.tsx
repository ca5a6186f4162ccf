/**
 * A page whose code is loaded on first use, without React's Suspense: React keeps a Suspense
 * fallback on screen for at least 300 ms once it has shown it (FALLBACK_THROTTLE_MS), and a
 * React.lazy component suspends on its first render even when its code has already arrived — so
 * opening /designer/<key> by its address, with the editor's code prefetched, still waited ~200 ms
 * doing nothing before the editor could draw. Here the page draws at once when its code is there,
 * and shows the loading line only while it is really on its way.
 */
import { useEffect, useState, type ComponentType, type JSX } from 'react';
import { Loading } from '../shell/ui.js';

export interface LazyPage {
  Page: () => JSX.Element;
  /** Starts loading the code (once); the page then draws without waiting when it is needed. */
  preload: () => Promise<ComponentType>;
}

export function lazyPage(load: () => Promise<ComponentType>): LazyPage {
  let loaded: ComponentType | undefined;
  let loading: Promise<ComponentType> | undefined;
  const preload = (): Promise<ComponentType> => {
    loading ??= load().then(
      (c) => (loaded = c),
      (err: unknown) => {
        loading = undefined; // a later visit tries again
        throw err;
      },
    );
    return loading;
  };
  function Page(): JSX.Element {
    const [component, setComponent] = useState<{ C: ComponentType } | { failed: unknown } | undefined>(() => (loaded ? { C: loaded } : undefined));
    useEffect(() => {
      if (component) return;
      let live = true;
      preload().then(
        (C) => live && setComponent({ C }),
        (failed: unknown) => live && setComponent({ failed }),
      );
      return () => {
        live = false;
      };
    }, [component]);
    // A chunk that cannot load fails the render, as React.lazy did.
    if (component && 'failed' in component) throw component.failed;
    if (!component) return <Loading />;
    return <component.C />;
  }
  return { Page, preload };
}
