import { Ajv, type Options } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';

/**
 * Ajv for request validation, one instance per request part. Path and query values arrive as
 * strings, so they are coerced to the schema's types (`?n=10` is the number 10, one `genres=` is a
 * one-element array). JSON bodies are not coerced: `"rating": "4"` is a client bug worth a 400.
 * Unlike Fastify's default, unknown properties are rejected rather than silently removed, and
 * every error is reported at once (bodies are size-limited, so that stays cheap).
 */
export function createValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const shared: Options = { removeAdditional: false, useDefaults: true, allErrors: true, strict: true };
  const strings = new Ajv({ ...shared, coerceTypes: 'array' });
  const json = new Ajv({ ...shared, coerceTypes: false });
  return ({ schema, httpPart }) => (httpPart === 'body' ? json : strings).compile(schema as object);
}
