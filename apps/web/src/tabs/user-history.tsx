import type { GenrePreferenceBody, RatedMovieBody, UserHistoryBody } from '@reco/client';
import { api } from '../api';
import { int } from '../format';
import { type Async, Chart, type Column, Show, Table, useAsync } from '../ui';

/** How many highest and lowest rated movies the page shows. */
const HISTORY_N = 10;

const ratedColumns: readonly Column<RatedMovieBody>[] = [
  { label: 'Title', value: (r) => r.title },
  { label: 'Year', value: (r) => r.year ?? '–', numeric: true },
  { label: 'Rating', value: (r) => r.rating.toFixed(1), numeric: true },
  { label: 'Rated on', value: (r) => r.date },
];

const mean = (x: number | null) => (x === null ? '–' : x.toFixed(2));

/** "User 1 has 180 training ratings, mean 3.87 stars (everyone: 3.53)." */
export function historySummary(h: UserHistoryBody): string {
  const count = `${int(h.ratingCount)} training rating${h.ratingCount === 1 ? '' : 's'}`;
  if (h.meanRating === null) return `User ${h.userId} has no training ratings.`;
  return `User ${h.userId} has ${count}, mean ${mean(h.meanRating)} stars (everyone: ${mean(h.globalMeanRating)}).`;
}

function GenreChart({ h }: { h: UserHistoryBody }) {
  const rows = h.genres;
  return (
    <Chart<GenrePreferenceBody>
      title={`Genre preferences of user ${h.userId}`}
      description="the user's mean rating in each genre they rated (bars; their number of ratings in brackets) and everyone's mean in the genre (ticks), most rated genre first"
      rows={rows}
      columns={[
        { label: 'Genre', value: (g) => g.genre },
        { label: 'Ratings', value: (g) => int(g.count), numeric: true },
        { label: 'Their mean', value: (g) => mean(g.meanRating), numeric: true },
        { label: "Everyone's mean", value: (g) => mean(g.globalMeanRating), numeric: true },
      ]}
      render={(Plot) => {
        // The count sits in each genre's label, so the bars compare means only.
        const label = (g: GenrePreferenceBody) => `${g.genre} (${int(g.count)})`;
        return Plot.plot({
          marginLeft: 130,
          height: 40 + rows.length * 22,
          x: { label: 'Mean rating (stars); tick: everyone', domain: [0, 5], grid: true },
          y: { label: 'Genre (ratings)', domain: rows.map(label) },
          marks: [
            Plot.barX(rows, { y: label, x: 'meanRating', fill: 'currentColor', fillOpacity: 0.3 }),
            Plot.tickX(
              rows.filter((g) => g.globalMeanRating !== null),
              { y: label, x: 'globalMeanRating', stroke: 'currentColor', strokeWidth: 3 },
            ),
            Plot.ruleX([0]),
          ],
        });
      }}
    />
  );
}

/** Fetches a known user's history; the caller starts it beside their recommendations. */
export function useUserHistory(userId: number): [Async<UserHistoryBody>, () => void] {
  return useAsync(() => api.userHistory(userId, { n: HISTORY_N }), `history:${userId}`);
}

/** A known user's training ratings: a summary line, their top and bottom movies, genre tastes. */
export function UserHistoryView({
  userId,
  history,
  retry,
}: {
  userId: number;
  history: Async<UserHistoryBody>;
  retry: () => void;
}) {
  return (
    <section aria-labelledby="history-title" class="history">
      <h3 id="history-title">History of user {userId}</h3>
      <Show result={history} what={`the history of user ${userId}`} retry={retry} userId={userId}>
        {(h) => (
          <>
            <p>{historySummary(h)}</p>
            <div class="grid">
              <Table caption={`Top rated by user ${h.userId}`} columns={ratedColumns} rows={h.topRated} />
              <Table
                caption={`Lowest rated by user ${h.userId}`}
                columns={ratedColumns}
                rows={h.lowestRated}
              />
            </div>
            {h.genres.length > 0 ? <GenreChart h={h} /> : null}
          </>
        )}
      </Show>
    </section>
  );
}
