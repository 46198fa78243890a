import { Ajv } from 'ajv';
import type { FastifySchemaValidationError } from 'fastify';
import { describe, expect, it } from 'vitest';
import { fieldErrors, problem, summarize } from './problem';

/** Real Ajv errors for `data` against `schema`, as Fastify hands them to the error handler. */
function ajvErrors(schema: object, data: unknown): FastifySchemaValidationError[] {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  expect(validate(data)).toBe(false);
  return (validate.errors ?? []) as FastifySchemaValidationError[];
}

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['items'],
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id'],
        properties: { id: { type: 'integer' }, 'a/b~c': { type: 'string' } },
      },
    },
    mode: { enum: ['x', 'y'] },
    size: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
  },
};

describe('fieldErrors', () => {
  it('names nested, missing and unexpected fields as property paths', () => {
    const errors = fieldErrors(
      ajvErrors(schema, { items: [{ id: 1 }, { id: 'two', extra: true }, {}], other: 1 }),
      'body',
    );
    expect(errors).toEqual([
      { field: 'other', in: 'body', message: 'is not a known property' },
      { field: 'items[1].extra', in: 'body', message: 'is not a known property' },
      { field: 'items[1].id', in: 'body', message: 'must be integer' },
      { field: 'items[2].id', in: 'body', message: 'is required' },
    ]);
  });

  it('unescapes JSON pointer segments', () => {
    const errors = fieldErrors(ajvErrors(schema, { items: [{ id: 1, 'a/b~c': 5 }] }), 'body');
    expect(errors.map((e) => e.field)).toEqual(['items[0].a/b~c']);
  });

  it('lists the allowed values of an enum and reports an anyOf once, by its branches', () => {
    const errors = fieldErrors(ajvErrors(schema, { items: [], mode: 'z', size: 'big' }), 'querystring');
    expect(errors).toEqual([
      { field: 'mode', in: 'query', message: 'must be one of: x, y' },
      { field: 'size', in: 'query', message: 'must be integer' },
      { field: 'size', in: 'query', message: 'must be null' },
    ]);
  });

  it('names the part itself when the whole value is wrong', () => {
    expect(fieldErrors(ajvErrors(schema, [1]), 'body')).toEqual([
      { field: 'body', in: 'body', message: 'must be object' },
    ]);
  });
});

describe('problem', () => {
  it('fills the RFC 9457 members and omits errors when there are none', () => {
    const p = problem(429, { detail: 'slow down', instance: '/v1/model', requestId: 'r1' });
    expect(p).toEqual({
      type: 'about:blank',
      title: 'Too Many Requests',
      status: 429,
      detail: 'slow down',
      instance: '/v1/model',
      requestId: 'r1',
    });
  });

  it('summarizes field errors into one detail line', () => {
    expect(
      summarize([
        { field: 'n', in: 'query', message: 'must be >= 1' },
        { field: 'x', in: 'query', message: 'is not a known parameter' },
      ]),
    ).toBe('n must be >= 1; x is not a known parameter');
  });
});
