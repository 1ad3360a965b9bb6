// Replies from citizens, one thread per phone number, newest first; unread threads stand out.
import { useEffect } from 'preact/hooks';
import { api } from '../api';
import { subscribe } from '../events';
import { t } from '../i18n';
import { formatDateTime, formatInt, formatPhone } from '../logic/format';
import { groupThreads } from '../logic/threads';
import type { InboundSms, Page } from '../types';
import { ErrorBox, Screen, useLoad } from '../components/common';
import { PagedTable } from '../components/paged_table';

export function InboxScreen() {
  const list = useLoad(() => api.get<Page<InboundSms>>('/api/v1/inbound', { kind: 'reply', limit: 1000 }), []);
  useEffect(() => subscribe((e) => (e.type === 'inbound' || e.type === 'resync') && list.reload()), [list.reload]);
  const threads = list.data ? groupThreads(list.data.items) : [];
  return (
    <Screen title={t('inbox.title')}>
      <ErrorBox error={list.error} />
      <PagedTable
        label={t('inbox.threads')}
        columns={[
          {
            header: t('inbox.col.from'),
            cell: (th) => (
              <>
                <a href={`/inbox/${encodeURIComponent(th.phone)}`}>{formatPhone(th.phone)}</a>
                {th.unread ? <span class="sr-only"> {t('inbox.unreadMark')}</span> : null}
              </>
            ),
          },
          { header: t('inbox.col.last'), class: 'text-cell', cell: (th) => th.last.text },
          { header: t('inbox.col.received'), cell: (th) => formatDateTime(th.last.received_at) },
          { header: t('inbox.col.unread'), class: 'num', cell: (th) => (th.unread ? <span class="badge badge-info">{formatInt(th.unread)}</span> : '0') },
        ]}
        rows={list.data ? threads : null}
        loading={list.loading}
        rowKey={(th) => th.phone}
        rowClass={(th) => (th.unread ? 'unread' : '')}
        rowTestId="thread-row"
        empty={t('inbox.empty')}
      />
    </Screen>
  );
}
