"""F34 逻辑回归梯度下降对照 sklearn LogisticRegression(lbfgs, tol=1e-12):同一目标函数,系数 atol=1e-6。"""

import warnings

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from logistic_regression import (
    fit_logistic_regression,
    lam_from_sklearn_c,
    lipschitz_step,
    logistic_loss,
    predict_proba,
    sigmoid,
    sigmoid_naive,
)


def _overlapping_data(seed: int, n: int = 300, d: int = 4):
    """两类高斯重叠 + 5% 标签翻转:线性不可分,不加正则时最优解也有限。"""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, size=n)
    X = rng.normal(size=(n, d)) + 0.8 * y[:, None] * rng.normal(size=d)
    flip = rng.random(n) < 0.05
    y = np.where(flip, 1 - y, y)
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    return X, y


def _sklearn(X, y, C):
    model = LogisticRegression(C=C, tol=1e-12, max_iter=10_000).fit(X, y)
    return model.coef_[0], model.intercept_[0]


@pytest.mark.parametrize("C", [np.inf, 10.0, 0.05])
def test_logistic_regression_matches_sklearn(C):
    X, y = _overlapping_data(0)
    lam = lam_from_sklearn_c(C, len(y))
    w, b = fit_logistic_regression(X, y, lam=lam, lr=lipschitz_step(X, lam), max_iter=50_000, tol=1e-11)
    w_ref, b_ref = _sklearn(X, y, C)
    np.testing.assert_allclose(w, w_ref, atol=1e-6, rtol=0)
    assert abs(b - b_ref) < 1e-6
    np.testing.assert_allclose(predict_proba(X, w, b), predict_proba(X, w_ref, b_ref), atol=1e-6)


def test_logistic_regression_objective_is_not_above_sklearn():
    X, y = _overlapping_data(1)
    lam = lam_from_sklearn_c(1.0, len(y))
    w, b = fit_logistic_regression(X, y, lam=lam, lr=lipschitz_step(X, lam), max_iter=50_000, tol=1e-11)
    w_ref, b_ref = _sklearn(X, y, 1.0)
    assert logistic_loss(X, y, w, b, lam) <= logistic_loss(X, y, w_ref, b_ref, lam) + 1e-12


def test_logistic_regression_wrong_lambda_scaling_misses_sklearn():
    # 常见错误:把 C 直接当成 lam(或忘了除以 n),解与 sklearn 明显不同
    X, y = _overlapping_data(2)
    w_ref, _ = _sklearn(X, y, 0.05)
    w_wrong, _ = fit_logistic_regression(X, y, lam=1.0 / 0.05, lr=0.04, max_iter=5000)
    assert np.abs(w_wrong - w_ref).max() > 0.05


def test_logistic_regression_gradient_matches_finite_difference():
    X, y = _overlapping_data(3, n=40, d=3)
    w, b, lam, h = np.array([0.3, -0.2, 0.5]), 0.1, 0.2, 1e-6
    residual = sigmoid(X @ w + b) - y
    analytic = X.T @ residual / len(y) + lam * w
    numeric = np.array([
        (logistic_loss(X, y, w + h * e, b, lam) - logistic_loss(X, y, w - h * e, b, lam)) / (2 * h)
        for e in np.eye(3)
    ])
    np.testing.assert_allclose(analytic, numeric, atol=1e-8, rtol=0)


def test_logistic_regression_sigmoid_is_stable_at_extremes():
    z = np.array([-1000.0, -30.0, 0.0, 30.0, 1000.0])
    out = sigmoid(z)
    assert out[0] == 0.0 and out[-1] == 1.0 and out[2] == 0.5
    np.testing.assert_allclose(out[1], np.exp(-30.0) / (1 + np.exp(-30.0)), rtol=1e-15)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sigmoid(z)  # 稳定写法不产生 overflow 警告
        with pytest.raises(RuntimeWarning, match="overflow"):
            sigmoid_naive(z)


def test_logistic_regression_separable_data_weights_keep_growing():
    # 线性可分且不加正则:没有有限最优解,迭代越多 ||w|| 越大
    X = np.array([[-2.0], [-1.0], [1.0], [2.0]])
    y = np.array([0, 0, 1, 1])
    norms = [np.abs(fit_logistic_regression(X, y, lam=0.0, lr=1.0, max_iter=k, tol=0.0)[0]).item()
             for k in (100, 1000, 10_000)]
    assert norms[0] < norms[1] < norms[2]
    w_reg, _ = fit_logistic_regression(X, y, lam=0.1, lr=0.5, max_iter=10_000)
    assert np.abs(w_reg).item() < 3.0  # 加 L2 后有有限解


_X4 = np.array([[0.0], [1.0], [2.0], [3.0]])
_Y4 = np.array([0, 1, 0, 1])


def test_logistic_regression_defaults_fit_the_unregularised_optimum():
    # 默认 lam=0、lr=1、tol=1e-10:收敛到 sklearn 不加正则的解 w ≈ 0.908184, b ≈ -1.362276
    w, b = fit_logistic_regression(_X4, _Y4)
    w_ref, b_ref = _sklearn(_X4, _Y4, np.inf)
    np.testing.assert_allclose(w, w_ref, atol=1e-6, rtol=0)
    assert abs(b - b_ref) < 1e-6
    assert round(float(w[0]), 4) == 0.9082 and round(float(b), 4) == -1.3623


def test_logistic_regression_first_step_by_hand():
    # 从 w = 0, b = 0 出发:residual = 0.5 - y = [0.5, -0.5, 0.5, -0.5]
    # grad_w = X·r / 4 = (0 - 0.5 + 1 - 1.5) / 4 = -0.25,grad_b = 0;lr = 1 一步后 w = 0.25, b = 0
    w, b = fit_logistic_regression(_X4, _Y4, max_iter=1)
    assert w.tolist() == [0.25] and b == 0.0


def test_logistic_regression_sigmoid_of_integer_input_is_float():
    out = sigmoid(np.array([0, 2, -2]))
    assert out.dtype == np.float64
    np.testing.assert_allclose(out, [0.5, 0.8807970779778823, 0.11920292202211755], rtol=1e-15, atol=0)


def test_logistic_regression_predict_proba_by_hand():
    # z = 1 * 2 + (-1) = 1,sigmoid(1) = 0.7310585786300049
    assert predict_proba(np.array([[1.0]]), np.array([2.0]), -1.0)[0] == pytest.approx(0.7310585786300049, rel=1e-15)


def test_logistic_regression_lipschitz_step_by_hand():
    # [X, 1]^T [X, 1] = [[14, 6], [6, 4]],最大特征值 9 + sqrt(61);L = 它 / (4n) + lam,n = 4
    top = 9.0 + np.sqrt(61.0)
    assert lipschitz_step(_X4, 0.0) == pytest.approx(16.0 / top, rel=1e-12)
    assert lipschitz_step(_X4, 0.5) == pytest.approx(1.0 / (top / 16.0 + 0.5), rel=1e-12)


def test_logistic_regression_naive_sigmoid_values_where_it_does_not_overflow():
    np.testing.assert_allclose(sigmoid_naive(np.array([0.0, 2.0, -2.0])),
                               [0.5, 0.8807970779778823, 0.11920292202211755], rtol=1e-15, atol=0)
