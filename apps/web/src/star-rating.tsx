import { useId, useRef } from 'preact/hooks';

/** The ratings a person can give: half stars, 0.5 to 5 (what `POST /v1/recommendations` takes). */
export const STAR_VALUES: readonly number[] = Array.from({ length: 10 }, (_, i) => (i + 1) / 2);

/** `0.5 stars`, `1 star`, `4.5 stars`: each radio's accessible name. */
export function starLabel(value: number): string {
  return `${value} ${value === 1 ? 'star' : 'stars'}`;
}

/**
 * Where a key moves the focus and the selection, by WAI-ARIA's radio-group pattern: Right and
 * Down to the next value, Left and Up to the previous one (both wrap), Home and End to the ends,
 * Space to the focused one. Null for any other key. `from` is the index of the focused radio.
 */
export function keyTarget(key: string, from: number, count: number = STAR_VALUES.length): number | null {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return (from + 1) % count;
    case 'ArrowLeft':
    case 'ArrowUp':
      return (from - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case ' ':
      return from;
    default:
      return null;
  }
}

/** A five-pointed star in a 24 x 24 box; each radio shows its left or right half. */
const STAR_PATH =
  'M12 1.5l3.09 6.26 6.91 1.01-5 4.87 1.18 6.88L12 17.27l-6.18 3.25L7 13.64 2 8.77l6.91-1.01z';

/**
 * A star rating as a radio group of ten half stars: native radio inputs (one name, so one tab
 * stop), each visually a half star, in a labelled `radiogroup`. The keys are handled here rather
 * than left to the browser so every browser (and the tests' DOM) moves the same way; a click on a
 * half star selects it.
 *
 * @example
 * <StarRating label="Rating for Alien (1979)" value={4.5} onChange={(v) => save(v)} />
 */
export function StarRating({
  label,
  value,
  onChange,
}: {
  /** The group's accessible name, e.g. "Rating for Alien (1979)". */
  label: string;
  /** The chosen rating, or null when none is chosen yet. */
  value: number | null;
  onChange: (value: number) => void;
}) {
  const name = useId();
  const radios = useRef<(HTMLInputElement | null)[]>([]);
  const choose = (index: number) => {
    radios.current[index]?.focus();
    if (STAR_VALUES[index] !== value) onChange(STAR_VALUES[index]!);
  };
  return (
    <span class="stars">
      <span role="radiogroup" aria-label={label}>
        {STAR_VALUES.map((v, i) => (
          <label class={value !== null && v <= value ? 'star on' : 'star'}>
            <input
              ref={(el) => {
                radios.current[i] = el;
              }}
              type="radio"
              name={name}
              value={String(v)}
              checked={v === value}
              aria-label={starLabel(v)}
              onChange={() => choose(i)}
              onKeyDown={(e) => {
                const to = keyTarget(e.key, i);
                if (to === null) return;
                e.preventDefault();
                choose(to);
              }}
            />
            <svg viewBox={i % 2 === 0 ? '0 0 12 24' : '12 0 12 24'} aria-hidden="true" focusable="false">
              <path d={STAR_PATH} />
            </svg>
          </label>
        ))}
      </span>
      <span class="stars-value" aria-hidden="true">
        {value === null ? 'not rated' : starLabel(value)}
      </span>
    </span>
  );
}
