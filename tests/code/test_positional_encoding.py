"""F13: 正弦编码对照公式(逐元素 math.sin/cos,float64),相对位置偏置的性质测试。"""

import math

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from positional_encoding import (
    LearnedPositionalEmbedding,
    SinusoidalPositionalEncoding,
    T5RelativePositionBias,
    clipped_relative_index,
    sinusoidal_position_encoding,
    t5_relative_position_bucket,
)


def test_sinusoidal_values_match_formula_at_known_positions():
    d = 16
    pe = sinusoidal_position_encoding(200, d, dtype=torch.float64)
    for pos in (0, 1, 2, 7, 50, 199):
        for i in range(d // 2):
            angle = pos / 10000 ** (2 * i / d)
            assert pe[pos, 2 * i].item() == pytest.approx(math.sin(angle), abs=1e-12)
            assert pe[pos, 2 * i + 1].item() == pytest.approx(math.cos(angle), abs=1e-12)


def test_sinusoidal_exact_values_small_case():
    pe = sinusoidal_position_encoding(2, 4)
    assert pe.dtype == torch.float32
    expected = torch.tensor([[0.0, 1.0, 0.0, 1.0],
                             [math.sin(1), math.cos(1), math.sin(0.01), math.cos(0.01)]])
    torch.testing.assert_close(pe, expected, atol=1e-7, rtol=0)


def test_sinusoidal_large_position_accurate_in_float32():
    d, n = 64, 100_001
    pe = sinusoidal_position_encoding(n, d)  # float32 输出,内部用 float64 计算
    ref = sinusoidal_position_encoding(n, d, dtype=torch.float64)
    assert (pe.double() - ref).abs().max().item() < 1e-7  # 只剩 float32 的最终舍入误差
    # 对比: 全程 float32 计算角度,位置 1e5 附近误差达到 1e-3 量级
    pos = torch.arange(n, dtype=torch.float32)[:, None]
    inv_freq = 10000.0 ** (-torch.arange(0, d, 2, dtype=torch.float32) / d)
    naive = torch.sin(pos * inv_freq)
    assert (naive.double() - ref[:, 0::2]).abs().max().item() > 1e-3


def test_sinusoidal_shift_is_a_rotation_of_each_pair():
    # PE(pos + k) 的第 i 对 (sin, cos) 等于 PE(pos) 的第 i 对旋转角度 k * w_i:与 pos 无关的线性变换
    d, k = 8, 5
    pe = sinusoidal_position_encoding(64, d, dtype=torch.float64)
    for i in range(d // 2):
        w = 10000 ** (-2 * i / d)
        c, s = math.cos(k * w), math.sin(k * w)
        sin_pos, cos_pos = pe[:-k, 2 * i], pe[:-k, 2 * i + 1]
        torch.testing.assert_close(pe[k:, 2 * i], sin_pos * c + cos_pos * s, atol=1e-12, rtol=0)
        torch.testing.assert_close(pe[k:, 2 * i + 1], cos_pos * c - sin_pos * s, atol=1e-12, rtol=0)


def test_sinusoidal_values_bounded_and_odd_dim_rejected():
    pe = sinusoidal_position_encoding(50, 10)
    assert pe.abs().max() <= 1.0
    # 每对 sin^2 + cos^2 = 1
    torch.testing.assert_close(pe[:, 0::2] ** 2 + pe[:, 1::2] ** 2, torch.ones(50, 5), atol=1e-6, rtol=0)
    with pytest.raises(ValueError, match="d_model=7 必须是偶数"):
        sinusoidal_position_encoding(4, 7)


def test_sinusoidal_module_adds_encoding_with_offset_and_is_a_buffer():
    module = SinusoidalPositionalEncoding(d_model=6, max_len=10)
    assert list(module.parameters()) == []
    assert "pe" not in module.state_dict()  # persistent=False: 不存进 checkpoint
    x = torch.zeros(2, 3, 6)
    torch.testing.assert_close(module(x, offset=4)[1], sinusoidal_position_encoding(10, 6)[4:7])
    with pytest.raises(ValueError, match="序列位置 11 超过 max_len=10"):
        module(torch.zeros(1, 3, 6), offset=8)


def test_learned_embedding_shapes_and_values():
    torch.manual_seed(0)
    module = LearnedPositionalEmbedding(max_len=8, d_model=4)
    assert module.embedding.weight.shape == (8, 4)
    assert sum(p.numel() for p in module.parameters()) == 32
    x = torch.randn(3, 5, 4)
    out = module(x)
    assert out.shape == (3, 5, 4)
    torch.testing.assert_close(out - x, module.embedding.weight[:5].expand(3, 5, 4))
    torch.testing.assert_close(module(x[:, :2], offset=6) - x[:, :2], module.embedding.weight[6:8].expand(3, 2, 4))


def test_learned_embedding_rejects_positions_beyond_max_len():
    module = LearnedPositionalEmbedding(max_len=4, d_model=2)
    with pytest.raises(ValueError, match="序列位置 5 超过 max_len=4"):
        module(torch.zeros(1, 5, 2))


def test_learned_embedding_receives_gradients():
    torch.manual_seed(1)
    module = LearnedPositionalEmbedding(max_len=6, d_model=3)
    module(torch.zeros(2, 4, 3)).sum().backward()
    grad = module.embedding.weight.grad
    torch.testing.assert_close(grad[:4], torch.full((4, 3), 2.0))  # batch 2,每个位置梯度为 2
    torch.testing.assert_close(grad[4:], torch.zeros(2, 3))        # 没用到的位置没有梯度


def _t5_bucket_reference(rel: int, bidirectional: bool, num_buckets: int, max_distance: int) -> int:
    """Independent reference written from the T5 paper's description (Raffel et al., 2020, sec. 2.1),
    not from the vectorised code: the buckets of one direction are `exact` buckets of width 1 followed by
    buckets whose *left edges* grow geometrically from `exact` to `max_distance`; a distance goes into the
    last bucket whose left edge it has reached. The edges are listed explicitly and searched."""
    half = num_buckets // 2 if bidirectional else num_buckets
    offset = half if bidirectional and rel > 0 else 0          # keys after the query use the upper half
    n = abs(rel) if bidirectional else max(-rel, 0)           # one-directional: future positions -> 0
    exact = half // 2
    n_log = half - exact                                       # number of logarithmic buckets
    # left edge of log bucket j: exact * (max_distance / exact) ** (j / n_log); 1e-9 absorbs rounding
    edges = list(range(exact)) + [math.ceil(exact * (max_distance / exact) ** (j / n_log) - 1e-9)
                                  for j in range(n_log)]
    bucket = max(b for b, edge in enumerate(edges) if n >= edge)
    return offset + bucket


@pytest.mark.parametrize("bidirectional", [True, False])
@pytest.mark.parametrize("num_buckets,max_distance", [(32, 128), (8, 20), (6, 4)])
def test_t5_bucket_matches_independent_edge_reference(bidirectional, num_buckets, max_distance):
    rel = torch.arange(-300, 301)
    got = t5_relative_position_bucket(rel, bidirectional, num_buckets, max_distance).tolist()
    expected = [_t5_bucket_reference(r, bidirectional, num_buckets, max_distance) for r in rel.tolist()]
    assert got == expected


def test_t5_bucket_known_values():
    rel = torch.tensor([0, -1, 1, -7, -8, -16, -32, -64, -127, -128, -1000, 8, 1000])
    assert t5_relative_position_bucket(rel).tolist() == [0, 1, 17, 7, 8, 10, 12, 14, 15, 15, 15, 24, 31]
    # 单向: 未来位置 (j > i) 都落在桶 0
    assert t5_relative_position_bucket(rel, bidirectional=False).tolist() == \
        [0, 1, 0, 7, 8, 16, 21, 26, 31, 31, 31, 0, 0]


def test_t5_bucket_is_monotone_in_distance():
    dist = torch.arange(0, 500)
    b = t5_relative_position_bucket(-dist, bidirectional=False)
    assert torch.all(b[1:] >= b[:-1])
    assert b.min() == 0 and b.max() == 31


@settings(max_examples=30, deadline=None)
@given(q_len=st.integers(1, 12), k_len=st.integers(1, 12), offset=st.integers(0, 40),
       bidirectional=st.booleans())
def test_t5_relative_bias_depends_only_on_key_minus_query(q_len, k_len, offset, bidirectional):
    torch.manual_seed(2)
    module = T5RelativePositionBias(n_heads=3, bidirectional=bidirectional, num_buckets=8, max_distance=16)
    bias = module(q_len, k_len, q_offset=offset)
    assert bias.shape == (1, 3, q_len, k_len)
    # 每个 (i, j) 的值只由 j - (i + offset) 决定
    for i in range(q_len):
        for j in range(k_len):
            bucket = _t5_bucket_reference(j - (i + offset), bidirectional, 8, 16)
            assert torch.equal(bias[0, :, i, j], module.bias.weight[bucket])
    # 沿对角线方向不变: bias[i, j] == bias[i+1, j+1]
    assert torch.equal(bias[..., 1:, 1:], bias[..., :-1, :-1])


def test_clipped_relative_index_depends_only_on_offset_and_clips():
    idx = clipped_relative_index(6, 9, max_relative=2)
    assert idx.shape == (6, 9)
    for i in range(6):
        for j in range(9):
            assert idx[i, j].item() == min(max(j - i, -2), 2) + 2
    assert idx.min() == 0 and idx.max() == 4


def test_sinusoidal_module_defaults_offset_zero_and_max_len_2048():
    module = SinusoidalPositionalEncoding(d_model=4)
    x = torch.zeros(1, 2048, 4)
    torch.testing.assert_close(module(x)[0], sinusoidal_position_encoding(2048, 4), atol=0, rtol=0)
    torch.testing.assert_close(module(x[:, :2])[0, 1], torch.tensor([math.sin(1), math.cos(1), math.sin(0.01),
                                                                     math.cos(0.01)]), atol=1e-7, rtol=0)
    with pytest.raises(ValueError, match="序列位置 2049 超过 max_len=2048"):
        module(torch.zeros(1, 2049, 4))


def test_sinusoidal_module_accepts_the_last_position_exactly():
    module = SinusoidalPositionalEncoding(d_model=2, max_len=10)
    out = module(torch.zeros(1, 3, 2), offset=7)  # 位置 7, 8, 9:正好用到最后一行
    torch.testing.assert_close(out[0, :, 0], torch.sin(torch.tensor([7.0, 8.0, 9.0])), atol=1e-6, rtol=0)


def test_sinusoidal_module_keeps_half_precision_input_dtype():
    module = SinusoidalPositionalEncoding(d_model=4, max_len=8)
    out = module(torch.zeros(1, 3, 4, dtype=torch.bfloat16))
    assert out.dtype == torch.bfloat16
    assert out[0, 1].tolist() == torch.tensor([math.sin(1), math.cos(1), 0.01, 1.0]).bfloat16().tolist()


def test_t5_relative_bias_defaults_follow_t5_32_buckets_128_distance_bidirectional():
    torch.manual_seed(3)
    module = T5RelativePositionBias(n_heads=2)
    assert module.bias.weight.shape == (32, 2)  # T5: 32 个桶,每个头一个标量
    bias = module(1, 300)                        # 默认 q_offset = 0:query 在位置 0
    for j in range(300):
        bucket = _t5_bucket_reference(j, True, 32, 128)
        assert torch.equal(bias[0, :, 0, j], module.bias.weight[bucket])
    back = module(300, 1)                        # key 在 query 之前(j - i < 0)用前一半桶
    for i in range(300):
        assert torch.equal(back[0, :, i, 0], module.bias.weight[_t5_bucket_reference(-i, True, 32, 128)])


def test_position_modules_build_indices_on_the_weight_device_not_the_default_device():
    # 默认设备设成 meta 时,CPU 上的模块必须照样在 CPU 上算出真实数值:
    # 不写 device= 的 torch.arange 会建在 meta 上,和 CPU 张量相遇时报错或给出没有数据的结果
    torch.manual_seed(4)
    t5 = T5RelativePositionBias(n_heads=2, num_buckets=8, max_distance=16)
    learned = LearnedPositionalEmbedding(max_len=6, d_model=3)
    x = torch.randn(2, 4, 3)
    expected_t5 = t5(3, 5, q_offset=2)
    expected_learned = learned(x, offset=1)
    expected_index = clipped_relative_index(3, 5, max_relative=1)
    expected_pe = sinusoidal_position_encoding(5, 4)
    with torch.device("meta"):
        got_pe = sinusoidal_position_encoding(5, 4, device="cpu")
        got_t5 = t5(3, 5, q_offset=2)
        got_learned = learned(x, offset=1)
        got_index = clipped_relative_index(3, 5, max_relative=1, device="cpu")
    for got, expected in ((got_t5, expected_t5), (got_learned, expected_learned), (got_index, expected_index),
                          (got_pe, expected_pe)):
        assert got.device.type == "cpu"
        assert torch.equal(got, expected)
