// Message history: newest first, searchable, paged by the server.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { t } from '../i18n';
import { formatDateTime, formatInt } from '../logic/format';
import type { Message, Page } from '../types';
import { ErrorBox, Loading, Pager, Screen, useDebounced, useLoad } from '../components/common';
import { MessageStateBadge } from './message';

const LIMIT = 50;

export function MessagesScreen() {
  const [q, setQ] = useState('');
  const [kind, setKind] = useState('');
  const [offset, setOffset] = useState(0);
  const dq = useDebounced(q, 300);
  const list = useLoad(
    () => api.get<Page<Message>>('/api/v1/messages', { q: dq.trim(), kind, limit: LIMIT, offset }),
    [dq, kind, offset],
  );
  return (
    <Screen title={t('messages.title')}>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label for="messages-q">{t('messages.search')}</label>
          <input id="messages-q" type="search" value={q} onInput={(e) => { setQ((e.target as HTMLInputElement).value); setOffset(0); }} />
        </div>
        <div>
          <label for="messages-kind">{t('messages.kind')}</label>
          <select id="messages-kind" value={kind} onChange={(e) => { setKind((e.target as HTMLSelectElement).value); setOffset(0); }}>
            <option value="">{t('common.all')}</option>
            <option value="bulk">{t('kind.bulk')}</option>
            <option value="reply">{t('kind.reply')}</option>
            <option value="confirmation">{t('kind.confirmation')}</option>
          </select>
        </div>
      </form>
      <ErrorBox error={list.error} />
      <Loading show={list.loading && !list.data} />
      {list.data ? (
        <>
          <div class="table-wrap">
            <table>
              <caption class="sr-only">{t('messages.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('messages.col.sendAt')}</th>
                  <th scope="col">{t('messages.col.text')}</th>
                  <th scope="col" class="num">{t('messages.col.recipients')}</th>
                  <th scope="col" class="num">{t('messages.col.delivered')}</th>
                  <th scope="col">{t('messages.col.state')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((m) => (
                  <tr key={m.id}>
                    <td>{formatDateTime(m.send_at)}</td>
                    <td class="text-cell">
                      <a href={`/messages/${m.id}`}>{m.body || m.text}</a>
                      {m.urgent ? <span class="badge badge-danger">{t('message.urgent')}</span> : null}
                      {m.kind !== 'bulk' ? <span class="badge">{t(`kind.${m.kind}`)}</span> : null}
                    </td>
                    <td class="num">{formatInt(m.recipients)}</td>
                    <td class="num">{formatInt(m.counts?.delivered ?? 0)}</td>
                    <td><MessageStateBadge message={m} /></td>
                  </tr>
                ))}
                {list.data.items.length === 0 ? (
                  <tr><td colSpan={5} class="muted">{t('messages.empty')}</td></tr>
                ) : null}
              </tbody>
            </table>
          </div>
          <Pager offset={offset} limit={LIMIT} total={list.data.total} onChange={setOffset} />
        </>
      ) : null}
    </Screen>
  );
}
