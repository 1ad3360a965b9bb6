// Privacy (GDPR): everything held about one phone number as a readable page and as JSON, and
// its erasure after a confirmation (the server records it in the audit log).
import { useState } from 'preact/hooks';
import { api, withQuery } from '../api';
import { t, type TextKey } from '../i18n';
import { formatDateTime, formatPhone } from '../logic/format';
import type { PrivacyExport } from '../types';
import { ConfirmDialog, ErrorBox, Notice, Screen } from '../components/common';

export function PrivacyScreen() {
  const [phone, setPhone] = useState('');
  const [record, setRecord] = useState<PrivacyExport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [looking, setLooking] = useState(false);

  const lookUp = async (e?: Event) => {
    e?.preventDefault();
    setLooking(true);
    setError(null);
    setNotice(null);
    try {
      setRecord(await api.get<PrivacyExport>('/api/v1/privacy/export', { phone: phone.trim() }));
    } catch (err) {
      setRecord(null);
      setError(err);
    } finally {
      setLooking(false);
    }
  };

  const erase = async () => {
    if (!record) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<{ erased: boolean; rows: number }>('/api/v1/privacy/erase', { phone: record.phone });
      setConfirming(false);
      setNotice(t('privacy.erased', { phone: formatPhone(record.phone), rows: r.rows }));
      setRecord(null);
    } catch (err) {
      setConfirming(false);
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const c = record?.contact;
  return (
    <Screen title={t('privacy.title')}>
      <p class="hint">{t('privacy.intro')}</p>
      <form class="filters" onSubmit={lookUp} aria-label={t('privacy.lookUp')}>
        <div>
          <label for="privacy-phone">{t('privacy.phone')}</label>
          <input id="privacy-phone" type="tel" required value={phone} onInput={(e) => setPhone((e.target as HTMLInputElement).value)} />
        </div>
        <div class="filters-submit">
          <button type="submit" class="primary" disabled={looking}>{t('privacy.lookUp')}</button>
        </div>
      </form>
      <ErrorBox error={error} />
      <Notice text={notice} />
      {record ? (
        <section class="panel" aria-labelledby="privacy-report-title" data-testid="privacy-report">
          <h2 id="privacy-report-title">{t('privacy.reportTitle', { phone: formatPhone(record.phone) })}</h2>
          <p class="muted">{t('privacy.exportedAt', { at: formatDateTime(record.exported_at) })}</p>
          <div class="actions">
            <a class="button" href={withQuery('/api/v1/privacy/export', { phone: record.phone, download: 'true' })} download="smsinfo-export.json">
              {t('privacy.download')}
            </a>
            <button type="button" class="danger" onClick={() => setConfirming(true)}>{t('privacy.erase')}</button>
          </div>
          <h3>{t('privacy.contact')}</h3>
          {c ? (
            <dl class="facts">
              <dt>{t('contacts.field.surname')}</dt><dd>{c.surname}</dd>
              <dt>{t('contacts.field.firstName')}</dt><dd>{c.first_name}</dd>
              <dt>{t('contacts.col.address')}</dt><dd>{c.street} {c.house_number}{c.orientation_number ? `/${c.orientation_number}` : ''}</dd>
              {c.company ? (<><dt>{t('contacts.field.company')}</dt><dd>{c.company}</dd></>) : null}
              <dt>{t('privacy.source')}</dt><dd>{t(`source.${c.source}` as TextKey)}</dd>
              <dt>{t('privacy.createdAt')}</dt><dd>{formatDateTime(c.created_at)}</dd>
              <dt>{t('contacts.field.groups')}</dt><dd>{record.groups.map((g) => g.name).join(', ') || '—'}</dd>
            </dl>
          ) : (
            <p class="muted">{t('privacy.noContact')}</p>
          )}
          <h3>{t('privacy.registrations', { n: record.registrations.length })}</h3>
          <ul class="plain">
            {record.registrations.map((r) => (
              <li key={r.id}>{formatDateTime(r.created_at)}: {r.surname} {r.first_name}, {r.street} {r.house_number} — {t(`registrationStatus.${r.status}` as TextKey)}</li>
            ))}
          </ul>
          <h3>{t('privacy.inbound', { n: record.inbound.length })}</h3>
          <ul class="plain">
            {record.inbound.map((s) => (
              <li key={s.id}>{formatDateTime(s.received_at)}: <span class="sms-text">{s.text}</span></li>
            ))}
          </ul>
          <h3>{t('privacy.deliveries', { n: record.deliveries.length })}</h3>
          <ul class="plain">
            {record.deliveries.map((d) => (
              <li key={d.id}>{formatDateTime(d.message_created_at)} ({t(`state.${d.state}` as TextKey)}): {d.message_text}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={t('privacy.confirmTitle')}
        confirmLabel={t('privacy.confirm')}
        danger
        busy={busy}
        onConfirm={erase}
        onCancel={() => setConfirming(false)}
      >
        <p>{record ? t('privacy.confirmText', { phone: formatPhone(record.phone) }) : ''}</p>
      </ConfirmDialog>
    </Screen>
  );
}
