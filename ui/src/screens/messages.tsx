// Message history: newest first, searchable, paged by the server.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { t } from '../i18n';
import { formatDateTime, formatInt } from '../logic/format';
import type { Message, Page } from '../types';
import { ErrorBox, Screen, useDebounced } from '../components/common';
import { PagedTable, usePagedList } from '../components/paged_table';
import { MessageStateBadge } from './message';

const LIMIT = 50;

export function MessagesScreen() {
  const [q, setQ] = useState('');
  const [kind, setKind] = useState('');
  const dq = useDebounced(q, 300);
  const list = usePagedList((page) => api.get<Page<Message>>('/api/v1/messages', { q: dq.trim(), kind, ...page }), [dq, kind], LIMIT);
  return (
    <Screen title={t('messages.title')}>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label for="messages-q">{t('messages.search')}</label>
          <input id="messages-q" type="search" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
        </div>
        <div>
          <label for="messages-kind">{t('messages.kind')}</label>
          <select id="messages-kind" value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value)}>
            <option value="">{t('common.all')}</option>
            <option value="bulk">{t('kind.bulk')}</option>
            <option value="reply">{t('kind.reply')}</option>
            <option value="confirmation">{t('kind.confirmation')}</option>
          </select>
        </div>
      </form>
      <ErrorBox error={list.error} />
      <PagedTable
        label={t('messages.title')}
        columns={[
          { header: t('messages.col.sendAt'), cell: (m) => formatDateTime(m.send_at) },
          {
            header: t('messages.col.text'),
            class: 'text-cell',
            cell: (m) => (
              <>
                <a href={`/messages/${m.id}`}>{m.body || m.text}</a>
                {m.urgent ? <span class="badge badge-danger">{t('message.urgent')}</span> : null}
                {m.kind !== 'bulk' ? <span class="badge">{t(`kind.${m.kind}`)}</span> : null}
              </>
            ),
          },
          { header: t('messages.col.recipients'), class: 'num', cell: (m) => formatInt(m.recipients) },
          { header: t('messages.col.delivered'), class: 'num', cell: (m) => formatInt(m.counts?.delivered ?? 0) },
          { header: t('messages.col.state'), cell: (m) => <MessageStateBadge message={m} /> },
        ]}
        rows={list.data?.items ?? null}
        loading={list.loading}
        rowKey={(m) => m.id}
        empty={t('messages.empty')}
        paging={list.paging}
      />
    </Screen>
  );
}
