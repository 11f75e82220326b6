"""F11: 对照 F.scaled_dot_product_attention 与单头 nn.MultiheadAttention (float32, atol=1e-5)."""

import torch
import torch.nn.functional as F
from torch import nn

from multi_head_attention import MultiHeadAttention
from self_attention import SelfAttention

ATOL = 1e-5


def _layer_and_input(seed: int, d_model=6, d_k=None, d_v=None, batch=2, L=5):
    torch.manual_seed(seed)
    layer = SelfAttention(d_model, d_k, d_v)
    x = torch.randn(batch, L, d_model)
    return layer, x


def _projected(layer: SelfAttention, x):
    return layer.q_proj(x), layer.k_proj(x), layer.v_proj(x)


def test_self_attention_matches_torch_sdpa_with_projections():
    layer, x = _layer_and_input(0, d_model=6, d_k=4, d_v=3)
    out, attn = layer(x)
    assert out.shape == (2, 5, 3) and attn.shape == (2, 5, 5)
    ref = F.scaled_dot_product_attention(*_projected(layer, x))
    torch.testing.assert_close(out, ref, atol=ATOL, rtol=0)


def test_self_attention_causal_matches_torch_sdpa():
    layer, x = _layer_and_input(1)
    out, _ = layer(x, causal=True)
    ref = F.scaled_dot_product_attention(*_projected(layer, x), is_causal=True)
    torch.testing.assert_close(out, ref, atol=ATOL, rtol=0)


def test_self_attention_padding_mask_matches_torch_sdpa():
    layer, x = _layer_and_input(2)
    keep = torch.tensor([[True] * 5, [True, True, False, False, False]])[:, None, :]  # (batch, 1, L)
    out, attn = layer(x, mask=keep, causal=True)
    causal = torch.ones(5, 5, dtype=torch.bool).tril()
    ref = F.scaled_dot_product_attention(*_projected(layer, x), attn_mask=keep & causal)
    torch.testing.assert_close(out, ref, atol=ATOL, rtol=0)
    assert torch.all(attn[1, :, 2:] == 0)


def test_self_attention_fully_masked_row_returns_zeros():
    layer, x = _layer_and_input(3)
    keep = torch.tensor([[True] * 5, [False] * 5])[:, None, :]
    out, attn = layer(x, mask=keep)
    assert torch.equal(out[1], torch.zeros(5, 6))
    assert torch.equal(attn[1], torch.zeros(5, 5))
    assert torch.isfinite(out).all()


def test_self_attention_equals_single_head_torch_mha_with_identity_output():
    layer, x = _layer_and_input(4)
    ref = nn.MultiheadAttention(6, num_heads=1, bias=False, batch_first=True)
    with torch.no_grad():
        ref.in_proj_weight.copy_(torch.cat([layer.q_proj.weight, layer.k_proj.weight, layer.v_proj.weight]))
        ref.out_proj.weight.copy_(torch.eye(6))
    out, attn = layer(x)
    ref_out, ref_attn = ref(x, x, x)
    torch.testing.assert_close(out, ref_out, atol=ATOL, rtol=0)
    torch.testing.assert_close(attn, ref_attn, atol=ATOL, rtol=0)


def test_self_attention_equals_our_mha_with_one_head():
    layer, x = _layer_and_input(5)
    mha = MultiHeadAttention(6, num_heads=1, bias=False)
    with torch.no_grad():
        mha.q_proj.weight.copy_(layer.q_proj.weight)
        mha.k_proj.weight.copy_(layer.k_proj.weight)
        mha.v_proj.weight.copy_(layer.v_proj.weight)
        mha.o_proj.weight.copy_(torch.eye(6))
    out, _ = layer(x, causal=True)
    mha_out, _ = mha(x, x, x, is_causal=True)
    torch.testing.assert_close(out, mha_out, atol=ATOL, rtol=0)


def test_self_attention_is_permutation_equivariant_without_mask():
    layer, x = _layer_and_input(6)
    perm = torch.tensor([3, 0, 4, 1, 2])
    out, _ = layer(x)
    out_perm, _ = layer(x[:, perm])
    # 没有位置编码时,打乱输入顺序只会同样地打乱输出顺序
    torch.testing.assert_close(out_perm, out[:, perm], atol=ATOL, rtol=0)


def test_self_attention_causal_output_ignores_future_tokens():
    layer, x = _layer_and_input(7)
    out1, _ = layer(x, causal=True)
    x2 = x.clone()
    x2[:, 3:] = torch.randn(2, 2, 6, generator=torch.Generator().manual_seed(8))
    out2, _ = layer(x2, causal=True)
    torch.testing.assert_close(out1[:, :3], out2[:, :3], atol=0, rtol=0)
    assert not torch.allclose(out1[:, 3:], out2[:, 3:])


def test_self_attention_default_dims_and_no_bias():
    layer = SelfAttention(8)
    assert (layer.d_k, layer.d_v) == (8, 8)
    assert layer.q_proj.bias is None
    assert sum(p.numel() for p in layer.parameters()) == 3 * 8 * 8


def test_self_attention_projection_shapes_follow_d_k_and_d_v():
    layer = SelfAttention(6, d_k=4, d_v=3)
    assert (layer.d_k, layer.d_v) == (4, 3)
    assert layer.q_proj.weight.shape == (4, 6) and layer.k_proj.weight.shape == (4, 6)
    assert layer.v_proj.weight.shape == (3, 6)
    only_k = SelfAttention(6, d_k=2)   # d_v 默认跟 d_k,不是 d_model
    assert (only_k.d_k, only_k.d_v) == (2, 2) and only_k.v_proj.weight.shape == (2, 6)
    with_bias = SelfAttention(6, d_k=4, d_v=3, bias=True)
    assert [p.bias.shape for p in (with_bias.q_proj, with_bias.k_proj, with_bias.v_proj)] == [(4,), (4,), (3,)]


def test_self_attention_runs_on_the_input_device():
    # meta 张量只有形状:在 CPU 上新建的 causal / keep mask 和它相遇会报错
    layer = SelfAttention(6, d_k=4, d_v=3).to("meta")
    x = torch.zeros(2, 5, 6, device="meta")
    keep = torch.ones(2, 1, 5, dtype=torch.bool, device="meta")
    out, attn = layer(x, mask=keep, causal=True)
    assert out.device.type == "meta" and out.shape == (2, 5, 3) and attn.shape == (2, 5, 5)
