import type { ComponentChildren } from 'preact';
import { Spinner } from './ui.tsx';

export interface ListTableProps<T> {
  /** null while loading. */
  rows: T[] | null;
  /** The load failed: the error is shown elsewhere, so no spinner either. */
  failed?: boolean;
  /** Said when there are no rows; without it an empty list shows nothing. */
  empty?: string | null;
  /** A caption for screen readers, e.g. which page of results this is. */
  caption?: string;
  columns: ComponentChildren[];
  /** Per column, how the rows are sorted by it (aria-sort); undefined for a column they are not sorted by. */
  columnSort?: Array<'ascending' | 'descending' | undefined>;
  rowKey: (row: T) => string | number;
  /** The cells of one row: a <th scope="row"> first, then the <td>s. */
  cells: (row: T) => ComponentChildren;
  tableClass?: string;
}

/** Rows of a list as a table: a spinner while loading, a message when empty, column headers. */
export function ListTable<T>(props: ListTableProps<T>) {
  const { rows } = props;
  if (rows === null) return props.failed ? null : <Spinner />;
  if (rows.length === 0) return props.empty ? <p class="empty">{props.empty}</p> : null;
  return (
    <div class="table-wrap">
      <table class={props.tableClass ?? 'table'}>
        {props.caption ? <caption class="visually-hidden">{props.caption}</caption> : null}
        <thead>
          <tr>
            {props.columns.map((c, n) => (
              <th key={n} scope="col" aria-sort={props.columnSort?.[n]}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={props.rowKey(row)}>{props.cells(row)}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A titled section listing rows. The heading's id names the section
 * (aria-labelledby), so it must be unique on the page. `before` sits between
 * the heading and the list (a refresh button, an error, a count), `children`
 * after it (pagination).
 */
export function ListSection<T>(props: ListTableProps<T> & { id: string; title: ComponentChildren; before?: ComponentChildren; children?: ComponentChildren }) {
  const { id, title, before, children, ...table } = props;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {before}
      <ListTable {...table} />
      {children}
    </section>
  );
}
