import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { describeError } from './messages';

export type Async<T> =
  | { state: 'loading' }
  | { state: 'error'; error: unknown }
  | { state: 'done'; value: T };

/** Runs `load` when `key` changes; the last call wins. `reload` runs it again (the retry button). */
export function useAsync<T>(load: () => Promise<T>, key: string): [Async<T>, () => void] {
  const [result, setResult] = useState<Async<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setResult({ state: 'loading' });
    load().then(
      (value) => live && setResult({ state: 'done', value }),
      (error: unknown) => live && setResult({ state: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [key, attempt]);
  return [result, useCallback(() => setAttempt((a) => a + 1), [])];
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="loading" role="status">
      Loading {what}…
    </p>
  );
}

export function ErrorBox({ error, retry, userId }: { error: unknown; retry?: () => void; userId?: number }) {
  const { text, retry: canRetry } = describeError(error, userId === undefined ? {} : { userId });
  return (
    <div class="error" role="alert">
      <p>{text}</p>
      {canRetry && retry ? (
        <button type="button" onClick={retry}>
          Retry
        </button>
      ) : null}
    </div>
  );
}

/** Shows `value` when done, else a loading line or the error with a retry. */
export function Show<T>(props: {
  result: Async<T>;
  what: string;
  retry: () => void;
  userId?: number;
  children: (value: T) => ComponentChildren;
}) {
  const { result } = props;
  if (result.state === 'loading') return <Loading what={props.what} />;
  if (result.state === 'error') {
    return (
      <ErrorBox
        error={result.error}
        retry={props.retry}
        {...(props.userId === undefined ? {} : { userId: props.userId })}
      />
    );
  }
  return <>{props.children(result.value)}</>;
}

export interface Column<R> {
  readonly label: string;
  readonly value: (row: R) => ComponentChildren;
  readonly numeric?: boolean;
}

export function Table<R>({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: readonly Column<R>[];
  rows: readonly R[];
}) {
  return (
    <ScrollBox label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" class={c.numeric ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              {columns.map((c) => (
                <td class={c.numeric ? 'num' : undefined}>{c.value(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}

/**
 * The box a wide table scrolls in on a narrow screen. It takes the focus (and is a named region),
 * so a keyboard can scroll it too.
 */
export function ScrollBox({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section class="table-wrap" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}

export type PlotLibrary = typeof import('./plot');

let plotLibrary: Promise<PlotLibrary> | null = null;

/**
 * Observable Plot, loaded on first use: it is two thirds of the page's JavaScript, and the first
 * view (a table of recommendations) does not need it, so it arrives after that view is on screen.
 */
export function loadPlot(): Promise<PlotLibrary> {
  plotLibrary ??= import('./plot');
  return plotLibrary;
}

/**
 * A chart drawn by `render` (given Observable Plot, which returns an element), with its data as
 * a table behind a toggle: the text alternative for anyone who cannot see the chart.
 */
export function Chart<R>(props: {
  title: string;
  description: string;
  render: (plot: PlotLibrary) => Element;
  columns: readonly Column<R>[];
  rows: readonly R[];
}) {
  const host = useRef<HTMLDivElement>(null);
  const [asTable, setAsTable] = useState(false);
  const [plot, setPlot] = useState<PlotLibrary | null>(null);
  useEffect(() => {
    let live = true;
    loadPlot().then((library) => live && setPlot(library));
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    const el = host.current;
    if (el === null || asTable || plot === null) return;
    const chart = props.render(plot);
    // The figure's label and its table toggle are the text alternative; Plot's per-mark labels
    // on <g> elements are not valid ARIA, so the drawing itself is hidden from assistive tech.
    chart.setAttribute('aria-hidden', 'true');
    el.replaceChildren(chart);
    return () => el.replaceChildren();
  });
  return (
    <figure class="chart">
      <figcaption>
        <h3>{props.title}</h3>
        <button type="button" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
          {asTable ? 'Show chart' : 'Show table'}
        </button>
      </figcaption>
      {asTable ? (
        <Table caption={props.title} columns={props.columns} rows={props.rows} />
      ) : (
        <div ref={host} role="img" aria-label={`${props.title}: ${props.description}`} />
      )}
    </figure>
  );
}

export function Cards({ items }: { items: readonly { label: string; value: string }[] }) {
  return (
    <dl class="cards">
      {items.map((c) => (
        <div class="card">
          <dt>{c.label}</dt>
          <dd>{c.value}</dd>
        </div>
      ))}
    </dl>
  );
}
