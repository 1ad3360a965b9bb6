// Recipient groups: create, rename, delete; members are managed in the contacts table.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { t } from '../i18n';
import { compareCzech, formatInt } from '../logic/format';
import { canSend, useSession } from '../session';
import type { Group, Page } from '../types';
import { ConfirmDialog, ErrorBox, Notice, Screen, useLoad } from '../components/common';
import { PagedTable } from '../components/paged_table';

export function GroupsScreen() {
  const { session } = useSession();
  const operate = canSend(session.user.role);
  const list = useLoad(() => api.get<Page<Group>>('/api/v1/groups', { limit: 1000 }), []);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [editing, setEditing] = useState<Group | null>(null);
  const [deleting, setDeleting] = useState<Group | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await work();
      setNotice(done);
      list.reload();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const groups = [...(list.data?.items ?? [])].sort((a, b) => compareCzech(a.name, b.name));

  return (
    <Screen title={t('groups.title')}>
      <ErrorBox error={list.error ?? error} />
      <Notice text={notice} />
      {operate ? (
        <form
          class="panel"
          aria-labelledby="group-form-title"
          onSubmit={async (e) => {
            e.preventDefault();
            const ok = editing
              ? await run(() => api.patch(`/api/v1/groups/${editing.id}`, { name, description }), t('groups.saved', { name }))
              : await run(() => api.post('/api/v1/groups', { name, description }), t('groups.created', { name }));
            if (ok) {
              setName('');
              setDescription('');
              setEditing(null);
            }
          }}
        >
          <h2 id="group-form-title">{editing ? t('groups.editTitle', { name: editing.name }) : t('groups.newTitle')}</h2>
          <div class="form-grid">
            <div>
              <label for="group-name">{t('groups.name')}</label>
              <input id="group-name" required value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
            </div>
            <div>
              <label for="group-description">{t('groups.description')}</label>
              <input id="group-description" value={description} onInput={(e) => setDescription((e.target as HTMLInputElement).value)} />
            </div>
          </div>
          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>{editing ? t('common.save') : t('groups.create')}</button>
            {editing ? <button type="button" onClick={() => { setEditing(null); setName(''); setDescription(''); }}>{t('common.cancel')}</button> : null}
          </div>
        </form>
      ) : null}
      <PagedTable
        label={t('groups.title')}
        columns={[
          { header: t('groups.col.name'), cell: (g) => g.name },
          { header: t('groups.col.description'), cell: (g) => g.description },
          { header: t('groups.col.members'), class: 'num', cell: (g) => formatInt(g.member_count) },
          {
            header: t('groups.col.actions'),
            class: 'row-actions',
            cell: (g) => (
              <>
                <a class="button small" href={`/contacts?group=${g.id}`} aria-label={t('groups.membersOf', { name: g.name })}>{t('groups.members')}</a>
                {operate ? (
                  <>
                    <button type="button" class="small" aria-label={t('groups.editOne', { name: g.name })} onClick={() => { setEditing(g); setName(g.name); setDescription(g.description); }}>{t('common.edit')}</button>
                    <button type="button" class="small danger" aria-label={t('groups.deleteOne', { name: g.name })} onClick={() => setDeleting(g)}>{t('common.delete')}</button>
                  </>
                ) : null}
              </>
            ),
          },
        ]}
        rows={list.data ? groups : null}
        loading={list.loading}
        rowKey={(g) => g.id}
        rowTestId="group-row"
        empty={t('groups.empty')}
      />
      <ConfirmDialog
        open={deleting !== null}
        title={t('groups.deleteTitle')}
        confirmLabel={t('groups.deleteConfirm')}
        danger
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          const g = deleting!;
          setDeleting(null);
          run(() => api.del(`/api/v1/groups/${g.id}`), t('groups.deleted', { name: g.name }));
        }}
      >
        <p>{deleting ? t('groups.deleteText', { name: deleting.name, n: formatInt(deleting.member_count) }) : ''}</p>
      </ConfirmDialog>
    </Screen>
  );
}
