import { loadRecommender } from '@reco/recommender';

const rec = await loadRecommender(process.argv[2]!);
const time = (label: string, n: number, f: (i: number) => void) => {
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    f(i);
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  console.log(
    label,
    'p50',
    t[Math.floor(n * 0.5)]!.toFixed(2),
    'p99',
    t[Math.floor(n * 0.99)]!.toFixed(2),
    'mean',
    (t.reduce((a, b) => a + b) / n).toFixed(2),
  );
};
time('default', 300, (i) => rec.recommend(1 + (i % 600), { n: 10 }));
time('default', 300, (i) => rec.recommend(1 + (i % 600), { n: 10 }));
time('filtered', 300, (i) => rec.recommend(1 + (i % 600), { n: 10, genres: ['Comedy'], minYear: 1990 }));
time('foldin', 200, (i) =>
  rec.recommendForRatings(
    [
      { movieId: 1, rating: 5 },
      { movieId: 260, rating: 1 + (i % 9) / 2 },
      { movieId: 2571, rating: 2 },
      { movieId: 318, rating: 4 },
      { movieId: 356, rating: 3 },
    ],
    { n: 10 },
  ),
);
time('similar', 300, (i) => rec.similar([1, 260, 318, 2571, 356][i % 5]!, { n: 10 + (i % 50) }));
rec.dispose();
