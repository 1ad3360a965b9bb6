// Replies from citizens, one thread per phone number, newest first; unread threads stand out.
import { useEffect } from 'preact/hooks';
import { api } from '../api';
import { subscribe } from '../events';
import { t } from '../i18n';
import { formatDateTime, formatInt, formatPhone } from '../logic/format';
import { groupThreads } from '../logic/threads';
import type { InboundSms, Page } from '../types';
import { ErrorBox, Loading, Screen, useLoad } from '../components/common';

export function InboxScreen() {
  const list = useLoad(() => api.get<Page<InboundSms>>('/api/v1/inbound', { kind: 'reply', limit: 1000 }), []);
  useEffect(() => subscribe((e) => (e.type === 'inbound' || e.type === 'resync') && list.reload()), [list.reload]);
  const threads = list.data ? groupThreads(list.data.items) : [];
  return (
    <Screen title={t('inbox.title')}>
      <ErrorBox error={list.error} />
      <Loading show={list.loading && !list.data} />
      {list.data ? (
        <div class="table-wrap">
          <table aria-label={t('inbox.threads')}>
            <thead>
              <tr>
                <th scope="col">{t('inbox.col.from')}</th>
                <th scope="col">{t('inbox.col.last')}</th>
                <th scope="col">{t('inbox.col.received')}</th>
                <th scope="col" class="num">{t('inbox.col.unread')}</th>
              </tr>
            </thead>
            <tbody>
              {threads.map((th) => (
                <tr key={th.phone} class={th.unread ? 'unread' : ''} data-testid="thread-row">
                  <td>
                    <a href={`/inbox/${encodeURIComponent(th.phone)}`}>{formatPhone(th.phone)}</a>
                    {th.unread ? <span class="sr-only"> {t('inbox.unreadMark')}</span> : null}
                  </td>
                  <td class="text-cell">{th.last.text}</td>
                  <td>{formatDateTime(th.last.received_at)}</td>
                  <td class="num">{th.unread ? <span class="badge badge-info">{formatInt(th.unread)}</span> : '0'}</td>
                </tr>
              ))}
              {threads.length === 0 ? <tr><td colSpan={4} class="muted">{t('inbox.empty')}</td></tr> : null}
            </tbody>
          </table>
        </div>
      ) : null}
    </Screen>
  );
}
