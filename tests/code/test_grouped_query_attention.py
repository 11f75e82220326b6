"""F12: GQA 对照 nn.MultiheadAttention / 本站 MHA / F.scaled_dot_product_attention(enable_gqa=True).

float32, atol=1e-5, rtol=0.
"""

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from grouped_query_attention import (
    GroupedQueryAttention,
    kv_cache_bytes,
    repeat_kv,
    repeat_kv_wrong,
)
from multi_head_attention import MultiHeadAttention, split_heads

ATOL = 1e-5
D_MODEL, N_HEADS = 16, 4


def _gqa_and_input(seed: int, n_kv: int, L=6):
    torch.manual_seed(seed)
    gqa = GroupedQueryAttention(D_MODEL, N_HEADS, n_kv)
    x = torch.randn(2, L, D_MODEL)
    return gqa, x


def _torch_mha_with_tied_kv(gqa: GroupedQueryAttention) -> nn.MultiheadAttention:
    """把 GQA 写成一个 MHA: 组内每个 query 头的 K/V 投影都复制同一份权重。"""
    hd = gqa.head_dim

    def expand(w):  # (n_kv*hd, d) -> (n_heads*hd, d),按组复制
        return w.view(gqa.n_kv_heads, 1, hd, D_MODEL).expand(-1, gqa.n_rep, -1, -1).reshape(-1, D_MODEL)

    ref = nn.MultiheadAttention(D_MODEL, N_HEADS, bias=False, batch_first=True)
    with torch.no_grad():
        ref.in_proj_weight.copy_(torch.cat([gqa.q_proj.weight, expand(gqa.k_proj.weight),
                                            expand(gqa.v_proj.weight)]))
        ref.out_proj.weight.copy_(gqa.o_proj.weight)
    return ref


@pytest.mark.parametrize("n_kv", [1, 2, 4])
def test_grouped_query_attention_matches_torch_sdpa_enable_gqa(n_kv):
    gqa, x = _gqa_and_input(n_kv, n_kv)
    out, _ = gqa(x, is_causal=True)
    q = split_heads(gqa.q_proj(x), N_HEADS)
    k = split_heads(gqa.k_proj(x), n_kv)
    v = split_heads(gqa.v_proj(x), n_kv)
    ref = F.scaled_dot_product_attention(q, k, v, is_causal=True, enable_gqa=True)
    ref = gqa.o_proj(ref.transpose(1, 2).reshape(2, 6, D_MODEL))
    torch.testing.assert_close(out, ref, atol=ATOL, rtol=0)


@pytest.mark.parametrize("n_kv", [1, 2, 4])
def test_grouped_query_attention_equals_torch_mha_with_tied_kv_weights(n_kv):
    gqa, x = _gqa_and_input(10 + n_kv, n_kv)
    ref = _torch_mha_with_tied_kv(gqa)
    future = torch.ones(6, 6, dtype=torch.bool).triu(1)
    out, attn = gqa(x, is_causal=True)
    ref_out, ref_attn = ref(x, x, x, attn_mask=future, average_attn_weights=False)
    torch.testing.assert_close(out, ref_out, atol=ATOL, rtol=0)
    torch.testing.assert_close(attn, ref_attn, atol=ATOL, rtol=0)


def test_grouped_query_attention_with_all_kv_heads_equals_mha():
    gqa, x = _gqa_and_input(20, n_kv=N_HEADS)
    mha = MultiHeadAttention(D_MODEL, N_HEADS, bias=False)
    with torch.no_grad():
        mha.q_proj.weight.copy_(gqa.q_proj.weight)
        mha.k_proj.weight.copy_(gqa.k_proj.weight)
        mha.v_proj.weight.copy_(gqa.v_proj.weight)
        mha.o_proj.weight.copy_(gqa.o_proj.weight)
    out, _ = gqa(x)
    mha_out, _ = mha(x, x, x)
    torch.testing.assert_close(out, mha_out, atol=ATOL, rtol=0)
    # 参数量也与 MHA 相同
    assert sum(p.numel() for p in gqa.parameters()) == sum(p.numel() for p in mha.parameters())


def test_grouped_query_attention_with_one_kv_head_equals_mqa_by_broadcasting():
    gqa, x = _gqa_and_input(21, n_kv=1)
    out, _ = gqa(x, is_causal=True)
    # MQA 参考: 单个 K/V 头 (B, 1, L, d_h) 直接在头维上广播,不显式复制
    q = split_heads(gqa.q_proj(x), N_HEADS)                 # (B, 4, L, 4)
    k = gqa.k_proj(x)[:, None]                              # (B, 1, L, 4)
    v = gqa.v_proj(x)[:, None]
    scores = q @ k.transpose(-2, -1) / 2.0                  # sqrt(d_h) = 2
    scores = scores.masked_fill(torch.ones(6, 6, dtype=torch.bool).triu(1), float("-inf"))
    ref = torch.softmax(scores, dim=-1) @ v                 # (B, 4, L, 4)
    ref = gqa.o_proj(ref.transpose(1, 2).reshape(2, 6, D_MODEL))
    torch.testing.assert_close(out, ref, atol=ATOL, rtol=0)


def test_grouped_query_attention_heads_in_a_group_share_kv():
    gqa, x = _gqa_and_input(22, n_kv=2)
    with torch.no_grad():  # 让组内两个 query 头的 W_q 相同 -> 注意力权重也必须相同
        w = gqa.q_proj.weight.view(N_HEADS, 4, D_MODEL)
        w[1] = w[0]
        w[3] = w[2]
    _, attn = gqa(x)
    torch.testing.assert_close(attn[:, 1], attn[:, 0], atol=0, rtol=0)
    torch.testing.assert_close(attn[:, 3], attn[:, 2], atol=0, rtol=0)
    assert not torch.allclose(attn[:, 2], attn[:, 0])


def test_grouped_query_attention_padding_mask_matches_torch_sdpa():
    gqa, x = _gqa_and_input(23, n_kv=2)
    keep = torch.tensor([[True] * 6, [True] * 3 + [False] * 3])[:, None, None, :]
    out, _ = gqa(x, mask=keep)
    q = split_heads(gqa.q_proj(x), N_HEADS)
    k = split_heads(gqa.k_proj(x), 2)
    v = split_heads(gqa.v_proj(x), 2)
    ref = F.scaled_dot_product_attention(q, k, v, attn_mask=keep, enable_gqa=True)
    ref = gqa.o_proj(ref.transpose(1, 2).reshape(2, 6, D_MODEL))
    torch.testing.assert_close(out, ref, atol=ATOL, rtol=0)


def test_grouped_query_attention_repeat_kv_equals_repeat_interleave():
    x = torch.randn(2, 3, 5, 4, generator=torch.Generator().manual_seed(24))
    for n_rep in (1, 2, 4):
        assert torch.equal(repeat_kv(x, n_rep), x.repeat_interleave(n_rep, dim=1))


def test_grouped_query_attention_wrong_repeat_breaks_grouping(monkeypatch):
    import grouped_query_attention as mod

    x = torch.randn(1, 2, 3, 4, generator=torch.Generator().manual_seed(25))
    assert not torch.equal(repeat_kv_wrong(x, 2), repeat_kv(x, 2))
    # 只有 n_kv=1(MQA)或 n_rep=1(MHA)时两者恰好一致
    assert torch.equal(repeat_kv_wrong(x[:, :1], 4), repeat_kv(x[:, :1], 4))
    gqa, inp = _gqa_and_input(26, n_kv=2)
    good, _ = gqa(inp)
    monkeypatch.setattr(mod, "repeat_kv", repeat_kv_wrong)
    bad, _ = gqa(inp)
    assert (good - bad).abs().max() > 1e-3


def test_grouped_query_attention_parameter_count():
    gqa = GroupedQueryAttention(D_MODEL, N_HEADS, n_kv_heads=1)
    # q、o: 16x16;k、v: 16x4(1 个头,每头 4 维)
    assert sum(p.numel() for p in gqa.parameters()) == 2 * 16 * 16 + 2 * 16 * 4


def test_grouped_query_attention_rejects_bad_head_counts():
    with pytest.raises(ValueError, match="n_heads=4 不能被 n_kv_heads=3 整除"):
        GroupedQueryAttention(16, 4, 3)
    with pytest.raises(ValueError, match="d_model=10 不能被 n_heads=4 整除"):
        GroupedQueryAttention(10, 4, 2)


def test_grouped_query_attention_kv_cache_bytes_examples():
    # Llama 2 70B: 80 层,head_dim 128,4096 token,fp16
    assert kv_cache_bytes(80, 64, 128, 4096) == 10 * 2**30
    assert kv_cache_bytes(80, 8, 128, 4096) == 1.25 * 2**30
    assert kv_cache_bytes(80, 1, 128, 4096) == 160 * 2**20
    # Llama 3 8B: 32 层,8 个 K/V 头(32 个 query 头),8192 token,batch 4,fp16
    assert kv_cache_bytes(32, 8, 128, 8192, batch=4) == 4 * 2**30
    assert kv_cache_bytes(32, 32, 128, 8192, batch=4) == 16 * 2**30
    # fp32 翻倍
    assert kv_cache_bytes(1, 1, 1, 1, bytes_per_value=4) == 8


def test_grouped_query_attention_runs_on_the_input_device():
    gqa = GroupedQueryAttention(D_MODEL, N_HEADS, n_kv_heads=2).to("meta")
    x = torch.zeros(2, 5, D_MODEL, device="meta")
    out, attn = gqa(x, is_causal=True)
    assert out.device.type == "meta" and out.shape == (2, 5, D_MODEL) and attn.shape == (2, N_HEADS, 5, 5)


def test_grouped_query_attention_with_bias_has_a_bias_on_every_projection():
    gqa = GroupedQueryAttention(D_MODEL, N_HEADS, n_kv_heads=2, bias=True)
    # q、o: 16x16 + 16;k、v: 16x8 + 8(2 个 K/V 头,每头 4 维)
    assert sum(p.numel() for p in gqa.parameters()) == 2 * (16 * 16 + 16) + 2 * (16 * 8 + 8)
    assert [p.bias.shape for p in (gqa.q_proj, gqa.k_proj, gqa.v_proj, gqa.o_proj)] == [(16,), (8,), (8,), (16,)]
