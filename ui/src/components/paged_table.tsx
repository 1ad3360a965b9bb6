// The table every list screen shows: its columns, one page of rows, the empty and loading
// states, and the pager ("Předchozí" / "Další", "1–50 z 123"). On a phone screen the rows
// become stacked cards, each cell labelled by its column (data-label, see styles.css).
// usePagedList keeps the page (offset) of a server-paged list and goes back to the first page
// whenever a filter changes.
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { Page } from '../types';
import { Loading, Pager, useLoad } from './common';
import type { Loaded } from './common';

export interface Column<T> {
  // The header cell; a string also labels the cell on a phone screen.
  header: ComponentChildren;
  // The phone-screen label when the header is not text ('' for none, e.g. a checkbox column).
  label?: string;
  // Class of the header and the cells ('num' aligns numbers right).
  class?: string;
  cell: (row: T) => ComponentChildren;
}

export interface Paging {
  offset: number;
  limit: number;
  total: number;
  onChange: (offset: number) => void;
}

export function PagedTable<T>(props: {
  label: string; // the table's accessible name
  columns: (Column<T> | false | null)[]; // false / null: a column this user does not see
  rows: T[] | null; // null until the first page is there
  loading: boolean;
  rowKey: (row: T) => string | number;
  rowClass?: (row: T) => string;
  rowTestId?: string;
  empty: string;
  paging?: Paging;
}) {
  const columns = props.columns.filter((c): c is Column<T> => !!c);
  if (!props.rows) return <Loading show={props.loading} />;
  const label = (c: Column<T>) => c.label ?? (typeof c.header === 'string' ? c.header : undefined);
  return (
    <>
      <div class="table-wrap">
        <table class="stack-on-phone" aria-label={props.label}>
          <thead>
            <tr>
              {columns.map((c, i) => (
                <th key={i} scope="col" class={c.class}>{c.header}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr key={props.rowKey(row)} class={props.rowClass?.(row) || undefined} data-testid={props.rowTestId}>
                {columns.map((c, i) => (
                  <td key={i} class={c.class} data-label={label(c) || undefined}>{c.cell(row)}</td>
                ))}
              </tr>
            ))}
            {props.rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length} class="muted">{props.empty}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {props.paging ? <Pager {...props.paging} /> : null}
    </>
  );
}

export interface PagedList<P extends Page<unknown>> extends Loaded<P> {
  offset: number;
  // The pager's props for PagedTable (total 0 until the first page is there).
  paging: Paging;
}

// Loads one page (`limit` rows from `offset`) with `load`; `filters` are the values the query
// depends on: when one changes, the list starts again at the first page (in the same render,
// so the old offset is never requested with the new filters).
export function usePagedList<P extends Page<unknown>>(
  load: (page: { limit: number; offset: number }) => Promise<P>,
  filters: unknown[],
  limit: number,
): PagedList<P> {
  const key = JSON.stringify(filters);
  const page = useRef({ key, offset: 0 });
  if (page.current.key !== key) page.current = { key, offset: 0 };
  const [, rerender] = useState(0);
  const offset = page.current.offset;
  const list = useLoad(() => load({ limit, offset }), [key, offset, limit]);
  const onChange = (o: number) => {
    page.current = { key, offset: o };
    rerender((n) => n + 1);
  };
  return { ...list, offset, paging: { offset, limit, total: list.data?.total ?? 0, onChange } };
}
