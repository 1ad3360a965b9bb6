// Settings (admins): the organization, its SMS texts and price, users and roles, API tokens.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { t, type TextKey } from '../i18n';
import { formatDateTime, minutesToTime, timeToMinutes } from '../logic/format';
import type { ApiToken, Organization, OrganizationTexts, Page, Role, User } from '../types';
import { ConfirmDialog, ErrorBox, Loading, Notice, Screen, useLoad } from '../components/common';
import { PagedTable } from '../components/paged_table';

const TEXT_KEYS: (keyof OrganizationTexts)[] = ['registration_received', 'registration_approved', 'registration_rejected', 'unregistered', 'help'];

export function SettingsScreen() {
  return (
    <Screen title={t('settings.title')}>
      <OrganizationForm />
      <UsersSection />
      <TokensSection />
    </Screen>
  );
}

function OrganizationForm() {
  const org = useLoad(() => api.get<Organization>('/api/v1/organization'), []);
  const [form, setForm] = useState<Organization | null>(null);
  const [quiet, setQuiet] = useState({ start: '', end: '' });
  const [price, setPrice] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!org.data) return;
    setForm(org.data);
    setQuiet({ start: minutesToTime(org.data.quiet_start_minute), end: minutesToTime(org.data.quiet_end_minute) });
    setPrice(String(org.data.price_per_segment_milli / 1000).replace('.', ','));
  }, [org.data]);
  if (!form) return <><ErrorBox error={org.error} /><Loading show={org.loading} /></>;

  const str = (k: 'name' | 'central_number' | 'prefix' | 'signature' | 'timezone') => ({
    id: `org-${k}`,
    value: form[k],
    onInput: (e: Event) => setForm({ ...form, [k]: (e.target as HTMLInputElement).value }),
  });

  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setNotice(null);
    const start = timeToMinutes(quiet.start);
    const end = timeToMinutes(quiet.end);
    const priceMilli = Math.round(Number(price.replace(',', '.').replace(/\s/g, '')) * 1000);
    if (start === null || end === null || !Number.isFinite(priceMilli) || priceMilli < 0) {
      setError(new Error('invalid'));
      return;
    }
    setBusy(true);
    try {
      const saved = await api.patch<Organization>('/api/v1/organization', {
        name: form.name,
        central_number: form.central_number,
        prefix: form.prefix,
        signature: form.signature,
        timezone: form.timezone,
        quiet_start_minute: start,
        quiet_end_minute: end,
        price_per_segment_milli: priceMilli,
        transliterate_by_default: form.transliterate_by_default,
        registration_policy: form.registration_policy,
        texts: form.texts,
      });
      setForm(saved);
      setNotice(t('settings.saved'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="panel" onSubmit={save} aria-labelledby="settings-org-title">
      <h2 id="settings-org-title">{t('settings.organization')}</h2>
      <div class="form-grid">
        <div><label for="org-name">{t('settings.name')}</label><input required {...str('name')} /></div>
        <div><label for="org-central_number">{t('settings.central')}</label><input type="tel" {...str('central_number')} /></div>
        <div><label for="org-prefix">{t('settings.prefix')}</label><input {...str('prefix')} aria-describedby="org-prefix-hint" /></div>
        {/* A line of its own below the prefix's row, so that the row's fields stay level. */}
        <p id="org-prefix-hint" class="hint form-grid-line">{t('settings.prefixHint')}</p>
        <div><label for="org-signature">{t('settings.signature')}</label><input {...str('signature')} /></div>
        <div><label for="org-quiet-start">{t('settings.quietStart')}</label><input id="org-quiet-start" type="time" value={quiet.start} onInput={(e) => setQuiet({ ...quiet, start: (e.target as HTMLInputElement).value })} /></div>
        <div><label for="org-quiet-end">{t('settings.quietEnd')}</label><input id="org-quiet-end" type="time" value={quiet.end} onInput={(e) => setQuiet({ ...quiet, end: (e.target as HTMLInputElement).value })} /></div>
        <div><label for="org-timezone">{t('settings.timezone')}</label><input {...str('timezone')} /></div>
        <div><label for="org-price">{t('settings.price')}</label><input id="org-price" inputMode="decimal" value={price} onInput={(e) => setPrice((e.target as HTMLInputElement).value)} /></div>
        <div>
          <label for="org-policy">{t('settings.policy')}</label>
          <select id="org-policy" value={form.registration_policy} onChange={(e) => setForm({ ...form, registration_policy: (e.target as HTMLSelectElement).value as Organization['registration_policy'] })}>
            <option value="manual">{t('settings.policy.manual')}</option>
            <option value="auto_approve_matched">{t('settings.policy.auto')}</option>
          </select>
        </div>
        <div class="check">
          <input id="org-translit" type="checkbox" checked={form.transliterate_by_default} onChange={(e) => setForm({ ...form, transliterate_by_default: (e.target as HTMLInputElement).checked })} />
          <label for="org-translit">{t('settings.translit')}</label>
        </div>
      </div>
      <fieldset>
        <legend>{t('settings.texts')}</legend>
        {TEXT_KEYS.map((k) => (
          <div key={k}>
            <label for={`org-text-${k}`}>{t(`settings.text.${k}` as TextKey)}</label>
            <textarea id={`org-text-${k}`} rows={2} value={form.texts[k]} onInput={(e) => setForm({ ...form, texts: { ...form.texts, [k]: (e.target as HTMLTextAreaElement).value } })} />
          </div>
        ))}
      </fieldset>
      {error instanceof Error && error.message === 'invalid' ? <p class="alert alert-error" role="alert">{t('settings.invalid')}</p> : <ErrorBox error={error} />}
      <Notice text={notice} />
      <div class="actions"><button type="submit" class="primary" disabled={busy}>{t('settings.save')}</button></div>
    </form>
  );
}

function UsersSection() {
  const users = useLoad(() => api.get<Page<User>>('/api/v1/users'), []);
  const [form, setForm] = useState({ username: '', password: '', role: 'operator' as Role });
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const add = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await api.post('/api/v1/users', form);
      setNotice(t('settings.userAdded', { name: form.username }));
      setForm({ username: '', password: '', role: 'operator' });
      users.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  // Role and sign-in of an existing user; the server keeps the last active admin.
  const change = async (u: User, patch: { role?: Role; active?: boolean }) => {
    setError(null);
    setNotice(null);
    try {
      await api.patch(`/api/v1/users/${u.id}`, patch);
      setNotice(t('settings.userChanged', { name: u.username }));
    } catch (err) {
      setError(err);
    }
    users.reload();
  };
  return (
    <section class="panel" aria-labelledby="settings-users-title">
      <h2 id="settings-users-title">{t('settings.users')}</h2>
      <ErrorBox error={users.error} />
      <PagedTable
        label={t('settings.users')}
        columns={[
          { header: t('settings.col.username'), cell: (u) => u.username },
          {
            header: t('settings.col.role'),
            cell: (u) => (
              <select aria-label={t('settings.roleOf', { name: u.username })} value={u.role} onChange={(e) => change(u, { role: (e.target as HTMLSelectElement).value as Role })}>
                <option value="admin">{t('role.admin')}</option>
                <option value="operator">{t('role.operator')}</option>
                <option value="viewer">{t('role.viewer')}</option>
              </select>
            ),
          },
          {
            header: t('settings.col.active'),
            cell: (u) => (
              <>
                {u.active ? t('common.yes') : t('common.no')}{' '}
                <button
                  type="button"
                  class="link-button"
                  aria-label={t(u.active ? 'settings.blockOf' : 'settings.unblockOf', { name: u.username })}
                  onClick={() => change(u, { active: !u.active })}
                >
                  {t(u.active ? 'settings.block' : 'settings.unblock')}
                </button>
              </>
            ),
          },
          { header: t('settings.col.created'), cell: (u) => formatDateTime(u.created_at) },
        ]}
        rows={users.data?.items ?? null}
        loading={users.loading}
        rowKey={(u) => u.id}
        empty={t('common.nothingFound')}
      />
      <form onSubmit={add} aria-labelledby="settings-new-user-title">
        <h3 id="settings-new-user-title">{t('settings.newUser')}</h3>
        <div class="form-grid">
          <div><label for="user-username">{t('auth.username')}</label><input id="user-username" required autoComplete="off" value={form.username} onInput={(e) => setForm({ ...form, username: (e.target as HTMLInputElement).value })} /></div>
          <div><label for="user-password">{t('auth.password')}</label><input id="user-password" type="password" required minLength={10} autoComplete="new-password" value={form.password} onInput={(e) => setForm({ ...form, password: (e.target as HTMLInputElement).value })} /></div>
          <div>
            <label for="user-role">{t('settings.role')}</label>
            <select id="user-role" value={form.role} onChange={(e) => setForm({ ...form, role: (e.target as HTMLSelectElement).value as Role })}>
              <option value="admin">{t('role.admin')}</option>
              <option value="operator">{t('role.operator')}</option>
              <option value="viewer">{t('role.viewer')}</option>
            </select>
          </div>
        </div>
        <p class="hint">{t('settings.rolesHint')}</p>
        <ErrorBox error={error} />
        <Notice text={notice} />
        <div class="actions"><button type="submit" class="primary" disabled={busy}>{t('settings.addUser')}</button></div>
      </form>
    </section>
  );
}

function TokensSection() {
  const tokens = useLoad(() => api.get<Page<ApiToken>>('/api/v1/tokens'), []);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<ApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const create = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setCreated(await api.post<ApiToken>('/api/v1/tokens', { name }));
      setName('');
      tokens.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const revoke = async () => {
    const tk = revoking!;
    setRevoking(null);
    try {
      await api.del(`/api/v1/tokens/${tk.id}`);
      tokens.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section class="panel" aria-labelledby="settings-tokens-title">
      <h2 id="settings-tokens-title">{t('settings.tokens')}</h2>
      <p class="hint">{t('settings.tokensHint')}</p>
      <ErrorBox error={tokens.error ?? error} />
      <PagedTable
        label={t('settings.tokens')}
        columns={[
          { header: t('settings.col.tokenName'), cell: (tk) => tk.name },
          { header: t('settings.col.created'), cell: (tk) => formatDateTime(tk.created_at) },
          { header: t('settings.col.lastUsed'), cell: (tk) => (tk.last_used_at ? formatDateTime(tk.last_used_at) : '—') },
          {
            header: t('settings.col.actions'),
            class: 'row-actions',
            cell: (tk) => <button type="button" class="small danger" aria-label={t('settings.revokeOne', { name: tk.name })} onClick={() => setRevoking(tk)}>{t('settings.revoke')}</button>,
          },
        ]}
        rows={tokens.data?.items ?? null}
        loading={tokens.loading}
        rowKey={(tk) => tk.id}
        empty={t('common.nothingFound')}
      />
      <form onSubmit={create} class="inline-form">
        <div><label for="token-name">{t('settings.tokenName')}</label><input id="token-name" required value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} /></div>
        <button type="submit" class="primary" disabled={busy}>{t('settings.createToken')}</button>
      </form>
      {created?.token ? (
        <div class="alert alert-ok" role="status">
          <p>{t('settings.tokenCreated', { name: created.name })}</p>
          <code class="secret" data-testid="new-token">{created.token}</code>
        </div>
      ) : null}
      <ConfirmDialog open={revoking !== null} title={t('settings.revokeTitle')} confirmLabel={t('settings.revokeConfirm')} danger onConfirm={revoke} onCancel={() => setRevoking(null)}>
        <p>{revoking ? t('settings.revokeText', { name: revoking.name }) : ''}</p>
      </ConfirmDialog>
    </section>
  );
}
