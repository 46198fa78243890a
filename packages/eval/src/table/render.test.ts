import { describe, expect, it } from 'vitest';
import { toCsv, toJson, toMarkdown, toTerminalTable } from './render';

const rows = [
  { model: 'lr', split: 'val', rocAuc: 0.81234, logLoss: 0.5, n: 10 },
  { model: 'xgb', split: 'val', rocAuc: 0.8, logLoss: 0.45, n: 200 },
  { model: 'lr', split: 'test', rocAuc: 0.79, logLoss: 0.52, n: 10 },
  { model: 'xgb', split: 'test', rocAuc: 0.83, logLoss: 0.55, n: 200 },
];

describe('toTerminalTable', () => {
  it('aligns columns, rounds numbers and marks the best value per split', () => {
    const text = toTerminalTable(rows);
    // Best per split: val -> ROC AUC lr (max), log loss xgb (min); test -> ROC AUC xgb, log loss lr.
    // Unmarked numbers in a marked column get a space instead of '*' so decimal points line up.
    expect(text.split('\n')).toEqual([
      'model  split  ROC AUC  log loss    n',
      '-----  -----  -------  --------  ---',
      'lr     val    0.8123*   0.5000    10',
      'xgb    val    0.8000    0.4500*  200',
      'lr     test   0.7900    0.5200*   10',
      'xgb    test   0.8300*   0.5500   200',
    ]);
  });

  it('uses ANSI bold green instead of the marker with color on, and padding stays outside the codes', () => {
    const text = toTerminalTable(rows, { color: true, columns: ['model', 'split', 'rocAuc'] });
    const lines = text.split('\n');
    // 'ROC AUC' is 7 wide and the values 6, so one space of padding precedes the coloured text.
    expect(lines[2]).toBe('lr     val     \u001b[1;32m0.8123\u001b[0m');
    expect(lines[3]).toBe('xgb    val     0.8000');
  });

  it('compares the whole table with groupBy null, and can turn marking off', () => {
    const lines = toTerminalTable(rows, { columns: ['model', 'rocAuc'], groupBy: null }).split('\n');
    expect(lines.filter((line) => line.endsWith('*'))).toEqual(['xgb    0.8300*']);
    expect(toTerminalTable(rows, { markBest: false })).not.toContain('*');
  });

  it('honours headers, digits, format and best from column specs, and shows missing values as -', () => {
    const text = toTerminalTable([{ name: 'a', score: 0.5 }, { name: 'b', score: 0.7 }, { name: 'c' }], {
      columns: [
        { key: 'name', header: 'who', format: (value) => String(value).toUpperCase() },
        { key: 'score', digits: 1, best: 'min' },
      ],
    });
    // Trailing padding is trimmed from every line.
    expect(text.split('\n')).toEqual(['who  score', '---  -----', 'A     0.5*', 'B     0.7', 'C       -']);
  });

  it('highlights nothing in a group with a single value', () => {
    expect(
      toTerminalTable([
        { split: 'val', f1: 0.5 },
        { split: 'test', f1: 0.4 },
      ]),
    ).not.toContain('*');
  });
});

describe('toMarkdown', () => {
  it('right-aligns numbers, bolds the best per split and escapes pipes', () => {
    const markdown = toMarkdown(
      [
        { model: 'a|b', split: 'val', f1: 0.5 },
        { model: 'c', split: 'val', f1: 0.25 },
      ],
      {},
    );
    expect(markdown).toBe(
      [
        '| model | split | F1 |',
        '| :--- | :--- | ---: |',
        '| a\\|b | val | **0.5000** |',
        '| c | val | 0.2500 |',
        '',
      ].join('\n'),
    );
  });
});

describe('toCsv', () => {
  it('writes keys as the header, full-precision numbers and CRLF records', () => {
    expect(toCsv(rows.slice(0, 2), { columns: ['model', 'rocAuc', 'n'] })).toBe(
      'model,rocAuc,n\r\nlr,0.81234,10\r\nxgb,0.8,200\r\n',
    );
  });

  it('quotes fields with commas, quotes or line breaks (RFC 4180) and leaves missing values empty', () => {
    const csv = toCsv([{ a: 'x,y', b: 'say "hi"', c: 'two\nlines', d: null }], { newline: '\n' });
    expect(csv).toBe('a,b,c,d\n"x,y","say ""hi""","two\nlines",\n');
  });
});

describe('toJson', () => {
  it('round-trips the rows and turns NaN into null', () => {
    const parsed = JSON.parse(toJson([{ model: 'lr', rocAuc: Number.NaN, extra: 1 }]));
    expect(parsed).toEqual([{ model: 'lr', rocAuc: null, extra: 1 }]);
  });

  it('keeps only the chosen columns, in their order', () => {
    expect(JSON.parse(toJson(rows.slice(0, 1), { columns: ['rocAuc', 'model'] }))).toEqual([
      { rocAuc: 0.81234, model: 'lr' },
    ]);
    expect(Object.keys(JSON.parse(toJson(rows.slice(0, 1), { columns: ['rocAuc', 'model'] }))[0])).toEqual([
      'rocAuc',
      'model',
    ]);
  });
});
