import { describe, expect, it } from 'vitest';
import { analyserFor } from './analyse.ts';
import { tsQueries } from './pg-queries.ts';
import { parseQuery } from './query.ts';
import { fts5ColumnExpression } from './sqlite-queries.ts';

const branch = (q: string, edition: string, prefix = false) => ({ query: parseQuery(q, analyserFor(edition), { prefix }), facets: [`zed${edition}`] });

describe('the title and lead checks of relevance', () => {
  it('ask for every required part, or for any, in one column, without exclusions or facets (FTS5)', () => {
    const plan = { branches: [branch('-Genève "accord de paix" Mart', 'fr', true)] };
    expect(fts5ColumnExpression(plan, 'title', 'all')).toBe('{title} : ("accord paix" AND "mart"*)');
    expect(fts5ColumnExpression(plan, 'lead', 'any')).toBe('({lead} : ("accord paix") OR {lead} : ("mart"*)) AND {title lead body} : ("accord paix" AND "mart"*)');
  });

  it('or the editions asked in their own language (FTS5)', () => {
    const plan = { branches: [branch('négociations', 'fr'), branch('negotiations', 'en')] };
    expect(fts5ColumnExpression(plan, 'title', 'any')).toBe('({title} : ("negoci")) OR ({title} : ("negoti"))');
  });

  it('restrict the words to the title (A) and the lead (B), phrases and prefixes included (tsquery)', () => {
    const q = tsQueries({ branches: [branch('-Genève "accord de paix" Mart', 'fr', true)] });
    expect(q.title).toEqual({ all: "('accord':A <-> 'paix':A) & 'mart':*A", any: "((('accord':A <-> 'paix':A)) | ('mart':*A)) & (('accord':ABC <-> 'paix':ABC) & 'mart':*ABC)" });
    expect(q.lead.all).toBe("('accord':B <-> 'paix':B) & 'mart':*B");
    expect(q.filter).toContain("!'genev':ABC");
  });
});
