/* DGEMM throughput of the OpenBLAS that Mixbook links, measured in the same run as the
 * EM benchmark, so Mixbook's GFLOP/s can be read as a fraction of what BLAS reaches.
 *
 *   dgemm M N K [THREADS]   -> prints one JSON object: {"m":…,"n":…,"k":…,"threads":…,"gflops":…}
 *
 * C = A·B with A M×K and B K×N (row-major, random entries); 2·M·N·K flops per call;
 * the best of several timed calls (after one untimed warm-up) is reported.
 */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: dgemm M N K [THREADS]\n"); return 2; }
    long m = atol(argv[1]), n = atol(argv[2]), k = atol(argv[3]);
    int threads = argc > 4 ? atoi(argv[4]) : 0;
    if (threads > 0) openblas_set_num_threads(threads);
    double *a = malloc(sizeof(double) * m * k), *b = malloc(sizeof(double) * k * n), *c = malloc(sizeof(double) * m * n);
    if (!a || !b || !c) { fprintf(stderr, "dgemm: out of memory\n"); return 1; }
    unsigned long s = 20261121;
    for (long i = 0; i < m * k; i++) { s = s * 6364136223846793005UL + 1; a[i] = (double)(s >> 11) / 9007199254740992.0 - 0.5; }
    for (long i = 0; i < k * n; i++) { s = s * 6364136223846793005UL + 1; b[i] = (double)(s >> 11) / 9007199254740992.0 - 0.5; }
    double flops = 2.0 * m * n * k, best = 1e30, total = 0;
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1, a, k, b, n, 0, c, n);
    for (int r = 0; r < 50 && (r < 3 || total < 2.0); r++) {
        double t0 = now();
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1, a, k, b, n, 0, c, n);
        double t = now() - t0;
        total += t;
        if (t < best) best = t;
    }
    printf("{\"m\": %ld, \"n\": %ld, \"k\": %ld, \"threads\": %d, \"gflops\": %.3f}\n", m, n, k,
           openblas_get_num_threads(), flops / best / 1e9);
    free(a); free(b); free(c);
    return 0;
}
