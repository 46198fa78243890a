import type { ModelReportBody } from '@reco/client';
import { useState } from 'preact/hooks';
import { api } from '../api';
import { bytes, duration, int, metric } from '../format';
import { Chart, ScrollBox, Show, Table, useAsync } from '../ui';
import { bestPerColumn, type ComparisonKey, METRICS, sortRows } from './model-table';

type Report = ModelReportBody;
type Curves = NonNullable<Report['curves']>;
type ModelCurves = Curves['models'][number];
type Importance = NonNullable<ModelCurves['importance']>;
type Ranking = NonNullable<Report['ranking']>;

export function ModelsTab() {
  const [report, retry] = useAsync(() => api.modelReport(), 'report');
  return (
    <Show result={report} what="the model report" retry={retry}>
      {(r) => <ModelsView r={r} />}
    </Show>
  );
}

function ModelsView({ r }: { r: Report }) {
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
      {r.curves === null ? (
        <p class="note" role="note">
          ROC, precision–recall, calibration, confusion and importance need <code>reco train</code> to be run
          again (this bundle predates them).
        </p>
      ) : (
        <CurvesGrid chosen={r.chosen} curves={r.curves} />
      )}
      {r.cf ? <CfDecision cf={r.cf} /> : null}
      {r.ranking ? <RankingSection ranking={r.ranking} /> : null}
      <StagesTable r={r} />
    </section>
  );
}

/** The comparison's sort: another column starts descending, the sorted one flips. */
function useComparisonSort() {
  const [sort, setSort] = useState<{ key: ComparisonKey; desc: boolean }>({ key: 'rocAuc', desc: true });
  const sortBy = (key: ComparisonKey) => setSort({ key, desc: sort.key === key ? !sort.desc : true });
  return [sort, sortBy] as const;
}

function ComparisonTable({ r }: { r: Report }) {
  const [sort, sortBy] = useComparisonSort();
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
              <SortHeader
                label={m.label}
                sort={sort.key === m.key ? (sort.desc ? 'descending' : 'ascending') : 'none'}
                onClick={() => sortBy(m.key)}
              />
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
                <MetricCell
                  metricKey={m.key}
                  value={row[m.key]}
                  best={best.get(`${row.split}:${m.key}`) === row[m.key]}
                />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}

function SortHeader(props: {
  label: string;
  sort: 'ascending' | 'descending' | 'none';
  onClick: () => void;
}) {
  return (
    <th scope="col" class="num" aria-sort={props.sort}>
      <button type="button" onClick={props.onClick}>
        {props.label}
      </button>
    </th>
  );
}

/** A metric, starred (in words too, for screen readers) when it is the best in its split. */
function MetricCell({ metricKey, value, best }: { metricKey: ComparisonKey; value: number; best: boolean }) {
  return (
    <td class="num" data-metric={metricKey}>
      {metric(value)}
      {best ? (
        <span title="best in this split">
          {' ★'}
          <span class="sr-only"> (best)</span>
        </span>
      ) : null}
    </td>
  );
}

/** The test-split charts and tables of a bundle that stored its curves. */
function CurvesGrid({ chosen, curves }: { chosen: Report['chosen']; curves: Curves }) {
  const served = curves.models.find((m) => m.model === chosen.model && m.variant === chosen.variant);
  const xgb = curves.models.find((m) => m.model === 'xgb' && m.importance !== null);
  const lr = curves.models.find((m) => m.model === 'lr' && m.importance !== null);
  return (
    <div class="grid">
      <RocChart models={curves.models} />
      <PrChart models={curves.models} />
      {served ? <CalibrationChart curves={served} /> : null}
      <ConfusionTable confusion={curves.confusion} threshold={chosen.threshold} />
      {xgb?.importance ? (
        <ImportanceTable
          caption={`XGBoost feature importance (${xgb.importance.type})`}
          importance={xgb.importance}
          valueLabel="Gain"
          digits={2}
        />
      ) : null}
      {lr?.importance ? (
        <ImportanceTable
          caption="Logistic regression coefficients"
          importance={lr.importance}
          valueLabel="Coefficient"
          digits={3}
        />
      ) : null}
    </div>
  );
}

/** Every model's ROC or PR points, each named `model variant` for the legend and the table. */
function curveLines(models: readonly ModelCurves[], pick: 'roc' | 'pr') {
  return models.flatMap((m) => m[pick].map((p) => ({ ...p, name: `${m.model} ${m.variant}` })));
}

function RocChart({ models }: { models: readonly ModelCurves[] }) {
  const lines = curveLines(models, 'roc');
  return (
    <Chart
      title="ROC curves (test)"
      description="true positive rate against false positive rate for every model and variant"
      rows={lines}
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
            Plot.line(lines, { x: 'x', y: 'y', stroke: 'name' }),
            Plot.link([0], { x1: 0, y1: 0, x2: 1, y2: 1, strokeDasharray: '4' }),
          ],
        })
      }
    />
  );
}

function PrChart({ models }: { models: readonly ModelCurves[] }) {
  const lines = curveLines(models, 'pr');
  return (
    <Chart
      title="Precision–recall curves (test)"
      description="precision against recall for every model and variant"
      rows={lines}
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
          marks: [Plot.line(lines, { x: 'x', y: 'y', stroke: 'name' })],
        })
      }
    />
  );
}

function CalibrationChart({ curves }: { curves: ModelCurves }) {
  return (
    <Chart
      title={`Calibration of ${curves.model} ${curves.variant}`}
      description="observed like rate against mean predicted probability, per bin"
      rows={curves.calibration}
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
            Plot.line(curves.calibration, { x: 'meanPredicted', y: 'observedRate', marker: true }),
          ],
        })
      }
    />
  );
}

function ConfusionTable({ confusion, threshold }: { confusion: Curves['confusion']; threshold: number }) {
  return (
    <Table
      caption={`Confusion matrix at threshold ${metric(threshold)} (test)`}
      rows={[
        { actual: 'liked', predLike: confusion.tp, predNot: confusion.fn },
        { actual: 'not liked', predLike: confusion.fp, predNot: confusion.tn },
      ]}
      columns={[
        { label: 'Actual', value: (c) => c.actual },
        { label: 'Predicted like', value: (c) => int(c.predLike), numeric: true },
        { label: 'Predicted not', value: (c) => int(c.predNot), numeric: true },
      ]}
    />
  );
}

/** The 15 strongest features of one model (`features` come sorted, strongest first). */
function ImportanceTable(props: {
  caption: string;
  importance: Importance;
  valueLabel: string;
  digits: number;
}) {
  return (
    <Table
      caption={props.caption}
      rows={props.importance.features.slice(0, 15)}
      columns={[
        { label: 'Feature', value: (f) => f.name },
        { label: props.valueLabel, value: (f) => f.value.toFixed(props.digits), numeric: true },
      ]}
    />
  );
}

function CfDecision({ cf }: { cf: NonNullable<Report['cf']> }) {
  return (
    <p>
      CF feature: <strong>{cf.used ? 'used' : 'not used'}</strong> ({cf.reason})
      {cf.validationAuc
        ? `; validation AUC without ${metric(cf.validationAuc.without)}, with ${metric(cf.validationAuc.with)}`
        : ''}
      .
    </p>
  );
}

function RankingSection({ ranking }: { ranking: Ranking }) {
  const strategy = (x: Ranking['results'][number]) =>
    x.strategy === 'popularity'
      ? 'popularity (baseline)'
      : x.strategy === ranking.served?.strategy
        ? `${x.strategy} (served)`
        : x.strategy;
  return (
    <>
      <Table
        caption={`Ranking strategies (top ${ranking.k}, ${int(ranking.users)} users; popularity is the baseline)`}
        rows={ranking.results}
        columns={[
          { label: 'Strategy', value: strategy },
          { label: 'Holdout', value: (x) => x.holdout ?? 'temporal' },
          { label: `NDCG@${ranking.k}`, value: (x) => metric(x.ndcg), numeric: true },
          { label: 'Recall@20', value: (x) => optionalMetric(x.recall20 ?? x.recall), numeric: true },
          { label: 'MAP', value: (x) => metric(x.map), numeric: true },
          { label: 'HR@10', value: (x) => optionalMetric(x.hitRate), numeric: true },
          { label: 'Coverage', value: (x) => metric(x.coverage), numeric: true },
        ]}
      />
      {ranking.served ? (
        <p>
          Served by default: <strong>{ranking.served.strategy}</strong> ({ranking.served.reason}).
        </p>
      ) : null}
    </>
  );
}

function StagesTable({ r }: { r: Report }) {
  const memory = r.peakRssBytes === null ? '' : `, peak memory ${bytes(r.peakRssBytes)}`;
  return (
    <Table
      caption={`Training run: seconds per stage${memory}`}
      rows={r.stages}
      columns={[
        { label: 'Stage', value: (s) => s.stage },
        { label: 'Time', value: (s) => duration(s.seconds), numeric: true },
      ]}
    />
  );
}

/** A metric older bundles may lack. */
function optionalMetric(n: number | undefined): string {
  return n === undefined ? '–' : metric(n);
}
