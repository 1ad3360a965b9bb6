// Registrations by SMS: the citizen's data beside what the residence register holds (the
// match, or the candidates of an ambiguous one); approve or reject one or many.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { subscribe } from '../events';
import { t, type TextKey } from '../i18n';
import { formatDateTime, formatInt, formatPhone } from '../logic/format';
import { canSend, useSession } from '../session';
import type { Page, Registration, Resident } from '../types';
import { ErrorBox, Notice, Screen, useLoad } from '../components/common';
import { PagedTable, usePagedList } from '../components/paged_table';

const LIMIT = 50;

interface MatchInfo {
  resident: Resident | null;
  candidates: Resident[];
}

function address(r: { street: string; house_number: string; orientation_number: string }): string {
  const number = r.orientation_number ? `${r.house_number}/${r.orientation_number}` : r.house_number;
  return `${r.street} ${number}`.trim();
}

function ResidentLine({ r }: { r: Resident }) {
  return (
    <span>
      {r.surname} {r.first_name}, {address(r)}
      {r.birth_year ? <span class="muted"> ({t('registrations.born', { year: r.birth_year })})</span> : null}
    </span>
  );
}

function RegisterSide({ id }: { id: number }) {
  const info = useLoad(() => api.get<MatchInfo>(`/api/v1/registrations/${id}/residents`), [id]);
  if (info.error) return <span class="muted">—</span>;
  if (!info.data) return <span class="muted">{t('common.loading')}</span>;
  if (info.data.resident) return <ResidentLine r={info.data.resident} />;
  if (info.data.candidates.length === 0) return <span class="muted">{t('registrations.noCandidates')}</span>;
  return (
    <ul class="plain">
      {info.data.candidates.map((c) => (
        <li key={c.id}><ResidentLine r={c} /></li>
      ))}
    </ul>
  );
}

export function RegistrationsScreen() {
  const { session } = useSession();
  const operate = canSend(session.user.role);
  const [status, setStatus] = useState('pending');
  const list = usePagedList((page) => api.get<Page<Registration>>('/api/v1/registrations', { status, ...page }), [status], LIMIT);
  const [selected, setSelected] = useState<number[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => subscribe((e) => (e.type === 'registration' || e.type === 'resync') && list.reload()), [list.reload]);
  useEffect(() => setSelected([]), [status, list.offset]);

  const decide = async (ids: number[], action: 'approve' | 'reject') => {
    setBusy(true);
    setError(null);
    setNotice(null);
    let done = 0;
    let lastError: unknown = null;
    for (const id of ids) {
      try {
        await api.post(`/api/v1/registrations/${id}/${action}`);
        done++;
      } catch (e) {
        lastError = e;
      }
    }
    setBusy(false);
    setSelected([]);
    setError(lastError);
    setNotice(t(action === 'approve' ? 'registrations.approved' : 'registrations.rejected', { n: formatInt(done) }));
    list.reload();
  };

  const items = list.data?.items ?? [];
  const pending = items.filter((r) => r.status === 'pending');
  const allSelected = pending.length > 0 && pending.every((r) => selected.includes(r.id));

  return (
    <Screen title={t('registrations.title')}>
      <div class="filters">
        <div>
          <label for="registrations-status">{t('registrations.status')}</label>
          <select id="registrations-status" value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value)}>
            <option value="pending">{t('registrationStatus.pending')}</option>
            <option value="approved">{t('registrationStatus.approved')}</option>
            <option value="rejected">{t('registrationStatus.rejected')}</option>
            <option value="">{t('common.all')}</option>
          </select>
        </div>
      </div>
      <ErrorBox error={list.error ?? error} />
      <Notice text={notice} />
      {operate && pending.length > 0 ? (
        <div class="actions bulk">
          <button type="button" class="primary" disabled={busy || selected.length === 0} onClick={() => decide(selected, 'approve')}>
            {t('registrations.approveSelected')} ({formatInt(selected.length)})
          </button>
          <button type="button" disabled={busy || selected.length === 0} onClick={() => decide(selected, 'reject')}>
            {t('registrations.rejectSelected')} ({formatInt(selected.length)})
          </button>
        </div>
      ) : null}
      <PagedTable
        label={t('registrations.title')}
        columns={[
          operate && {
            header: (
              <input
                type="checkbox"
                aria-label={t('registrations.selectAll')}
                checked={allSelected}
                disabled={pending.length === 0}
                onChange={() => setSelected(allSelected ? [] : pending.map((r) => r.id))}
              />
            ),
            label: '',
            class: 'select-cell',
            cell: (r) =>
              r.status === 'pending' ? (
                <input
                  type="checkbox"
                  aria-label={t('registrations.select', { id: r.id })}
                  checked={selected.includes(r.id)}
                  onChange={() => setSelected(selected.includes(r.id) ? selected.filter((x) => x !== r.id) : [...selected, r.id])}
                />
              ) : null,
          },
          {
            header: t('registrations.col.sms'),
            cell: (r) => (
              <>
                <strong>{r.surname} {r.first_name}</strong>, {address(r)}
                {r.company ? <>, {r.company}</> : null}
                <div class="muted">{formatPhone(r.phone)} · {formatDateTime(r.created_at)}</div>
              </>
            ),
          },
          { header: t('registrations.col.match'), cell: (r) => <span class={`badge match-${r.match}`}>{t(`match.${r.match}` as TextKey)}</span> },
          { header: t('registrations.col.register'), cell: (r) => <RegisterSide id={r.id} /> },
          { header: t('registrations.col.state'), cell: (r) => t(`registrationStatus.${r.status}` as TextKey) },
          operate && {
            header: t('registrations.col.actions'),
            class: 'row-actions',
            cell: (r) =>
              r.status === 'pending' ? (
                <>
                  <button type="button" class="small primary" disabled={busy} onClick={() => decide([r.id], 'approve')} aria-label={t('registrations.approveOne', { name: `${r.surname} ${r.first_name}` })}>
                    {t('registrations.approve')}
                  </button>
                  <button type="button" class="small" disabled={busy} onClick={() => decide([r.id], 'reject')} aria-label={t('registrations.rejectOne', { name: `${r.surname} ${r.first_name}` })}>
                    {t('registrations.reject')}
                  </button>
                </>
              ) : null,
          },
        ]}
        rows={list.data?.items ?? null}
        loading={list.loading}
        rowKey={(r) => r.id}
        rowTestId="registration-row"
        empty={t('registrations.empty')}
        paging={list.paging}
      />
    </Screen>
  );
}
