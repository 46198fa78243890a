import type { DatasetSummaryBody } from '@reco/client';
import { api } from '../api';
import { day, int, metric, percent } from '../format';
import { Cards, Chart, Show, Table, useAsync } from '../ui';

type Summary = DatasetSummaryBody;
type Genre = Summary['genres'][number];
type CountBin = Summary['ratingsPerUser'][number];

export function DataTab() {
  const [summary, retry] = useAsync(() => api.datasetSummary(), 'summary');
  return (
    <Show result={summary} what="the dataset summary" retry={retry}>
      {(s) => <DatasetView s={s} />}
    </Show>
  );
}

function DatasetView({ s }: { s: Summary }) {
  const mean = s.overview.meanRating;
  return (
    <section aria-labelledby="data-title">
      <h2 id="data-title">Data & EDA</h2>
      <OverviewCards s={s} />
      <div class="grid">
        <RatingHistogramChart rows={s.ratingHistogram} />
        <RatingsPerUserAndMovieChart perUser={s.ratingsPerUser} perMovie={s.ratingsPerMovie} />
        <RatingsOverTimeChart rows={s.ratingsByMonth} />
        <GenreRatingsChart genres={s.genres} />
        <GenreMeanChart genres={s.genres} overallMean={mean} />
      </div>
      <SampleTable rows={s.sample} />
      <p class="note">
        Computed by <code>reco train</code> on {s.source}; mean rating {mean === null ? '–' : metric(mean)}.
      </p>
    </section>
  );
}

function OverviewCards({ s }: { s: Summary }) {
  const o = s.overview;
  return (
    <Cards
      items={[
        { label: 'Users', value: int(o.users) },
        { label: 'Movies', value: int(o.movies) },
        { label: 'Ratings', value: int(o.ratings) },
        { label: 'Mean rating', value: o.meanRating === null ? '–' : o.meanRating.toFixed(2) },
        { label: `Like rate (≥ ${s.likeThreshold})`, value: percent(o.likeRate) },
        { label: 'Sparsity', value: percent(o.sparsity, 2) },
        {
          label: 'Date range',
          value: o.dateRange ? `${day(o.dateRange.from)} to ${day(o.dateRange.to)}` : '–',
        },
      ]}
    />
  );
}

function RatingHistogramChart({ rows }: { rows: Summary['ratingHistogram'] }) {
  return (
    <Chart
      title="Rating distribution"
      description="number of ratings per half star"
      rows={rows}
      columns={[
        { label: 'Rating', value: (r) => r.rating.toFixed(1), numeric: true },
        { label: 'Ratings', value: (r) => int(r.count), numeric: true },
      ]}
      render={(Plot) =>
        Plot.plot({
          marginLeft: 48,
          x: { label: 'Rating (stars)', type: 'band' },
          y: { label: 'Ratings', grid: true, tickFormat: '~s' },
          marks: [Plot.barY(rows, { x: 'rating', y: 'count', fill: 'currentColor' }), Plot.ruleY([0])],
        })
      }
    />
  );
}

function RatingsPerUserAndMovieChart(props: { perUser: readonly CountBin[]; perMovie: readonly CountBin[] }) {
  return (
    <Chart
      title="Ratings per user and per movie"
      description="how many users and movies have 1, 2–3, 4–7, … ratings (empty bins left out); log scales show the long tail"
      rows={[
        ...props.perUser.map((b) => ({ ...b, who: 'users' })),
        ...props.perMovie.map((b) => ({ ...b, who: 'movies' })),
      ]}
      columns={[
        { label: 'Of', value: (r) => r.who },
        { label: 'Ratings each', value: (r) => `${int(r.from)}–${int(r.to - 1)}`, numeric: true },
        { label: 'Count', value: (r) => int(r.count), numeric: true },
      ]}
      render={(Plot) => {
        // Empty bins (no user has fewer ratings than the release's minimum) have no place on a
        // log scale, so they are left out of the drawing; the table keeps them.
        const line = (bins: readonly CountBin[], who: string) =>
          Plot.line(
            bins.filter((b) => b.count > 0),
            { x: 'from', y: 'count', stroke: () => who, marker: true },
          );
        return Plot.plot({
          x: { type: 'log', label: 'Ratings each (log)' },
          y: { type: 'log', label: 'Users or movies (log)', grid: true, tickFormat: '~s' },
          color: { legend: true },
          marks: [line(props.perUser, 'users'), line(props.perMovie, 'movies')],
        });
      }}
    />
  );
}

function RatingsOverTimeChart({ rows }: { rows: Summary['ratingsByMonth'] }) {
  return (
    <Chart
      title="Ratings over time"
      description="ratings per month"
      rows={rows}
      columns={[
        { label: 'Month', value: (r) => r.month },
        { label: 'Ratings', value: (r) => int(r.count), numeric: true },
        { label: 'Mean', value: (r) => r.meanRating.toFixed(2), numeric: true },
      ]}
      render={(Plot) =>
        Plot.plot({
          x: { type: 'utc', label: 'Month' },
          y: { label: 'Ratings', grid: true },
          marks: [
            Plot.rectY(rows, {
              x: (d) => new Date(`${d.month}-01`),
              y: 'count',
              interval: 'month',
              fill: 'currentColor',
            }),
          ],
        })
      }
    />
  );
}

function GenreRatingsChart({ genres }: { genres: readonly Genre[] }) {
  return (
    <Chart
      title="Ratings per genre"
      description="number of ratings of movies in each genre, most rated first"
      rows={genres}
      columns={[
        { label: 'Genre', value: (r) => r.genre },
        { label: 'Movies', value: (r) => int(r.movies), numeric: true },
        { label: 'Ratings', value: (r) => int(r.ratings), numeric: true },
        {
          label: 'Mean rating',
          value: (r) => (r.meanRating === null ? '–' : r.meanRating.toFixed(2)),
          numeric: true,
        },
      ]}
      render={(Plot) =>
        Plot.plot({
          marginLeft: 110,
          x: { label: 'Ratings', grid: true },
          y: { label: null },
          marks: [Plot.barX(genres, { y: 'genre', x: 'ratings', fill: 'currentColor', sort: { y: '-x' } })],
        })
      }
    />
  );
}

function GenreMeanChart({ genres, overallMean }: { genres: readonly Genre[]; overallMean: number | null }) {
  const rated = genres.filter((g) => g.meanRating !== null);
  return (
    <Chart
      title="Mean rating per genre"
      description="mean rating of the movies in each genre, highest first, with the overall mean as a rule"
      rows={rated}
      columns={[
        { label: 'Genre', value: (r) => r.genre },
        { label: 'Mean rating', value: (r) => (r.meanRating ?? 0).toFixed(2), numeric: true },
        { label: 'Ratings', value: (r) => int(r.ratings), numeric: true },
      ]}
      render={(Plot) =>
        Plot.plot({
          marginLeft: 110,
          x: { label: 'Mean rating (stars)', domain: [0, 5], grid: true },
          y: { label: null },
          marks: [
            Plot.barX(rated, { y: 'genre', x: 'meanRating', fill: 'currentColor', sort: { y: '-x' } }),
            ...(overallMean === null ? [] : [Plot.ruleX([overallMean], { strokeDasharray: '4' })]),
          ],
        })
      }
    />
  );
}

function SampleTable({ rows }: { rows: Summary['sample'] }) {
  return (
    <Table
      caption="Sample interactions"
      rows={rows}
      columns={[
        { label: 'User', value: (r) => r.userId, numeric: true },
        { label: 'Title', value: (r) => r.title },
        { label: 'Genres', value: (r) => r.genres.join(', ') },
        { label: 'Year', value: (r) => r.year ?? '–', numeric: true },
        { label: 'Rating', value: (r) => r.rating.toFixed(1), numeric: true },
        { label: 'Date', value: (r) => day(r.timestamp) },
        {
          label: 'Links',
          value: (r) => (
            <>
              {r.imdbId ? <a href={`https://www.imdb.com/title/tt${r.imdbId}/`}>IMDb</a> : null}{' '}
              {r.tmdbId ? <a href={`https://www.themoviedb.org/movie/${r.tmdbId}`}>TMDB</a> : null}
            </>
          ),
        },
      ]}
    />
  );
}
