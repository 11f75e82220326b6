"""F28 分块 online-softmax 注意力对照朴素注意力(本文件里独立写的)与 torch SDPA。float64,atol=1e-12。"""

import math

import numpy as np
import pytest
import torch

from flash_attention_numpy import attention_probs_from_lse, flash_attention_forward, online_softmax_stats

ATOL = 1e-12


def naive_attention(q, k, v, keep=None, causal=False, scale=None):
    """整块打分 + 减最大值的 softmax;全屏蔽行输出 0、lse = -inf。"""
    scale = 1.0 / math.sqrt(q.shape[-1]) if scale is None else scale
    s = (q @ np.swapaxes(k, -1, -2)) * scale
    allowed = np.ones(s.shape, dtype=bool)
    if causal:
        allowed &= np.tril(np.ones(s.shape[-2:], dtype=bool))
    if keep is not None:
        allowed &= keep
    out = np.zeros(q.shape[:-1] + (v.shape[-1],))
    lse = np.full(q.shape[:-1], -np.inf)
    for idx in np.ndindex(*s.shape[:-1]):  # 逐行,保证与被测代码的向量化方式无关
        row = s[idx][allowed[idx]]
        if row.size == 0:
            continue
        top = row.max()
        weights = np.exp(row - top)
        out[idx] = weights @ v[idx[:-1]][allowed[idx]] / weights.sum()
        lse[idx] = top + math.log(weights.sum())
    return out, lse


def _qkv(seed, batch=(2, 3), L_q=37, L_k=50, d=16, d_v=8, spread=1.0):
    rng = np.random.default_rng(seed)
    q = rng.normal(size=(*batch, L_q, d)) * spread
    k = rng.normal(size=(*batch, L_k, d))
    v = rng.normal(size=(*batch, L_k, d_v))
    return q, k, v


@pytest.mark.parametrize("block_q,block_k", [(1, 1), (7, 5), (16, 64), (64, 64), (37, 50)])
def test_flash_attention_matches_naive_for_any_tile_size(block_q, block_k):
    q, k, v = _qkv(0)
    out, lse = flash_attention_forward(q, k, v, block_q=block_q, block_k=block_k)
    ref_out, ref_lse = naive_attention(q, k, v)
    np.testing.assert_allclose(out, ref_out, atol=ATOL, rtol=0)
    np.testing.assert_allclose(lse, ref_lse, atol=ATOL, rtol=0)


def test_flash_attention_matches_torch_sdpa():
    q, k, v = _qkv(1)
    out, _ = flash_attention_forward(q, k, v, block_q=8, block_k=16)
    ref = torch.nn.functional.scaled_dot_product_attention(*(torch.from_numpy(t) for t in (q, k, v)))
    np.testing.assert_allclose(out, ref.numpy(), atol=ATOL, rtol=0)


@pytest.mark.parametrize("L_q,L_k", [(45, 45), (20, 45), (45, 20)])
def test_flash_attention_causal_matches_naive(L_q, L_k):
    q, k, v = _qkv(2, L_q=L_q, L_k=L_k)
    out, lse = flash_attention_forward(q, k, v, causal=True, block_q=8, block_k=6)
    ref_out, ref_lse = naive_attention(q, k, v, causal=True)
    np.testing.assert_allclose(out, ref_out, atol=ATOL, rtol=0)
    np.testing.assert_allclose(lse, ref_lse, atol=ATOL, rtol=0)
    if L_q == L_k:  # 对照 PyTorch 的 is_causal(左上角对齐)
        ref = torch.nn.functional.scaled_dot_product_attention(
            *(torch.from_numpy(t) for t in (q, k, v)), is_causal=True)
        np.testing.assert_allclose(out, ref.numpy(), atol=ATOL, rtol=0)


def test_flash_attention_padding_mask_broadcasts_over_heads_and_queries():
    q, k, v = _qkv(3, L_q=30, L_k=30)
    lengths = np.array([30, 17])
    keep = (np.arange(30)[None, :] < lengths[:, None])[:, None, None, :]  # (B, 1, 1, L_k)
    out, lse = flash_attention_forward(q, k, v, keep=keep, causal=True, block_q=7, block_k=9)
    ref_out, ref_lse = naive_attention(q, k, v, keep=np.broadcast_to(keep, (2, 3, 30, 30)), causal=True)
    np.testing.assert_allclose(out, ref_out, atol=ATOL, rtol=0)
    np.testing.assert_allclose(lse, ref_lse, atol=ATOL, rtol=0)


def test_flash_attention_fully_masked_rows_give_zero_without_nan():
    q, k, v = _qkv(4, batch=(2,), L_q=12, L_k=20)
    rng = np.random.default_rng(5)
    keep = rng.random((2, 12, 20)) < 0.3
    keep[0, 3] = False                      # 整行屏蔽
    keep[1, 7:] = False                     # 连续多行屏蔽
    keep[1, 0, :] = False
    keep[1, 0, 19] = True                   # 只有最后一个 key 可看:前面的块全被屏蔽
    with np.errstate(all="raise"):          # 任何 inf - inf、0/0 都会抛异常
        out, lse = flash_attention_forward(q, k, v, keep=keep, block_q=5, block_k=4)
    ref_out, ref_lse = naive_attention(q, k, v, keep=keep)
    np.testing.assert_allclose(out, ref_out, atol=ATOL, rtol=0)
    assert np.all(out[0, 3] == 0) and np.all(out[1, 7:] == 0)
    assert np.isneginf(lse[0, 3]) and np.isneginf(lse[1, 7:]).all()
    np.testing.assert_allclose(out[1, 0], v[1, 19], atol=ATOL, rtol=0)
    np.testing.assert_allclose(lse[np.isfinite(lse)], ref_lse[np.isfinite(ref_lse)], atol=ATOL, rtol=0)


def test_flash_attention_long_rows_with_large_scores_stay_stable():
    # 打分上千:不减最大值时 float64 的 exp 也会溢出(exp(x) 在 x > 709.78 时为 inf);
    # tile 大小 (13, 97) 不整除 L_q = 20、L_k = 3000
    q, k, v = _qkv(6, batch=(1,), L_q=20, L_k=3000, d=32, spread=400.0)
    with np.errstate(over="raise", invalid="raise"):
        out, lse = flash_attention_forward(q, k, v, block_q=13, block_k=97)
    ref_out, ref_lse = naive_attention(q, k, v)
    assert lse.min() > 1000  # 每一行的最大打分都远超 exp 的 float64 范围
    np.testing.assert_allclose(out, ref_out, atol=1e-10, rtol=0)
    np.testing.assert_allclose(lse, ref_lse, atol=1e-10, rtol=1e-14)


def test_flash_attention_float32_keeps_dtype_and_matches():
    q, k, v = (t.astype(np.float32) for t in _qkv(7, L_q=33, L_k=70, spread=10.0))
    out, lse = flash_attention_forward(q, k, v, block_q=8, block_k=16)
    assert out.dtype == np.float32 and lse.dtype == np.float32
    ref_out, _ = naive_attention(q.astype(np.float64), k.astype(np.float64), v.astype(np.float64))
    np.testing.assert_allclose(out, ref_out, atol=1e-5, rtol=0)


def test_flash_attention_lse_recomputes_probabilities():
    q, k, v = _qkv(8, batch=(), L_q=9, L_k=11)
    out, lse = flash_attention_forward(q, k, v, block_q=4, block_k=3)
    p = attention_probs_from_lse(q, k, lse, scale=1 / math.sqrt(16))
    np.testing.assert_allclose(p.sum(axis=-1), np.ones(9), atol=ATOL, rtol=0)
    np.testing.assert_allclose(p @ v, out, atol=ATOL, rtol=0)


def test_flash_attention_online_softmax_stats_match_one_pass():
    scores = np.random.default_rng(9).normal(size=101) * 30
    m, l = online_softmax_stats(scores, block=8)
    assert m == scores.max()
    assert math.isclose(l, float(np.exp(scores - scores.max()).sum()), rel_tol=1e-14)
    masked = np.concatenate([np.full(10, -np.inf), scores[:5]])
    m2, l2 = online_softmax_stats(masked, block=4)
    assert m2 == scores[:5].max()
    assert math.isclose(l2, float(np.exp(scores[:5] - m2).sum()), rel_tol=1e-14)


def test_flash_attention_uses_the_given_scale():
    q, k, v = _qkv(10, batch=(2,), L_q=9, L_k=13)
    out, lse = flash_attention_forward(q, k, v, block_q=4, block_k=5, scale=0.3)
    ref_out, ref_lse = naive_attention(q, k, v, scale=0.3)
    np.testing.assert_allclose(out, ref_out, atol=ATOL, rtol=0)
    np.testing.assert_allclose(lse, ref_lse, atol=ATOL, rtol=0)


@pytest.mark.parametrize("wide", ["q", "k", "v"])
def test_flash_attention_output_dtype_promotes_over_q_k_and_v(wide):
    # 只有一个输入是 float64 时,输出也按 NumPy 的类型提升取 float64
    q, k, v = (t.astype(np.float32) for t in _qkv(11, batch=(), L_q=5, L_k=6))
    tensors = {"q": q, "k": k, "v": v}
    tensors[wide] = tensors[wide].astype(np.float64)
    out, lse = flash_attention_forward(tensors["q"], tensors["k"], tensors["v"], block_q=2, block_k=4)
    assert out.dtype == np.float64 and lse.dtype == np.float64


def test_flash_attention_online_softmax_stats_reads_the_first_block_and_empty_rows():
    # [5, 1, 2] 分块 2:max = 5,l = 1 + e^-4 + e^-3;全被屏蔽:(-inf, 0)
    m, l = online_softmax_stats(np.array([5.0, 1.0, 2.0]), block=2)
    assert m == 5.0
    assert math.isclose(l, 1.0 + math.exp(-4.0) + math.exp(-3.0), rel_tol=1e-15)
    assert online_softmax_stats(np.full(5, -np.inf), block=2) == (-np.inf, 0.0)


def test_flash_attention_lse_recomputes_probabilities_with_batch_dims():
    q, k, v = _qkv(12, batch=(2, 3), L_q=7, L_k=10, d=4)
    out, lse = flash_attention_forward(q, k, v, block_q=3, block_k=4)
    p = attention_probs_from_lse(q, k, lse, scale=0.5)
    np.testing.assert_allclose(p @ v, out, atol=ATOL, rtol=0)
