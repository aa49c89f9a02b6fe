"""Runs Mixbook and NumPyro on the same data, times each whole process, prints ESS/s ratios.

    python compare.py MIXBOOK PYTHON DATA WARMUP DRAWS [REPEATS]

With REPEATS > 1 the five runs (NumPyro NUTS, Mixbook NUTS diagonal and dense, Mixbook NUTS
and Gibbs on the conjugate model) are made REPEATS times, alternating the tools, and each
run keeps its fastest whole-process time, so a noisy host does not decide a ratio. The
draws do not change between repeats (fixed seeds), so neither does the ESS.
"""
import json
import subprocess
import sys
import time

mixbook, python, data, warmup, draws = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
repeats = int(sys.argv[6]) if len(sys.argv) > 6 else 1
here = "benchmarks/mcmc-vs-numpyro"


def timed(cmd):
    start = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return time.perf_counter() - start, out


versions = {}


def numpyro_run():
    secs, out = timed([python, f"{here}/numpyro_gmm.py", data, warmup, draws, "1"])
    n = json.loads(out)
    versions.update(numpyro=n["numpyro"], jax=n["jax"])
    return secs, n["min_ess"], n["divergences"], n["mcmc_seconds"]


def mixbook_run(*extra):
    secs, out = timed([mixbook, "sample", "gmm", "--data", data, "--components", "3", "--chains", "1",
                       "--warmup", warmup, "--draws", draws, "--seed", "1", "--json", "--quiet", *extra])
    r = json.loads(out)
    return secs, r["min_ess"], r["divergences"], r["sampling_seconds"]


runs = [
    ("NumPyro NUTS", numpyro_run),
    ("Mixbook NUTS", lambda: mixbook_run()),
    ("Mixbook NUTS, dense metric", lambda: mixbook_run("--metric", "dense")),
    ("Mixbook NUTS, conjugate priors", lambda: mixbook_run("--prior", "conjugate")),
    ("Mixbook Gibbs, conjugate priors", lambda: mixbook_run("--method", "gibbs")),
]
best = {}
times = {name: [] for name, _ in runs}
for r in range(repeats):
    print(f"round {r + 1} of {repeats} (load average {' '.join(open('/proc/loadavg').read().split()[:3])})",
          file=sys.stderr)
    for name, run in runs:
        result = run()
        times[name].append(result[0])
        if name not in best or result[0] < best[name][0]:
            best[name] = result

print(f"NumPyro {versions['numpyro']}, JAX {versions['jax']}; 1 chain, {warmup} warm-up + {draws} draws, "
      f"N = 1000, K = 3, D = 2; fastest of {repeats} alternated run(s) each")
print("| run | whole process s (fastest) | all runs s | sampling s | min ESS (bulk, tail) | min ESS / s (whole process) | divergences |")
print("|---|---|---|---|---|---|---|")
for name, _ in runs:
    secs, ess, div, sampling = best[name]
    print(f"| {name} | {secs:.2f} | {' / '.join(f'{t:.2f}' for t in times[name])} | {sampling:.2f} | {ess:.0f} "
          f"| {ess / secs:.0f} | {div} |")


def per_second(name):
    return best[name][1] / best[name][0]


ratio = per_second("Mixbook NUTS") / per_second("NumPyro NUTS")
dense = per_second("Mixbook NUTS, dense metric") / per_second("NumPyro NUTS")
gibbs = per_second("Mixbook Gibbs, conjugate priors") / per_second("Mixbook NUTS, conjugate priors")
print(f"\nMixbook NUTS / NumPyro NUTS (both diagonal metric), min ESS per second of the whole process: {ratio:.1f}x (target >= 10x)")
print(f"Mixbook NUTS with a dense metric / NumPyro NUTS (its default diagonal metric): {dense:.1f}x")
print(f"Mixbook Gibbs / Mixbook NUTS on the conjugate model, min ESS per second: {gibbs:.1f}x (target >= 10x)")
print(f"load average after: {' '.join(open('/proc/loadavg').read().split()[:3])}")
