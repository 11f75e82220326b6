"""LayerNorm 对照 torch.nn.LayerNorm(前向、反向)。NumPy 版 float64,容差 atol=1e-10;
nn.Module 版复制同一组 weight / bias,float32 atol=2e-6、float64 atol=1e-13(实测最大差:float32 前向 4.8e-7、梯度 9.5e-7;
float64 前向 8.9e-16、梯度 1.3e-15)。"""

import numpy as np
import pytest
import torch

from layer_norm import LayerNorm, layer_norm, layer_norm_backward, variance_by_moments


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


# ---------------------------------------------------------------- nn.Module 版

_ATOL = {torch.float32: 2e-6, torch.float64: 1e-13}


def _pair(normalized, dtype, eps=1e-5, seed=0):
    """torch 的 LayerNorm(随机 weight / bias)和我们的模块,后者用 load_state_dict 复制同一组参数。"""
    g = torch.Generator().manual_seed(seed)
    ref = torch.nn.LayerNorm(normalized, eps=eps, dtype=dtype)
    with torch.no_grad():
        ref.weight.copy_(torch.randn(ref.weight.shape, generator=g))
        ref.bias.copy_(torch.randn(ref.bias.shape, generator=g))
    mine = LayerNorm(normalized, eps=eps).to(dtype)
    mine.load_state_dict(ref.state_dict())
    return ref, mine


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64], ids=["fp32", "fp64"])
@pytest.mark.parametrize(("shape", "normalized"), [((2, 5, 8), 8), ((3, 4, 5), (4, 5))], ids=["last", "last-two"])
def test_layer_norm_module_matches_torch_forward_and_grads(shape, normalized, dtype):
    ref, mine = _pair(normalized, dtype)
    x = (torch.randn(*shape, generator=torch.Generator().manual_seed(1)) * 2.0 + 3.0).to(dtype)
    x_ref, x_mine = x.clone().requires_grad_(True), x.clone().requires_grad_(True)
    dy = torch.randn(*shape, generator=torch.Generator().manual_seed(2)).to(dtype)
    y_ref, y_mine = ref(x_ref), mine(x_mine)
    y_ref.backward(dy)
    y_mine.backward(dy)
    atol = _ATOL[dtype]
    assert y_mine.dtype == dtype
    torch.testing.assert_close(y_mine, y_ref, rtol=0, atol=atol)
    torch.testing.assert_close(x_mine.grad, x_ref.grad, rtol=0, atol=atol)
    torch.testing.assert_close(mine.weight.grad, ref.weight.grad, rtol=0, atol=4 * atol)  # 对 batch 求和,误差累积
    torch.testing.assert_close(mine.bias.grad, ref.bias.grad, rtol=0, atol=4 * atol)


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64], ids=["fp32", "fp64"])
def test_layer_norm_module_eps_inside_the_square_root(dtype):
    # 方差 1.25、eps = 0.5:eps 放在根号内外、或被忽略,结果差 0.1 以上
    ref, mine = _pair(4, dtype, eps=0.5, seed=3)
    x = torch.tensor([[1.0, 2.0, 3.0, 4.0]], dtype=dtype)
    torch.testing.assert_close(mine(x), ref(x), rtol=0, atol=_ATOL[dtype])


def test_layer_norm_module_starts_as_plain_standardisation():
    mine = LayerNorm((2, 3))
    assert dict(mine.named_parameters()).keys() == {"weight", "bias"}
    assert mine.weight.shape == mine.bias.shape == (2, 3)
    x = torch.tensor([[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]], dtype=torch.float64)
    expected = torch.tensor([-1.46385, -0.87831, -0.29277, 0.29277, 0.87831, 1.46385], dtype=torch.float64)
    torch.testing.assert_close(mine.double()(x).flatten(), expected, rtol=0, atol=1e-5)


def test_layer_norm_module_agrees_with_numpy_version():
    rng = np.random.default_rng(4)
    x, gamma, beta = rng.normal(size=(3, 6)), rng.normal(size=6), rng.normal(size=6)
    mine = LayerNorm(6).double()
    with torch.no_grad():
        mine.weight.copy_(torch.from_numpy(gamma))
        mine.bias.copy_(torch.from_numpy(beta))
    ours = mine(torch.from_numpy(x)).detach().numpy()
    np.testing.assert_allclose(ours, layer_norm(x, gamma, beta), rtol=0, atol=1e-12)


def test_layer_norm_backward_default_eps_is_1e_5():
    # 方差约 1e-6 的输入:eps = 1e-5 与别的 eps 给出明显不同的梯度;对照 torch.nn.LayerNorm 的默认 eps
    rng = np.random.default_rng(5)
    x = rng.normal(scale=1e-3, size=(3, 6))
    gamma, beta, dy = rng.normal(size=6), rng.normal(size=6), rng.normal(size=(3, 6))
    ln = torch.nn.LayerNorm(6, dtype=torch.float64)
    with torch.no_grad():
        ln.weight.copy_(torch.from_numpy(gamma))
        ln.bias.copy_(torch.from_numpy(beta))
    xt = torch.from_numpy(x).requires_grad_(True)
    ln(xt).backward(torch.from_numpy(dy))
    dx, dgamma, _ = layer_norm_backward(dy, x, gamma)
    np.testing.assert_allclose(dx, xt.grad.numpy(), rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(dgamma, ln.weight.grad.numpy(), atol=1e-10)


def test_layer_norm_variance_by_moments_is_per_row_over_the_last_axis():
    # 每行是 4 个连续整数:有偏方差 (1.5² + 0.5² + 0.5² + 1.5²) / 4 = 1.25;值小,矩估计在 float64 里也精确
    x = np.arange(24.0).reshape(2, 3, 4)
    out = variance_by_moments(x)
    assert out.shape == (2, 3)
    assert out.tolist() == [[1.25] * 3] * 2
