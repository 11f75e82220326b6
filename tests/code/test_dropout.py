"""F33 inverted dropout:训练 / 推理行为、期望不变(固定种子的统计检验)、p=0 与 p=1 边界。"""

import math

import pytest
import torch

from dropout import Dropout, dropout, dropout_with_mask, dropout_without_rescale

N = 200_000  # 统计检验的样本数


def _gen(seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


def test_dropout_kept_values_are_scaled_and_dropped_are_zero():
    x = torch.randn(64, 33, generator=_gen(0))
    y = dropout(x, p=0.25, generator=_gen(1))
    kept = y != 0
    torch.testing.assert_close(y[kept], x[kept] / 0.75, atol=0, rtol=0)
    assert 0 < kept.sum() < x.numel()


@pytest.mark.parametrize("p", [0.1, 0.5, 0.8])
def test_dropout_preserves_expectation(p):
    # y 的均值 = 1,标准差 sqrt(p / (1 - p) / N) <= sqrt(4 / 2e5) ≈ 0.0045;容差 0.025 > 5 个标准差
    y = dropout(torch.ones(N, dtype=torch.float64), p=p, generator=_gen(2))
    assert abs(y.mean().item() - 1.0) < 0.025
    # 置零比例 ≈ p,标准差 sqrt(p(1-p)/N) <= 0.0012;容差 0.006
    assert abs((y == 0).double().mean().item() - p) < 0.006


def test_dropout_without_rescale_shifts_training_mean():
    y = dropout_without_rescale(torch.ones(N), p=0.5, generator=_gen(3))
    assert abs(y.mean().item() - 0.5) < 0.01  # 训练期望变成 (1 - p) x,所以推理时必须补乘 (1 - p)
    assert torch.equal(dropout_without_rescale(torch.ones(3), p=0.5, training=False), torch.full((3,), 0.5))


def test_dropout_eval_is_identity():
    x = torch.randn(5, 7, generator=_gen(4))
    assert dropout(x, p=0.9, training=False) is x
    layer = Dropout(0.9).eval()
    assert torch.equal(layer(x), x)


def test_dropout_module_follows_train_eval_switch():
    layer = Dropout(0.5)
    x = torch.ones(1000)
    torch.manual_seed(5)
    train_out = layer(x)
    assert set(train_out.unique().tolist()) == {0.0, 2.0}
    layer.eval()
    assert torch.equal(layer(x), x)
    layer.train()
    assert (layer(x) == 0).any()


def test_dropout_p_zero_and_p_one_edge_cases():
    x = torch.randn(4, 4, generator=_gen(6))
    assert torch.equal(dropout(x, p=0.0), x)
    y = dropout(x, p=1.0)
    assert torch.equal(y, torch.zeros_like(x))
    assert not torch.isnan(y).any()  # 写成 x * mask / (1 - p) 会得到 0 / 0 = NaN


@pytest.mark.parametrize("p", [-0.1, 1.5])
def test_dropout_rejects_invalid_probability(p):
    with pytest.raises(ValueError, match=f"dropout 概率必须在 \\[0, 1\\] 内,收到 p={p}"):
        dropout(torch.ones(2), p=p)
    with pytest.raises(ValueError):
        Dropout(p)


def test_dropout_keeps_dtype_and_device():
    x = torch.ones(8, dtype=torch.float64)
    assert dropout(x, p=0.3, generator=_gen(7)).dtype == torch.float64
    half = torch.ones(8, dtype=torch.bfloat16)
    assert dropout(half, p=0.3, generator=_gen(7)).dtype == torch.bfloat16


def test_dropout_gradient_is_mask_over_keep_probability():
    x = torch.randn(50, generator=_gen(8), requires_grad=True)
    y, keep = dropout_with_mask(x, p=0.4, generator=_gen(9))
    y.sum().backward()
    torch.testing.assert_close(x.grad, keep.float() / 0.6, atol=0, rtol=0)
    # 与 dropout() 用同一种子时 mask 相同
    again = dropout(x.detach(), p=0.4, generator=_gen(9))
    torch.testing.assert_close(again, y.detach(), atol=0, rtol=0)


def test_dropout_variance_matches_formula():
    # Var(y) = x^2 * p / (1 - p);p = 0.5 时 y 只取 0 或 2,(y - 1)^2 恒为 1,样本方差的误差远小于容差 0.03
    y = dropout(torch.ones(N, dtype=torch.float64), p=0.5, generator=_gen(10))
    assert math.isclose(y.var().item(), 1.0, abs_tol=0.03)


def test_dropout_defaults_are_p_half_and_training():
    # 默认 p = 0.5、training = True:保留的元素变成 2,被丢的是 0,约一半一半
    y = dropout(torch.ones(N), generator=_gen(11))
    assert set(y.unique().tolist()) == {0.0, 2.0}
    assert abs((y == 0).double().mean().item() - 0.5) < 0.006
    z = dropout_without_rescale(torch.ones(N), generator=_gen(11))
    assert set(z.unique().tolist()) == {0.0, 1.0}  # 训练模式:只置零不放大(默认不是推理)
    assert abs(z.mean().item() - 0.5) < 0.006
    assert Dropout().p == 0.5


def test_dropout_module_accepts_both_ends_and_names_the_bad_value():
    assert torch.equal(Dropout(0.0)(torch.ones(3)), torch.ones(3))
    assert torch.equal(Dropout(1.0)(torch.ones(3)), torch.zeros(3))
    with pytest.raises(ValueError, match=r"dropout 概率必须在 \[0, 1\] 内,收到 p=1.5"):
        Dropout(1.5)


def test_dropout_variants_share_the_mask_for_one_seed_in_float64():
    # 同一种子:dropout、dropout_with_mask 的 mask 相同,反例 dropout_without_rescale 只差 1 / (1 - p) 的缩放
    x = torch.randn(500, generator=_gen(12), dtype=torch.float64)
    y = dropout(x, p=0.3, generator=_gen(13))
    y_mask, keep = dropout_with_mask(x, p=0.3, generator=_gen(13))
    y_plain = dropout_without_rescale(x, p=0.3, generator=_gen(13))
    assert y.dtype == y_mask.dtype == y_plain.dtype == torch.float64
    torch.testing.assert_close(y_mask, y, atol=0, rtol=0)
    torch.testing.assert_close(y_plain / 0.7, y, atol=0, rtol=1e-15)
    torch.testing.assert_close(y, torch.where(keep, x / 0.7, torch.zeros_like(x)), atol=0, rtol=1e-15)


def test_dropout_runs_on_the_input_device():
    # meta 设备只传播形状:随机数若建在 CPU 上,与 meta 张量相乘会报设备不一致
    x = torch.ones(4, 3, device="meta")
    for out in (dropout(x, p=0.3), dropout_without_rescale(x, p=0.3), dropout_with_mask(x, p=0.3)[0]):
        assert out.device.type == "meta" and out.shape == (4, 3)


def test_dropout_keeps_u_equal_to_p_in_bfloat16():
    # bf16 的 U[0, 1) 在 [0.5, 1) 上间隔 2^-8,u 恰好等于 p = 0.75 的概率约 1/256。
    # 保留条件必须是 u >= p,保留比例才是 1 - p = 0.25;写成 u > p 会少约 0.004(标准差 4.3e-4,约 9 个)
    n = 1_000_000
    x = torch.ones(n, dtype=torch.bfloat16)
    for kept in ((dropout(x, p=0.75, generator=_gen(14)) != 0),
                 (dropout_without_rescale(x, p=0.75, generator=_gen(14)) != 0),
                 dropout_with_mask(x, p=0.75, generator=_gen(14))[1]):
        assert abs(kept.double().mean().item() - 0.25) < 0.0015
