import { render } from 'preact';
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyTarget, STAR_VALUES, StarRating, starLabel } from './star-rating';

let host: HTMLElement;
let changes: number[];

/** The widget as a page uses it: the value lives in the parent's state. */
function Rated({ initial }: { initial: number | null }) {
  const [value, setValue] = useState(initial);
  return (
    <StarRating
      label="Rating for Alien (1979)"
      value={value}
      onChange={(v) => {
        changes.push(v);
        setValue(v);
      }}
    />
  );
}

function mount(initial: number | null) {
  act(() => render(<Rated initial={initial} />, host));
}

const group = () => host.querySelector('[role="radiogroup"]')!;
const radios = () => [...host.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
const radio = (name: string) => radios().find((r) => r.getAttribute('aria-label') === name)!;
const checked = () => radios().filter((r) => r.checked);
/** Filled half stars, by their radio's name. */
const filled = () =>
  radios()
    .filter((r) => r.closest('label')?.classList.contains('on'))
    .map((r) => r.getAttribute('aria-label'));

function press(target: HTMLElement, key: string) {
  act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
}

beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
  changes = [];
});
afterEach(() => {
  act(() => render(null, host));
  host.remove();
});

describe('starLabel and keyTarget', () => {
  it('names half stars 0.5 to 5 the way a person says them', () => {
    expect(STAR_VALUES).toEqual([0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5]);
    expect(STAR_VALUES.map(starLabel)).toContain('4.5 stars');
    expect(starLabel(1)).toBe('1 star');
    expect(starLabel(0.5)).toBe('0.5 stars');
  });

  it('moves by one with the arrows, wrapping at both ends, and ignores other keys', () => {
    expect(keyTarget('ArrowRight', 3)).toBe(4);
    expect(keyTarget('ArrowDown', 9)).toBe(0);
    expect(keyTarget('ArrowLeft', 0)).toBe(9);
    expect(keyTarget('ArrowUp', 5)).toBe(4);
    expect(keyTarget('Home', 6)).toBe(0);
    expect(keyTarget('End', 2)).toBe(9);
    expect(keyTarget(' ', 2)).toBe(2);
    expect(keyTarget('a', 2)).toBeNull();
    expect(keyTarget('Tab', 2)).toBeNull();
  });
});

describe('StarRating', () => {
  it('is a labelled radio group of ten half stars sharing one name (one tab stop), none checked', () => {
    mount(null);
    expect(group().getAttribute('aria-label')).toBe('Rating for Alien (1979)');
    expect(radios().map((r) => r.getAttribute('aria-label'))).toEqual(STAR_VALUES.map(starLabel));
    expect(new Set(radios().map((r) => r.name)).size).toBe(1);
    expect(radios()[0]!.name).not.toBe('');
    expect(checked()).toEqual([]);
    expect(filled()).toEqual([]);
    expect(host.textContent).toContain('not rated');
  });

  it('gives two widgets on one page different group names', () => {
    act(() =>
      render(
        <>
          <StarRating label="A" value={null} onChange={() => {}} />
          <StarRating label="B" value={null} onChange={() => {}} />
        </>,
        host,
      ),
    );
    expect(new Set(radios().map((r) => r.name)).size).toBe(2);
  });

  it('checks the clicked value and fills the stars up to it', () => {
    mount(null);
    act(() => radio('3.5 stars').click());
    expect(changes).toEqual([3.5]);
    expect(checked()).toEqual([radio('3.5 stars')]);
    expect(filled()).toEqual(STAR_VALUES.slice(0, 7).map(starLabel));
    expect(host.textContent).toContain('3.5 stars');
  });

  it('moves focus and selection with the arrow keys, as a radio group does', () => {
    mount(4);
    const start = radio('4 stars');
    press(start, 'ArrowRight');
    expect(checked()).toEqual([radio('4.5 stars')]);
    expect(document.activeElement).toBe(radio('4.5 stars'));
    press(radio('4.5 stars'), 'ArrowRight');
    press(radio('5 stars'), 'ArrowRight');
    expect(checked()).toEqual([radio('0.5 stars')]);
    press(radio('0.5 stars'), 'ArrowLeft');
    press(radio('5 stars'), 'ArrowUp');
    expect(checked()).toEqual([radio('4.5 stars')]);
    expect(changes).toEqual([4.5, 5, 0.5, 5, 4.5]);
  });

  it('selects the focused star with Space and leaves other keys to the page', () => {
    mount(null);
    press(radio('0.5 stars'), ' ');
    expect(changes).toEqual([0.5]);
    const tab = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true });
    act(() => {
      radio('0.5 stars').dispatchEvent(tab);
    });
    expect(tab.defaultPrevented).toBe(false);
    expect(changes).toEqual([0.5]);
  });

  it('does not report a change when the checked star is chosen again', () => {
    mount(2);
    act(() => radio('2 stars').click());
    press(radio('2 stars'), ' ');
    expect(changes).toEqual([]);
  });
});
