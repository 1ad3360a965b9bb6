// The audit log (admins): who did what and when, filtered by action, user and time.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { hasText, t } from '../i18n';
import type { TextKey } from '../i18n';
import { formatDateTime, localInputToIso } from '../logic/format';
import type { AuditEntry, Page, User } from '../types';
import { ErrorBox, Screen, useDebounced, useLoad } from '../components/common';
import { PagedTable, usePagedList } from '../components/paged_table';

const LIMIT = 100;

export function AuditScreen() {
  const [action, setAction] = useState('');
  const [user, setUser] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const da = useDebounced(action, 300);
  const users = useLoad(() => api.get<Page<User>>('/api/v1/users'), []);
  const list = usePagedList(
    (page) => api.get<Page<AuditEntry>>('/api/v1/audit', { action: da.trim(), user, from: localInputToIso(from), to: localInputToIso(to), ...page }),
    [da, user, from, to],
    LIMIT,
  );
  const reset = (set: (v: string) => void) => (e: Event) => set((e.target as HTMLInputElement).value);
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
      <PagedTable
        label={t('audit.title')}
        columns={[
          { header: t('audit.col.at'), class: 'nowrap', cell: (a) => formatDateTime(a.at) },
          { header: t('audit.col.actor'), cell: (a) => a.actor },
          { header: t('audit.col.action'), cell: (a) => <>{actionLabel(a.action)} <code class="muted">{a.action}</code></> },
          { header: t('audit.col.object'), cell: (a) => a.object },
          { header: t('audit.col.detail'), class: 'text-cell', cell: (a) => a.detail },
        ]}
        rows={list.data?.items ?? null}
        loading={list.loading}
        rowKey={(a) => a.id}
        rowTestId="audit-row"
        empty={t('common.nothingFound')}
        paging={list.paging}
      />
    </Screen>
  );
}

// "message.send" → "Zpráva odeslána"; an action this version does not know shows as its code.
function actionLabel(action: string): string {
  const key = `audit.act.${action}`;
  return hasText(key) ? t(key as TextKey) : '';
}
