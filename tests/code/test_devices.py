"""Every PyTorch exercise runs on the input's device and keeps the input's dtype.

The `meta` device has shapes and dtypes but no data, so any tensor that a module builds on the CPU
(`torch.arange(n)` without `device=`) meets a meta tensor and raises. Each case is run twice:
on the CPU (the reference for shapes) and on `meta` in float32 and bfloat16; each output must be a meta
tensor with the CPU shape and, for floating outputs, the input dtype. With CUDA present the same cases
run on the GPU and must match the CPU values.

Exercises whose control flow reads tensor values (`.item()`, `.tolist()`, data-dependent shapes) cannot
run on `meta`; they are listed in DATA_DEPENDENT with the reason and run on CUDA only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
import torch
from torch import Tensor, nn

import adam
import beam_search
import dropout
import encoder_decoder_transformer as f27
import fm_two_tower
import grouped_query_attention
import kv_cache_decoding
import layer_norm
import lora
import losses
import mmoe
import moe
import multi_head_attention
import nn_modules
import positional_encoding
import relative_attention
import rmsnorm_swiglu
import rope
import sampling
import scaled_dot_product_attention as sdpa
import self_attention
import transformer_block
from cnn_classifier import SmallCNN

Run = Callable[[str, torch.dtype], tuple[Tensor, ...]]


@dataclass(frozen=True)
class Case:
    name: str
    run: Run


def _x(*shape: int, seed: int = 0, device: str = "cpu", dtype: torch.dtype = torch.float32) -> Tensor:
    """Random input made on the CPU (so every device sees the same numbers), then moved."""
    g = torch.Generator().manual_seed(seed)
    return torch.randn(*shape, generator=g).to(device=device, dtype=dtype)


def _ids(*shape: int, high: int, device: str, seed: int = 0) -> Tensor:
    g = torch.Generator().manual_seed(seed)
    return torch.randint(0, high, shape, generator=g).to(device)


def _mod(factory: Callable[[], nn.Module], device: str, dtype: torch.dtype) -> nn.Module:
    torch.manual_seed(0)
    return factory().to(device=device, dtype=dtype).eval()


def _sdpa(d, t):
    q, k, v = _x(2, 3, 5, 4, seed=1, device=d, dtype=t), _x(2, 3, 6, 4, seed=2, device=d, dtype=t), \
        _x(2, 3, 6, 4, seed=3, device=d, dtype=t)
    keep = sdpa.padding_mask(torch.tensor([6, 3]).to(d), 6)[:, None, None, :]
    return sdpa.scaled_dot_product_attention(q, k, v, mask=keep)


def _mha(d, t):
    m = _mod(lambda: multi_head_attention.MultiHeadAttention(8, 2), d, t)
    x = _x(2, 5, 8, device=d, dtype=t)
    keep = torch.tensor([[True] * 5, [True, True, True, False, False]]).to(d)
    return m(x, x, x, mask=m.combine_masks(2, 5, 5, key_keep=keep, dtype=t, device=d), is_causal=True)


def _self_attention(d, t):
    m = _mod(lambda: self_attention.SelfAttention(8), d, t)
    return m(_x(2, 5, 8, device=d, dtype=t), causal=True)


def _gqa(d, t):
    m = _mod(lambda: grouped_query_attention.GroupedQueryAttention(8, 4, 2), d, t)
    return m(_x(2, 5, 8, device=d, dtype=t), is_causal=True)


def _sinusoidal(d, t):
    m = _mod(lambda: positional_encoding.SinusoidalPositionalEncoding(8, max_len=16), d, t)
    table = positional_encoding.sinusoidal_position_encoding(6, 8, dtype=t, device=d)
    return m(_x(2, 5, 8, device=d, dtype=t), offset=3), table


def _learned(d, t):
    m = _mod(lambda: positional_encoding.LearnedPositionalEmbedding(16, 8), d, t)
    return (m(_x(2, 5, 8, device=d, dtype=t), offset=2),)


def _t5(d, t):
    m = _mod(lambda: positional_encoding.T5RelativePositionBias(3, num_buckets=8, max_distance=16), d, t)
    index = positional_encoding.clipped_relative_index(4, 6, 2, device=d)
    return m(4, 6, q_offset=2), index


def _rope(d, t):
    x, pos = _x(2, 3, 5, 8, device=d, dtype=t), torch.arange(3, 8).to(d)
    cached = _mod(lambda: rope.RotaryEmbedding(8, max_len=16), d, t)
    return rope.apply_rope(x, pos), rope.apply_rope_interleaved(x, pos), cached(x, pos)


def _layer_norm(d, t):
    last = _mod(lambda: layer_norm.LayerNorm(8), d, t)
    last_two = _mod(lambda: layer_norm.LayerNorm((5, 8), eps=1e-6), d, t)
    x = _x(2, 5, 8, device=d, dtype=t)
    return last(x), last_two(x)


def _rmsnorm_swiglu(d, t):
    norm = _mod(lambda: rmsnorm_swiglu.RMSNorm(8), d, t)
    ffn = _mod(lambda: rmsnorm_swiglu.SwiGLUFFN(8, hidden_dim=16), d, t)
    x = _x(2, 5, 8, device=d, dtype=t)
    return norm(x), ffn(x)


def _transformer_block(d, t):
    m = _mod(lambda: transformer_block.TinyDecoderLM(11, max_len=8, d_model=8, n_heads=2), d, t)
    return (m(_ids(2, 6, high=11, device=d)),)


def _cnn(d, t):
    m = _mod(lambda: SmallCNN(image_size=16), d, t)
    return (m(_x(2, 1, 16, 16, device=d, dtype=t)),)


def _sampling(d, t):
    logits = _x(3, 10, device=d, dtype=t)
    return (sampling.top_k_filter(logits, 3), sampling.top_p_filter(logits, 0.8),
            sampling.filtered_probs(logits, temperature=0.7, top_k=5, top_p=0.9),
            sampling.apply_repetition_penalty(logits, _ids(3, 4, high=10, device=d), 1.2))


def _lora(d, t):
    torch.manual_seed(0)
    base = nn.Linear(8, 6)
    m = lora.LoRALinear(base, r=2, alpha=4.0).to(device=d, dtype=t).eval()
    return (m(_x(3, 8, device=d, dtype=t)),)


def _losses(d, t):
    logits, target = _x(4, 7, device=d, dtype=t), _ids(4, high=7, device=d)
    seq_logits, labels = _x(2, 5, 7, device=d, dtype=t), _ids(2, 5, high=7, device=d)
    response = torch.tensor([[0, 1, 1, 1, 0], [0, 0, 1, 1, 1]], dtype=torch.bool).to(d)
    a, b = _x(4, 6, seed=4, device=d, dtype=t), _x(4, 6, seed=5, device=d, dtype=t)
    lp = [_x(3, seed=s, device=d, dtype=t) for s in range(4)]
    return (losses.cross_entropy(logits, target, label_smoothing=0.1),
            losses.sequence_logprob(seq_logits, labels, response),
            losses.dpo_loss(*lp), losses.info_nce_loss(a, b),
            losses.distillation_loss(logits, _x(4, 7, seed=6, device=d, dtype=t), labels=target, alpha=0.5))


def _relative_attention(d, t):
    m = _mod(lambda: relative_attention.RelativeMultiHeadAttention(8, 2, max_relative=2), d, t)
    return m(_x(2, 5, 8, device=d, dtype=t), causal=True)


def _nn_modules(d, t):
    ln = _mod(lambda: nn_modules.LayerNorm(8), d, t)
    bn = _mod(lambda: nn_modules.BatchNorm2d(3), d, t)
    conv = _mod(lambda: nn_modules.Conv2d(3, 4, 3, padding=1), d, t)
    img = _x(2, 3, 5, 5, device=d, dtype=t)
    return ln(_x(2, 5, 8, device=d, dtype=t)), bn.train()(img), conv(img)


def _encoder_decoder(d, t):
    m = _mod(lambda: f27.Seq2SeqTransformer(12, d_model=8, num_heads=2, d_ff=16, num_layers=1, max_len=16), d, t)
    src, tgt = _ids(2, 6, high=12, device=d), _ids(2, 5, high=12, device=d, seed=1)
    return (m(src, tgt),)


def _fm_two_tower(d, t):
    torch.manual_seed(0)
    emb = _x(3, 4, 5, device=d, dtype=t)
    u, i = _x(4, 6, seed=1, device=d, dtype=t), _x(4, 6, seed=2, device=d, dtype=t)
    ids = torch.tensor([0, 1, 0, 2]).to(d)
    return (fm_two_tower.fm_pairwise(emb), fm_two_tower.fm_pairwise_brute_force(emb),
            fm_two_tower.in_batch_softmax_loss(u, i, item_ids=ids))


def _mmoe(d, t):
    m = _mod(lambda: mmoe.MMoEModel(6, 8, num_experts=3, num_tasks=2), d, t)
    return (m(_x(4, 6, device=d, dtype=t)),)


def _kv_cache(d, t):
    m = _mod(lambda: kv_cache_decoding.TinyCachedLM(11, max_len=12, d_model=8, n_heads=2, n_layers=1), d, t)
    cache = m.new_cache()
    prompt, step = _ids(2, 4, high=11, device=d), _ids(2, 1, high=11, device=d, seed=1)
    return m(prompt, cache), m(step, cache)


def _moe_losses(d, t):
    logits = _x(6, 4, device=d, dtype=t)
    index = torch.tensor([[0, 1], [1, 2], [2, 3], [0, 3], [1, 0], [3, 2]]).to(d)
    return (moe.load_balancing_loss(logits.softmax(-1), index, 4), moe.router_z_loss(logits))


def _dropout(d, t):
    x = _x(4, 5, device=d, dtype=t)
    return dropout.dropout(x, 0.0), dropout.Dropout(0.3).eval()(x)


def _adam(d, t):
    outputs = []
    for decoupled in (True, False):  # AdamW's decay on the weights, Adam's L2 term in the gradient
        weight = nn.Parameter(_x(3, 4, device=d, dtype=t))
        optimizer = adam.HandAdamW([weight], lr=0.1, weight_decay=0.01, decoupled=decoupled)
        for seed in (1, 2):  # a second step reads the state (m, v) the first one made
            weight.grad = _x(3, 4, seed=seed, device=d, dtype=t)
            optimizer.step()
        outputs += [weight.detach(), optimizer.state[weight]["m"], optimizer.state[weight]["v"]]
    return tuple(outputs)


CASES = [
    Case("F05 LayerNorm module", _layer_norm),
    Case("F09 scaled_dot_product_attention", _sdpa),
    Case("F10 MultiHeadAttention", _mha),
    Case("F11 SelfAttention", _self_attention),
    Case("F12 GroupedQueryAttention", _gqa),
    Case("F13 sinusoidal", _sinusoidal),
    Case("F13 learned", _learned),
    Case("F13 T5 bias + Shaw index", _t5),
    Case("F14 RoPE", _rope),
    Case("F15 RMSNorm + SwiGLU", _rmsnorm_swiglu),
    Case("F16 TinyDecoderLM", _transformer_block),
    Case("F17 SmallCNN", _cnn),
    Case("F18 sampling filters", _sampling),
    Case("F20 LoRALinear", _lora),
    Case("F21 losses", _losses),
    Case("F25 RelativeMultiHeadAttention", _relative_attention),
    Case("F26 nn_modules", _nn_modules),
    Case("F27 Seq2SeqTransformer", _encoder_decoder),
    Case("F30 FM + two tower", _fm_two_tower),
    Case("F31 MMoE", _mmoe),
    Case("F32 HandAdamW", _adam),
    Case("F33 dropout", _dropout),
    Case("F35 TinyCachedLM", _kv_cache),
    Case("F36 MoE losses", _moe_losses),
]


def _beam(d, t):
    torch.manual_seed(0)
    table = torch.randn(5, 5).log_softmax(-1).to(d)
    step = lambda prefixes: table[prefixes[:, -1]]  # noqa: E731
    best = beam_search.beam_search(step, bos_id=0, eos_id=4, beam_width=2, max_len=4, device=d)[0]
    return (torch.tensor(best.tokens), torch.tensor(best.score))


def _moe_layer(d, t):
    m = _mod(lambda: moe.TopKMoE(8, 16, num_experts=4, k=2, capacity_factor=1.0), d, t)
    return m(_x(2, 5, 8, device=d, dtype=t))


# Read tensor values on the host, so `meta` (which has no values) cannot run them.
DATA_DEPENDENT = [
    Case("F19 beam_search (.tolist() of the top-k candidates)", _beam),
    Case("F36 TopKMoE (index_add over a data-dependent set of tokens)", _moe_layer),
]

CUDA = pytest.mark.skipif(not torch.cuda.is_available(), reason="CUDA not available")


@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16], ids=["fp32", "bf16"])
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_devices_meta_propagates_shape_dtype_and_device(case: Case, dtype: torch.dtype) -> None:
    with torch.no_grad():
        expected = case.run("cpu", torch.float32)
        got = case.run("meta", dtype)
    assert len(got) == len(expected)
    for out, ref in zip(got, expected):
        assert out.device.type == "meta"
        assert out.shape == ref.shape
        assert out.dtype == (dtype if ref.is_floating_point() else ref.dtype)


def test_devices_data_dependent_exercises_really_need_values() -> None:
    for case in DATA_DEPENDENT:
        with pytest.raises((NotImplementedError, RuntimeError)):
            case.run("meta", torch.float32)


@CUDA
@pytest.mark.parametrize("case", CASES + DATA_DEPENDENT, ids=[c.name for c in CASES + DATA_DEPENDENT])
def test_devices_cuda_matches_cpu(case: Case) -> None:
    with torch.no_grad():
        expected = case.run("cpu", torch.float32)
        got = case.run("cuda", torch.float32)
    for out, ref in zip(got, expected):
        if case in CASES:  # beam search returns Python lists, wrapped on the CPU by _beam
            assert out.device.type == "cuda"
        torch.testing.assert_close(out.cpu(), ref, atol=1e-4, rtol=1e-4)


def test_devices_t5_bias_builds_positions_on_the_weight_device(monkeypatch: pytest.MonkeyPatch) -> None:
    # nn.Embedding on `meta` accepts CPU indices, so the output alone cannot reveal CPU-built positions;
    # record the device the bucket function actually receives.
    seen: list[torch.device] = []
    original = positional_encoding.t5_relative_position_bucket

    def spy(rel: Tensor, *args, **kwargs) -> Tensor:
        seen.append(rel.device)
        return original(rel, *args, **kwargs)

    monkeypatch.setattr(positional_encoding, "t5_relative_position_bucket", spy)
    module = positional_encoding.T5RelativePositionBias(2).to("meta")
    assert module(3, 4).device.type == "meta"
    assert [d.type for d in seen] == ["meta"]
