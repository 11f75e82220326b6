"""LayerNorm 对照 torch.nn.LayerNorm(前向、反向)。float64,容差 atol=1e-10。"""

import numpy as np
import pytest
import torch

from layer_norm import layer_norm, layer_norm_backward, variance_by_moments


def _torch_ln(x, gamma, beta, eps, shape):
    ln = torch.nn.LayerNorm(shape, eps=eps, dtype=torch.float64)
    with torch.no_grad():
        ln.weight.copy_(torch.from_numpy(gamma))
        ln.bias.copy_(torch.from_numpy(beta))
    return ln


@pytest.mark.parametrize("shape", [(2, 5, 8), (3, 16)])
def test_layer_norm_forward_matches_torch(shape):
    rng = np.random.default_rng(0)
    x = rng.normal(loc=3.0, scale=2.0, size=shape)
    gamma = rng.normal(size=shape[-1])
    beta = rng.normal(size=shape[-1])
    ln = _torch_ln(x, gamma, beta, 1e-5, shape[-1])
    expected = ln(torch.from_numpy(x)).detach().numpy()
    np.testing.assert_allclose(layer_norm(x, gamma, beta, eps=1e-5), expected, atol=1e-10)


def test_layer_norm_two_normalized_dims_matches_torch():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(2, 3, 4, 5))
    gamma, beta = rng.normal(size=(4, 5)), rng.normal(size=(4, 5))
    ln = _torch_ln(x, gamma, beta, 1e-6, (4, 5))
    expected = ln(torch.from_numpy(x)).detach().numpy()
    ours = layer_norm(x, gamma, beta, eps=1e-6, normalized_ndim=2)
    np.testing.assert_allclose(ours, expected, atol=1e-10)


def test_layer_norm_backward_matches_autograd():
    rng = np.random.default_rng(2)
    x = rng.normal(size=(4, 6, 10))
    gamma, beta = rng.normal(size=10), rng.normal(size=10)
    dy = rng.normal(size=x.shape)
    ln = _torch_ln(x, gamma, beta, 1e-5, 10)
    xt = torch.from_numpy(x).requires_grad_(True)
    ln(xt).backward(torch.from_numpy(dy))
    dx, dgamma, dbeta = layer_norm_backward(dy, x, gamma, eps=1e-5)
    np.testing.assert_allclose(dx, xt.grad.numpy(), atol=1e-10)
    np.testing.assert_allclose(dgamma, ln.weight.grad.numpy(), atol=1e-10)
    np.testing.assert_allclose(dbeta, ln.bias.grad.numpy(), atol=1e-10)


def test_layer_norm_large_mean_float32_stays_accurate():
    # 均值 1e4、标准差约 1 的 float32 输入:中心化写法与 torch 一致,矩估计写法明显偏离
    x = (10000.0 + np.arange(1, 9, dtype=np.float32)).reshape(1, 8)
    ones, zeros = np.ones(8, dtype=np.float32), np.zeros(8, dtype=np.float32)
    ref = torch.nn.functional.layer_norm(torch.from_numpy(x), (8,), eps=1e-5).numpy()
    np.testing.assert_allclose(layer_norm(x, ones, zeros), ref, atol=1e-5)
    assert float(((x - x.mean()) ** 2).mean()) == 5.25  # 1..8 的有偏方差
    assert float(variance_by_moments(x)[0]) == 8.0  # 矩估计写法误差超过 50%


def test_layer_norm_is_independent_of_batch():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(5, 7))
    np.testing.assert_array_equal(layer_norm(x)[2], layer_norm(x[2:3])[0])
