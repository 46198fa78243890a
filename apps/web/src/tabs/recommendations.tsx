import type { NewRatingInput, RecommendationItemBody, Strategy } from '@reco/client';
import { useState } from 'preact/hooks';
import { api } from '../api';
import { Show, Table, useAsync } from '../ui';
import { MovieSearchBox } from './search-box';

function RecList({ items, caption }: { items: readonly RecommendationItemBody[]; caption: string }) {
  return (
    <Table
      caption={caption}
      rows={items}
      columns={[
        { label: 'Title', value: (r) => r.title },
        { label: 'Year', value: (r) => r.year ?? '–', numeric: true },
        { label: 'Genres', value: (r) => r.genres.join(', ') },
        { label: 'Score', value: (r) => r.score.toFixed(3), numeric: true },
        { label: 'Why', value: (r) => r.reason },
      ]}
    />
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
          <RecList items={r.items} caption={`Top ${r.items.length} for user ${r.userId} (${r.strategy})`} />
        )}
      </Show>
    </div>
  );
}

function NewUser({ filters }: { filters: Filters }) {
  const [ratings, setRatings] = useState<(NewRatingInput & { title: string })[]>([]);
  const key = JSON.stringify([ratings.map((r) => [r.movieId, r.rating]), filters]);
  const [recs, retry] = useAsync(
    () =>
      ratings.length === 0
        ? Promise.resolve(null)
        : api.recommendForRatings({
            ratings: ratings.map(({ movieId, rating }) => ({ movieId, rating })),
            ...options(filters),
          }),
    key,
  );
  return (
    <div>
      <MovieSearchBox
        label="Find a movie to rate"
        onPick={(m) => {
          if (!ratings.some((r) => r.movieId === m.movieId) && ratings.length < 10) {
            setRatings([...ratings, { movieId: m.movieId, rating: 4, title: m.title }]);
          }
        }}
      />
      <ul class="rated" aria-label="Your ratings">
        {ratings.map((r, i) => (
          <li>
            <label>
              {r.title}{' '}
              <select
                value={String(r.rating)}
                onChange={(e) =>
                  setRatings(
                    ratings.map((x, j) => (j === i ? { ...x, rating: Number(e.currentTarget.value) } : x)),
                  )
                }
              >
                {[5, 4.5, 4, 3.5, 3, 2.5, 2, 1.5, 1, 0.5].map((v) => (
                  <option value={String(v)}>
                    {'★'.repeat(Math.floor(v))}
                    {v % 1 ? '½' : ''} ({v})
                  </option>
                ))}
              </select>
            </label>
          </li>
        ))}
      </ul>
      <Show result={recs} what="recommendations" retry={retry}>
        {(r) =>
          r === null ? (
            <p>Rate 3 to 10 movies to see recommendations.</p>
          ) : (
            <RecList items={r.items} caption={`Top ${r.items.length} from your ${ratings.length} ratings`} />
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
