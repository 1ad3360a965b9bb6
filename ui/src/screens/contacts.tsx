// Contacts: a server-paged table (search, filter by group and street), create / edit /
// delete, group membership, CSV import with a dry-run preview and CSV export.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { t } from '../i18n';
import { compareCzech, formatInt, formatPhone } from '../logic/format';
import { currentQuery } from '../router';
import { canSend, useSession } from '../session';
import type { Contact, ContactInput, Group, Page, Street } from '../types';
import { ConfirmDialog, ErrorBox, Notice, Screen, useDebounced, useLoad } from '../components/common';
import { PagedTable, usePagedList } from '../components/paged_table';
import { ContactImport } from './contact_import';

const LIMIT = 50;

// A contact as the table names it (in row actions too): "Příjmení Jméno", or the phone.
function contactName(c: Contact): string {
  return `${c.surname} ${c.first_name}`.trim() || formatPhone(c.phone);
}

export function ContactsScreen() {
  const { session } = useSession();
  const operate = canSend(session.user.role);
  const [q, setQ] = useState('');
  const [group, setGroup] = useState(currentQuery().get('group') ?? '');
  const [street, setStreet] = useState('');
  const dq = useDebounced(q, 250);
  const list = usePagedList((page) => api.get<Page<Contact>>('/api/v1/contacts', { q: dq.trim(), group, street, ...page }), [dq, group, street], LIMIT);
  const groups = useLoad(() => api.get<Page<Group>>('/api/v1/groups', { limit: 1000 }), []);
  const streets = useLoad(() => api.get<Page<Street>>('/api/v1/streets'), []);
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Contact | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const [targetGroup, setTargetGroup] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => setSelected([]), [dq, group, street, list.offset]);

  const groupName = (id: number) => groups.data?.items.find((g) => g.id === id)?.name ?? `#${id}`;
  const filterGroup = groups.data?.items.find((g) => String(g.id) === group);

  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await work();
      setNotice(done);
      list.reload();
      groups.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const items = list.data?.items ?? [];
  const allSelected = items.length > 0 && items.every((c) => selected.includes(c.id));
  const sortedStreets = [...(streets.data?.items ?? [])].filter((s) => s.street).sort((a, b) => compareCzech(a.street, b.street));

  return (
    <Screen
      title={t('contacts.title')}
      actions={
        <>
          <a class="button" href="/api/v1/contacts/export" download="kontakty.csv">{t('contacts.export')}</a>
          {operate ? <button type="button" class="primary" onClick={() => setEditing('new')}>{t('contacts.new')}</button> : null}
        </>
      }
    >
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label for="contacts-q">{t('contacts.search')}</label>
          <input id="contacts-q" type="search" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
        </div>
        <div>
          <label for="contacts-group">{t('contacts.group')}</label>
          <select id="contacts-group" value={group} onChange={(e) => setGroup((e.target as HTMLSelectElement).value)}>
            <option value="">{t('common.all')}</option>
            {(groups.data?.items ?? []).map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
          </select>
        </div>
        <div>
          <label for="contacts-street">{t('contacts.street')}</label>
          <select id="contacts-street" value={street} onChange={(e) => setStreet((e.target as HTMLSelectElement).value)}>
            <option value="">{t('common.all')}</option>
            {sortedStreets.map((s) => <option key={s.street} value={s.street}>{s.street} ({formatInt(s.contacts)})</option>)}
          </select>
        </div>
      </form>
      <ErrorBox error={list.error ?? error} />
      <Notice text={notice} />

      {editing ? (
        <ContactForm
          contact={editing === 'new' ? null : editing}
          groups={groups.data?.items ?? []}
          onCancel={() => setEditing(null)}
          onSaved={(c, created) => {
            setEditing(null);
            setNotice(t(created ? 'contacts.created' : 'contacts.saved', { phone: formatPhone(c.phone) }));
            list.reload();
            groups.reload();
          }}
        />
      ) : null}

      {operate && selected.length > 0 ? (
        <div class="actions bulk" aria-label={t('contacts.bulk')}>
          <span>{t('contacts.selected', { n: formatInt(selected.length) })}</span>
          <label for="contacts-target-group">{t('contacts.addToGroup')}</label>
          <select id="contacts-target-group" value={targetGroup} onChange={(e) => setTargetGroup((e.target as HTMLSelectElement).value)}>
            <option value="">—</option>
            {(groups.data?.items ?? []).map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
          </select>
          <button
            type="button"
            disabled={!targetGroup || busy}
            onClick={() => run(() => api.post(`/api/v1/groups/${targetGroup}/members`, { contacts: selected }), t('contacts.addedToGroup', { n: formatInt(selected.length), group: groupName(Number(targetGroup)) }))}
          >
            {t('contacts.addSelected')}
          </button>
        </div>
      ) : null}

      {list.data ? <p class="muted" aria-live="polite" data-testid="contacts-total">{t('contacts.total', { n: formatInt(list.data.total) })}</p> : null}
      <PagedTable
        label={t('contacts.title')}
        columns={[
          operate && {
            header: <input type="checkbox" aria-label={t('contacts.selectAll')} checked={allSelected} onChange={() => setSelected(allSelected ? [] : items.map((c) => c.id))} />,
            label: '',
            class: 'select-cell',
            cell: (c) => (
              <input type="checkbox" aria-label={t('contacts.select', { name: contactName(c) })} checked={selected.includes(c.id)} onChange={() => setSelected(selected.includes(c.id) ? selected.filter((x) => x !== c.id) : [...selected, c.id])} />
            ),
          },
          { header: t('contacts.col.name'), cell: (c) => <>{contactName(c)}{c.company ? <div class="muted">{c.company}</div> : null}</> },
          { header: t('contacts.col.phone'), class: 'nowrap', cell: (c) => formatPhone(c.phone) },
          { header: t('contacts.col.address'), cell: (c) => `${c.street} ${c.house_number}${c.orientation_number ? `/${c.orientation_number}` : ''}` },
          { header: t('contacts.col.groups'), cell: (c) => c.groups.map(groupName).join(', ') },
          { header: t('contacts.col.status'), cell: (c) => (c.status === 'active' ? t('contacts.active') : t('contacts.inactive')) },
          operate && {
            header: t('contacts.col.actions'),
            class: 'row-actions',
            cell: (c) => {
              const name = contactName(c);
              return (
                <>
                  <button type="button" class="small" onClick={() => setEditing(c)} aria-label={t('contacts.editOne', { name })}>{t('common.edit')}</button>
                  {filterGroup ? (
                    <button
                      type="button"
                      class="small"
                      disabled={busy}
                      aria-label={t('contacts.removeFromGroupOne', { name, group: filterGroup.name })}
                      onClick={() => run(() => api.del(`/api/v1/groups/${filterGroup.id}/members`, { contacts: [c.id] }), t('contacts.removedFromGroup', { name, group: filterGroup.name }))}
                    >
                      {t('contacts.removeFromGroup')}
                    </button>
                  ) : null}
                  <button type="button" class="small danger" onClick={() => setDeleting(c)} aria-label={t('contacts.deleteOne', { name })}>{t('common.delete')}</button>
                </>
              );
            },
          },
        ]}
        rows={list.data?.items ?? null}
        loading={list.loading}
        rowKey={(c) => c.id}
        rowTestId="contact-row"
        empty={t('common.nothingFound')}
        paging={list.paging}
      />

      {operate ? <ContactImport onImported={() => { list.reload(); groups.reload(); streets.reload(); }} /> : null}

      <ConfirmDialog
        open={deleting !== null}
        title={t('contacts.deleteTitle')}
        confirmLabel={t('contacts.deleteConfirm')}
        danger
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          const c = deleting!;
          setDeleting(null);
          run(() => api.del(`/api/v1/contacts/${c.id}`), t('contacts.deleted', { phone: formatPhone(c.phone) }));
        }}
      >
        <p>{deleting ? t('contacts.deleteText', { name: `${deleting.surname} ${deleting.first_name}`.trim(), phone: formatPhone(deleting.phone) }) : ''}</p>
      </ConfirmDialog>
    </Screen>
  );
}

const FIELDS: { key: keyof ContactInput; label: string; type?: string; required?: boolean }[] = [
  { key: 'phone', label: 'contacts.field.phone', type: 'tel', required: true },
  { key: 'surname', label: 'contacts.field.surname' },
  { key: 'first_name', label: 'contacts.field.firstName' },
  { key: 'street', label: 'contacts.field.street' },
  { key: 'house_number', label: 'contacts.field.houseNumber' },
  { key: 'orientation_number', label: 'contacts.field.orientationNumber' },
  { key: 'company', label: 'contacts.field.company' },
];

function ContactForm(props: {
  contact: Contact | null;
  groups: Group[];
  onCancel: () => void;
  onSaved: (c: Contact, created: boolean) => void;
}) {
  const c = props.contact;
  const [form, setForm] = useState<ContactInput>({
    phone: c?.phone ?? '',
    surname: c?.surname ?? '',
    first_name: c?.first_name ?? '',
    street: c?.street ?? '',
    house_number: c?.house_number ?? '',
    orientation_number: c?.orientation_number ?? '',
    company: c?.company ?? '',
    status: c?.status ?? 'active',
    groups: c?.groups ?? [],
  });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const saved = c
        ? await api.patch<Contact>(`/api/v1/contacts/${c.id}`, form)
        : await api.post<Contact>('/api/v1/contacts', form);
      setBusy(false);
      props.onSaved(saved, !c);
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  };
  const titleId = 'contact-form-title';
  return (
    <form class="panel" onSubmit={submit} aria-labelledby={titleId}>
      <h2 id={titleId}>{c ? t('contacts.editTitle') : t('contacts.newTitle')}</h2>
      <div class="form-grid">
        {FIELDS.map((f) => (
          <div key={f.key}>
            <label for={`contact-${f.key}`}>{t(f.label as 'contacts.field.phone')}</label>
            <input
              id={`contact-${f.key}`}
              type={f.type ?? 'text'}
              required={f.required}
              value={String(form[f.key] ?? '')}
              onInput={(e) => setForm({ ...form, [f.key]: (e.target as HTMLInputElement).value })}
            />
          </div>
        ))}
        <div>
          <label for="contact-status">{t('contacts.field.status')}</label>
          <select id="contact-status" value={form.status} onChange={(e) => setForm({ ...form, status: (e.target as HTMLSelectElement).value as 'active' | 'inactive' })}>
            <option value="active">{t('contacts.active')}</option>
            <option value="inactive">{t('contacts.inactive')}</option>
          </select>
        </div>
      </div>
      {props.groups.length ? (
        <fieldset>
          <legend>{t('contacts.field.groups')}</legend>
          <div class="check-grid">
            {props.groups.map((g) => (
              <div class="check" key={g.id}>
                <input
                  id={`contact-group-${g.id}`}
                  type="checkbox"
                  checked={form.groups?.includes(g.id)}
                  onChange={() => setForm({ ...form, groups: form.groups?.includes(g.id) ? form.groups.filter((x) => x !== g.id) : [...(form.groups ?? []), g.id] })}
                />
                <label for={`contact-group-${g.id}`}>{g.name}</label>
              </div>
            ))}
          </div>
        </fieldset>
      ) : null}
      <ErrorBox error={error} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>{t('common.save')}</button>
        <button type="button" onClick={props.onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
