// First run: no user exists yet. Creates the organization and its first admin, signed in.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { t } from '../i18n';
import type { Session } from '../types';
import { ErrorBox } from '../components/common';
import { AuthFrame } from './login';

export function SetupScreen({ onDone }: { onDone: (s: Session) => void }) {
  const [form, setForm] = useState({ organization_name: '', central_number: '', username: 'admin', password: '', again: '' });
  const [error, setError] = useState<unknown>(null);
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (e: Event) => setForm({ ...form, [k]: (e.target as HTMLInputElement).value });

  const submit = async (e: Event) => {
    e.preventDefault();
    setMismatch(form.password !== form.again);
    if (form.password !== form.again) return;
    setBusy(true);
    setError(null);
    try {
      const { again: _again, ...body } = form;
      onDone(await api.post<Session>('/api/v1/setup', body));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame title={t('setup.title')}>
      <p>{t('setup.intro')}</p>
      <form onSubmit={submit} aria-labelledby="auth-title">
        <label for="setup-org">{t('setup.organization')}</label>
        <input id="setup-org" required value={form.organization_name} onInput={set('organization_name')} />
        <label for="setup-central">{t('setup.central')}</label>
        <input id="setup-central" type="tel" value={form.central_number} onInput={set('central_number')} placeholder="+420 720 001 676" />
        <label for="setup-user">{t('auth.username')}</label>
        <input id="setup-user" required autoComplete="username" value={form.username} onInput={set('username')} />
        <label for="setup-password">{t('auth.password')}</label>
        <input id="setup-password" type="password" required minLength={10} autoComplete="new-password" value={form.password} onInput={set('password')} aria-describedby="setup-password-hint" />
        <p id="setup-password-hint" class="hint">{t('auth.passwordHint')}</p>
        <label for="setup-again">{t('auth.passwordAgain')}</label>
        <input id="setup-again" type="password" required autoComplete="new-password" value={form.again} onInput={set('again')} />
        {mismatch ? <p class="alert alert-error" role="alert">{t('auth.mismatch')}</p> : null}
        <ErrorBox error={error} />
        <button type="submit" class="primary" disabled={busy}>{t('setup.submit')}</button>
      </form>
    </AuthFrame>
  );
}
