// Small building blocks shared by the screens: loading data, showing errors and notices,
// paging, and a modal confirmation dialog.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { t } from '../i18n';
import { navigationCount } from '../router';
import { formatInt } from '../logic/format';

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

// Runs `load` now and whenever `deps` change; `reload` runs it again. A slower older answer
// never overwrites a newer one.
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  const generation = useRef(0);
  const run = useCallback(() => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => mine === generation.current && setState({ data, error: null, loading: false }),
      (error) => mine === generation.current && setState((s) => ({ ...s, error, loading: false })),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(run, [run]);
  return { ...state, reload: run };
}

export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.forbidden) return t('error.forbidden');
    if (error.status === 0) return t('error.network');
    if (error.code === 'csrf') return t('error.csrf');
    if (error.status === 429) return t('error.throttled');
    if (error.message) return error.message;
    return t('error.generic');
  }
  return t('error.generic');
}

export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  const forbidden = error instanceof ApiError && error.forbidden;
  return (
    <p class="alert alert-error" role="alert" data-testid={forbidden ? 'forbidden' : 'error'}>
      {errorText(error)}
    </p>
  );
}

export function Notice({ text }: { text: string | null }) {
  return (
    <p class={text ? 'alert alert-ok' : 'sr-only'} role="status" data-testid="notice">
      {text ?? ''}
    </p>
  );
}

export function Loading({ show }: { show: boolean }) {
  return show ? <p class="muted" aria-busy="true">{t('common.loading')}</p> : null;
}

export function Pager(props: {
  offset: number;
  limit: number;
  total: number;
  onChange: (offset: number) => void;
  label?: string;
}) {
  const { offset, limit, total, onChange } = props;
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + limit, total);
  return (
    <nav class="pager" aria-label={props.label ?? t('common.paging')}>
      <button type="button" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>
        {t('common.previous')}
      </button>
      <span>{t('common.range', { first: formatInt(first), last: formatInt(last), total: formatInt(total) })}</span>
      <button type="button" disabled={offset + limit >= total} onClick={() => onChange(offset + limit)}>
        {t('common.next')}
      </button>
    </nav>
  );
}

let dialogCounter = 0;

// A modal dialog (native <dialog>: focus stays inside, Escape closes). Named by its title.
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  children: ComponentChildren;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [id] = useState(() => `dialog-${++dialogCounter}`);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) d.showModal();
    if (!props.open && d.open) d.close();
  }, [props.open]);
  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        props.onCancel();
      }}
    >
      <h2 id={`${id}-title`}>{props.title}</h2>
      <div class="dialog-body">{props.children}</div>
      <div class="actions">
        <button
          type="button"
          class={props.danger ? 'danger' : 'primary'}
          disabled={props.busy}
          onClick={props.onConfirm}
        >
          {props.confirmLabel}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('common.back')}
        </button>
      </div>
    </dialog>
  );
}

// A screen's heading and content; the heading names the main region.
export function Screen(props: { title: string; children: ComponentChildren; actions?: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${props.title} · SMS Info`;
  }, [props.title]);
  useEffect(() => {
    if (navigationCount() > 0) heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <section class="screen" aria-labelledby="screen-title">
      <div class="screen-head">
        <h1 id="screen-title" tabIndex={-1} ref={heading}>
          {props.title}
        </h1>
        {props.actions ? <div class="screen-actions">{props.actions}</div> : null}
      </div>
      {props.children}
    </section>
  );
}

// Calls `fn` `ms` after the last change of `value`.
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}
