import { z } from 'zod';
import { ImportDocument } from './article.schema.ts';

/** The import format as JSON Schema, generated from the validator so the two never drift. */
export function importJsonSchema(): string {
  const schema = z.toJSONSchema(ImportDocument, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any', reused: 'ref' });
  return (
    JSON.stringify(
      {
        ...schema,
        $id: 'https://depeche.dev/schema/article.schema.json',
        title: 'Dépêche article import format',
        description: 'One article or an array of articles, as read by `depeche import`. See docs/import-format.md.',
      },
      null,
      2,
    ) + '\n'
  );
}

if (process.argv[1]?.endsWith('json-schema.ts')) process.stdout.write(importJsonSchema());
