// Replies from citizens, one thread per phone number, newest first, paged by the server
// (GET /api/v1/inbound/threads); unread threads stand out and can be shown alone; a search
// matches the number or the contact's name.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { subscribe } from '../events';
import { t } from '../i18n';
import { formatDateTime, formatInt, formatPhone } from '../logic/format';
import type { InboundThread, Page } from '../types';
import { ErrorBox, Screen, useDebounced } from '../components/common';
import { PagedTable, usePagedList } from '../components/paged_table';

const LIMIT = 50;

export function InboxScreen() {
  const [q, setQ] = useState('');
  const [unreadOnly, setUnreadOnly] = useState(false);
  const dq = useDebounced(q, 250);
  const list = usePagedList(
    (page) => api.get<Page<InboundThread>>('/api/v1/inbound/threads', { q: dq.trim(), unread: unreadOnly || undefined, ...page }),
    [dq, unreadOnly],
    LIMIT,
  );
  useEffect(() => subscribe((e) => (e.type === 'inbound' || e.type === 'resync') && list.reload()), [list.reload]);
  const filtered = dq.trim() !== '' || unreadOnly;
  return (
    <Screen title={t('inbox.title')}>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label for="inbox-q">{t('inbox.search')}</label>
          <input id="inbox-q" type="search" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
        </div>
        <div class="check filters-check">
          <input id="inbox-unread" type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly((e.target as HTMLInputElement).checked)} />
          <label for="inbox-unread">{t('inbox.unreadOnly')}</label>
        </div>
      </form>
      <ErrorBox error={list.error} />
      <PagedTable
        label={t('inbox.threads')}
        columns={[
          {
            header: t('inbox.col.from'),
            cell: (th) => (
              <>
                <a href={`/inbox/${encodeURIComponent(th.phone)}`}>{th.contact_name || formatPhone(th.phone)}</a>
                {th.unread ? <span class="sr-only"> {t('inbox.unreadMark')}</span> : null}
                {th.contact_name ? <div class="muted nowrap">{formatPhone(th.phone)}</div> : null}
              </>
            ),
          },
          { header: t('inbox.col.last'), class: 'text-cell', cell: (th) => th.last.text },
          { header: t('inbox.col.received'), cell: (th) => formatDateTime(th.last.received_at) },
          { header: t('inbox.col.unread'), class: 'num', cell: (th) => (th.unread ? <span class="badge badge-info">{formatInt(th.unread)}</span> : '0') },
        ]}
        rows={list.data?.items ?? null}
        loading={list.loading}
        rowKey={(th) => th.phone}
        rowClass={(th) => (th.unread ? 'unread' : '')}
        rowTestId="thread-row"
        empty={filtered ? t('inbox.nothingFound') : t('inbox.empty')}
        paging={list.paging}
      />
    </Screen>
  );
}
