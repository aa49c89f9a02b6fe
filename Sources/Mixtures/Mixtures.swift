// Mixture models: Gaussian mixtures by EM, k-means, random numbers, CSV data.
//
// Where things are (DESIGN.md, "The model library in layers", says more):
//   Random/            RandomGenerator (xoshiro256**, seeded by splitmix64) and its draws:
//                      uniform, normal, gamma, inverse gamma, Dirichlet, categorical,
//                      multivariate normal, Wishart (Bartlett).
//   Data/              DataTable (CSV with a header) and DataError.
//   Gaussian/          the shared Gaussian layer: GaussianComponents (log densities through
//                      BLAS), LogSumExp, WeightedMoments, GaussianEstimators, CollapsePolicy.
//   EM/                EMSettings, EMInitialization, protocol ExpectationMaximizable,
//                      EMDriver (restarts, convergence, trace, warnings), EMResult, EMWarning.
//   Fit/               FittedLikelihoodModel, InformationCriteria, SelectionTable.
//   GaussianMixture/   GaussianMixture (the configuration) and FittedGaussianMixture;
//                      EStep.swift  — the E-step (weights + component densities + log-sum-exp)
//                      MStep.swift  — the M-step (moments, estimators, collapse, weights)
//                      EMPass.swift — one blocked, two-core pass over the data (E, M or both)
//                      ModelSelection.swift — K × covariance-type tables (ModelSelectionTable)
//   Bayesian/          SpecialFunctions (digamma, log-gamma); Variational/: VariationalGaussianMixture
//                      (mean-field VB on the EM driver, Dirichlet or Dirichlet-process weights),
//                      its posterior, updates, Student-t predictive, stochastic VI.
//   KMeans/            KMeans (greedy k-means++ seeding, Lloyd, restarts) and FittedKMeans.
//   Parallel/          BlockPartition: rows in cache-sized blocks, blocks over the cores.
//   Clustering/        adjusted Rand index, contingency tables.
