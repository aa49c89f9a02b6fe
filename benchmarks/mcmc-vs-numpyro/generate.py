"""Writes the benchmark data: 1,000 points in 2-D from three diagonal Gaussian components."""
import sys

import numpy as np

rng = np.random.default_rng(12)
n = 1000
weights = np.array([0.3, 0.4, 0.3])
means = np.array([[-4.0, -2.0], [0.0, 3.0], [4.0, -1.0]])
scales = np.array([[1.0, 0.7], [0.8, 1.2], [0.6, 0.9]])
z = rng.choice(3, size=n, p=weights)
x = means[z] + scales[z] * rng.standard_normal((n, 2))
with open(sys.argv[1], "w") as f:
    f.write("x1,x2\n")
    for row in x:
        f.write(f"{float(row[0])!r},{float(row[1])!r}\n")
