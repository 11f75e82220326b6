"""softmax / 交叉熵 对照 torch.softmax、F.cross_entropy 与 autograd。容差 atol=1e-10(float64)。"""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from softmax_cross_entropy import (
    cross_entropy,
    cross_entropy_grad,
    log_softmax,
    naive_cross_entropy,
    naive_softmax,
    softmax,
)

EXTREME = np.array(
    [
        [1000.0, 0.0, -1000.0],
        [-1000.0, -1000.0, -1000.0],
        [1e4, 1e4 + 1.0, -1e4],
        [0.0, 0.0, 0.0],
    ]
)
TARGETS = np.array([2, 0, 1, 1])


def test_softmax_matches_torch_on_random_logits():
    rng = np.random.default_rng(0)
    x = rng.normal(scale=5.0, size=(6, 7))
    for axis in (0, 1):
        expected = torch.softmax(torch.from_numpy(x), dim=axis).numpy()
        np.testing.assert_allclose(softmax(x, axis=axis), expected, rtol=0, atol=1e-12)


def test_softmax_extreme_logits_are_finite_and_match_torch():
    p = softmax(EXTREME)
    assert np.isfinite(p).all()
    np.testing.assert_allclose(p.sum(axis=1), np.ones(4), atol=1e-12)
    np.testing.assert_allclose(p, torch.softmax(torch.from_numpy(EXTREME), 1).numpy(), atol=1e-12)


def test_log_softmax_matches_torch_on_extreme_logits():
    expected = torch.log_softmax(torch.from_numpy(EXTREME), dim=1).numpy()
    np.testing.assert_allclose(log_softmax(EXTREME), expected, rtol=1e-12, atol=1e-10)


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("label_smoothing", [0.0, 0.1])
def test_cross_entropy_matches_torch_on_extreme_logits(reduction, label_smoothing):
    ours = cross_entropy(EXTREME, TARGETS, reduction=reduction, label_smoothing=label_smoothing)
    ref = F.cross_entropy(
        torch.from_numpy(EXTREME),
        torch.from_numpy(TARGETS),
        reduction=reduction,
        label_smoothing=label_smoothing,
    ).numpy()
    assert np.isfinite(ours).all()
    np.testing.assert_allclose(ours, ref, rtol=1e-12, atol=1e-10)


def test_cross_entropy_extreme_values_exact():
    # 第 0 行:正确类 -1000,最大 1000 => loss = 2000(精确值,logsumexp 里 exp(-1000)、exp(-2000) 可忽略)
    losses = cross_entropy(EXTREME, TARGETS, reduction="none")
    assert losses[0] == 2000.0
    assert losses[1] == pytest.approx(np.log(3.0), abs=1e-12)


def test_cross_entropy_rejects_unknown_reduction():
    with pytest.raises(ValueError, match="unknown reduction: 'avg'"):
        cross_entropy(EXTREME, TARGETS, reduction="avg")


def test_cross_entropy_grad_matches_autograd():
    rng = np.random.default_rng(1)
    logits = rng.normal(scale=3.0, size=(5, 4))
    targets = rng.integers(0, 4, size=5)
    t = torch.from_numpy(logits).requires_grad_(True)
    F.cross_entropy(t, torch.from_numpy(targets)).backward()
    np.testing.assert_allclose(cross_entropy_grad(logits, targets), t.grad.numpy(), atol=1e-12)
    np.testing.assert_allclose(cross_entropy_grad(EXTREME, TARGETS).sum(axis=1), np.zeros(4), atol=1e-12)


def test_naive_versions_really_fail():
    # 反例要真的出错,页面上的说法才成立
    with np.errstate(over="ignore", invalid="ignore"):
        assert np.isnan(naive_softmax(np.array([1000.0, 1000.0]))).all()
    with np.errstate(divide="ignore"):
        assert naive_cross_entropy(EXTREME[:1], TARGETS[:1]) == np.inf


def test_cross_entropy_default_reduction_is_mean():
    # 第 0 行 logsumexp([2, 0, -1]) - 2 ≈ 0.169846,第 1 行 log 3 ≈ 1.098612;均值 ≈ 0.634229(与 docstring 同一例)
    logits = np.array([[2.0, 0.0, -1.0], [0.0, 0.0, 0.0]])
    targets = np.array([0, 2])
    row0 = np.log(np.exp(2.0) + 1.0 + np.exp(-1.0)) - 2.0
    assert cross_entropy(logits, targets) == pytest.approx((row0 + np.log(3.0)) / 2, abs=1e-12)


def test_cross_entropy_masked_class_with_minus_inf_logit_stays_finite():
    # 被屏蔽的类 logit = -inf(如限制词表):不做 label smoothing 时 loss = log(1 + e),不能变成 nan
    logits = np.array([[0.0, -np.inf, 1.0]])
    with np.errstate(invalid="ignore"):
        loss = cross_entropy(logits, np.array([0]))
    assert loss == pytest.approx(np.log(1.0 + np.e), abs=1e-12)
    ref = F.cross_entropy(torch.from_numpy(logits), torch.tensor([0])).item()
    assert ref == pytest.approx(np.log(1.0 + np.e), abs=1e-12)


def test_naive_cross_entropy_normalises_each_row_separately():
    # 温和的 logits 上反例与正确写法相同:softmax 必须逐行归一化(整块归一化会把两行混在一起)
    logits = np.array([[1.0, 2.0, 0.5], [0.0, -1.0, 3.0]])
    targets = np.array([1, 2])
    assert naive_cross_entropy(logits, targets) == pytest.approx(cross_entropy(logits, targets), abs=1e-12)
