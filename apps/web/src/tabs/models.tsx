import type { ModelReportBody } from '@reco/client';
import { useState } from 'preact/hooks';
import { api } from '../api';
import { bytes, duration, int, metric } from '../format';
import { Chart, ScrollBox, Show, Table, useAsync } from '../ui';
import { bestPerColumn, type ComparisonKey, METRICS, sortRows } from './model-table';

export function ModelsTab() {
  const [report, retry] = useAsync(() => api.modelReport(), 'report');
  return (
    <Show result={report} what="the model report" retry={retry}>
      {(r) => <ModelsView r={r} />}
    </Show>
  );
}

function ComparisonTable({ r }: { r: ModelReportBody }) {
  const [sort, setSort] = useState<{ key: ComparisonKey; desc: boolean }>({ key: 'rocAuc', desc: true });
  const rows = sortRows(r.comparison, sort.key, sort.desc);
  const best = bestPerColumn(r.comparison);
  const chosen = (row: { model: string; variant: string }) =>
    row.model === r.chosen.model && row.variant === r.chosen.variant;
  const caption =
    'Model comparison (validation and test; ★ best per split, highlighted row: the served model)';
  return (
    <ScrollBox label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Variant</th>
            <th scope="col">Split</th>
            {METRICS.map((m) => (
              <th
                scope="col"
                class="num"
                aria-sort={sort.key === m.key ? (sort.desc ? 'descending' : 'ascending') : 'none'}
              >
                <button
                  type="button"
                  onClick={() => setSort({ key: m.key, desc: sort.key === m.key ? !sort.desc : true })}
                >
                  {m.label}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr class={chosen(row) ? 'chosen' : undefined}>
              <td>
                {row.model}
                {/* The highlight in words too, for anyone who cannot see the row's colour. */}
                {chosen(row) ? <span class="tag">served</span> : null}
              </td>
              <td>{row.variant}</td>
              <td>{row.split}</td>
              {METRICS.map((m) => (
                <td class="num" data-metric={m.key}>
                  {metric(row[m.key])}
                  {best.get(`${row.split}:${m.key}`) === row[m.key] ? (
                    <span title="best in this split">
                      {' ★'}
                      <span class="sr-only"> (best)</span>
                    </span>
                  ) : null}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}

function ModelsView({ r }: { r: ModelReportBody }) {
  const curves = r.curves;
  const lines = (pick: 'roc' | 'pr') =>
    (curves?.models ?? []).flatMap((m) => m[pick].map((p) => ({ ...p, name: `${m.model} ${m.variant}` })));
  const chosenCurves = curves?.models.find(
    (m) => m.model === r.chosen.model && m.variant === r.chosen.variant,
  );
  const xgb = curves?.models.find((m) => m.model === 'xgb' && m.importance !== null);
  const lr = curves?.models.find((m) => m.model === 'lr' && m.importance !== null);
  return (
    <section aria-labelledby="models-title">
      <h2 id="models-title">Models</h2>
      <p>
        Served:{' '}
        <strong>
          {r.chosen.model} {r.chosen.variant}
        </strong>
        , chosen by validation ROC AUC, threshold {metric(r.chosen.threshold)}.
      </p>
      <ComparisonTable r={r} />
      {curves === null ? (
        <p class="note" role="note">
          ROC, precision–recall, calibration, confusion and importance need <code>reco train</code> to be run
          again (this bundle predates them).
        </p>
      ) : (
        <div class="grid">
          <Chart
            title="ROC curves (test)"
            description="true positive rate against false positive rate for every model and variant"
            rows={lines('roc')}
            columns={[
              { label: 'Model', value: (p) => p.name },
              { label: 'FPR', value: (p) => metric(p.x), numeric: true },
              { label: 'TPR', value: (p) => metric(p.y), numeric: true },
            ]}
            render={(Plot) =>
              Plot.plot({
                x: { label: 'False positive rate', domain: [0, 1] },
                y: { label: 'True positive rate', domain: [0, 1], grid: true },
                color: { legend: true },
                marks: [
                  Plot.line(lines('roc'), { x: 'x', y: 'y', stroke: 'name' }),
                  Plot.link([0], { x1: 0, y1: 0, x2: 1, y2: 1, strokeDasharray: '4' }),
                ],
              })
            }
          />
          <Chart
            title="Precision–recall curves (test)"
            description="precision against recall for every model and variant"
            rows={lines('pr')}
            columns={[
              { label: 'Model', value: (p) => p.name },
              { label: 'Recall', value: (p) => metric(p.x), numeric: true },
              { label: 'Precision', value: (p) => metric(p.y), numeric: true },
            ]}
            render={(Plot) =>
              Plot.plot({
                x: { label: 'Recall', domain: [0, 1] },
                y: { label: 'Precision', grid: true },
                color: { legend: true },
                marks: [Plot.line(lines('pr'), { x: 'x', y: 'y', stroke: 'name' })],
              })
            }
          />
          {chosenCurves ? (
            <Chart
              title={`Calibration of ${chosenCurves.model} ${chosenCurves.variant}`}
              description="observed like rate against mean predicted probability, per bin"
              rows={chosenCurves.calibration}
              columns={[
                { label: 'Mean predicted', value: (b) => metric(b.meanPredicted), numeric: true },
                { label: 'Observed', value: (b) => metric(b.observedRate), numeric: true },
                { label: 'Rows', value: (b) => int(b.count), numeric: true },
              ]}
              render={(Plot) =>
                Plot.plot({
                  x: { label: 'Mean predicted probability', domain: [0, 1] },
                  y: { label: 'Observed like rate', domain: [0, 1], grid: true },
                  marks: [
                    Plot.link([0], { x1: 0, y1: 0, x2: 1, y2: 1, strokeDasharray: '4' }),
                    Plot.line(chosenCurves.calibration, {
                      x: 'meanPredicted',
                      y: 'observedRate',
                      marker: true,
                    }),
                  ],
                })
              }
            />
          ) : null}
          <Table
            caption={`Confusion matrix at threshold ${metric(r.chosen.threshold)} (test)`}
            rows={[
              { actual: 'liked', predLike: curves.confusion.tp, predNot: curves.confusion.fn },
              { actual: 'not liked', predLike: curves.confusion.fp, predNot: curves.confusion.tn },
            ]}
            columns={[
              { label: 'Actual', value: (c) => c.actual },
              { label: 'Predicted like', value: (c) => int(c.predLike), numeric: true },
              { label: 'Predicted not', value: (c) => int(c.predNot), numeric: true },
            ]}
          />
          {xgb?.importance ? (
            <Table
              caption={`XGBoost feature importance (${xgb.importance.type})`}
              rows={xgb.importance.features.slice(0, 15)}
              columns={[
                { label: 'Feature', value: (f) => f.name },
                { label: 'Gain', value: (f) => f.value.toFixed(2), numeric: true },
              ]}
            />
          ) : null}
          {lr?.importance ? (
            <Table
              caption="Logistic regression coefficients"
              rows={lr.importance.features.slice(0, 15)}
              columns={[
                { label: 'Feature', value: (f) => f.name },
                { label: 'Coefficient', value: (f) => f.value.toFixed(3), numeric: true },
              ]}
            />
          ) : null}
        </div>
      )}
      {r.cf ? (
        <p>
          CF feature: <strong>{r.cf.used ? 'used' : 'not used'}</strong> ({r.cf.reason})
          {r.cf.validationAuc
            ? `; validation AUC without ${metric(r.cf.validationAuc.without)}, with ${metric(r.cf.validationAuc.with)}`
            : ''}
          .
        </p>
      ) : null}
      {r.ranking ? (
        <>
          <Table
            caption={`Ranking strategies (top ${r.ranking.k}, ${int(r.ranking.users)} users; popularity is the baseline)`}
            rows={r.ranking.results}
            columns={[
              {
                label: 'Strategy',
                value: (x) =>
                  x.strategy === 'popularity'
                    ? 'popularity (baseline)'
                    : x.strategy === r.ranking?.served?.strategy
                      ? `${x.strategy} (served)`
                      : x.strategy,
              },
              { label: 'Holdout', value: (x) => x.holdout ?? 'temporal' },
              { label: `NDCG@${r.ranking.k}`, value: (x) => metric(x.ndcg), numeric: true },
              { label: 'Recall@20', value: (x) => optionalMetric(x.recall20 ?? x.recall), numeric: true },
              { label: 'MAP', value: (x) => metric(x.map), numeric: true },
              { label: 'HR@10', value: (x) => optionalMetric(x.hitRate), numeric: true },
              { label: 'Coverage', value: (x) => metric(x.coverage), numeric: true },
            ]}
          />
          {r.ranking.served ? (
            <p>
              Served by default: <strong>{r.ranking.served.strategy}</strong> ({r.ranking.served.reason}).
            </p>
          ) : null}
        </>
      ) : null}
      <Table
        caption={`Training run: seconds per stage${r.peakRssBytes === null ? '' : `, peak memory ${bytes(r.peakRssBytes)}`}`}
        rows={r.stages}
        columns={[
          { label: 'Stage', value: (s) => s.stage },
          { label: 'Time', value: (s) => duration(s.seconds), numeric: true },
        ]}
      />
    </section>
  );
}

/** A metric older bundles may lack. */
function optionalMetric(n: number | undefined): string {
  return n === undefined ? '–' : metric(n);
}
