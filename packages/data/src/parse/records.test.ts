import { describe, expect, it } from 'vitest';
import { readRecords, splitLine } from './records';
import { decodeText } from './text';

describe('readRecords', () => {
  it('reads RFC 4180 CSV: quotes, doubled quotes, commas, line breaks inside quotes, CRLF', () => {
    const text = 'a,b,c\r\n1,"x, y","say ""hi"""\r\n\r\n2,"two\nlines",\n3,,last';
    expect([...readRecords(text, ',')]).toEqual([
      { fields: ['a', 'b', 'c'], line: 1 },
      { fields: ['1', 'x, y', 'say "hi"'], line: 2 },
      { fields: ['2', 'two\nlines', ''], line: 4 },
      { fields: ['3', '', 'last'], line: 6 },
    ]);
  });

  it('splits the other delimiters plainly', () => {
    expect([...readRecords('1::A "q"::x\n\n2::B::y\n', '::')]).toEqual([
      { fields: ['1', 'A "q"', 'x'], line: 1 },
      { fields: ['2', 'B', 'y'], line: 3 },
    ]);
    expect([...readRecords('1|a|b\r\n', '|')]).toEqual([{ fields: ['1', 'a', 'b'], line: 1 }]);
  });

  it('says when a quote is never closed or text follows a closing quote', () => {
    expect(() => [...readRecords('1,"open\n2,3\n', ',')]).toThrow(
      'a quoted field opened on line 1 is never closed',
    );
    expect(() => splitLine('"a"b,c', ',')).toThrow('unexpected text after a closing quote');
  });
});

describe('decodeText', () => {
  it('reads UTF-8 (dropping a BOM) and falls back to Latin-1 for other bytes', () => {
    expect(decodeText(Buffer.from('\uFEFFCité', 'utf8'))).toEqual({ text: 'Cité', encoding: 'utf-8' });
    expect(decodeText(Buffer.from('Misérables', 'latin1'))).toEqual({
      text: 'Misérables',
      encoding: 'latin1',
    });
  });
});
