import type { FastifySchemaValidationError } from 'fastify';

type NumericType = 'integer' | 'number';

/** What Ajv's coercion would accept but a person never means: `0x10`, `1e1`, ` 10`, `0b1`, `Infinity`. */
const DECIMAL: Record<NumericType, RegExp> = {
  integer: /^-?\d+$/,
  number: /^-?\d+(\.\d+)?$/,
};

interface JsonSchema {
  readonly type?: unknown;
  readonly properties?: Record<string, JsonSchema>;
  readonly items?: JsonSchema;
}

/**
 * The query and path properties a schema types as numbers (directly or as array items), by name.
 * Ajv coerces strings with `Number()`, which reads hex, binary, exponents and surrounding blanks;
 * these names are checked against plain decimal notation first.
 */
export function numericProperties(schema: unknown): Map<string, NumericType> {
  const out = new Map<string, NumericType>();
  const properties = (schema as JsonSchema | undefined)?.properties ?? {};
  for (const [name, property] of Object.entries(properties)) {
    const type = numericType(property) ?? numericType(property.items);
    if (type !== undefined) out.set(name, type);
  }
  return out;
}

function numericType(schema: JsonSchema | undefined): NumericType | undefined {
  return schema?.type === 'integer' || schema?.type === 'number' ? schema.type : undefined;
}

/** Errors, in Ajv's shape, for each numeric property whose string value is not plain decimal. */
export function nonDecimalErrors(
  data: unknown,
  numeric: ReadonlyMap<string, NumericType>,
): FastifySchemaValidationError[] {
  const errors: FastifySchemaValidationError[] = [];
  if (data === null || typeof data !== 'object') return errors;
  const record = data as Record<string, unknown>;
  for (const [name, type] of numeric) {
    const value = record[name];
    const values = Array.isArray(value) ? value : [value];
    const bad = values.some((v) => typeof v === 'string' && !DECIMAL[type].test(v));
    if (!bad) continue;
    errors.push({
      keyword: 'type',
      instancePath: `/${name}`,
      schemaPath: `#/properties/${name}/type`,
      params: { type },
      message: type === 'integer' ? 'must be a decimal integer' : 'must be a decimal number',
    });
  }
  return errors;
}
