import type { MovieSummaryBody } from '@reco/client';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';

/** A title search with suggestions as you type (the API's accent-insensitive search). */
export function MovieSearchBox({ label, onPick }: { label: string; onPick: (m: MovieSummaryBody) => void }) {
  const [text, setText] = useState('');
  const [items, setItems] = useState<readonly MovieSummaryBody[]>([]);
  useEffect(() => {
    if (text.trim().length < 2) {
      setItems([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      api.searchMovies({ search: text, limit: 8 }).then(
        (r) => live && setItems(r.items),
        () => live && setItems([]),
      );
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text]);
  return (
    <div class="search">
      <label>
        {label} <input type="search" value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </label>
      {items.length > 0 ? (
        <ul aria-label="Suggestions">
          {items.map((m) => (
            <li>
              <button
                type="button"
                onClick={() => {
                  onPick(m);
                  setText('');
                }}
              >
                {m.title} {m.year === null ? '' : `(${m.year})`}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
