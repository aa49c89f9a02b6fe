# flexmix on NPreg: stepFlexmix(yn ~ x + I(x^2), k = 2, nrep = 20), the whole fit timed.
# Usage: Rscript flexmix_npreg.R NPreg.csv REPEATS   -> "seconds logLik" (fastest of REPEATS)
args <- commandArgs(trailingOnly = TRUE)
suppressMessages(library(flexmix))
d <- read.csv(args[1])
repeats <- as.integer(args[2])
best <- Inf
ll <- NA
for (r in seq_len(repeats)) {
  set.seed(r)
  t <- system.time(m <- stepFlexmix(yn ~ x + I(x^2), data = d, k = 2, nrep = 20, verbose = FALSE))[["elapsed"]]
  if (t < best) best <- t
  ll <- as.numeric(logLik(m))
}
cat(sprintf("%.6f %.6f\n", best, ll))
