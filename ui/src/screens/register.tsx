// The residence register: import a CSV (the file's bytes as they are: UTF-8 or
// Windows-1250), when it was last imported, and search.
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { t } from '../i18n';
import { formatDateTime, formatInt } from '../logic/format';
import { isAdmin, useSession } from '../session';
import type { ImportReport, ImportRowError, Page, Resident } from '../types';
import { ErrorBox, Notice, Screen, useDebounced } from '../components/common';
import { PagedTable, usePagedList } from '../components/paged_table';

const LIMIT = 50;

export function ImportErrors({ errors }: { errors: ImportRowError[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="table-wrap">
      <table class="errors" aria-label={t('import.badRows')}>
        <caption>{t('import.badRows')}</caption>
        <thead>
          <tr>
            <th scope="col" class="num">{t('import.col.line')}</th>
            <th scope="col">{t('import.col.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e, i) => (
            <tr key={i}>
              <td class="num">{formatInt(e.line)}</td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RegisterScreen() {
  const { session } = useSession();
  const mayImport = isAdmin(session.user.role);
  const [q, setQ] = useState('');
  const dq = useDebounced(q, 250);
  const list = usePagedList(
    (page) => api.get<Page<Resident> & { last_imported_at: string | null }>('/api/v1/residents', { q: dq.trim(), ...page }),
    [dq],
    LIMIT,
  );
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const upload = async (e: Event) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    setReport(null);
    try {
      const r = await api.upload<ImportReport>('/api/v1/residents/import', await file.arrayBuffer());
      setReport(r);
      setNotice(t('register.imported', { n: formatInt(r.imported), encoding: r.encoding }));
      list.reload();
    } catch (err) {
      setError(err);
      // 422: nothing imported; the body still lists the bad rows.
      if (err instanceof ApiError && err.status === 422) setReport(err.body as ImportReport);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen title={t('register.title')}>
      <p data-testid="last-import">
        {list.data
          ? list.data.last_imported_at
            ? t('register.lastImport', { at: formatDateTime(list.data.last_imported_at), n: formatInt(list.data.total) })
            : t('register.never')
          : ''}
      </p>
      {mayImport ? (
        <form class="panel" onSubmit={upload} aria-labelledby="register-import-title">
          <h2 id="register-import-title">{t('register.importTitle')}</h2>
          <p class="hint">{t('register.importHint')}</p>
          <label for="register-file">{t('register.file')}</label>
          <input id="register-file" type="file" accept=".csv,text/csv" required onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)} />
          <div class="actions">
            <button type="submit" class="primary" disabled={!file || busy}>{busy ? t('common.working') : t('register.import')}</button>
          </div>
          <ErrorBox error={error} />
          <Notice text={notice} />
          {report ? (
            <div data-testid="import-result">
              <p>{t('register.result', { n: formatInt(report.imported), errors: formatInt(report.errors.length), encoding: report.encoding })}</p>
              <ImportErrors errors={report.errors} />
            </div>
          ) : null}
        </form>
      ) : null}
      <section aria-labelledby="register-search-title">
        <h2 id="register-search-title">{t('register.searchTitle')}</h2>
        <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
          <div>
            <label for="register-q">{t('register.search')}</label>
            <input id="register-q" type="search" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
          </div>
        </form>
        <ErrorBox error={list.error} />
        <PagedTable
          label={t('register.title')}
          columns={[
            { header: t('register.col.name'), cell: (r) => `${r.surname} ${r.first_name}` },
            { header: t('register.col.address'), cell: (r) => `${r.street} ${r.house_number}${r.orientation_number ? `/${r.orientation_number}` : ''}` },
            { header: t('register.col.municipality'), cell: (r) => `${r.municipality} ${r.zip}` },
            { header: t('register.col.born'), class: 'num', cell: (r) => r.birth_year || '' },
          ]}
          rows={list.data?.items ?? null}
          loading={list.loading}
          rowKey={(r) => r.id}
          empty={t('common.nothingFound')}
          paging={list.paging}
        />
      </section>
    </Screen>
  );
}
