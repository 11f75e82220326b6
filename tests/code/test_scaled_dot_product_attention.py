"""F09: 对照 torch.nn.functional.scaled_dot_product_attention (float32, atol=1e-6)."""

import math

import pytest
import torch
import torch.nn.functional as F

from scaled_dot_product_attention import (
    mask_that_does_nothing,
    naive_masked_softmax,
    padding_mask,
    scaled_dot_product_attention,
)

ATOL = 1e-6


def _qkv(seed: int, batch=2, heads=3, L_q=5, L_k=7, d_k=4, d_v=6):
    g = torch.Generator().manual_seed(seed)
    q = torch.randn(batch, heads, L_q, d_k, generator=g)
    k = torch.randn(batch, heads, L_k, d_k, generator=g)
    v = torch.randn(batch, heads, L_k, d_v, generator=g)
    return q, k, v


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_scaled_dot_product_attention_no_mask_matches_torch(seed):
    q, k, v = _qkv(seed)
    out, attn = scaled_dot_product_attention(q, k, v)
    ref = F.scaled_dot_product_attention(q, k, v)
    assert out.shape == (2, 3, 5, 6)
    assert attn.shape == (2, 3, 5, 7)
    torch.testing.assert_close(out, ref, atol=ATOL, rtol=0)
    torch.testing.assert_close(attn.sum(-1), torch.ones(2, 3, 5), atol=ATOL, rtol=0)


def test_scaled_dot_product_attention_weights_match_formula():
    q, k, v = _qkv(3)
    _, attn = scaled_dot_product_attention(q, k, v)
    expected = torch.softmax(q @ k.transpose(-2, -1) / math.sqrt(4), dim=-1)
    torch.testing.assert_close(attn, expected, atol=ATOL, rtol=0)


def test_scaled_dot_product_attention_custom_scale_matches_torch():
    q, k, v = _qkv(4)
    out, _ = scaled_dot_product_attention(q, k, v, scale=0.3)
    ref = F.scaled_dot_product_attention(q, k, v, scale=0.3)
    torch.testing.assert_close(out, ref, atol=ATOL, rtol=0)


def test_scaled_dot_product_attention_padding_mask_matches_torch():
    q, k, v = _qkv(5)
    keep = padding_mask(torch.tensor([7, 3]), 7)  # (2, 1, 1, 7)
    out, attn = scaled_dot_product_attention(q, k, v, mask=keep)
    ref = F.scaled_dot_product_attention(q, k, v, attn_mask=keep)
    torch.testing.assert_close(out, ref, atol=ATOL, rtol=0)
    # 被 padding 的 key 权重严格为 0
    assert torch.equal(attn[1, :, :, 3:], torch.zeros(3, 5, 4))


def test_scaled_dot_product_attention_padding_keys_do_not_change_output():
    q, k, v = _qkv(6)
    keep = padding_mask(torch.tensor([4, 4]), 7)
    out1, _ = scaled_dot_product_attention(q, k, v, mask=keep)
    k2, v2 = k.clone(), v.clone()
    k2[..., 4:, :] = 1e3  # 随便改 padding 位置的内容
    v2[..., 4:, :] = -1e3
    out2, _ = scaled_dot_product_attention(q, k2, v2, mask=keep)
    torch.testing.assert_close(out1, out2, atol=ATOL, rtol=0)


@pytest.mark.parametrize("L_q,L_k", [(5, 5), (3, 6), (6, 3)])
def test_scaled_dot_product_attention_causal_matches_torch(L_q, L_k):
    q, k, v = _qkv(7, L_q=L_q, L_k=L_k)
    out, attn = scaled_dot_product_attention(q, k, v, is_causal=True)
    ref = F.scaled_dot_product_attention(q, k, v, is_causal=True)
    torch.testing.assert_close(out, ref, atol=ATOL, rtol=0)
    upper = torch.ones(L_q, L_k, dtype=torch.bool).triu(1)
    assert torch.all(attn[..., upper] == 0)


def test_scaled_dot_product_attention_causal_and_padding_combined():
    q, k, v = _qkv(8, L_q=6, L_k=6)
    keep = padding_mask(torch.tensor([6, 2]), 6)
    causal = torch.ones(6, 6, dtype=torch.bool).tril()
    out, _ = scaled_dot_product_attention(q, k, v, mask=keep, is_causal=True)
    ref = F.scaled_dot_product_attention(q, k, v, attn_mask=keep & causal)
    torch.testing.assert_close(out, ref, atol=ATOL, rtol=0)


def test_scaled_dot_product_attention_float_mask_matches_torch():
    q, k, v = _qkv(9)
    g = torch.Generator().manual_seed(10)
    bias = torch.randn(5, 7, generator=g)  # 例如相对位置偏置
    bias[0, 2] = float("-inf")
    out, attn = scaled_dot_product_attention(q, k, v, mask=bias)
    ref = F.scaled_dot_product_attention(q, k, v, attn_mask=bias)
    torch.testing.assert_close(out, ref, atol=ATOL, rtol=0)
    assert torch.all(attn[..., 0, 2] == 0)


def test_scaled_dot_product_attention_fully_masked_row_is_zero_not_nan():
    q, k, v = _qkv(11, L_q=4, L_k=5)
    keep = torch.ones(4, 5, dtype=torch.bool)
    keep[2] = False  # query 2 什么都看不到
    out, attn = scaled_dot_product_attention(q, k, v, mask=keep)
    assert not torch.isnan(out).any()
    assert torch.equal(attn[..., 2, :], torch.zeros(2, 3, 5))
    assert torch.equal(out[..., 2, :], torch.zeros(2, 3, 6))
    # 其它行不受影响,且和 PyTorch 完全一致(PyTorch 2.x 对全屏蔽行同样返回 0)
    ref = F.scaled_dot_product_attention(q, k, v, attn_mask=keep)
    torch.testing.assert_close(out, ref, atol=ATOL, rtol=0)


def test_scaled_dot_product_attention_fully_padded_sequence_float_mask():
    q, k, v = _qkv(12)
    bias = torch.zeros(2, 1, 1, 7)
    bias[1] = float("-inf")  # 第 2 条序列全是 padding
    out, attn = scaled_dot_product_attention(q, k, v, mask=bias)
    assert torch.equal(out[1], torch.zeros(3, 5, 6))
    assert torch.equal(attn[1], torch.zeros(3, 5, 7))
    ref = F.scaled_dot_product_attention(q, k, v, attn_mask=bias)
    torch.testing.assert_close(out, ref, atol=ATOL, rtol=0)


def test_scaled_dot_product_attention_fully_masked_row_gradients_finite():
    q, k, v = _qkv(13, L_q=4, L_k=5)
    keep = torch.ones(4, 5, dtype=torch.bool)
    keep[1] = False
    q1, k1, v1 = (t.clone().requires_grad_() for t in (q, k, v))
    out, _ = scaled_dot_product_attention(q1, k1, v1, mask=keep)
    out.sum().backward()
    q2, k2, v2 = (t.clone().requires_grad_() for t in (q, k, v))
    F.scaled_dot_product_attention(q2, k2, v2, attn_mask=keep).sum().backward()
    for mine, ref in ((q1, q2), (k1, k2), (v1, v2)):
        assert torch.isfinite(mine.grad).all()
        torch.testing.assert_close(mine.grad, ref.grad, atol=1e-5, rtol=0)
    assert torch.equal(q1.grad[..., 1, :], torch.zeros(2, 3, 4))


def test_scaled_dot_product_attention_naive_softmax_gives_nan_on_fully_masked_row():
    scores = torch.randn(3, 4, generator=torch.Generator().manual_seed(14))
    keep = torch.ones(3, 4, dtype=torch.bool)
    keep[1] = False
    naive = naive_masked_softmax(scores, keep)
    assert torch.isnan(naive[1]).all()
    assert not torch.isnan(naive[[0, 2]]).any()
    # nan_to_num 补救前向可以,但加性 float mask 时梯度仍是 NaN
    s = scores.clone().requires_grad_()
    additive = torch.zeros(3, 4)
    additive[1] = float("-inf")
    patched = torch.nan_to_num(torch.softmax(s + additive, dim=-1), nan=0.0)
    assert torch.equal(patched[1], torch.zeros(4))
    patched.sum().backward()
    assert torch.isnan(s.grad[1]).all()
    # 我们的实现: 同样的加性 mask,梯度有限
    q = torch.randn(1, 3, 2, generator=torch.Generator().manual_seed(15), requires_grad=True)
    kv = torch.randn(1, 4, 2, generator=torch.Generator().manual_seed(16))
    scaled_dot_product_attention(q, kv, kv, mask=additive)[0].sum().backward()
    assert torch.isfinite(q.grad).all()


def test_scaled_dot_product_attention_mask_that_does_nothing_is_wrong():
    scores = torch.zeros(1, 3)
    keep = torch.tensor([[True, True, False]])
    wrong = mask_that_does_nothing(scores, keep)
    torch.testing.assert_close(wrong, torch.full((1, 3), 1 / 3))
    q = torch.zeros(1, 1, 2)
    right = scaled_dot_product_attention(q, torch.zeros(1, 3, 2), torch.zeros(1, 3, 2), mask=keep)[1]
    torch.testing.assert_close(right, torch.tensor([[[0.5, 0.5, 0.0]]]))


def test_scaled_dot_product_attention_padding_mask_shape_and_values():
    m = padding_mask(torch.tensor([0, 1, 3]), 3)
    assert m.shape == (3, 1, 1, 3)
    assert m[:, 0, 0].tolist() == [[False, False, False], [True, False, False], [True, True, True]]


def test_scaled_dot_product_attention_runs_on_the_input_device():
    # meta 张量只有形状:CPU 上新建的 causal mask / 位置和它相遇会报错
    q = torch.zeros(2, 3, 4, 8, device="meta")
    keep = padding_mask(torch.tensor([4, 2], device="meta"), 4)
    assert keep.device.type == "meta" and keep.shape == (2, 1, 1, 4)
    out, attn = scaled_dot_product_attention(q, q, q, mask=keep, is_causal=True)
    assert out.device.type == "meta" and out.shape == (2, 3, 4, 8) and attn.shape == (2, 3, 4, 4)


def test_scaled_dot_product_attention_demo_functions_normalise_the_last_axis_of_3d_scores():
    # 两个反例函数也沿最后一维做 softmax:(batch=2, L_q=2, L_k=3) 的打分,第 0 批第 0 行屏蔽最后一个 key
    scores = torch.tensor([[[0.0, math.log(3.0), 5.0], [1.0, 1.0, 1.0]],
                           [[0.0, 0.0, 0.0], [2.0, 2.0, 2.0]]])
    keep = torch.ones(2, 2, 3, dtype=torch.bool)
    keep[0, 0, 2] = False
    naive = naive_masked_softmax(scores, keep)
    torch.testing.assert_close(naive[0, 0], torch.tensor([0.25, 0.75, 0.0]), atol=1e-6, rtol=0)
    torch.testing.assert_close(naive[1], torch.full((2, 3), 1 / 3), atol=1e-6, rtol=0)
    ignored = mask_that_does_nothing(scores, keep)  # mask 没生效:第 0 批第 0 行仍是对 [0, log 3, 5] 的 softmax
    e = [1.0, 3.0, math.exp(5.0)]
    torch.testing.assert_close(ignored[0, 0], torch.tensor([v / sum(e) for v in e]), atol=1e-6, rtol=0)
    torch.testing.assert_close(ignored[1], torch.full((2, 3), 1 / 3), atol=1e-6, rtol=0)


def test_scaled_dot_product_attention_causal_without_head_axis_matches_torch():
    # (batch, L, d) 的输入没有 head 维:causal mask 的形状要从最后两维读 (L_q, L_k)
    q, k, v = (t[:, 0] for t in _qkv(17, L_q=3, L_k=5))
    out, attn = scaled_dot_product_attention(q, k, v, is_causal=True)
    torch.testing.assert_close(out, F.scaled_dot_product_attention(q, k, v, is_causal=True), atol=ATOL, rtol=0)
    assert attn.shape == (2, 3, 5) and torch.all(attn[:, 0, 1:] == 0)
