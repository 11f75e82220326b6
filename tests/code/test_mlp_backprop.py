"""两层 MLP:反向传播对照 PyTorch autograd(atol=1e-12)与中心差分数值梯度(相对误差 < 1e-6)。"""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from mlp_backprop import backward, forward, grad_check, init_params, numerical_grad, relative_error, sgd_step


def _torch_grads(params, x, y):
    tp = {k: torch.from_numpy(v.copy()).requires_grad_(True) for k, v in params.items()}
    h = F.relu(F.linear(torch.from_numpy(x), tp["W1"], tp["b1"]))
    logits = F.linear(h, tp["W2"], tp["b2"])
    loss = F.cross_entropy(logits, torch.from_numpy(y))
    loss.backward()
    return float(loss.detach()), {k: v.grad.numpy() for k, v in tp.items()}


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_mlp_backprop_matches_torch_autograd(seed):
    rng = np.random.default_rng(seed)
    params = init_params(5, 7, 4, rng)
    params["b1"] = rng.normal(size=7)  # 非零偏置,让 b1 的梯度也被检验
    x = rng.normal(size=(6, 5))
    y = rng.integers(0, 4, size=6)
    loss, cache = forward(params, x, y)
    ref_loss, ref_grads = _torch_grads(params, x, y)
    assert loss == pytest.approx(ref_loss, abs=1e-12)
    grads = backward(params, cache)
    assert grads.keys() == params.keys()
    for name in params:
        assert grads[name].shape == params[name].shape
        np.testing.assert_allclose(grads[name], ref_grads[name], atol=1e-12, err_msg=name)


@pytest.mark.parametrize("seed", [0, 3])
def test_mlp_backprop_grad_check_passes(seed):
    rng = np.random.default_rng(seed)
    params = init_params(4, 6, 3, rng)
    errors = grad_check(params, rng.normal(size=(8, 4)), rng.integers(0, 3, size=8))
    assert set(errors) == {"W1", "b1", "W2", "b2"}
    assert max(errors.values()) < 1e-6


def test_mlp_backprop_grad_check_detects_missing_relu_mask():
    # 经典 bug:反向时忘了乘 ReLU 的导数。数值梯度必须能把它抓出来。
    rng = np.random.default_rng(4)
    params = init_params(4, 6, 3, rng)
    x, y = rng.normal(size=(8, 4)), rng.integers(0, 3, size=8)
    _, cache = forward(params, x, y)
    batch = len(y)
    d_logits = cache["p"].copy()
    d_logits[np.arange(batch), y] -= 1.0
    wrong_dW1 = ((d_logits / batch) @ params["W2"]).T @ x  # 少了 * (z1 > 0)
    numeric = numerical_grad(lambda: forward(params, x, y)[0], params["W1"])
    assert relative_error(wrong_dW1, numeric) > 0.1


def test_mlp_backprop_numerical_grad_restores_parameters():
    rng = np.random.default_rng(5)
    params = init_params(3, 4, 2, rng)
    before = {k: v.copy() for k, v in params.items()}
    grad_check(params, rng.normal(size=(3, 3)), np.array([0, 1, 1]))
    for name in params:
        np.testing.assert_array_equal(params[name], before[name])


def test_mlp_backprop_training_fits_xor():
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, size=(128, 2))
    y = ((x[:, 0] > 0) ^ (x[:, 1] > 0)).astype(np.int64)  # XOR:线性模型做不到
    params = init_params(2, 16, 2, rng)
    first, _ = forward(params, x, y)
    for _ in range(2000):
        loss, cache = forward(params, x, y)
        sgd_step(params, backward(params, cache), lr=0.5)
    _, cache = forward(params, x, y)
    accuracy = float((cache["p"].argmax(axis=1) == y).mean())
    assert first > 0.5 and loss < 0.15  # 初始 loss 约 0.53,与随机猜测的 ln 2 ≈ 0.69 同量级
    assert accuracy >= 0.95


def _hand_params():
    """d_in = hidden = n_classes = 2:W1 = I、W2 = 1000·I、偏置 0,于是 logits = 1000·relu(x),逐项可手算。"""
    return {"W1": np.eye(2), "b1": np.zeros(2), "W2": 1000.0 * np.eye(2), "b2": np.zeros(2)}


def test_mlp_backprop_forward_is_stable_per_row_for_huge_logits():
    # 第 0 行 logits [1000, 0]:loss = log(1 + e^-1000) = 0(float64);第 1 行 [0, 0]:loss = log 2。
    # 必须逐行减最大值:加最大值会 exp 上溢,减全局最大值会让第 1 行下溢成 log(0)
    x, y = np.array([[1.0, 0.0], [0.0, 0.0]]), np.array([0, 1])
    loss, cache = forward(_hand_params(), x, y)
    assert loss == pytest.approx(np.log(2.0) / 2, abs=1e-15)
    np.testing.assert_allclose(cache["p"], [[1.0, 0.0], [0.5, 0.5]], atol=1e-300, rtol=1e-15)


def test_mlp_backprop_relu_derivative_at_zero_is_zero_like_torch():
    # 第 1 行 z1 = [0, 0] 恰好落在 ReLU 的拐点:torch 取导数 0,db1 只来自第 0 行
    params = _hand_params()
    x, y = np.array([[1.0, 0.0], [0.0, 0.0]]), np.array([0, 1])
    _, cache = forward(params, x, y)
    grads = backward(params, cache)
    _, ref = _torch_grads(params, x, y)
    for name in params:
        np.testing.assert_allclose(grads[name], ref[name], atol=1e-12, err_msg=name)
    assert grads["b1"].tolist() == [0.0, 0.0]  # 第 0 行 p = [1, 0] = onehot,梯度为 0;第 1 行被 ReLU 挡住


def test_mlp_backprop_init_bounds_are_kaiming_and_xavier_uniform():
    # W1 ~ U(±sqrt(6 / d_in))(kaiming_uniform_,ReLU 增益),W2 ~ U(±sqrt(6 / (hidden + n_classes)))(xavier_uniform_)
    params = init_params(3, 1000, 200, np.random.default_rng(0))
    b1, b2 = np.sqrt(6.0 / 3), np.sqrt(6.0 / 1200)
    for name, bound in (("W1", b1), ("W2", b2)):
        w = params[name]
        assert np.abs(w).max() <= bound
        assert w.max() > 0.99 * bound and w.min() < -0.99 * bound  # 两个方向都铺满
    assert params["W1"].shape == (1000, 3) and params["W2"].shape == (200, 1000)
    assert not params["b1"].any() and not params["b2"].any()


def test_mlp_backprop_numerical_grad_default_step_is_small():
    # f = sum(w^3),中心差分 = 3w^2 + eps^2:默认 eps = 1e-6 时误差 1e-12
    w = np.array([1.0, -2.0])
    np.testing.assert_allclose(numerical_grad(lambda: float((w**3).sum()), w), [3.0, 12.0], rtol=1e-7, atol=0)


def test_mlp_backprop_relative_error_by_hand():
    assert relative_error(np.array([1e-3]), np.array([2e-3])) == pytest.approx(1 / 3, rel=1e-12)
    assert relative_error(np.zeros(2), np.zeros(2)) == 0.0


def test_mlp_backprop_grad_check_uses_the_given_step():
    # 步长 0.5 远大于 ReLU 拐点间距,数值梯度明显偏离;默认 1e-6 时误差 < 1e-6
    rng = np.random.default_rng(6)
    params = init_params(4, 6, 3, rng)
    x, y = rng.normal(size=(8, 4)), rng.integers(0, 3, size=8)
    assert max(grad_check(params, x, y).values()) < 1e-6
    assert max(grad_check(params, x, y, eps=0.5).values()) > 1e-3
