"""NumPyro's NUTS on the benchmark model; prints JSON with the minimum bulk/tail ESS (ArviZ).

The model: w ~ Dirichlet(1, 1, 1), every mean coordinate ~ Normal(0, 10), every scale
~ HalfCauchy(5), diagonal components, the assignments summed out with a log-sum-exp in a
numpyro.factor. One chain, 1000 warm-up + 1000 draws, started at the generating
parameters (init_to_value; a favour to NumPyro: no chance of a poor start).
"""
import json
import sys
import time

import arviz as az
import jax
import jax.numpy as jnp
import numpy as np
import numpyro
import numpyro.distributions as dist
from numpyro.infer import MCMC, NUTS, init_to_value

jax.config.update("jax_enable_x64", True)


def model(x, k):
    n, d = x.shape
    w = numpyro.sample("w", dist.Dirichlet(jnp.ones(k)))
    with numpyro.plate("components", k, dim=-2):
        with numpyro.plate("dims", d, dim=-1):
            mu = numpyro.sample("mu", dist.Normal(0.0, 10.0))
            sigma = numpyro.sample("sigma", dist.HalfCauchy(5.0))
    logits = jnp.log(w) + dist.Normal(mu, sigma).log_prob(x[:, None, :]).sum(-1)
    numpyro.factor("loglik", jax.scipy.special.logsumexp(logits, axis=-1).sum())


def main():
    path, warmup, draws, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    x = jnp.asarray(np.loadtxt(path, delimiter=",", skiprows=1))
    init = {"w": jnp.array([0.3, 0.4, 0.3]),
            "mu": jnp.array([[-4.0, -2.0], [0.0, 3.0], [4.0, -1.0]]),
            "sigma": jnp.array([[1.0, 0.7], [0.8, 1.2], [0.6, 0.9]])}
    start = time.perf_counter()
    mcmc = MCMC(NUTS(model, init_strategy=init_to_value(values=init)), num_warmup=warmup, num_samples=draws,
                num_chains=1, progress_bar=False)
    mcmc.run(jax.random.PRNGKey(seed), x, 3, extra_fields=("diverging",))
    samples = {k: np.asarray(v) for k, v in mcmc.get_samples().items()}
    seconds = time.perf_counter() - start
    ess = []
    for name, v in samples.items():
        flat = v.reshape(v.shape[0], -1)
        for j in range(flat.shape[1]):
            chain = flat[None, :, j]
            ess.append(min(float(az.ess(chain, method="bulk")), float(az.ess(chain, method="tail"))))
    divergences = int(np.asarray(mcmc.get_extra_fields()["diverging"]).sum())
    means = {k: np.round(v.mean(0), 3).tolist() for k, v in samples.items()}
    print(json.dumps({"min_ess": min(ess), "mcmc_seconds": seconds, "divergences": divergences,
                      "numpyro": numpyro.__version__, "jax": jax.__version__, "means": means}))


if __name__ == "__main__":
    main()
