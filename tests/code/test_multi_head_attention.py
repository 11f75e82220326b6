"""F10: 对照 torch.nn.MultiheadAttention(batch_first=True,复制权重,float32,atol=1e-5)."""

import pytest
import torch
from torch import nn

from multi_head_attention import MultiHeadAttention, merge_heads, merge_heads_wrong, split_heads

ATOL = 1e-5
D_MODEL, HEADS = 12, 3


def _pair(seed: int, bias: bool = True):
    torch.manual_seed(seed)
    ref = nn.MultiheadAttention(D_MODEL, HEADS, bias=bias, batch_first=True).eval()
    # PyTorch 默认把 in_proj_bias 和 out_proj.bias 初始化为 0,随机化以便真正检验偏置
    if bias:
        with torch.no_grad():
            ref.in_proj_bias.normal_()
            ref.out_proj.bias.normal_()
    mine = MultiHeadAttention(D_MODEL, HEADS, bias=bias).eval()
    mine.load_from_torch(ref)
    return mine, ref


def _inputs(seed: int, batch=2, L_q=5, L_k=6):
    g = torch.Generator().manual_seed(seed)
    query = torch.randn(batch, L_q, D_MODEL, generator=g)
    key = torch.randn(batch, L_k, D_MODEL, generator=g)
    value = torch.randn(batch, L_k, D_MODEL, generator=g)
    return query, key, value


def _ref_forward(ref, query, key, value, **kw):
    # average_attn_weights=False: 返回每个头的权重 (batch, heads, L_q, L_k)
    return ref(query, key, value, need_weights=True, average_attn_weights=False, **kw)


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("bias", [True, False])
def test_multi_head_attention_self_attention_matches_torch(seed, bias):
    mine, ref = _pair(seed, bias)
    x = _inputs(seed + 100, L_q=5, L_k=5)[0]
    out, attn = mine(x, x, x)
    ref_out, ref_attn = _ref_forward(ref, x, x, x)
    torch.testing.assert_close(out, ref_out, atol=ATOL, rtol=0)
    torch.testing.assert_close(attn, ref_attn, atol=ATOL, rtol=0)


def test_multi_head_attention_cross_attention_matches_torch():
    mine, ref = _pair(2)
    query, key, value = _inputs(3, L_q=4, L_k=7)
    out, attn = mine(query, key, value)
    ref_out, ref_attn = _ref_forward(ref, query, key, value)
    assert out.shape == (2, 4, D_MODEL)
    torch.testing.assert_close(out, ref_out, atol=ATOL, rtol=0)
    torch.testing.assert_close(attn, ref_attn, atol=ATOL, rtol=0)
    # 头平均后的权重 = PyTorch 默认返回的 average_attn_weights=True
    avg = ref(query, key, value)[1]
    torch.testing.assert_close(attn.mean(dim=1), avg, atol=ATOL, rtol=0)


def test_multi_head_attention_key_padding_mask_matches_torch():
    mine, ref = _pair(4)
    query, key, value = _inputs(5, L_q=5, L_k=6)
    keep = torch.tensor([[True] * 6, [True, True, True, False, False, False]])  # True = 真实 token
    out, attn = mine(query, key, value, mask=keep[:, None, None, :])
    ref_out, ref_attn = _ref_forward(ref, query, key, value, key_padding_mask=~keep)  # PyTorch: True = padding
    torch.testing.assert_close(out, ref_out, atol=ATOL, rtol=0)
    torch.testing.assert_close(attn, ref_attn, atol=ATOL, rtol=0)
    assert torch.all(attn[1, :, :, 3:] == 0)


def test_multi_head_attention_bool_causal_attn_mask_matches_torch():
    mine, ref = _pair(6)
    x = _inputs(7, L_q=6, L_k=6)[0]
    past = torch.ones(6, 6, dtype=torch.bool).tril()  # True = 可以看(自己和过去)
    out, _ = mine(x, x, x, mask=past)
    ref_out, _ = _ref_forward(ref, x, x, x, attn_mask=~past)  # PyTorch: True = 屏蔽
    torch.testing.assert_close(out, ref_out, atol=ATOL, rtol=0)
    # is_causal=True 与显式 causal mask 等价
    out_causal, _ = mine(x, x, x, is_causal=True)
    torch.testing.assert_close(out_causal, out, atol=ATOL, rtol=0)


def test_multi_head_attention_float_mask_and_padding_combined_match_torch():
    mine, ref = _pair(8)
    x = _inputs(9, L_q=6, L_k=6)[0]
    g = torch.Generator().manual_seed(10)
    float_mask = torch.randn(6, 6, generator=g)
    keep = torch.tensor([[True] * 6, [True] * 4 + [False] * 2])
    out, attn = mine(x, x, x, mask=mine.combine_masks(2, 6, 6, key_keep=keep, attn_mask=float_mask))
    # PyTorch 要求两个 mask 类型一致,所以给参考实现传等价的 float padding mask
    kpm_float = torch.zeros(2, 6).masked_fill(~keep, float("-inf"))
    ref_out, ref_attn = _ref_forward(ref, x, x, x, key_padding_mask=kpm_float, attn_mask=float_mask)
    torch.testing.assert_close(out, ref_out, atol=ATOL, rtol=0)
    torch.testing.assert_close(attn, ref_attn, atol=ATOL, rtol=0)


def test_multi_head_attention_per_head_3d_mask_matches_torch():
    mine, ref = _pair(11)
    x = _inputs(12, L_q=5, L_k=5)[0]
    g = torch.Generator().manual_seed(13)
    keep3d = torch.rand(2 * HEADS, 5, 5, generator=g) >= 0.3  # (batch*heads, L_q, L_k),True = 保留
    keep3d[..., 0] = True  # 保证每行至少能看一个 key,避免 PyTorch 侧出 NaN
    out, _ = mine(x, x, x, mask=mine.combine_masks(2, 5, 5, attn_mask=keep3d))
    ref_out, _ = _ref_forward(ref, x, x, x, attn_mask=~keep3d)
    torch.testing.assert_close(out, ref_out, atol=ATOL, rtol=0)


def test_multi_head_attention_fully_padded_sequence_is_finite():
    mine, ref = _pair(14)
    x = _inputs(15, L_q=3, L_k=3)[0]
    keep = torch.tensor([[True, True, False], [False, False, False]])
    out, attn = mine(x, x, x, mask=mine.combine_masks(2, 3, 3, key_keep=keep))
    ref_out, _ = _ref_forward(ref, x, x, x, key_padding_mask=~keep)
    assert torch.isfinite(out).all()
    # 注意力输出为 0,经过 o_proj 后只剩偏置
    torch.testing.assert_close(out[1], mine.o_proj.bias.expand(3, D_MODEL), atol=ATOL, rtol=0)
    torch.testing.assert_close(out[0], ref_out[0], atol=ATOL, rtol=0)


def test_multi_head_attention_gradients_match_torch():
    mine, ref = _pair(16)
    x = _inputs(17, L_q=4, L_k=4)[0]
    mine(x, x, x)[0].square().sum().backward()
    ref(x, x, x, need_weights=False)[0].square().sum().backward()
    grad_in = torch.cat([mine.q_proj.weight.grad, mine.k_proj.weight.grad, mine.v_proj.weight.grad])
    torch.testing.assert_close(grad_in, ref.in_proj_weight.grad, atol=1e-4, rtol=0)
    torch.testing.assert_close(mine.o_proj.weight.grad, ref.out_proj.weight.grad, atol=1e-4, rtol=0)


def test_multi_head_attention_rejects_indivisible_heads():
    with pytest.raises(ValueError, match="d_model=10 不能被 num_heads=3 整除"):
        MultiHeadAttention(10, 3)


def test_multi_head_attention_split_merge_roundtrip():
    x = torch.randn(2, 5, D_MODEL, generator=torch.Generator().manual_seed(18))
    heads = split_heads(x, HEADS)
    assert heads.shape == (2, HEADS, 5, D_MODEL // HEADS)
    # 头 h 对应原向量的第 [h*head_dim, (h+1)*head_dim) 个分量
    torch.testing.assert_close(heads[:, 1], x[..., 4:8], atol=0, rtol=0)
    torch.testing.assert_close(merge_heads(heads), x, atol=0, rtol=0)


def test_multi_head_attention_wrong_merge_scrambles_positions():
    x = torch.randn(2, 5, D_MODEL, generator=torch.Generator().manual_seed(19))
    heads = split_heads(x, HEADS)
    wrong = merge_heads_wrong(heads)
    assert wrong.shape == x.shape  # 形状对,所以不报错
    assert not torch.allclose(wrong, x)
    # 错误合并后,位置 0 的前两段都来自头 0(位置 0 和位置 1)
    hd = D_MODEL // HEADS
    torch.testing.assert_close(wrong[:, 0, :hd], heads[:, 0, 0], atol=0, rtol=0)
    torch.testing.assert_close(wrong[:, 0, hd:2 * hd], heads[:, 0, 1], atol=0, rtol=0)


def test_multi_head_attention_wrong_merge_breaks_torch_match(monkeypatch):
    import multi_head_attention as mod

    mine, ref = _pair(20)
    x = _inputs(21, L_q=5, L_k=5)[0]
    monkeypatch.setattr(mod, "merge_heads", merge_heads_wrong)
    out_wrong, _ = mine(x, x, x)
    ref_out, _ = _ref_forward(ref, x, x, x)
    assert (out_wrong - ref_out).abs().max() > 0.1


def test_multi_head_attention_combine_masks_keeps_true_and_adds_floats():
    mine = MultiHeadAttention(D_MODEL, HEADS)
    keep = torch.tensor([[True, False, True]])
    causal = torch.ones(3, 3, dtype=torch.bool).tril()
    bias = mine.combine_masks(1, 3, 3, key_keep=keep, attn_mask=causal)
    inf = float("-inf")
    assert bias.tolist() == [[[[0.0, inf, inf], [0.0, inf, inf], [0.0, inf, 0.0]]]]
    additive = torch.tensor([[0.5, -1.0, 2.0], [1.0, 0.0, -3.0]])
    assert mine.combine_masks(1, 2, 3, key_keep=keep, attn_mask=additive).tolist() == \
        [[[[0.5, inf, 2.0], [1.0, inf, -3.0]]]]


def test_multi_head_attention_runs_on_the_input_device():
    mine = MultiHeadAttention(D_MODEL, HEADS).to("meta")
    x = torch.zeros(2, 5, D_MODEL, device="meta")
    out, attn = mine(x, x, x, is_causal=True)
    assert out.device.type == "meta" and out.shape == (2, 5, D_MODEL) and attn.shape == (2, HEADS, 5, 5)


def test_multi_head_attention_combine_masks_builds_on_the_given_device_and_dtype():
    # 默认设备设成 meta:传了 device="cpu" 就必须在 CPU 上得到真实数值,dtype 跟参数走
    mine = MultiHeadAttention(D_MODEL, HEADS)
    keep = torch.tensor([[True, False, True]])
    causal = torch.ones(3, 3, dtype=torch.bool).tril()
    with torch.device("meta"):
        bias = mine.combine_masks(1, 3, 3, key_keep=keep, attn_mask=causal, dtype=torch.float64, device="cpu")
    inf = float("-inf")
    assert bias.device.type == "cpu" and bias.dtype == torch.float64
    assert bias.tolist() == [[[[0.0, inf, inf], [0.0, inf, inf], [0.0, inf, 0.0]]]]
    empty = mine.combine_masks(2, 2, 3)  # 没有任何 mask:全 0,形状 (1, 1, L_q, L_k),默认 float32
    assert empty.dtype == torch.float32 and empty.shape == (1, 1, 2, 3) and not empty.any()
    only_2d = mine.combine_masks(2, 2, 3, attn_mask=torch.ones(2, 3, dtype=torch.bool))
    assert only_2d.shape == (1, 1, 2, 3)


@pytest.mark.parametrize("bias", [None, True, False])
def test_multi_head_attention_sizes_and_bias_default_match_torch(bias):
    # 与 nn.MultiheadAttention 一样默认带偏置;参数量、每头维度都与它相同
    kw = {} if bias is None else {"bias": bias}
    mine, ref = MultiHeadAttention(D_MODEL, HEADS, **kw), nn.MultiheadAttention(D_MODEL, HEADS, **kw)
    assert sum(p.numel() for p in mine.parameters()) == sum(p.numel() for p in ref.parameters())
    has_bias = bias is not False
    assert [p.bias is not None for p in (mine.q_proj, mine.k_proj, mine.v_proj, mine.o_proj)] == [has_bias] * 4
    assert (mine.d_model, mine.num_heads, mine.head_dim) == (ref.embed_dim, ref.num_heads, ref.head_dim)
    assert type(mine.head_dim) is int
