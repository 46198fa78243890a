import { describe, expect, it } from 'vitest';
import { minimizeLbfgs } from './lbfgs';

describe('minimizeLbfgs', () => {
  it('finds the minimum of an ill-conditioned quadratic', () => {
    // f(x) = ½ Σ a_i (x_i − c_i)²: minimum at x = c, whatever the conditioning.
    const a = [1, 10, 100, 1000, 0.01];
    const c = [1, -2, 3, -4, 5];
    const result = minimizeLbfgs(
      (x, g) => {
        let f = 0;
        for (let i = 0; i < a.length; i++) {
          const d = x[i]! - c[i]!;
          f += 0.5 * a[i]! * d * d;
          g[i] = a[i]! * d;
        }
        return f;
      },
      new Float64Array(a.length),
      { memory: 5, tolerance: 1e-10, maxIterations: 500 },
    );
    expect(result.converged).toBe(true);
    for (let i = 0; i < c.length; i++) expect(result.x[i]).toBeCloseTo(c[i]!, 6);
  });

  it('minimises the Rosenbrock function (non-convex valley)', () => {
    const result = minimizeLbfgs(
      (x, g) => {
        const [u, v] = [x[0]!, x[1]!];
        g[0] = -2 * (1 - u) - 400 * u * (v - u * u);
        g[1] = 200 * (v - u * u);
        return (1 - u) ** 2 + 100 * (v - u * u) ** 2;
      },
      Float64Array.from([-1.2, 1]),
      { memory: 7, tolerance: 1e-8, maxIterations: 1000 },
    );
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 5);
    expect(result.x[1]).toBeCloseTo(1, 5);
  });

  it('reports non-convergence when the iteration budget runs out', () => {
    const result = minimizeLbfgs(
      (x, g) => {
        g[0] = 2 * (x[0]! - 3);
        return (x[0]! - 3) ** 2;
      },
      Float64Array.from([1000]),
      { memory: 3, tolerance: 1e-300, maxIterations: 1 },
    );
    expect(result.iterations).toBe(1);
    expect(result.converged).toBe(false);
  });
});
