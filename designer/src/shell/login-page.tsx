import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../lib/api.js';
import { useLang, useT } from '../lib/i18n.js';
import { homePath, useSession } from '../lib/session.js';
import { ErrorBanner, Field } from './ui.js';

export function LoginPage() {
  const t = useT();
  const { lang, setLang } = useLang();
  const login = useSession((s) => s.login);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await login(username.trim(), password);
      const next = params.get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('/login') ? next : homePath(useSession.getState().me), { replace: true });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="login-page">
      <form className="login-card" onSubmit={submit} data-testid="login-form">
        <h1>{t('appName')}</h1>
        <p className="muted">{lang === 'zh' ? '乡镇、村（社区）议事决策与督办' : 'Township and village procedures'}</p>
        <ErrorBanner message={error} />
        <Field label={t('username')}>
          <input data-testid="login-username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        </Field>
        <Field label={t('password')}>
          <input data-testid="login-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </Field>
        <button type="submit" className="btn btn-primary btn-block" disabled={busy} data-testid="login-submit">
          {t('login')}
        </button>
        <button type="button" className="btn-text" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {t('language')}
        </button>
      </form>
    </div>
  );
}
