import type { PredictionsBody, RecommendationItemBody, Strategy } from '@reco/client';
import { useState } from 'preact/hooks';
import { api } from '../api';
import { StarRating } from '../star-rating';
import { Show, Table, useAsync } from '../ui';
import { probabilityText, type RecRow, scoreLabel, withProbabilities } from './rec-rows';
import { MovieSearchBox } from './search-box';
import { UserHistoryView, useUserHistory } from './user-history';

function RecList({
  items,
  caption,
  strategy,
  predictions,
}: {
  items: readonly RecommendationItemBody[];
  caption: string;
  strategy: string;
  /** The classifier's like probabilities; undefined while asked for, null when there are none. */
  predictions: PredictionsBody | null | undefined;
}) {
  const rows = withProbabilities(items, strategy, predictions);
  // A new user has like probabilities only from the classifier strategy (predict needs a known
  // user), so the column is left out rather than shown empty, and a note says where it comes from.
  const known = rows.some((r) => r.probability !== null);
  return (
    <>
      <Table
        caption={caption}
        rows={rows}
        columns={[
          { label: 'Title', value: (r) => r.title },
          { label: 'Year', value: (r) => r.year ?? '–', numeric: true },
          { label: 'Genres', value: (r) => r.genres.join(', ') },
          ...(known
            ? [{ label: 'P(like)', value: (r: RecRow) => probabilityText(r.probability), numeric: true }]
            : []),
          { label: scoreLabel(strategy), value: (r) => r.score.toFixed(3), numeric: true },
          { label: 'Why', value: (r) => r.reason },
        ]}
      />
      {known ? null : (
        <p class="note">
          P(like), the classifier's probability of a like, is shown for a new user under the classifier
          strategy.
        </p>
      )}
    </>
  );
}

interface Filters {
  /** '' asks for the bundle's default strategy (the one `reco train` chose). */
  strategy: Strategy | '';
  genre: string;
  minYear: string;
}

/** The strategies the API says this bundle serves (never a list of our own), default first. */
function StrategySelect({ filters, set }: { filters: Filters; set: (f: Filters) => void }) {
  const [model] = useAsync(() => api.model(), 'model');
  const served = model.state === 'done' ? model.value : null;
  return (
    <label>
      Strategy{' '}
      <select
        value={filters.strategy}
        disabled={served === null}
        onChange={(e) => set({ ...filters, strategy: e.currentTarget.value as Strategy | '' })}
      >
        <option value="">{served === null ? 'default' : `default (${served.defaultStrategy})`}</option>
        {(served?.strategies ?? []).map((s) => (
          <option value={s}>{s}</option>
        ))}
      </select>
    </label>
  );
}

function FilterControls({ filters, set }: { filters: Filters; set: (f: Filters) => void }) {
  return (
    <div class="controls">
      <StrategySelect filters={filters} set={set} />
      <label>
        Genre{' '}
        <input
          value={filters.genre}
          placeholder="any"
          onChange={(e) => set({ ...filters, genre: e.currentTarget.value })}
        />
      </label>
      <label>
        From year{' '}
        <input
          inputMode="numeric"
          value={filters.minYear}
          placeholder="any"
          onChange={(e) => set({ ...filters, minYear: e.currentTarget.value })}
        />
      </label>
    </div>
  );
}

const options = (f: Filters) => ({
  n: 10,
  ...(f.strategy === '' ? {} : { strategy: f.strategy }),
  ...(f.genre.trim() ? { genres: [f.genre.trim()] } : {}),
  ...(/^\d{4}$/.test(f.minYear) ? { minYear: Number(f.minYear) } : {}),
});

function KnownUser({ filters }: { filters: Filters }) {
  const [text, setText] = useState('1');
  const [userId, setUserId] = useState(1);
  const [recs, retry] = useAsync(
    () => api.recommendations(userId, options(filters)),
    `${userId}:${JSON.stringify(filters)}`,
  );
  // Asked for beside the list (not after it), so both arrive in one round trip's time.
  const [history, retryHistory] = useUserHistory(userId);
  // The like probabilities of the listed movies, once the list is known; the answer carries its
  // key, so a list never shows the probabilities of an earlier one.
  // The user is the list's own (for one render after a new id, `recs` still holds the last list).
  const listed = recs.state === 'done' ? recs.value : null;
  const ids = listed?.items.map((i) => i.movieId) ?? [];
  const predictKey = `${listed?.userId ?? 0}:${ids.join(',')}`;
  const [predicted] = useAsync(
    async () => ({
      key: predictKey,
      body:
        listed === null || ids.length === 0
          ? null
          : await api.predict({ userId: listed.userId, movieIds: ids }),
    }),
    `predict:${predictKey}`,
  );
  const predictions =
    predicted.state === 'error'
      ? null
      : predicted.state === 'done' && predicted.value.key === predictKey
        ? predicted.value.body
        : undefined;
  return (
    <div>
      <form
        class="controls"
        onSubmit={(e) => {
          e.preventDefault();
          const id = Number(text);
          if (Number.isInteger(id) && id > 0) setUserId(id);
        }}
      >
        <label>
          User id <input inputMode="numeric" value={text} onInput={(e) => setText(e.currentTarget.value)} />
        </label>
        <button type="submit">Recommend</button>
        <button
          type="button"
          onClick={() => {
            // A demo control, not library code: one of the users in the bundle's sample of ratings.
            api.datasetSummary().then(
              (summary) => {
                const ids = summary.sample.map((r) => r.userId);
                const id = ids[Math.floor(Math.random() * ids.length)] ?? 1;
                setText(String(id));
                setUserId(id);
              },
              () => setUserId(1),
            );
          }}
        >
          Random user
        </button>
      </form>
      <Show result={recs} what={`recommendations for user ${userId}`} retry={retry} userId={userId}>
        {(r) => (
          <RecList
            items={r.items}
            caption={`Top ${r.items.length} for user ${r.userId} (${r.strategy})`}
            strategy={r.strategy}
            predictions={predictions}
          />
        )}
      </Show>
      {/* Shown once the list is: an unknown user gets one message (the list's), not two. */}
      {recs.state !== 'done' ? null : (
        <UserHistoryView userId={userId} history={history} retry={retryHistory} />
      )}
    </div>
  );
}

/** A movie the new user picked; `rating` is null until they choose stars. */
interface Pick {
  readonly movieId: number;
  readonly title: string;
  readonly rating: number | null;
}

/** Most movies a new user may pick (the issue's 3 to 10 ratings). */
const MAX_PICKS = 10;

const movieName = (m: { title: string; year: number | null }) =>
  m.year === null ? m.title : `${m.title} (${m.year})`;

function NewUser({ filters }: { filters: Filters }) {
  const [picks, setPicks] = useState<readonly Pick[]>([]);
  const rated = picks.flatMap((p) => (p.rating === null ? [] : [{ movieId: p.movieId, rating: p.rating }]));
  const key = JSON.stringify([rated, filters]);
  const [recs, retry] = useAsync(
    () =>
      rated.length === 0
        ? Promise.resolve(null)
        : api.recommendForRatings({ ratings: rated, ...options(filters) }),
    key,
  );
  const update = (movieId: number, change: (p: Pick) => Pick | null) =>
    setPicks(picks.flatMap((p) => (p.movieId === movieId ? (change(p) ?? []) : [p])));
  return (
    <div>
      <MovieSearchBox
        label="Find a movie to rate"
        onPick={(m) => {
          if (!picks.some((p) => p.movieId === m.movieId) && picks.length < MAX_PICKS) {
            setPicks([...picks, { movieId: m.movieId, title: movieName(m), rating: null }]);
          }
        }}
      />
      {picks.length >= MAX_PICKS ? (
        <p class="note" role="status">
          {MAX_PICKS} movies picked, the most the demo sends; remove one to pick another.
        </p>
      ) : null}
      <ul class="rated" aria-label="Your ratings">
        {picks.map((p) => (
          <li>
            <span class="rated-title">{p.title}</span>
            <StarRating
              label={`Rating for ${p.title}`}
              value={p.rating}
              onChange={(rating) => update(p.movieId, (x) => ({ ...x, rating }))}
            />
            <button
              type="button"
              aria-label={`Remove ${p.title}`}
              onClick={() => update(p.movieId, () => null)}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <Show result={recs} what="recommendations" retry={retry}>
        {(r) =>
          r === null ? (
            <p>Find 3 to 10 movies and rate each with stars to see recommendations.</p>
          ) : (
            <RecList
              items={r.items}
              caption={`Top ${r.items.length} from your ${rated.length} rating${rated.length === 1 ? '' : 's'}`}
              strategy={r.strategy}
              predictions={null}
            />
          )
        }
      </Show>
    </div>
  );
}

export function RecommendationsTab() {
  const [filters, setFilters] = useState<Filters>({ strategy: '', genre: '', minYear: '' });
  const [mode, setMode] = useState<'known' | 'new'>('known');
  return (
    <section aria-labelledby="recs-title">
      <h2 id="recs-title">Recommendations</h2>
      <fieldset class="controls">
        <legend>Who</legend>
        <label>
          <input type="radio" name="who" checked={mode === 'known'} onChange={() => setMode('known')} /> A
          user in the data
        </label>
        <label>
          <input type="radio" name="who" checked={mode === 'new'} onChange={() => setMode('new')} /> New user
        </label>
      </fieldset>
      <FilterControls filters={filters} set={setFilters} />
      {mode === 'known' ? <KnownUser filters={filters} /> : <NewUser filters={filters} />}
    </section>
  );
}
