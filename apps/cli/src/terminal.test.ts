import { describe, expect, it } from 'vitest';
import { escapeControl, useColor } from './terminal';

describe('escapeControl', () => {
  it('shows escape sequences and other controls as text, keeping tabs and newlines', () => {
    expect(escapeControl('\x1b[31mred\x1b[0m')).toBe('\\x1b[31mred\\x1b[0m');
    expect(escapeControl('a\rb\x07c\x9bd\x7f')).toBe('a\\x0db\\x07c\\x9bd\\x7f');
    expect(escapeControl('tab\tand\nnewline, café')).toBe('tab\tand\nnewline, café');
  });
});

describe('useColor', () => {
  const tty = { isTTY: true };
  const pipe = { isTTY: false };

  it('colours a terminal and not a pipe by default', () => {
    expect(useColor(tty, {})).toBe(true);
    expect(useColor(pipe, {})).toBe(false);
    expect(useColor(tty, { TERM: 'dumb' })).toBe(false);
  });

  it('honours NO_COLOR on a terminal (any non-empty value)', () => {
    expect(useColor(tty, { NO_COLOR: '1' })).toBe(false);
    expect(useColor(tty, { NO_COLOR: 'yes' })).toBe(false);
    expect(useColor(tty, { NO_COLOR: '' })).toBe(true);
  });

  it('honours FORCE_COLOR on a pipe, and FORCE_COLOR=0 on a terminal', () => {
    expect(useColor(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(useColor(pipe, { FORCE_COLOR: '3' })).toBe(true);
    expect(useColor(tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(useColor(tty, { FORCE_COLOR: 'false' })).toBe(false);
    expect(useColor(pipe, { FORCE_COLOR: '' })).toBe(false);
    // As in Node itself, FORCE_COLOR wins over NO_COLOR.
    expect(useColor(pipe, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(true);
  });
});
