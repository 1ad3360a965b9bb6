// Sign-in. The session cookie is HttpOnly; the answer's csrf_token is kept in memory.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { getLang, setLang, t } from '../i18n';
import type { Session } from '../types';
import { ErrorBox } from '../components/common';

export function AuthFrame({ title, children }: { title: string; children: ComponentChildren }) {
  useEffect(() => {
    document.title = `${title} · SMS Info`;
  }, [title]);
  const other = getLang() === 'cs' ? 'en' : 'cs';
  return (
    <main class="auth" aria-labelledby="auth-title">
      <div class="auth-card">
        <div class="auth-head">
          <span class="brand-mark" aria-hidden="true">SMS</span>
          <button type="button" class="link-button" lang={other} onClick={() => setLang(other)} data-testid="language-switch">
            {other === 'en' ? 'English' : 'Čeština'}
          </button>
        </div>
        <h1 id="auth-title">{title}</h1>
        {children}
      </div>
    </main>
  );
}

export function LoginScreen({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api.post<Session>('/api/v1/session', { username, password }, { allowUnauthenticated: true }));
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? new ApiError(401, 'unauthenticated', t('auth.wrong')) : err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame title={t('auth.title')}>
      <form onSubmit={submit} aria-labelledby="auth-title">
        <label for="login-user">{t('auth.username')}</label>
        <input id="login-user" required autoComplete="username" value={username} onInput={(e) => setUsername((e.target as HTMLInputElement).value)} />
        <label for="login-password">{t('auth.password')}</label>
        <input id="login-password" type="password" required autoComplete="current-password" value={password} onInput={(e) => setPassword((e.target as HTMLInputElement).value)} />
        <ErrorBox error={error} />
        <button type="submit" class="primary" disabled={busy}>{t('auth.submit')}</button>
      </form>
    </AuthFrame>
  );
}
