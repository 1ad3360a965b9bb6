// Changing one's own password. Every other session of the user ends; this one continues.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { t } from '../i18n';
import { useSession } from '../session';
import type { Session } from '../types';
import { ErrorBox, Notice, Screen } from '../components/common';

export function PasswordScreen() {
  const { replaced } = useSession();
  const [form, setForm] = useState({ current: '', next: '', again: '' });
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (e: Event) => setForm({ ...form, [k]: (e.target as HTMLInputElement).value });

  const submit = async (e: Event) => {
    e.preventDefault();
    setMismatch(form.next !== form.again);
    if (form.next !== form.again) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const s = await api.post<Session>('/api/v1/session/password', { current_password: form.current, new_password: form.next });
      if (s.csrf_token) replaced(s);
      setForm({ current: '', next: '', again: '' });
      setNotice(t('password.changed'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen title={t('password.title')}>
      <form class="narrow" onSubmit={submit} aria-labelledby="screen-title">
        <label for="pw-current">{t('password.current')}</label>
        <input id="pw-current" type="password" required autoComplete="current-password" value={form.current} onInput={set('current')} />
        <label for="pw-next">{t('password.new')}</label>
        <input id="pw-next" type="password" required minLength={10} autoComplete="new-password" value={form.next} onInput={set('next')} aria-describedby="pw-hint" />
        <p id="pw-hint" class="hint">{t('auth.passwordHint')}</p>
        <label for="pw-again">{t('password.again')}</label>
        <input id="pw-again" type="password" required autoComplete="new-password" value={form.again} onInput={set('again')} />
        {mismatch ? <p class="alert alert-error" role="alert">{t('auth.mismatch')}</p> : null}
        <ErrorBox error={error} />
        <Notice text={notice} />
        <button type="submit" class="primary" disabled={busy}>{t('password.submit')}</button>
      </form>
    </Screen>
  );
}
