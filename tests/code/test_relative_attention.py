"""F25 Shaw 相对位置多头注意力对照本文件里的逐元素朴素循环(float64,atol=1e-12),
相对表为 0 时对照 torch.nn.MultiheadAttention(复制权重)。"""

import math

import pytest
import torch
from torch import nn

from relative_attention import RelativeMultiHeadAttention, relative_terms_bucketed
from tests.code.threads import single_thread

ATOL = 1e-12


@pytest.fixture(autouse=True)
def _one_thread():
    with single_thread():
        yield


def _module(seed: int, d_model=12, heads=3, k=2) -> RelativeMultiHeadAttention:
    torch.manual_seed(seed)
    return RelativeMultiHeadAttention(d_model, heads, k).double()


def _x(seed: int, B=2, L=7, d=12) -> torch.Tensor:
    return torch.randn(B, L, d, generator=torch.Generator().manual_seed(seed), dtype=torch.float64)


@torch.no_grad()
def naive_relative_attention(m: RelativeMultiHeadAttention, x: torch.Tensor, allowed: torch.Tensor) -> torch.Tensor:
    """逐 (b, h, i, j) 按论文公式计算;allowed: (B, h, L, L) bool。"""
    B, L, D = x.shape
    h, dh, k = m.h, m.d_h, m.k
    q = m.q_proj(x).view(B, L, h, dh)
    kk = m.k_proj(x).view(B, L, h, dh)
    v = m.v_proj(x).view(B, L, h, dh)
    z = torch.zeros(B, L, h, dh, dtype=x.dtype)
    for b in range(B):
        for head in range(h):
            for i in range(L):
                visible = [j for j in range(L) if allowed[b, head, i, j]]
                if not visible:
                    continue  # 全屏蔽:输出 0
                r = {j: max(-k, min(k, j - i)) + k for j in visible}
                e = torch.stack([q[b, i, head] @ (kk[b, j, head] + m.rel_key.weight[r[j]]) / math.sqrt(dh) for j in visible])
                alpha = torch.softmax(e, dim=0)
                z[b, i, head] = sum(a * (v[b, j, head] + m.rel_value.weight[r[j]]) for a, j in zip(alpha, visible))
    return m.o_proj(z.reshape(B, L, D))


@pytest.mark.parametrize("k", [1, 2, 10])
def test_relative_attention_matches_naive_loop(k):
    m, x = _module(0, k=k), _x(1)
    out, _ = m(x)
    torch.testing.assert_close(out, naive_relative_attention(m, x, torch.ones(2, 3, 7, 7, dtype=torch.bool)), atol=ATOL, rtol=0)


def test_relative_attention_causal_and_padding_match_naive():
    m, x = _module(2), _x(3)
    lengths = torch.tensor([7, 4])
    keep = (torch.arange(7)[None, :] < lengths[:, None])[:, None, None, :]  # (B, 1, 1, L)
    out, attn = m(x, keep=keep, causal=True)
    allowed = torch.ones(7, 7, dtype=torch.bool).tril() & keep
    torch.testing.assert_close(out, naive_relative_attention(m, x, allowed.expand(2, 3, 7, 7)), atol=ATOL, rtol=0)
    assert torch.all(attn[1, :, :, 4:] == 0) and torch.all(attn.triu(1) == 0)


def test_relative_attention_fully_masked_row_is_finite_and_matches_naive():
    m, x = _module(4), _x(5)
    keep = torch.ones(2, 1, 7, 7, dtype=torch.bool)
    keep[0, 0, 2] = False
    keep[1, 0, 5:] = False
    out, attn = m(x, keep=keep)
    assert torch.isfinite(out).all() and torch.all(attn[0, :, 2] == 0)
    torch.testing.assert_close(out, naive_relative_attention(m, x, keep.expand(2, 3, 7, 7)), atol=ATOL, rtol=0)
    torch.testing.assert_close(out[0, 2], m.o_proj.bias, atol=ATOL, rtol=0)  # 注意力输出为 0,只剩偏置


def test_relative_attention_with_zero_tables_matches_torch_mha():
    m, x = _module(6), _x(7)
    with torch.no_grad():
        m.rel_key.weight.zero_()
        m.rel_value.weight.zero_()
        ref = nn.MultiheadAttention(12, 3, batch_first=True).double()
        ref.in_proj_weight.copy_(torch.cat([m.q_proj.weight, m.k_proj.weight, m.v_proj.weight]))
        ref.in_proj_bias.copy_(torch.cat([m.q_proj.bias, m.k_proj.bias, m.v_proj.bias]))
        ref.out_proj.weight.copy_(m.o_proj.weight)
        ref.out_proj.bias.copy_(m.o_proj.bias)
    out, _ = m(x)
    torch.testing.assert_close(out, ref(x, x, x, need_weights=False)[0], atol=ATOL, rtol=0)


def test_relative_attention_distances_beyond_k_share_one_vector():
    m, x = _module(8, k=2), _x(9)
    base, _ = m(x)
    with torch.no_grad():
        m.rel_key.weight[0] += 1.0  # 距离 <= -2 共用的那一行
    changed, _ = m(x)
    # 只有能看到 j <= i - 2 的 query(i >= 2)受影响
    torch.testing.assert_close(changed[:, :2], base[:, :2], atol=ATOL, rtol=0)
    assert (changed[:, 2:] - base[:, 2:]).abs().amax(dim=-1).min() > 1e-6


def test_relative_attention_is_shift_equivariant_without_absolute_positions():
    # 只有相对位置:把同一段输入放在更长序列的不同偏移处,中间 query 的结果(看到的窗口相同)一致
    m = _module(10, k=1)
    seq = _x(11, B=1, L=5)
    causal_out, _ = m(seq, causal=True)
    padded = torch.cat([_x(12, B=1, L=3), seq], dim=1)  # 前面接 3 个别的 token
    window = torch.zeros(8, 8, dtype=torch.bool)
    for i in range(3, 8):
        window[i, 3:i + 1] = True  # 只看这 5 个 token 内部的因果窗口
    shifted_out, _ = m(padded, keep=window)
    torch.testing.assert_close(shifted_out[0, 3:], causal_out[0], atol=ATOL, rtol=0)


def test_relative_attention_bucketed_terms_match_expanded():
    m, x = _module(13, k=3), _x(14, L=9)
    B, L, _ = x.shape
    q = m.q_proj(x).view(B, L, 3, 4).transpose(1, 2)
    attn = torch.softmax(torch.randn(B, 3, L, L, generator=torch.Generator().manual_seed(15), dtype=torch.float64), -1)
    key_term, value_term = relative_terms_bucketed(q, attn, m.rel_key.weight, m.rel_value.weight, 3)
    index = (torch.arange(L)[None, :] - torch.arange(L)[:, None]).clamp(-3, 3) + 3
    torch.testing.assert_close(key_term, torch.einsum("bhid,ijd->bhij", q, m.rel_key.weight[index]), atol=ATOL, rtol=0)
    torch.testing.assert_close(value_term, torch.einsum("bhij,ijd->bhid", attn, m.rel_value.weight[index]), atol=ATOL, rtol=0)


def test_relative_attention_tables_receive_gradients():
    m, x = _module(16), _x(17)
    m(x)[0].square().sum().backward()
    assert m.rel_key.weight.grad.abs().sum() > 0 and m.rel_value.weight.grad.abs().sum() > 0


def test_relative_attention_rejects_indivisible_heads():
    with pytest.raises(ValueError, match="d_model=10 不能被 num_heads=3 整除"):
        RelativeMultiHeadAttention(10, 3, 2)


def test_relative_attention_runs_on_the_input_device():
    # meta 设备只有形状没有数据:在 CPU 上新建的 mask / 全 0 张量和 meta 张量相遇会报错
    m = RelativeMultiHeadAttention(8, 2, 2).to("meta")
    x = torch.zeros(3, 5, 8, device="meta")
    out, attn = m(x, causal=True)
    assert out.device.type == "meta" and out.shape == (3, 5, 8) and attn.shape == (3, 2, 5, 5)
    q = torch.zeros(3, 2, 5, 4, device="meta")
    key_term, value_term = relative_terms_bucketed(q, attn, m.rel_key.weight, m.rel_value.weight, 2)
    assert key_term.device.type == "meta" and key_term.shape == (3, 2, 5, 5)
    assert value_term.device.type == "meta" and value_term.shape == (3, 2, 5, 4)


def test_relative_attention_tables_have_one_row_per_clipped_distance():
    # 距离被截断到 [-k, k],共 2k + 1 个取值:k = 2 时 5 行,k = 10 时 21 行,每行是一个头的维度
    for k, rows in ((2, 5), (10, 21)):
        m = RelativeMultiHeadAttention(12, 3, k)
        assert m.rel_key.weight.shape == (rows, 4) and m.rel_value.weight.shape == (rows, 4)
