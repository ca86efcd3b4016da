import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { ListSection, ListTable, type ListTableProps } from './list-section.tsx';

interface Row {
  id: number;
  name: string;
}

const base: ListTableProps<Row> = {
  rows: null,
  columns: ['Nom', 'État'],
  rowKey: (r) => r.id,
  cells: (r) => [h('th', { scope: 'row' }, r.name), h('td', null, 'actif')],
};
const html = (props: Partial<ListTableProps<Row>>) => renderToString(h(ListTable<Row>, { ...base, ...props }));

describe('list table', () => {
  it('shows a spinner while loading, and nothing once the load failed', () => {
    expect(html({})).toContain('role="status"');
    expect(html({ failed: true })).toBe('');
  });

  it('says the empty message when there are no rows, and shows nothing without one', () => {
    expect(html({ rows: [], empty: 'Aucun jeton.' })).toBe('<p class="empty">Aucun jeton.</p>');
    expect(html({ rows: [] })).toBe('');
    expect(html({ rows: [], empty: null })).toBe('');
  });

  it('renders column headers, a hidden caption and one row per item from the cells function', () => {
    const out = html({ rows: [{ id: 1, name: 'Agence' }, { id: 2, name: 'Fil' }], caption: 'Sources, page 1', tableClass: 'table extra' });
    expect(out).toBe(
      '<div class="table-wrap"><table class="table extra"><caption class="visually-hidden">Sources, page 1</caption>' +
        '<thead><tr><th scope="col">Nom</th><th scope="col">État</th></tr></thead>' +
        '<tbody><tr><th scope="row">Agence</th><td>actif</td></tr><tr><th scope="row">Fil</th><td>actif</td></tr></tbody></table></div>',
    );
  });

  it('leaves the caption out when none is given', () => {
    expect(html({ rows: [{ id: 1, name: 'Agence' }] })).not.toContain('<caption');
  });
});

describe('list section', () => {
  it('names the section by its heading and puts the extra content before and after the list', () => {
    const out = renderToString(
      h(ListSection<Row>, { ...base, id: 'tokens-list', title: 'Jetons', rows: [], empty: 'Aucun jeton.', before: h('p', null, 'avant') }, h('nav', null, 'pages')),
    );
    expect(out).toBe('<section aria-labelledby="tokens-list"><h2 id="tokens-list">Jetons</h2><p>avant</p><p class="empty">Aucun jeton.</p><nav>pages</nav></section>');
  });
});
