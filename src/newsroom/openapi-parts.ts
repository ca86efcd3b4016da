import { MAX_ID } from '../store/ids.ts';

/** The pieces every part of the Admin API description is written with (tv, editions, structure, people, identity). */

export const json = (schema: object) => ({ content: { 'application/json': { schema } } });

const STATUS: Record<number, string> = {
  401: 'Not signed in, or an unknown token',
  403: 'The role may not do this, or the CSRF token is missing',
  404: 'Not found',
  409: 'A clash (a slug already taken, a record saved meanwhile); `issues` says why',
  413: 'The file is over the size allowed',
  422: 'Invalid input; `issues` names each field',
};

export const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), { description: STATUS[c], ...json({ $ref: '#/components/schemas/Error' }) }]));
export const ok = (description: string) => ({ description, ...json({ type: 'object' }) });
export const idSchema = { type: 'integer', minimum: 1, maximum: MAX_ID };
export const id = { name: 'id', in: 'path', required: true, schema: idSchema };
export const edition = { name: 'edition', in: 'path', required: true, schema: { type: 'string' } };
