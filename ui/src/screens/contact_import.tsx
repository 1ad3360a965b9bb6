// CSV import of contacts: the file's bytes go to the server as they are (UTF-8 or
// Windows-1250); first a dry run shows what would happen and which rows are bad.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { t } from '../i18n';
import { formatInt } from '../logic/format';
import type { ContactImportReport } from '../types';
import { ErrorBox, Notice } from '../components/common';
import { ImportErrors } from './register';

export function ContactImport({ onImported }: { onImported: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ContactImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const bytes = await file.arrayBuffer();
      const report = await api.upload<ContactImportReport>('/api/v1/contacts/import', bytes, { dry_run: dryRun });
      if (dryRun) {
        setPreview(report);
      } else {
        setPreview(null);
        setNotice(report.written ? t('import.done', { created: formatInt(report.created), updated: formatInt(report.updated) }) : t('import.notWritten'));
        if (!report.written) setPreview(report);
        onImported();
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel" aria-labelledby="contact-import-title">
      <h2 id="contact-import-title">{t('import.title')}</h2>
      <p class="hint">{t('import.hint')}</p>
      <label for="contact-import-file">{t('import.file')}</label>
      <input
        id="contact-import-file"
        type="file"
        accept=".csv,text/csv"
        onChange={(e) => {
          setFile((e.target as HTMLInputElement).files?.[0] ?? null);
          setPreview(null);
        }}
      />
      <div class="actions">
        <button type="button" disabled={!file || busy} onClick={() => send(true)}>{t('import.preview')}</button>
        <button type="button" class="primary" disabled={!preview || preview.errors.length > 0 || busy} onClick={() => send(false)}>{t('import.run')}</button>
      </div>
      <ErrorBox error={error} />
      <Notice text={notice} />
      {preview ? (
        <div data-testid="import-preview">
          <p>{t('import.previewText', { rows: formatInt(preview.rows), created: formatInt(preview.created), updated: formatInt(preview.updated), errors: formatInt(preview.errors.length) })}</p>
          <ImportErrors errors={preview.errors} />
        </div>
      ) : null}
    </section>
  );
}
