import type { MovieSummaryBody, RecommendationItemBody } from '@reco/client';
import { useState } from 'preact/hooks';
import { api } from '../api';
import { Show, Table, useAsync } from '../ui';
import { MovieSearchBox } from './search-box';

const BY = ['content', 'cf', 'blend'] as const;

function SimilarList({ movie, by }: { movie: MovieSummaryBody; by: (typeof BY)[number] }) {
  const [result, retry] = useAsync(() => api.similar(movie.movieId, { n: 10, by }), `${movie.movieId}:${by}`);
  const shared = (r: RecommendationItemBody) =>
    r.genres.filter((g) => movie.genres.includes(g)).join(', ') || '–';
  return (
    <Show result={result} what={`movies like ${movie.title} by ${by}`} retry={retry}>
      {(r) => (
        <Table
          caption={`Similar to ${movie.title} by ${by}`}
          rows={r.items}
          columns={[
            { label: 'Title', value: (x) => x.title },
            { label: 'Year', value: (x) => x.year ?? '–', numeric: true },
            { label: 'Similarity', value: (x) => x.score.toFixed(3), numeric: true },
            { label: 'Shared genres', value: shared },
            { label: 'Why', value: (x) => x.reason },
          ]}
        />
      )}
    </Show>
  );
}

export function SimilarTab() {
  const [movie, setMovie] = useState<MovieSummaryBody | null>(null);
  return (
    <section aria-labelledby="similar-title">
      <h2 id="similar-title">Similar Content</h2>
      <MovieSearchBox label="Movie title" onPick={setMovie} />
      {movie === null ? (
        <p>Search a title and pick it to see similar movies.</p>
      ) : (
        <div class="grid">
          {BY.map((by) => (
            <SimilarList movie={movie} by={by} />
          ))}
        </div>
      )}
    </section>
  );
}
