import { loadRecommender } from './src/load';
const rec = await loadRecommender('/work/main/.bench-data/api-artifacts');
rec.warmUp();
const movies = rec.searchMovies('the', { limit: 60 }).items.map((m) => m.movieId);
console.log('strategy', rec.serving);
for (let round = 0; round < 3; round++) {
  const t = performance.now();
  for (let k = 0; k < 200; k++) {
    const ratings = Array.from({ length: 5 }, (_, j) => ({ movieId: movies[(k * 7 + j * 13) % movies.length]!, rating: 1 + ((k + j) % 9) / 2 }));
    rec.recommendForRatings(ratings, { n: 10 });
  }
  console.log('ms/request', ((performance.now() - t) / 200).toFixed(2));
}
