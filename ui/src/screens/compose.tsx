// New message: text with a live counter and the phone preview, recipients with a
// deduplicated count, timing, templates, and a confirmation naming recipients and cost.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../api';
import { t } from '../i18n';
import { compareCzech, formatInt, formatMoneyMilli, formatPhone, localInputToIso } from '../logic/format';
import { sendCost } from '../logic/cost';
import { parsePastedPhones } from '../logic/phones';
import { navigate } from '../router';
import type {
  Contact, Group, MessageTemplate, Organization, Page, RecipientPreview, Recipients, SendResult, Street, TextAnalysis,
} from '../types';
import { ConfirmDialog, ErrorBox, Notice, Screen, useDebounced, useLoad } from '../components/common';
import { PhonePreview, TextCounter } from '../components/text_counter';

type When = 'now' | 'at' | 'urgent';

export function ComposeScreen() {
  const org = useLoad(() => api.get<Organization>('/api/v1/organization'), []);
  const groups = useLoad(() => api.get<Page<Group>>('/api/v1/groups', { limit: 1000 }), []);
  const streets = useLoad(() => api.get<Page<Street>>('/api/v1/streets'), []);
  const templates = useLoad(() => api.get<Page<MessageTemplate>>('/api/v1/templates'), []);

  const [text, setText] = useState('');
  const [transliterate, setTransliterate] = useState<boolean | null>(null);
  const [all, setAll] = useState(false);
  const [groupIds, setGroupIds] = useState<number[]>([]);
  const [streetNames, setStreetNames] = useState<string[]>([]);
  const [streetFilter, setStreetFilter] = useState('');
  const [contacts, setContacts] = useState<Contact[]>([]);
  const [pasted, setPasted] = useState('');
  const [when, setWhen] = useState<When>('now');
  const [sendAt, setSendAt] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const translit = transliterate ?? org.data?.transliterate_by_default ?? false;
  const price = org.data?.price_per_segment_milli ?? 0;

  // Live analysis of the text both ways, so the cost difference of transliteration shows.
  const debouncedText = useDebounced(text, 250);
  // `text` is the text the analysis belongs to: the dialog must never show a stale one.
  const [analysis, setAnalysis] = useState<{ on: TextAnalysis; off: TextAnalysis; text: string } | null>(null);
  const [analysisError, setAnalysisError] = useState<unknown>(null);
  useEffect(() => {
    if (debouncedText.trim() === '') {
      setAnalysis(null);
      setAnalysisError(null);
      return;
    }
    let live = true;
    Promise.all([
      api.post<TextAnalysis>('/api/v1/text/analyze', { text: debouncedText, transliterate: true }),
      api.post<TextAnalysis>('/api/v1/text/analyze', { text: debouncedText, transliterate: false }),
    ]).then(
      ([on, off]) => live && (setAnalysis({ on, off, text: debouncedText }), setAnalysisError(null)),
      (e) => live && setAnalysisError(e),
    );
    return () => {
      live = false;
    };
  }, [debouncedText]);

  const phones = useMemo(() => parsePastedPhones(pasted), [pasted]);
  const recipients: Recipients = useMemo(() => {
    const r: Recipients = {};
    if (all) r.all = true;
    if (groupIds.length) r.groups = groupIds;
    if (streetNames.length) r.streets = streetNames;
    if (contacts.length) r.contacts = contacts.map((c) => c.id);
    if (phones.valid.length) r.phones = phones.valid;
    return r;
  }, [all, groupIds, streetNames, contacts, phones]);
  const hasRecipients = Object.keys(recipients).length > 0;

  // The server resolves groups, streets, contacts and numbers and counts each phone once.
  const debouncedRecipients = useDebounced(recipients, 300);
  // The count and the selection it was made for: a count of an older selection is no count.
  const [counted, setCounted] = useState<{ for: Recipients; n: number } | null>(null);
  useEffect(() => {
    if (Object.keys(debouncedRecipients).length === 0) {
      setCounted({ for: debouncedRecipients, n: 0 });
      return;
    }
    let live = true;
    setCounted(null);
    api.post<RecipientPreview>('/api/v1/recipients/preview', { recipients: debouncedRecipients }).then(
      (p) => live && setCounted({ for: debouncedRecipients, n: p.recipients }),
      () => live && setCounted(null),
    );
    return () => {
      live = false;
    };
  }, [debouncedRecipients]);

  const count = counted !== null && counted.for === recipients ? counted.n : null;
  const current = analysis ? (translit ? analysis.on : analysis.off) : null;
  const cost = sendCost(current?.segments ?? 0, count ?? 0, price);
  const otherCost = analysis ? sendCost((translit ? analysis.off : analysis.on).segments, count ?? 0, price) : null;

  const toggle = <T,>(list: T[], v: T, set: (l: T[]) => void) =>
    set(list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = { text, recipients, transliterate: translit, urgent: when === 'urgent' };
      if (when === 'at') body.send_at = localInputToIso(sendAt);
      const sent = await api.post<SendResult>('/api/v1/messages', body);
      setConfirming(false);
      navigate(`/messages/${sent.id}`);
    } catch (e) {
      setConfirming(false);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const [templateName, setTemplateName] = useState('');
  const saveTemplate = async () => {
    setError(null);
    try {
      await api.post('/api/v1/templates', { name: templateName.trim(), text });
      setTemplateName('');
      setNotice(t('compose.templateSaved'));
      templates.reload();
    } catch (e) {
      setError(e);
    }
  };
  const deleteTemplate = async (id: number) => {
    try {
      await api.del(`/api/v1/templates/${id}`);
      templates.reload();
    } catch (e) {
      setError(e);
    }
  };

  const sortedStreets = (streets.data?.items ?? [])
    .filter((s) => s.street && compareCzech(s.street.slice(0, streetFilter.length), streetFilter) === 0)
    .sort((a, b) => compareCzech(a.street, b.street));
  // Only with a count and an analysis of exactly what is selected and typed now, so the
  // confirmation names the real number of recipients and the real cost.
  const canOpenConfirm =
    text.trim() !== '' &&
    hasRecipients &&
    count !== null &&
    count > 0 &&
    analysis?.text === text &&
    (when !== 'at' || localInputToIso(sendAt) !== null) &&
    !analysisError;

  return (
    <Screen title={t('compose.title')}>
      <ErrorBox error={error ?? org.error} />
      <Notice text={notice} />
      <form
        class="compose"
        aria-labelledby="screen-title"
        onSubmit={(e) => {
          e.preventDefault();
          if (canOpenConfirm) setConfirming(true);
        }}
      >
        <div class="compose-text">
          <fieldset>
            <legend>{t('compose.textSection')}</legend>
            {templates.data && templates.data.items.length > 0 ? (
              <>
                <label for="compose-template">{t('compose.template')}</label>
                <select
                  id="compose-template"
                  value=""
                  onChange={(e) => {
                    const tpl = templates.data!.items.find((x) => String(x.id) === (e.target as HTMLSelectElement).value);
                    if (tpl) setText(tpl.text);
                  }}
                >
                  <option value="">{t('compose.templatePick')}</option>
                  {templates.data.items.map((tpl) => (
                    <option key={tpl.id} value={tpl.id}>{tpl.name}</option>
                  ))}
                </select>
              </>
            ) : null}
            <label for="compose-text">{t('compose.text')}</label>
            <textarea
              id="compose-text"
              rows={6}
              value={text}
              onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
              aria-describedby="compose-counter"
              required
            />
            <TextCounter
              id="compose-counter"
              analysis={current}
              recipients={count}
              cost={cost}
              error={analysisError}
            />
            <div class="check">
              <input id="compose-translit" type="checkbox" checked={translit} onChange={(e) => setTransliterate((e.target as HTMLInputElement).checked)} />
              <label for="compose-translit">{t('compose.transliterate')}</label>
            </div>
            {analysis && otherCost && analysis.on.segments !== analysis.off.segments ? (
              <p class="hint" data-testid="translit-difference">
                {translit
                  ? t('compose.translitSaves', { segments: formatInt(otherCost.totalSegments - cost.totalSegments), cost: formatMoneyMilli(otherCost.costMilli - cost.costMilli) })
                  : t('compose.translitWouldSave', { segments: formatInt(cost.totalSegments - otherCost.totalSegments), cost: formatMoneyMilli(cost.costMilli - otherCost.costMilli) })}
              </p>
            ) : null}
            <details class="templates">
              <summary>{t('compose.templates')}</summary>
              <label for="compose-template-name">{t('compose.templateName')}</label>
              <div class="inline">
                <input id="compose-template-name" value={templateName} onInput={(e) => setTemplateName((e.target as HTMLInputElement).value)} />
                <button type="button" disabled={!templateName.trim() || !text.trim()} onClick={saveTemplate}>{t('compose.saveTemplate')}</button>
              </div>
              <ul class="plain">
                {(templates.data?.items ?? []).map((tpl) => (
                  <li key={tpl.id} class="inline">
                    <span>{tpl.name}</span>
                    <button type="button" class="small" onClick={() => deleteTemplate(tpl.id)} aria-label={t('compose.deleteTemplate', { name: tpl.name })}>
                      {t('common.delete')}
                    </button>
                  </li>
                ))}
              </ul>
            </details>
          </fieldset>
          <PhonePreview analysis={current} />
        </div>

        <fieldset class="recipients">
          <legend>{t('compose.recipients')}</legend>
          <div class="check">
            <input id="compose-all" type="checkbox" checked={all} onChange={(e) => setAll((e.target as HTMLInputElement).checked)} />
            <label for="compose-all">{t('compose.all')}</label>
          </div>
          <fieldset>
            <legend>{t('compose.groups')}</legend>
            {(groups.data?.items ?? []).length === 0 ? <p class="muted">{t('compose.noGroups')}</p> : null}
            <div class="check-grid">
              {(groups.data?.items ?? []).map((g) => (
                <div class="check" key={g.id}>
                  <input id={`compose-group-${g.id}`} type="checkbox" checked={groupIds.includes(g.id)} onChange={() => toggle(groupIds, g.id, setGroupIds)} />
                  <label for={`compose-group-${g.id}`}>{g.name} <span class="muted">({formatInt(g.member_count)})</span></label>
                </div>
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend>{t('compose.streets')}</legend>
            <label for="compose-street-filter" class="sr-only">{t('compose.streetFilter')}</label>
            <input id="compose-street-filter" type="search" placeholder={t('compose.streetFilter')} value={streetFilter} onInput={(e) => setStreetFilter((e.target as HTMLInputElement).value)} />
            <div class="check-grid scroll">
              {sortedStreets.map((s) => (
                <div class="check" key={s.street}>
                  <input id={`compose-street-${s.street}`} type="checkbox" checked={streetNames.includes(s.street)} onChange={() => toggle(streetNames, s.street, setStreetNames)} />
                  <label for={`compose-street-${s.street}`}>{s.street} <span class="muted">({formatInt(s.contacts)})</span></label>
                </div>
              ))}
            </div>
          </fieldset>
          <ContactPicker chosen={contacts} onChange={setContacts} />
          <label for="compose-phones">{t('compose.phones')}</label>
          <textarea id="compose-phones" rows={3} value={pasted} onInput={(e) => setPasted((e.target as HTMLTextAreaElement).value)} aria-describedby="compose-phones-hint" />
          <p id="compose-phones-hint" class="hint">
            {t('compose.phonesHint', { valid: formatInt(phones.valid.length), duplicates: formatInt(phones.duplicates) })}
            {phones.invalid.length ? <span class="text-error"> {t('compose.phonesInvalid', { list: phones.invalid.join(', ') })}</span> : null}
          </p>
          <p class="recipient-count" aria-live="polite" data-testid="recipient-count">
            {count === null ? t('compose.counting') : t('compose.recipientCount', { n: formatInt(count) })}
          </p>
        </fieldset>

        <fieldset class="when">
          <legend>{t('compose.when')}</legend>
          {(['now', 'at', 'urgent'] as When[]).map((w) => (
            <div class="check" key={w}>
              <input id={`compose-when-${w}`} type="radio" name="when" checked={when === w} onChange={() => setWhen(w)} />
              <label for={`compose-when-${w}`}>{t(`compose.when.${w}` as 'compose.when.now')}</label>
            </div>
          ))}
          {when === 'at' ? (
            <>
              <label for="compose-send-at">{t('compose.sendAt')}</label>
              <input id="compose-send-at" type="datetime-local" required value={sendAt} onInput={(e) => setSendAt((e.target as HTMLInputElement).value)} />
            </>
          ) : null}
          {when === 'urgent' ? <p class="hint">{t('compose.urgentHint')}</p> : null}
        </fieldset>

        <div class="actions">
          <button type="submit" class={when === 'urgent' ? 'danger' : 'primary'} disabled={!canOpenConfirm}>
            {t('compose.send')}
          </button>
        </div>
      </form>

      <ConfirmDialog
        open={confirming}
        title={t('compose.confirmTitle')}
        confirmLabel={t('compose.confirm')}
        danger={when === 'urgent'}
        busy={busy}
        onConfirm={send}
        onCancel={() => setConfirming(false)}
      >
        <p data-testid="confirm-summary">
          {t('compose.confirmText', {
            n: formatInt(count ?? 0),
            segments: formatInt(cost.totalSegments),
            cost: formatMoneyMilli(cost.costMilli),
          })}
        </p>
        {when === 'urgent' ? <p class="text-error">{t('compose.confirmUrgent')}</p> : null}
        {when === 'at' ? <p>{t('compose.confirmAt', { at: new Date(sendAt).toLocaleString('cs-CZ') })}</p> : null}
        <blockquote class="quote">{current?.text ?? text}</blockquote>
      </ConfirmDialog>
    </Screen>
  );
}

function ContactPicker({ chosen, onChange }: { chosen: Contact[]; onChange: (c: Contact[]) => void }) {
  const [q, setQ] = useState('');
  const dq = useDebounced(q, 250);
  const found = useLoad(
    () => (dq.trim() ? api.get<Page<Contact>>('/api/v1/contacts', { q: dq.trim(), limit: 8 }) : Promise.resolve(null)),
    [dq],
  );
  const name = (c: Contact) => `${c.surname} ${c.first_name}`.trim() || formatPhone(c.phone);
  return (
    <fieldset>
      <legend>{t('compose.contacts')}</legend>
      {chosen.length ? (
        <ul class="chips" aria-label={t('compose.chosenContacts')}>
          {chosen.map((c) => (
            <li key={c.id}>
              {name(c)} <span class="muted">{formatPhone(c.phone)}</span>
              <button type="button" class="small" aria-label={t('compose.removeContact', { name: name(c) })} onClick={() => onChange(chosen.filter((x) => x.id !== c.id))}>×</button>
            </li>
          ))}
        </ul>
      ) : null}
      <label for="compose-contact-search">{t('compose.contactSearch')}</label>
      <input id="compose-contact-search" type="search" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
      {found.data ? (
        <ul class="plain results">
          {found.data.items.filter((c) => !chosen.some((x) => x.id === c.id)).map((c) => (
            <li key={c.id} class="inline">
              <span>{name(c)} <span class="muted">{formatPhone(c.phone)} {c.street} {c.house_number}</span></span>
              <button type="button" class="small" onClick={() => onChange([...chosen, c])}>{t('compose.addContact', { name: name(c) })}</button>
            </li>
          ))}
          {found.data.items.length === 0 ? <li class="muted">{t('common.nothingFound')}</li> : null}
        </ul>
      ) : null}
    </fieldset>
  );
}
