"""goal-jax's AnalyticHMoG EM on a small synthetic problem (p = 10, d = 2, K = 3, N = 2,000).

Writes the data to CSV (for `mixbook fit hmog`), then times goal-jax's jitted EM: fits of SHORT
and SHORT + ITERATIONS steps in one `lax.scan`, each after its compile, the fastest of REPEATS;
the difference divided by ITERATIONS is one iteration. Prints the seconds per iteration and the
mean log-likelihood per sample after SHORT + ITERATIONS steps.
Usage: python goaljax_iteration.py OUT.csv ITERATIONS REPEATS
"""
import sys
import time
import numpy as np
import jax
import jax.numpy as jnp

jax.config.update("jax_enable_x64", True)
from goal.geometry import Diagonal  # noqa: E402
from goal.models import analytic_hmog  # noqa: E402

out, iterations, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
short = 10
rng = np.random.default_rng(2026)
p, d, k, n = 10, 2, 3, 2000
W = rng.normal(size=(p, d))
psi = 0.2 + 0.3 * rng.uniform(size=p)
means = np.array([[-3.0, 0.0], [3.0, 1.0], [0.0, -3.5]])
covs = [np.array([[1, 0.3], [0.3, 0.5]]), np.array([[0.6, -0.2], [-0.2, 0.8]]), np.array([[0.4, 0], [0, 1.2]])]
z = rng.choice(k, size=n, p=[0.3, 0.45, 0.25])
y = np.array([rng.multivariate_normal(means[c], covs[c]) for c in z])
x = y @ W.T + np.arange(p) - 4 + rng.normal(size=(n, p)) * np.sqrt(psi)
np.savetxt(out, x, delimiter=",", header=",".join(f"x{j}" for j in range(p)), comments="")

hmog = analytic_hmog(p, Diagonal, d, k)
sample = jnp.asarray(x)


def fit(key, steps):
    params = hmog.initialize_from_sample(key, sample, shape=2)

    def step(params, _):
        return hmog.expectation_maximization(params, sample), None

    final, _ = jax.lax.scan(step, params, None, length=steps)
    return final, hmog.average_log_observable_density(final, sample)


def seconds(steps):
    f = jax.jit(fit, static_argnums=1)
    key = jax.random.PRNGKey(0)
    t0 = time.perf_counter()
    jax.block_until_ready(f(key, steps))
    compile_and_run = time.perf_counter() - t0
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        final, ll = jax.block_until_ready(f(key, steps))
        best = min(best, time.perf_counter() - t0)
    return best, float(ll), compile_and_run


a, _, _ = seconds(short)
b, ll, first = seconds(short + iterations)
print(f"{(b - a) / iterations:.9f} {ll:.6f} {first:.3f}")
