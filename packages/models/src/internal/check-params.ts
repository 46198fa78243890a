import { ModelError } from '../errors';

export interface NumberRule {
  readonly min?: number;
  readonly max?: number;
  /** When true, `min` itself is not allowed (e.g. eta > 0). */
  readonly exclusiveMin?: boolean;
  readonly integer?: boolean;
}

/** Throws an `invalid-input` ModelError naming the model, the parameter and the allowed range. */
export function checkNumber(model: string, name: string, value: unknown, rule: NumberRule): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!rule.integer || Number.isInteger(value)) &&
    (rule.min === undefined || (rule.exclusiveMin ? value > rule.min : value >= rule.min)) &&
    (rule.max === undefined || value <= rule.max);
  if (!ok) {
    throw new ModelError(
      'invalid-input',
      `${model}: ${name} is ${String(value)}; expected ${describe(rule)}`,
      { field: name },
    );
  }
  return value as number;
}

export function checkChoice<T extends string>(
  model: string,
  name: string,
  value: unknown,
  choices: readonly T[],
): T {
  if (typeof value !== 'string' || !choices.includes(value as T)) {
    throw new ModelError(
      'invalid-input',
      `${model}: ${name} is ${JSON.stringify(value)}; expected one of ${choices.map((c) => `'${c}'`).join(', ')}`,
      { field: name },
    );
  }
  return value as T;
}

/** Rejects keys that are not parameters of the model, so a typo never silently does nothing. */
export function checkKnownKeys(model: string, params: object, known: readonly string[]): void {
  for (const key of Object.keys(params)) {
    if (!known.includes(key)) {
      throw new ModelError(
        'invalid-input',
        `${model}: unknown parameter '${key}'; known: ${known.join(', ')}`,
        { field: key },
      );
    }
  }
}

function describe(rule: NumberRule): string {
  const kind = rule.integer ? 'an integer' : 'a finite number';
  const low = rule.min === undefined ? '' : `${rule.exclusiveMin ? '>' : '>='} ${rule.min}`;
  const high = rule.max === undefined ? '' : `<= ${rule.max}`;
  const range = [low, high].filter(Boolean).join(' and ');
  return range ? `${kind} ${range}` : kind;
}
