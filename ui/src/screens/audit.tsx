// The audit log (admins): who did what and when, filtered by action, user and time.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { hasText, t } from '../i18n';
import type { TextKey } from '../i18n';
import { formatDateTime, localInputToIso } from '../logic/format';
import type { AuditEntry, Page, User } from '../types';
import { ErrorBox, Loading, Pager, Screen, useDebounced, useLoad } from '../components/common';

const LIMIT = 100;

export function AuditScreen() {
  const [action, setAction] = useState('');
  const [user, setUser] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [offset, setOffset] = useState(0);
  const da = useDebounced(action, 300);
  const users = useLoad(() => api.get<Page<User>>('/api/v1/users'), []);
  const list = useLoad(
    () => api.get<Page<AuditEntry>>('/api/v1/audit', { action: da.trim(), user, from: localInputToIso(from), to: localInputToIso(to), limit: LIMIT, offset }),
    [da, user, from, to, offset],
  );
  const reset = (set: (v: string) => void) => (e: Event) => {
    set((e.target as HTMLInputElement).value);
    setOffset(0);
  };
  return (
    <Screen title={t('audit.title')}>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label for="audit-action">{t('audit.action')}</label>
          <input id="audit-action" list="audit-actions" value={action} onInput={reset(setAction)} placeholder="message.send" />
          <datalist id="audit-actions">
            {['message.', 'registration.', 'privacy.', 'contact.', 'group.', 'template.', 'residents.import', 'user.', 'token.', 'organization.update'].map((a) => <option key={a} value={a} />)}
          </datalist>
        </div>
        <div>
          <label for="audit-user">{t('audit.user')}</label>
          <select id="audit-user" value={user} onChange={reset(setUser)}>
            <option value="">{t('common.all')}</option>
            {(users.data?.items ?? []).map((u) => <option key={u.id} value={u.id}>{u.username}</option>)}
          </select>
        </div>
        <div>
          <label for="audit-from">{t('audit.from')}</label>
          <input id="audit-from" type="datetime-local" value={from} onInput={reset(setFrom)} />
        </div>
        <div>
          <label for="audit-to">{t('audit.to')}</label>
          <input id="audit-to" type="datetime-local" value={to} onInput={reset(setTo)} />
        </div>
      </form>
      <ErrorBox error={list.error} />
      <Loading show={list.loading && !list.data} />
      {list.data ? (
        <>
          <div class="table-wrap">
            <table aria-label={t('audit.title')}>
              <thead>
                <tr>
                  <th scope="col">{t('audit.col.at')}</th>
                  <th scope="col">{t('audit.col.actor')}</th>
                  <th scope="col">{t('audit.col.action')}</th>
                  <th scope="col">{t('audit.col.object')}</th>
                  <th scope="col">{t('audit.col.detail')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((a) => (
                  <tr key={a.id} data-testid="audit-row">
                    <td class="nowrap">{formatDateTime(a.at)}</td>
                    <td>{a.actor}</td>
                    <td>
                      {actionLabel(a.action)} <code class="muted">{a.action}</code>
                    </td>
                    <td>{a.object}</td>
                    <td class="text-cell">{a.detail}</td>
                  </tr>
                ))}
                {list.data.items.length === 0 ? <tr><td colSpan={5} class="muted">{t('common.nothingFound')}</td></tr> : null}
              </tbody>
            </table>
          </div>
          <Pager offset={offset} limit={LIMIT} total={list.data.total} onChange={setOffset} />
        </>
      ) : null}
    </Screen>
  );
}

// "message.send" → "Zpráva odeslána"; an action this version does not know shows as its code.
function actionLabel(action: string): string {
  const key = `audit.act.${action}`;
  return hasText(key) ? t(key as TextKey) : '';
}
