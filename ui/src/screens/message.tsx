// One message: live progress pushed by server-sent events, the state of every recipient
// (paged, filterable), cancel while queued and retry of failed deliveries.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { subscribe } from '../events';
import { t, type TextKey } from '../i18n';
import { formatDateTime, formatInt, formatPhone, minutesToTime } from '../logic/format';
import { inQuietHours, minutesInZone } from '../logic/quiet';
import { canSend, useSession } from '../session';
import { DELIVERY_STATES, type Counts, type Delivery, type Message, type Organization, type Page } from '../types';
import { ConfirmDialog, ErrorBox, Loading, Notice, Screen, useLoad } from '../components/common';
import { PagedTable, usePagedList } from '../components/paged_table';

const LIMIT = 50;
const FAILED: (keyof Counts)[] = ['failed', 'undeliverable', 'expired'];
const OPEN: (keyof Counts)[] = ['queued', 'sending', 'submitted'];

function sum(counts: Counts, states: (keyof Counts)[]): number {
  return states.reduce((n, s) => n + (counts[s] ?? 0), 0);
}

export function MessageStateBadge({ message }: { message: Message }) {
  const c = message.counts ?? {};
  const open = sum(c, OPEN);
  const failed = sum(c, FAILED);
  if (open > 0) {
    return new Date(message.send_at).getTime() > Date.now() && (c.queued ?? 0) === open ? (
      <span class="badge">{t('message.state.scheduled')}</span>
    ) : (
      <span class="badge badge-info">{t('message.state.sending')}</span>
    );
  }
  if (failed > 0) return <span class="badge badge-danger">{t('message.state.someFailed')}</span>;
  if ((c.cancelled ?? 0) > 0 && (c.delivered ?? 0) === 0) return <span class="badge">{t('message.state.cancelled')}</span>;
  return <span class="badge badge-ok">{t('message.state.done')}</span>;
}

export function MessageScreen({ id }: { id: number }) {
  const { session } = useSession();
  const message = useLoad(() => api.get<Message>(`/api/v1/messages/${id}`), [id]);
  const org = useLoad(() => api.get<Organization>('/api/v1/organization'), []);
  const [counts, setCounts] = useState<Counts | null>(null);
  const [stateFilter, setStateFilter] = useState('');
  const deliveries = usePagedList(
    (page) => api.get<Page<Delivery>>(`/api/v1/messages/${id}/deliveries`, { state: stateFilter, ...page }),
    [id, stateFilter],
    LIMIT,
  );
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmCancel, setConfirmCancel] = useState(false);

  useEffect(() => setCounts(message.data?.counts ?? null), [message.data]);

  // Live progress: counts come in the event; the recipient table refreshes at most once a
  // second, and once more after the last event of a burst.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let again = false;
    const refreshTable = () => {
      if (timer) {
        again = true;
        return;
      }
      timer = setTimeout(() => {
        timer = undefined;
        deliveries.reload();
        if (again) {
          again = false;
          refreshTable();
        }
      }, 1000);
    };
    const off = subscribe((e) => {
      if (e.type === 'message' && e.id === id) {
        setCounts(e.counts as Counts);
      } else if (e.type === 'resync') {
        message.reload();
      } else {
        return;
      }
      refreshTable();
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [id, message.reload, deliveries.reload]);

  const m = message.data;
  const o = org.data;
  const c = counts ?? {};
  const total = m?.recipients ?? 0;
  const delivered = c.delivered ?? 0;
  const done = total - sum(c, OPEN);
  const operate = canSend(session.user.role);

  const act = async (what: 'cancel' | 'retry') => {
    setError(null);
    setNotice(null);
    try {
      if (what === 'cancel') {
        const r = await api.post<{ cancelled: number }>(`/api/v1/messages/${id}/cancel`);
        setNotice(t('message.cancelled', { n: formatInt(r.cancelled) }));
      } else {
        const r = await api.post<{ retried: number }>(`/api/v1/messages/${id}/retry`);
        setNotice(t('message.retried', { n: formatInt(r.retried) }));
      }
      message.reload();
      deliveries.reload();
    } catch (e) {
      setError(e);
    } finally {
      setConfirmCancel(false);
    }
  };

  return (
    <Screen title={t('message.title', { id })}>
      <p><a href="/messages">← {t('message.back')}</a></p>
      <ErrorBox error={message.error ?? error} />
      <Notice text={notice} />
      <Loading show={message.loading && !m} />
      {m ? (
        <>
          <div class="message-head">
            <blockquote class="quote" data-testid="message-text">{m.text}</blockquote>
            <dl class="facts">
              <dt>{t('message.sendAt')}</dt><dd>{formatDateTime(m.send_at)}</dd>
              <dt>{t('message.recipients')}</dt><dd>{formatInt(m.recipients)}</dd>
              <dt>{t('message.segments')}</dt><dd>{formatInt(m.segments)} × {formatInt(m.recipients)} = {formatInt(m.total_segments)}</dd>
              <dt>{t('message.encoding')}</dt><dd>{m.encoding === 'gsm7' ? t('counter.gsm7') : t('counter.ucs2')}</dd>
              {m.urgent ? (<><dt>{t('message.priority')}</dt><dd><span class="badge badge-danger">{t('message.urgent')}</span></dd></>) : null}
            </dl>
          </div>
          <section aria-labelledby="progress-title" class="progress-box">
            <h2 id="progress-title">{t('message.progress')}</h2>
            <progress max={total || 1} value={done} aria-labelledby="progress-title" />
            <p aria-live="polite" data-testid="message-progress">
              {t('message.progressText', { delivered: formatInt(delivered), total: formatInt(total) })}
            </p>
            <ul class="counts">
              {DELIVERY_STATES.filter((s) => (c[s] ?? 0) > 0).map((s) => (
                <li key={s} data-testid={`count-${s}`} class={`state-${s}`}>
                  {t(`state.${s}` as TextKey)}: <strong>{formatInt(c[s] ?? 0)}</strong>
                </li>
              ))}
            </ul>
            {m && o && !m.urgent && (c.queued ?? 0) > 0 &&
            inQuietHours(minutesInZone(new Date(), o.timezone), o.quiet_start_minute, o.quiet_end_minute) ? (
              <p class="hint" data-testid="quiet-hours">
                {t('message.quietHours', { start: minutesToTime(o.quiet_start_minute), end: minutesToTime(o.quiet_end_minute) })}
              </p>
            ) : null}
            {operate ? (
              <div class="actions">
                {(c.queued ?? 0) > 0 ? (
                  <button type="button" class="danger" onClick={() => setConfirmCancel(true)}>{t('message.cancel')}</button>
                ) : null}
                {sum(c, FAILED) > 0 ? (
                  <button type="button" onClick={() => act('retry')}>{t('message.retry')}</button>
                ) : null}
              </div>
            ) : null}
          </section>
        </>
      ) : null}

      <section aria-labelledby="deliveries-title">
        <h2 id="deliveries-title">{t('message.deliveries')}</h2>
        <div class="filters">
          <div>
            <label for="deliveries-state">{t('message.stateFilter')}</label>
            <select id="deliveries-state" value={stateFilter} onChange={(e) => setStateFilter((e.target as HTMLSelectElement).value)}>
              <option value="">{t('common.all')}</option>
              {DELIVERY_STATES.map((s) => <option key={s} value={s}>{t(`state.${s}` as TextKey)}</option>)}
            </select>
          </div>
        </div>
        <ErrorBox error={deliveries.error} />
        <PagedTable
          label={t('message.deliveries')}
          columns={[
            { header: t('message.col.phone'), class: 'nowrap', cell: (d) => formatPhone(d.phone) },
            {
              header: t('message.col.state'),
              cell: (d) => (
                <>
                  <span class={`badge state-${d.state}`}>{t(`state.${d.state}` as TextKey)}</span>
                  {d.error ? <span class="muted"> {d.error}</span> : null}
                </>
              ),
            },
            { header: t('message.col.attempts'), class: 'num', cell: (d) => formatInt(d.attempts) },
            { header: t('message.col.parts'), cell: (d) => `${formatInt(d.parts_delivered)} / ${formatInt(d.parts_total)}` },
            { header: t('message.col.updated'), cell: (d) => formatDateTime(d.updated_at) },
          ]}
          rows={deliveries.data?.items ?? null}
          loading={deliveries.loading}
          rowKey={(d) => d.id}
          rowTestId="delivery-row"
          empty={t('common.nothingFound')}
          paging={deliveries.paging}
        />
      </section>

      <ConfirmDialog
        open={confirmCancel}
        title={t('message.cancelTitle')}
        confirmLabel={t('message.cancelConfirm')}
        danger
        onConfirm={() => act('cancel')}
        onCancel={() => setConfirmCancel(false)}
      >
        <p>{t('message.cancelText', { n: formatInt(c.queued ?? 0) })}</p>
      </ConfirmDialog>
    </Screen>
  );
}
