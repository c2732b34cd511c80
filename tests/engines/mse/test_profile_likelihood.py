"""The profile-likelihood interval against an independent computation.

Independent route: for a trial N, maximise the multinomial log-likelihood directly over the
log-linear parameters (softmax over all 2^t cells, the unobserved one included) with BFGS,
instead of the Poisson-deviance identity the engine uses; then find where it has dropped by
chi2(1, 0.95) / 2 from its maximum.
"""

from pathlib import Path

import numpy as np
import pytest
from scipy.optimize import brentq, minimize, minimize_scalar
from scipy.special import gammaln, logsumexp
from scipy.stats import chi2

from zicht.engines.mse import CaptureData, estimate
from zicht.engines.mse.estimate import pooled_counts
from zicht.engines.mse.selection import select

DATA_DIR = Path(__file__).parent / "data"


def multinomial_profile(x, y):
    n = y.sum()
    xa = np.vstack([x, np.r_[1.0, np.zeros(x.shape[1] - 1)]])
    start = [np.zeros(x.shape[1] - 1)]

    def loglik(total):
        n0 = total - n
        counts = np.r_[y, n0]

        def negative(beta):
            eta = xa[:, 1:] @ beta
            return -(counts @ (eta - logsumexp(eta)))

        res = minimize(negative, start[0], method="BFGS", options={"gtol": 1e-9})
        start[0] = res.x
        return gammaln(total + 1) - gammaln(n0 + 1) - res.fun

    return loglik


@pytest.mark.parametrize("name", ["Korea", "Artificial_3", "UKdat_4"])
def test_profile_interval_matches_direct_multinomial_maximisation(name):
    data = CaptureData.from_csv(DATA_DIR / f"{name}.csv")
    result = estimate(data)
    structure, y = pooled_counts(data)
    sel = select(structure, y, "stepwise")
    loglik = multinomial_profile(sel.design.x, y[sel.design.keep])
    n = data.observed
    opt = minimize_scalar(lambda v: -loglik(v), bounds=(n + 1e-6, 3 * result.estimate),
                          method="bounded", options={"xatol": 1e-3})
    cut = -opt.fun - chi2.ppf(0.95, 1) / 2
    lower = brentq(lambda v: loglik(v) - cut, n + 1e-6, opt.x)
    upper = brentq(lambda v: loglik(v) - cut, opt.x, 5 * result.estimate)
    assert result.ci_profile[0] == pytest.approx(lower, rel=2e-3)
    assert result.ci_profile[1] == pytest.approx(upper, rel=2e-3)
