// One citizen's conversation: their SMS (as text, never as HTML) and the office's messages to
// them, in time order; opening it marks their SMS read; a reply goes to this number only.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { subscribe } from '../events';
import { t, type TextKey } from '../i18n';
import { formatDateTime, formatPhone } from '../logic/format';
import { canSend, useSession } from '../session';
import type { InboundSms, Message, Page, SendResult } from '../types';
import { ErrorBox, Loading, Notice, Screen, useLoad } from '../components/common';

type Entry = { at: string; in?: InboundSms; out?: Message };

export function ThreadScreen({ phone }: { phone: string }) {
  const { session } = useSession();
  const operate = canSend(session.user.role);
  const data = useLoad(async () => {
    const [inbound, outbound] = await Promise.all([
      api.get<Page<InboundSms>>('/api/v1/inbound', { thread: phone, limit: 500 }),
      api.get<Page<Message>>('/api/v1/messages', { phone, limit: 100 }).catch(() => ({ items: [], total: 0 })),
    ]);
    return { inbound: inbound.items, outbound: outbound.items };
  }, [phone]);
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => subscribe((e) => (e.type === 'resync' || (e.type === 'inbound' && e.from === phone)) && data.reload()), [phone, data.reload]);

  // Reading the thread marks all of the number's SMS read in one request (operators and admins).
  useEffect(() => {
    if (!operate || !data.data?.inbound.some((sms) => !sms.read)) return;
    api.post<{ marked: number }>('/api/v1/inbound/read', { from: phone }).catch(() => {});
  }, [data.data, operate, phone]);

  const entries: Entry[] = [];
  for (const sms of data.data?.inbound ?? []) entries.push({ at: sms.received_at, in: sms });
  for (const m of data.data?.outbound ?? []) entries.push({ at: m.send_at, out: m });
  entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const newest = [...(data.data?.inbound ?? [])].sort((a, b) => b.id - a.id)[0];

  const reply = async (e: Event) => {
    e.preventDefault();
    if (!newest || !text.trim()) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await api.post<SendResult>(`/api/v1/inbound/${newest.id}/reply`, { text });
      setText('');
      setNotice(t('thread.sent'));
      data.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen title={t('thread.title', { phone: formatPhone(phone) })}>
      <p><a href="/inbox">← {t('thread.back')}</a></p>
      <ErrorBox error={data.error} />
      <Loading show={data.loading && !data.data} />
      <ol class="thread" data-testid="thread" aria-label={t('thread.list')}>
        {entries.map((en) =>
          en.in ? (
            <li key={`in-${en.in.id}`} class="sms sms-in">
              <p class="sms-meta">
                {formatPhone(en.in.from)} · {formatDateTime(en.in.received_at)}
                {en.in.kind !== 'reply' ? <span class="badge">{t(`inboundKind.${en.in.kind}` as TextKey)}</span> : null}
                {!en.in.read ? <span class="badge badge-info">{t('thread.new')}</span> : null}
              </p>
              <p class="sms-text" data-testid="inbound-text">{en.in.text}</p>
              {en.in.in_reply_to ? (
                <p class="sms-link"><a href={`/messages/${en.in.in_reply_to}`}>{t('thread.answers', { id: en.in.in_reply_to })}</a></p>
              ) : null}
            </li>
          ) : (
            <li key={`out-${en.out!.id}`} class="sms sms-out">
              <p class="sms-meta">
                {t('thread.office')} · {formatDateTime(en.out!.send_at)} · <a href={`/messages/${en.out!.id}`}>{t('thread.messageLink', { id: en.out!.id })}</a>
              </p>
              <p class="sms-text">{en.out!.text}</p>
            </li>
          ),
        )}
      </ol>
      {operate && newest ? (
        <form class="reply" onSubmit={reply} aria-label={t('thread.replyForm')}>
          <label for="reply-text">{t('thread.reply')}</label>
          <textarea id="reply-text" rows={3} required value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
          <ErrorBox error={error} />
          <Notice text={notice} />
          <button type="submit" class="primary" disabled={busy || !text.trim()}>{t('thread.send')}</button>
        </form>
      ) : null}
    </Screen>
  );
}
