// This month at a glance: messages, delivery rate, segments and cost, waiting registrations,
// unread replies and whether the gateway is connected. Refreshes on live events.
import { useEffect } from 'preact/hooks';
import { api } from '../api';
import { subscribe } from '../events';
import { t } from '../i18n';
import { formatDate, formatInt, formatMoneyMilli, formatPercent } from '../logic/format';
import { canSend, useSession } from '../session';
import type { Overview } from '../types';
import { ErrorBox, Loading, Screen, useLoad } from '../components/common';

function Card(props: { id: string; label: string; value: string; href?: string; tone?: 'ok' | 'warn' }) {
  const body = (
    <>
      <span class="card-label">{props.label}</span>
      <span class="card-value">{props.value}</span>
    </>
  );
  return (
    <li class={`card ${props.tone ?? ''}`} data-testid={`overview-${props.id}`}>
      {props.href ? <a href={props.href}>{body}</a> : body}
    </li>
  );
}

export function OverviewScreen() {
  const { session } = useSession();
  const o = useLoad(() => api.get<Overview>('/api/v1/overview'), []);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = subscribe(() => {
      clearTimeout(timer);
      timer = setTimeout(o.reload, 500);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [o.reload]);
  const d = o.data;
  return (
    <Screen
      title={t('overview.title')}
      actions={canSend(session.user.role) ? <a class="button primary" href="/send">{t('nav.send')}</a> : null}
    >
      <ErrorBox error={o.error} />
      <Loading show={o.loading && !d} />
      {d ? (
        <>
          <h2>{t('overview.month', { date: formatDate(d.month.start) })}</h2>
          <ul class="cards">
            <Card id="messages" label={t('overview.messages')} value={formatInt(d.month.messages)} href="/messages" />
            <Card id="recipients" label={t('overview.recipients')} value={formatInt(d.month.recipients)} />
            <Card id="delivery-rate" label={t('overview.deliveryRate')} value={formatPercent(d.month.delivery_rate)} />
            <Card id="segments" label={t('overview.segments')} value={formatInt(d.month.segments)} />
            <Card id="cost" label={t('overview.cost')} value={formatMoneyMilli(d.month.cost_milli)} />
          </ul>
          <h2>{t('overview.waiting')}</h2>
          <ul class="cards">
            <Card id="registrations" label={t('overview.registrations')} value={formatInt(d.registrations_pending)} href="/registrations" tone={d.registrations_pending ? 'warn' : undefined} />
            <Card id="unread" label={t('overview.unread')} value={formatInt(d.replies_unread)} href="/inbox" tone={d.replies_unread ? 'warn' : undefined} />
            <Card
              id="gateway"
              label={t('overview.gateway', { name: d.gateway.name || d.gateway.type })}
              value={d.gateway.connected ? t('overview.connected') : t('overview.disconnected')}
              tone={d.gateway.connected ? 'ok' : 'warn'}
            />
          </ul>
        </>
      ) : null}
    </Screen>
  );
}
