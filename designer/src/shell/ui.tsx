/** Small shared pieces: lights, badges, dialogs, error banners, fields. */
import { useEffect, useRef, type ReactNode } from 'react';
import type { Health } from '../../../workflows/types.js';
import { dueText } from '../lib/format.js';
import { HEALTH_LABEL } from '../lib/labels.js';
import { useLang, useT } from '../lib/i18n.js';

export function Light({ health, count, testId }: { health: Health; count?: number; testId?: string }) {
  const lang = useLang((s) => s.lang);
  return (
    <span className={`light light-${health}`} data-testid={testId} data-health={health} title={HEALTH_LABEL[health][lang]}>
      <span className="light-dot" aria-hidden />
      {count !== undefined ? <span className="light-count">{count}</span> : <span className="sr-only">{HEALTH_LABEL[health][lang]}</span>}
    </span>
  );
}

/** `now`: the instant the time left counts from (a 试运行 sandbox runs on its own clock). */
export function DueBadge({ dueAt, health, now }: { dueAt: string | null | undefined; health: Health; now?: number }) {
  const lang = useLang((s) => s.lang);
  return (
    <span className={`due due-${health}`} data-testid="due-badge" data-health={health}>
      {dueText(dueAt, now ?? Date.now(), lang)}
    </span>
  );
}

export function ErrorBanner({ message, onClose }: { message: string | undefined; onClose?: () => void }) {
  const t = useT();
  if (!message) return null;
  return (
    <div className="banner banner-error" role="alert" data-testid="error-banner">
      <span>{message}</span>
      {onClose ? (
        <button type="button" className="btn-text" onClick={onClose} aria-label={t('close')}>
          ×
        </button>
      ) : null}
    </div>
  );
}

export function Notice({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <div className="banner banner-ok" role="status" data-testid="notice">
      {message}
    </div>
  );
}

export function Loading() {
  const t = useT();
  return <div className="loading">{t('loading')}</div>;
}

export function Empty({ text }: { text?: string }) {
  const t = useT();
  return <div className="empty">{text ?? t('empty')}</div>;
}

export function Dialog({ title, children, onClose, testId, wide }: { title: string; children: ReactNode; onClose: () => void; testId?: string; wide?: boolean }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    ref.current?.querySelector<HTMLElement>('input, textarea, select, button')?.focus();
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className={wide ? 'dialog dialog-wide' : 'dialog'} role="dialog" aria-label={title} ref={ref} data-testid={testId}>
        <div className="dialog-head">
          <h2>{title}</h2>
          <button type="button" className="btn-text" onClick={onClose} aria-label={t('close')}>
            ×
          </button>
        </div>
        <div className="dialog-body">{children}</div>
      </div>
    </div>
  );
}

export function Field({ label, error, children, hint, testId }: { label: string; error?: string | string[]; children: ReactNode; hint?: ReactNode; testId?: string }) {
  const errors = Array.isArray(error) ? error : error ? [error] : [];
  return (
    <label className={`field${errors.length ? ' field-invalid' : ''}`} data-testid={testId}>
      <span className="field-label">{label}</span>
      {children}
      {hint ? <span className="field-hint">{hint}</span> : null}
      {errors.map((m, i) => (
        <span key={i} className="field-error" data-testid="field-error">
          {m}
        </span>
      ))}
    </label>
  );
}
