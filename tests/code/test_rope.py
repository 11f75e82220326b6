"""F14: RoPE 的相对位置性质、与复数写法一致、保范数 (float64, atol=1e-10)."""

import math

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from rope import (
    RotaryEmbedding,
    apply_rope,
    apply_rope_complex,
    apply_rope_interleaved,
    apply_rope_mixed_wrong,
    rope_angles,
    rotate_half,
)

ATOL = 1e-10
IMPLS = [apply_rope, apply_rope_interleaved]


def _vec(seed: int, *shape):
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed), dtype=torch.float64)


def _score(impl, q, k, m: int, n: int) -> float:
    """位置 m 的 query 与位置 n 的 key 旋转后的点积。q, k: (d,)"""
    qm = impl(q[None], torch.tensor([m]))[0]
    kn = impl(k[None], torch.tensor([n]))[0]
    return float(qm @ kn)


@pytest.mark.parametrize("impl", IMPLS)
@settings(max_examples=25, deadline=None)
@given(m=st.integers(0, 2000), n=st.integers(0, 2000), shift=st.integers(0, 5000))
def test_rope_score_depends_only_on_relative_position(impl, m, n, shift):
    q, k = _vec(0, 16), _vec(1, 16)
    base_score = _score(impl, q, k, m, n)
    assert _score(impl, q, k, m + shift, n + shift) == pytest.approx(base_score, abs=1e-9)
    # 并且等于 <q, R(n - m) k>: 只旋转 key,角度为相对位置
    if n >= m:
        assert float(q @ impl(k[None], torch.tensor([n - m]))[0]) == pytest.approx(base_score, abs=1e-9)


@pytest.mark.parametrize("impl", IMPLS)
def test_rope_score_changes_with_relative_position(impl):
    q, k = _vec(2, 16), _vec(3, 16)
    scores = {_score(impl, q, k, 10, 10 + r) for r in range(5)}
    assert len(scores) == 5  # 不同的相对距离给出不同的打分


def test_rope_rotate_half_equals_complex_formulation():
    x = _vec(4, 2, 3, 7, 8)  # (batch, heads, L, d)
    pos = torch.arange(5, 12)
    torch.testing.assert_close(apply_rope(x, pos), apply_rope_complex(x, pos), atol=ATOL, rtol=0)


def test_rope_interleaved_equals_complex_formulation():
    x = _vec(5, 2, 3, 7, 8)
    pos = torch.arange(100, 107)
    torch.testing.assert_close(apply_rope_interleaved(x, pos),
                               apply_rope_complex(x, pos, interleaved=True), atol=ATOL, rtol=0)


def test_rope_two_conventions_differ_only_by_a_fixed_permutation():
    d = 8
    x = _vec(6, 4, 5, d)
    pos = torch.arange(5)
    to_halves = torch.cat([torch.arange(0, d, 2), torch.arange(1, d, 2)])  # 交错布局 -> 前后两半布局
    back = torch.argsort(to_halves)
    via_halves = apply_rope(x[..., to_halves], pos)[..., back]
    torch.testing.assert_close(apply_rope_interleaved(x, pos), via_halves, atol=ATOL, rtol=0)
    assert not torch.allclose(apply_rope_interleaved(x, pos), apply_rope(x, pos))  # 直接混用则不同


@pytest.mark.parametrize("impl", IMPLS)
def test_rope_preserves_norm(impl):
    x = _vec(7, 3, 50, 16)
    out = impl(x, torch.arange(50) * 37)
    torch.testing.assert_close(out.norm(dim=-1), x.norm(dim=-1), atol=ATOL, rtol=0)


@pytest.mark.parametrize("impl", IMPLS)
def test_rope_position_zero_is_identity_and_rotations_compose(impl):
    x = _vec(8, 6, 16)
    torch.testing.assert_close(impl(x, torch.zeros(6, dtype=torch.long)), x, atol=0, rtol=0)
    # 先转 3 个位置再转 4 个位置 = 直接转 7 个位置
    twice = impl(impl(x, torch.full((6,), 3)), torch.full((6,), 4))
    torch.testing.assert_close(twice, impl(x, torch.full((6,), 7)), atol=ATOL, rtol=0)


def test_rope_first_pair_uses_angle_equal_to_position():
    # theta_0 = 1: 第 0 对 (维度 0 和 d/2) 在位置 m 恰好旋转 m 弧度
    x = torch.zeros(1, 8, dtype=torch.float64)
    x[0, 0] = 1.0
    out = apply_rope(x, torch.tensor([2]))
    assert out[0, 0].item() == pytest.approx(math.cos(2), abs=1e-15)
    assert out[0, 4].item() == pytest.approx(math.sin(2), abs=1e-15)
    angles = rope_angles(torch.tensor([1]), 8, dtype=torch.float64)
    torch.testing.assert_close(angles[0], torch.tensor([1.0, 0.1, 0.01, 0.001], dtype=torch.float64),
                               atol=1e-15, rtol=0)


def test_rope_kv_cache_offset_matches_full_sequence():
    x = _vec(9, 2, 4, 10, 8)  # (batch, heads, L, d)
    full = apply_rope(x, torch.arange(10))
    last = apply_rope(x[..., 9:, :], torch.tensor([9]))  # 解码时只处理新 token,传它的绝对位置
    torch.testing.assert_close(last, full[..., 9:, :], atol=ATOL, rtol=0)


def test_rope_float32_input_keeps_dtype():
    x = _vec(10, 3, 8).float()
    out = apply_rope(x, torch.arange(3))
    assert out.dtype == torch.float32
    torch.testing.assert_close(out.double(), apply_rope(x.double(), torch.arange(3)), atol=1e-6, rtol=0)


def test_rope_rotate_half_values_and_odd_dim_rejected():
    assert rotate_half(torch.tensor([1.0, 2.0, 3.0, 4.0])).tolist() == [-3.0, -4.0, 1.0, 2.0]
    with pytest.raises(ValueError, match="head_dim=5 必须是偶数"):
        apply_rope(torch.zeros(2, 5), torch.arange(2))


def test_rope_mixed_convention_breaks_norm_and_relative_property():
    q, k = _vec(11, 16), _vec(12, 16)
    out = apply_rope_mixed_wrong(q[None], torch.tensor([7]))[0]
    assert abs(out.norm().item() - q.norm().item()) > 1e-3
    s1 = _score(apply_rope_mixed_wrong, q, k, 3, 5)
    s2 = _score(apply_rope_mixed_wrong, q, k, 103, 105)
    assert abs(s1 - s2) > 1e-3


def _rotate_pairs_by_loop(x: torch.Tensor, positions: list[int], pairs: list[tuple[int, int]]) -> torch.Tensor:
    """Independent reference: for every position and every pair (a, b) of dimensions, apply the 2x2
    rotation [[cos, -sin], [sin, cos]] with angle pos * 10000^(-2i/d), one scalar at a time in math."""
    out = x.clone()
    d = x.shape[-1]
    for row, pos in enumerate(positions):
        for i, (a, b) in enumerate(pairs):
            angle = pos * 10000.0 ** (-2 * i / d)
            c, s = math.cos(angle), math.sin(angle)
            xa, xb = x[row, a].item(), x[row, b].item()
            out[row, a] = c * xa - s * xb
            out[row, b] = s * xa + c * xb
    return out


def test_rope_rotate_half_matches_explicit_rotation_loop():
    d, positions = 8, [0, 1, 5, 37, 1000]
    x = _vec(13, len(positions), d)
    expected = _rotate_pairs_by_loop(x, positions, [(i, i + d // 2) for i in range(d // 2)])
    torch.testing.assert_close(apply_rope(x, torch.tensor(positions)), expected, atol=ATOL, rtol=0)


def test_rope_interleaved_matches_explicit_rotation_loop():
    d, positions = 8, [0, 2, 9, 500]
    x = _vec(14, len(positions), d)
    expected = _rotate_pairs_by_loop(x, positions, [(2 * i, 2 * i + 1) for i in range(d // 2)])
    torch.testing.assert_close(apply_rope_interleaved(x, torch.tensor(positions)), expected, atol=ATOL, rtol=0)


def test_rope_module_matches_function_and_keeps_tables_out_of_state_dict():
    module = RotaryEmbedding(head_dim=8, max_len=64)
    assert module.cos_cached.dtype == torch.float32 and module.cos_cached.shape == (64, 8)
    assert list(module.state_dict()) == [] and list(module.parameters()) == []
    assert {name for name, _ in module.named_buffers()} == {"cos_cached", "sin_cached"}
    x = _vec(15, 2, 3, 6, 8).float()
    pos = torch.arange(40, 46)
    torch.testing.assert_close(module(x, pos), apply_rope(x, pos), atol=1e-6, rtol=0)
    x64 = _vec(15, 6, 8)
    expected = _rotate_pairs_by_loop(x64, pos.tolist(), [(i, i + 4) for i in range(4)])
    torch.testing.assert_close(module(x64.float(), pos).double(), expected, atol=1e-5, rtol=0)


def test_rope_bfloat16_input_uses_float32_angles():
    # at position 1000 a bf16 angle is off by up to 4 radians; the tables must be built in float32
    x = _vec(16, 4, 8)
    pos = [1000, 1001, 3000, 4095]
    expected = _rotate_pairs_by_loop(x, pos, [(i, i + 4) for i in range(4)])
    for out in (apply_rope(x.bfloat16(), torch.tensor(pos)),
                RotaryEmbedding(8, max_len=4096)(x.bfloat16(), torch.tensor(pos))):
        assert out.dtype == torch.bfloat16
        assert (out.double() - expected).abs().max().item() < 0.05  # bf16 rounding of x, cos, sin only


def test_rope_mixed_wrong_exact_values_show_the_mismatched_angles():
    # d = 4, 角度表 [t0, t1] = [p, p/100];repeat_interleave 得到 [t0, t0, t1, t1],rotate_half 却把维度 0 与 2 配对,
    # 于是维度 j 的输出是 x_j cos(a_j) + h_j sin(a_j),a = [t0, t0, t1, t1],h = [-x2, -x3, x0, x1]
    x = torch.tensor([[[1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0]]], dtype=torch.float64)  # (1, L=2, 4)
    for base, positions in ((10000.0, [1, 1000]), (100.0, [3, 40])):
        out = (apply_rope_mixed_wrong(x, torch.tensor(positions)) if base == 10000.0
               else apply_rope_mixed_wrong(x, torch.tensor(positions), base=base))
        assert out.dtype == torch.float64 and out.shape == (1, 2, 4)
        for row, p in enumerate(positions):
            t0, t1 = p * 1.0, p * base ** -0.5
            expected = [math.cos(t0) - 3 * math.sin(t0), 2 * math.cos(t0) - 4 * math.sin(t0),
                        3 * math.cos(t1) + math.sin(t1), 4 * math.cos(t1) + 2 * math.sin(t1)]
            # 角度表是 float32(rope_angles 的默认),所以只有约 1e-7 的相对精度
            torch.testing.assert_close(out[0, row], torch.tensor(expected, dtype=torch.float64), atol=2e-4, rtol=0)
    assert apply_rope_mixed_wrong(x.bfloat16(), torch.tensor([1, 2])).dtype == torch.bfloat16


def test_rope_float32_conventions_share_the_same_float32_tables_exactly():
    # float32 输入时两种约定都在 float32 里算角度和 cos/sin,只差一个维度重排,所以逐位相等
    d = 8
    x = _vec(17, 3, 4, d).float()
    pos = torch.tensor([5, 777, 2047, 4095])
    to_halves = torch.cat([torch.arange(0, d, 2), torch.arange(1, d, 2)])
    via_halves = apply_rope(x[..., to_halves], pos)[..., torch.argsort(to_halves)]
    assert torch.equal(apply_rope_interleaved(x, pos), via_halves)
    # 而在 float64 里算角度再转回 float32,结果在这些位置上不同(表的精度不同)
    assert not torch.equal(apply_rope_interleaved(x, pos), apply_rope_interleaved(x.double(), pos).float())


def test_rope_module_default_max_len_2048_and_custom_base():
    module = RotaryEmbedding(head_dim=4)
    assert module.cos_cached.shape == (2048, 4)
    x = _vec(18, 2, 4)
    pos = torch.tensor([2047, 3])
    expected = _rotate_pairs_by_loop(x, pos.tolist(), [(0, 2), (1, 3)])
    torch.testing.assert_close(module(x, pos), expected, atol=2e-4, rtol=0)
    with pytest.raises(IndexError):
        module(x[:1], torch.tensor([2048]))
    small_base = RotaryEmbedding(head_dim=4, max_len=50, base=100.0)
    ref = apply_rope(x, torch.tensor([7, 49]), base=100.0)
    torch.testing.assert_close(small_base(x, torch.tensor([7, 49])), ref, atol=1e-6, rtol=0)
    assert not torch.allclose(ref, apply_rope(x, torch.tensor([7, 49])))


@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16])
@pytest.mark.parametrize("impl", [apply_rope, apply_rope_interleaved, apply_rope_complex, apply_rope_mixed_wrong])
def test_rope_positions_on_cpu_follow_the_input_device_and_dtype(impl, dtype):
    # 位置常在 CPU 上生成;x 在别的设备(这里用 meta)时,角度表必须建到 x 的设备上;输出保持 x 的 dtype
    x = torch.zeros(2, 3, 8, device="meta", dtype=dtype)
    out = impl(x, torch.arange(3))
    assert out.device.type == "meta" and out.shape == (2, 3, 8) and out.dtype == dtype
