import { Ajv, type Options, type ValidateFunction } from 'ajv';
import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import { nonDecimalErrors, numericProperties } from './strict-numbers';

/**
 * Ajv for request validation, one instance per request part. Path and query values arrive as
 * strings, so they are coerced to the schema's types (`?n=10` is the number 10, one `genres=` is a
 * one-element array), but only from plain decimal notation (`n=0x10` is a 400, not 16). JSON bodies
 * are not coerced: `"rating": "4"` is a client bug worth a 400. Unlike Fastify's default, unknown
 * properties are rejected rather than silently removed, and every error is reported at once
 * (bodies are size-limited, so that stays cheap).
 */
export function createValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const shared: Options = { removeAdditional: false, useDefaults: true, allErrors: true, strict: true };
  const strings = new Ajv({ ...shared, coerceTypes: 'array' });
  const json = new Ajv({ ...shared, coerceTypes: false });
  return ({ schema, httpPart }) => {
    if (httpPart === 'body') return json.compile(schema as object);
    return decimalOnly(strings.compile(schema as object), schema);
  };
}

interface Validator {
  (data: unknown): boolean;
  errors?: FastifySchemaValidationError[] | null;
}

function decimalOnly(validate: ValidateFunction, schema: unknown): Validator {
  const numeric = numericProperties(schema);
  if (numeric.size === 0) return validate as Validator;
  const checked: Validator = (data) => {
    const errors = nonDecimalErrors(data, numeric);
    if (errors.length > 0) {
      checked.errors = errors;
      return false;
    }
    const ok = validate(data);
    checked.errors = validate.errors as FastifySchemaValidationError[] | null | undefined;
    return ok;
  };
  return checked;
}
