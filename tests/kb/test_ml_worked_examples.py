"""The worked numbers on the machine-learning pages, recomputed, and checked against the page text.

Each test computes an example with numpy / scikit-learn / torch and asserts both the value and
that the page prints it, so a page edited without recomputing (or a library that changed its
convention) fails here.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
import torch
from sklearn.decomposition import PCA
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import average_precision_score, f1_score, precision_score, recall_score, roc_auc_score
from sklearn.mixture import GaussianMixture
from sklearn.naive_bayes import MultinomialNB
from sklearn.svm import SVC

ML_PAGES = Path(__file__).resolve().parents[2] / "docs" / "kb" / "ml"


def page_text(name: str) -> str:
    return (ML_PAGES / name).read_text(encoding="utf-8")


def test_pca_example_eigenvalues_match_svd_and_sklearn() -> None:
    x = np.array([[1.0, 2.0], [2.0, 1.0], [3.0, 4.0], [4.0, 3.0], [5.0, 5.0]])
    centred = x - x.mean(axis=0)
    cov = centred.T @ centred / (len(x) - 1)
    eigenvalues = np.linalg.eigvalsh(cov)[::-1]
    singular = np.linalg.svd(centred, compute_uv=False)
    assert cov.tolist() == [[2.5, 2.0], [2.0, 2.5]]
    np.testing.assert_allclose(eigenvalues, [4.5, 0.5])
    np.testing.assert_allclose(singular**2 / (len(x) - 1), [4.5, 0.5])
    np.testing.assert_allclose(PCA().fit(x).explained_variance_ratio_, [0.9, 0.1])
    scores = centred @ (np.array([1.0, 1.0]) / math.sqrt(2))
    np.testing.assert_allclose(scores, [-2.1213, -2.1213, 0.7071, 0.7071, 2.8284], atol=1e-4)
    text = page_text("dimensionality-reduction.md")
    assert "$4.5$ 与 $0.5$" in text and "(-2.121,\\,-2.121,\\,0.707,\\,0.707,\\,2.828)" in text


def test_adam_two_steps_match_torch_and_page() -> None:
    param = torch.nn.Parameter(torch.tensor([1.0]))
    optimizer = torch.optim.Adam([param], lr=0.1)
    for grad in (0.5, -0.1):
        param.grad = torch.tensor([grad])
        optimizer.step()
    assert param.item() == pytest.approx(0.8489, abs=1e-4)
    assert "| 2 | 0.035 | 0.00025975 | 0.1842 | 0.1299 | 0.0511 | 0.8489 |" in page_text("optimizers.md")


def test_adam_l2_and_adamw_decay_differ_as_the_page_says() -> None:
    def one_step(optimizer_class: type[torch.optim.Optimizer], weight_decay: float) -> list[float]:
        param = torch.nn.Parameter(torch.tensor([1.0, 1.0]))
        optimizer = optimizer_class([param], lr=0.1, weight_decay=weight_decay)
        param.grad = torch.tensor([0.5, 0.0])
        optimizer.step()
        return [round(value, 4) for value in param.tolist()]

    assert one_step(torch.optim.Adam, 0.0) == [0.9, 1.0]
    assert one_step(torch.optim.Adam, 0.1) == [0.9, 0.9]
    assert one_step(torch.optim.AdamW, 0.1) == [0.89, 0.99]
    assert "| `AdamW(weight_decay=0.1)` | 0.89 | 0.99 |" in page_text("optimizers.md")


def test_focal_loss_weights_for_easy_and_hard_examples() -> None:
    def focal(p_t: float, gamma: float = 2.0) -> float:
        return -((1 - p_t) ** gamma) * math.log(p_t)

    assert focal(0.9) == pytest.approx(0.00105, abs=1e-5)
    assert focal(0.1) == pytest.approx(1.8651, abs=1e-4)
    assert round(focal(0.1) / focal(0.9)) == 1770
    assert "| 难分 | 0.1 | 2.3026 | 0.81 | 1.8651 |" in page_text("loss-functions.md")


def test_xgboost_gain_for_the_page_split() -> None:
    y = np.array([1, 1, 0, 1, 0, 0], dtype=float)
    grad, hess, lam = 0.5 - y, np.full(6, 0.25), 1.0

    def gain(k: int) -> float:
        def score(g: float, h: float) -> float:
            return g * g / (h + lam)

        gl, hl, gr, hr = grad[:k].sum(), hess[:k].sum(), grad[k:].sum(), hess[k:].sum()
        return 0.5 * (score(gl, hl) + score(gr, hr) - score(gl + gr, hl + hr))

    assert [round(gain(k), 4) for k in (1, 2, 3)] == [0.1556, 0.5833, 0.1429]
    assert "| 前 2 个 / 后 4 个 | −1.0 | 0.5 | 1.0 | 1.0 | 0.5833 |" in page_text("gbdt-xgboost.md")


def test_boosting_figure_mse_matches_sklearn() -> None:
    x = np.arange(1, 7, dtype=float)[:, None]
    y = np.array([1, 2, 3, 7, 8, 9], dtype=float)
    model = GradientBoostingRegressor(max_depth=1, learning_rate=0.5, n_estimators=3).fit(x, y)
    mse = [round(float(np.mean((y - pred) ** 2)), 2) for pred in model.staged_predict(x)]
    assert mse == [2.92, 1.23, 0.64]
    assert "9.67 → 2.92 → 1.23" in page_text("gbdt-xgboost.md")


def test_svm_example_weights_and_margin() -> None:
    x = np.array([[1, 2], [2, 1], [0.5, 1], [1, 0.5], [3, 3], [4, 3], [3, 5], [5, 4]], dtype=float)
    y = np.array([-1, -1, -1, -1, 1, 1, 1, 1])
    model = SVC(kernel="linear", C=1e6).fit(x, y)
    np.testing.assert_allclose(model.coef_[0], [2 / 3, 2 / 3], atol=1e-3)
    assert model.intercept_[0] == pytest.approx(-3.0, abs=1e-2)
    assert 2 / np.linalg.norm(model.coef_[0]) == pytest.approx(3 / math.sqrt(2), abs=1e-3)
    assert sorted(map(tuple, model.support_vectors_.tolist())) == [(1.0, 2.0), (2.0, 1.0), (3.0, 3.0)]
    soft = SVC(kernel="linear", C=0.1).fit(x, y)
    np.testing.assert_allclose(soft.coef_[0], [0.4, 0.3], atol=1e-6)
    assert "$w=(0.4,\\,0.3)$、$b=-1.625$" in page_text("svm.md")


def test_kaiming_and_xavier_variances_for_512_to_256() -> None:
    fan_in, fan_out = 512, 256
    assert 2 / (fan_in + fan_out) == pytest.approx(0.0026, abs=1e-4)
    assert math.sqrt(6 / (fan_in + fan_out)) == pytest.approx(0.0884, abs=1e-4)
    assert math.sqrt(2 / fan_in) == 0.0625
    torch.manual_seed(0)
    weight = torch.empty(fan_out, fan_in)
    torch.nn.init.kaiming_normal_(weight, nonlinearity="relu")
    assert weight.std().item() == pytest.approx(0.0626, abs=5e-4)
    linear = torch.nn.Linear(fan_in, fan_out)
    assert linear.weight.abs().max().item() <= 1 / math.sqrt(fan_in)
    assert "| Kaiming(ReLU,fan_in) | $2/512=0.0039$ | 0.0625 | 0.1083 |" in page_text("init-gradients.md")


def test_clip_grad_norm_scales_3_4_to_unit_norm() -> None:
    param = torch.nn.Parameter(torch.zeros(2))
    param.grad = torch.tensor([3.0, 4.0])
    total = torch.nn.utils.clip_grad_norm_([param], max_norm=1.0)
    assert total.item() == 5.0
    np.testing.assert_allclose(param.grad.numpy(), [0.6, 0.8], atol=1e-6)


def test_precision_recall_f1_and_auc_examples() -> None:
    tp, fp, fn, tn = 40, 10, 20, 930
    truth = np.array([1] * tp + [0] * fp + [1] * fn + [0] * tn)
    predicted = np.array([1] * tp + [1] * fp + [0] * fn + [0] * tn)
    assert precision_score(truth, predicted) == 0.8
    assert recall_score(truth, predicted) == pytest.approx(2 / 3)
    assert f1_score(truth, predicted) == pytest.approx(80 / 110)
    labels = np.array([1, 1, 0, 1, 0, 0])
    scores = np.array([0.9, 0.8, 0.7, 0.6, 0.4, 0.2])
    assert roc_auc_score(labels, scores) == pytest.approx(8 / 9)
    assert average_precision_score(labels, scores) == pytest.approx(11 / 12)
    assert "AUC $=8/9=0.889$" in page_text("classification-metrics.md")


def test_em_first_step_matches_sklearn() -> None:
    x = np.array([-1.0, 0.0, 1.0, 4.0, 5.0, 6.0])[:, None]
    gmm = GaussianMixture(
        2,
        weights_init=[0.5, 0.5],
        means_init=[[0.0], [3.0]],
        precisions_init=[[[1.0]], [[1.0]]],
        max_iter=1,
        reg_covar=0.0,
        tol=0.0,
    )
    with pytest.warns(Warning):  # one iteration is reported as "not converged"
        gmm.fit(x)
    np.testing.assert_allclose(gmm.weights_, [0.468, 0.532], atol=1e-3)
    np.testing.assert_allclose(gmm.means_.ravel(), [-0.064, 4.753], atol=1e-3)
    np.testing.assert_allclose(gmm.covariances_.ravel(), [0.647, 1.572], atol=1e-3)
    assert "$\\mu=(-0.064,\\ 4.753)$" in page_text("em-gmm.md")


def test_naive_bayes_spam_example() -> None:
    counts = np.array([[1, 2, 0], [1, 0, 1], [0, 1, 2], [0, 0, 1]])  # 免费, 优惠, 会议
    labels = np.array([1, 1, 0, 0])
    model = MultinomialNB(alpha=1.0).fit(counts, labels)
    assert model.predict_proba([[1, 0, 1]])[0, 1] == pytest.approx(0.5345, abs=1e-4)
    assert "$P(\\text{垃圾}\\mid x)=0.535$" in page_text("probability-stats.md")


def test_bayes_rule_disease_example() -> None:
    posterior = 0.01 * 0.99 / (0.01 * 0.99 + 0.99 * 0.05)
    assert posterior == pytest.approx(1 / 6)


def test_label_smoothing_loss_matches_torch() -> None:
    logits = torch.tensor([[2.0, 0.5, 0.1, -1.0]])
    target = torch.tensor([0])
    smoothed = torch.nn.functional.cross_entropy(logits, target, label_smoothing=0.1).item()
    manual = -(torch.tensor([0.925, 0.025, 0.025, 0.025]) * torch.log_softmax(logits, dim=1)[0]).sum().item()
    assert smoothed == pytest.approx(manual, abs=1e-6)
    assert round(smoothed, 4) == 0.5124
    assert "平滑后为 0.5124" in page_text("regularization.md")
