"""Runs Mixbook and NumPyro on the same data, times each whole process, prints ESS/s ratios."""
import json
import subprocess
import sys
import time

mixbook, python, data, warmup, draws = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
here = "benchmarks/mcmc-vs-numpyro"


def timed(cmd):
    start = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return time.perf_counter() - start, out


def mixbook_run(*extra):
    secs, out = timed([mixbook, "sample", "gmm", "--data", data, "--components", "3", "--chains", "1",
                       "--warmup", warmup, "--draws", draws, "--seed", "1", "--json", "--quiet", *extra])
    r = json.loads(out)
    return secs, r["min_ess"], r["divergences"], r["sampling_seconds"]


rows = []
n_secs, n_out = timed([python, f"{here}/numpyro_gmm.py", data, warmup, draws, "1"])
n = json.loads(n_out)
m_secs, m_ess, m_div, m_sampling = mixbook_run()
rows.append(("NumPyro NUTS", n_secs, n["min_ess"], n["divergences"], n["mcmc_seconds"]))
rows.append(("Mixbook NUTS", m_secs, m_ess, m_div, m_sampling))
d_secs, d_ess, d_div, d_sampling = mixbook_run("--metric", "dense")
rows.append(("Mixbook NUTS, dense metric", d_secs, d_ess, d_div, d_sampling))

c_secs, c_ess, c_div, c_sampling = mixbook_run("--prior", "conjugate")
g_secs, g_ess, _, g_sampling = mixbook_run("--method", "gibbs")
rows.append(("Mixbook NUTS, conjugate priors", c_secs, c_ess, c_div, c_sampling))
rows.append(("Mixbook Gibbs, conjugate priors", g_secs, g_ess, 0, g_sampling))

print(f"NumPyro {n['numpyro']}, JAX {n['jax']}; 1 chain, {warmup} warm-up + {draws} draws, N = 1000, K = 3, D = 2")
print("| run | whole process s | sampling s | min ESS (bulk, tail) | min ESS / s (whole process) | divergences |")
print("|---|---|---|---|---|---|")
for name, secs, ess, div, sampling in rows:
    print(f"| {name} | {secs:.2f} | {sampling:.2f} | {ess:.0f} | {ess / secs:.0f} | {div} |")
ratio = (m_ess / m_secs) / (n["min_ess"] / n_secs)
dense = (d_ess / d_secs) / (n["min_ess"] / n_secs)
gibbs = (g_ess / g_secs) / (c_ess / c_secs)
print(f"\nMixbook NUTS / NumPyro NUTS (both diagonal metric), min ESS per second of the whole process: {ratio:.1f}x (target >= 10x)")
print(f"Mixbook NUTS with a dense metric / NumPyro NUTS (its default diagonal metric): {dense:.1f}x")
print(f"Mixbook Gibbs / Mixbook NUTS on the conjugate model, min ESS per second: {gibbs:.1f}x (target >= 10x)")
