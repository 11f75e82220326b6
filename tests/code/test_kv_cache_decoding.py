"""F35 KV cache:逐 token / 分段解码的 logits 与一次性前向一致(float32 atol=1e-6,float64 atol=1e-12)。"""

import pytest
import torch

import kv_cache_decoding as mod
from kv_cache_decoding import (
    TinyCachedLM,
    causal_keep,
    causal_keep_top_left,
    decode_token_by_token,
    generate_greedy,
    kv_cache_bytes,
)
from tests.code.threads import single_thread

VOCAB, MAX_LEN = 17, 24


@pytest.fixture(autouse=True)
def _one_thread():
    with single_thread():  # 小张量在繁忙的 2 核机器上多线程反而慢,见 tests/code/threads.py
        yield


def _model(seed: int, dtype=torch.float32) -> TinyCachedLM:
    torch.manual_seed(seed)
    return TinyCachedLM(VOCAB, MAX_LEN, d_model=32, n_heads=4, n_layers=3).to(dtype).eval()


def _tokens(seed: int, batch: int = 3, length: int = 20) -> torch.Tensor:
    return torch.randint(0, VOCAB, (batch, length), generator=torch.Generator().manual_seed(seed))


@torch.no_grad()
def test_kv_cache_token_by_token_matches_full_forward_float32():
    model, idx = _model(0), _tokens(1)
    full = model(idx)
    stepwise = decode_token_by_token(model, idx, chunk=1)
    assert (stepwise - full).abs().max().item() < 1e-6


@torch.no_grad()
def test_kv_cache_token_by_token_matches_full_forward_float64():
    model, idx = _model(2, torch.float64), _tokens(3)
    torch.testing.assert_close(decode_token_by_token(model, idx, chunk=1), model(idx), atol=1e-12, rtol=0)


@pytest.mark.parametrize("chunk", [2, 5, 7])
@torch.no_grad()
def test_kv_cache_chunked_prefill_matches_full_forward(chunk):
    model, idx = _model(4, torch.float64), _tokens(5)
    torch.testing.assert_close(decode_token_by_token(model, idx, chunk=chunk), model(idx), atol=1e-12, rtol=0)


@torch.no_grad()
def test_kv_cache_grows_one_position_per_token():
    model, idx = _model(6), _tokens(7, batch=2, length=6)
    cache = model.new_cache()
    model(idx[:, :4], cache)
    assert [layer.k.shape for layer in cache] == [torch.Size([2, 4, 4, 8])] * 3
    model(idx[:, 4:5], cache)
    assert cache[0].length == 5 and cache[2].v.shape == (2, 4, 5, 8)


def test_kv_cache_greedy_generation_same_with_and_without_cache():
    model = _model(8)
    prompt = _tokens(9, batch=2, length=5)
    with_cache = generate_greedy(model, prompt, max_new_tokens=12, use_cache=True)
    without = generate_greedy(model, prompt, max_new_tokens=12, use_cache=False)
    assert with_cache.shape == (2, 17)
    assert torch.equal(with_cache, without)
    assert torch.equal(with_cache[:, :5], prompt)


def test_kv_cache_causal_keep_is_bottom_right_aligned():
    keep = causal_keep(2, 3, torch.device("cpu"))
    assert keep.tolist() == [[True, True, True, True, False], [True, True, True, True, True]]
    assert causal_keep(1, 4, torch.device("cpu")).all()  # decode:新 token 看全部历史
    assert causal_keep_top_left(1, 4, torch.device("cpu")).tolist() == [[True, False, False, False, False]]


@torch.no_grad()
def test_kv_cache_top_left_mask_breaks_decoding(monkeypatch):
    model, idx = _model(10), _tokens(11, length=8)
    full = model(idx)
    monkeypatch.setattr(mod, "causal_keep", causal_keep_top_left)
    wrong = decode_token_by_token(model, idx, chunk=1)
    assert torch.allclose(wrong[:, 0], full[:, 0], atol=1e-6)  # 第一个 token 没有历史,恰好一致
    assert (wrong[:, 1:] - full[:, 1:]).abs().max() > 1e-2


def test_kv_cache_rejects_overlong_sequence():
    model = _model(12)
    cache = model.new_cache()
    model(_tokens(13, batch=1, length=MAX_LEN), cache)
    with pytest.raises(ValueError, match=f"总长度 {MAX_LEN + 1} 超过 max_len={MAX_LEN}"):
        model(torch.zeros(1, 1, dtype=torch.long), cache)


def test_kv_cache_bytes_formula():
    # 32 层、32 个 kv 头、头维度 128、4096 个 token、fp16:2 * 32 * 4096 * 32 * 128 * 2 字节 = 2 GiB
    assert kv_cache_bytes(32, 1, 4096, 32, 128, 2) == 2 * 1024**3


def _reference_logits(model: TinyCachedLM, idx: torch.Tensor, n_heads: int) -> torch.Tensor:
    """The same network put together from torch's own nn.TransformerEncoderLayer (Pre-LN, GELU, no dropout,
    causal mask), reading the model's weights: an independent check of attention, scaling, MLP and residuals."""
    d, t = model.tok_emb.embedding_dim, idx.size(1)
    h = model.tok_emb.weight[idx] + model.pos_emb.weight[:t]
    future = torch.ones(t, t, dtype=torch.bool).triu(1)  # nn.TransformerEncoderLayer: True = may NOT attend
    for block in model.blocks:
        layer = torch.nn.TransformerEncoderLayer(d, n_heads, 4 * d, dropout=0.0, activation="gelu",
                                                 batch_first=True, norm_first=True, dtype=h.dtype).eval()
        layer.load_state_dict({
            "self_attn.in_proj_weight": block.attn.qkv.weight, "self_attn.in_proj_bias": block.attn.qkv.bias,
            "self_attn.out_proj.weight": block.attn.o_proj.weight, "self_attn.out_proj.bias": block.attn.o_proj.bias,
            "linear1.weight": block.mlp[0].weight, "linear1.bias": block.mlp[0].bias,
            "linear2.weight": block.mlp[2].weight, "linear2.bias": block.mlp[2].bias,
            "norm1.weight": block.ln1.weight, "norm1.bias": block.ln1.bias,
            "norm2.weight": block.ln2.weight, "norm2.bias": block.ln2.bias,
        })
        h = layer(h, src_mask=future)
    h = torch.nn.functional.layer_norm(h, (d,), model.ln_f.weight, model.ln_f.bias)
    return h @ model.head.weight.T  # the LM head has no bias


@torch.no_grad()
def test_kv_cache_model_matches_torch_transformer_encoder_layers():
    model, idx = _model(14, torch.float64), _tokens(15, batch=2, length=9)
    expected = _reference_logits(model, idx, n_heads=4)
    torch.testing.assert_close(model(idx), expected, atol=1e-12, rtol=0)
    torch.testing.assert_close(decode_token_by_token(model, idx), expected, atol=1e-12, rtol=0)
    assert [name for name, _ in model.named_parameters() if name.startswith("head")] == ["head.weight"]


def test_kv_cache_decode_token_by_token_defaults_to_one_token_per_call():
    model, idx = _model(16), _tokens(17, batch=1, length=5)
    widths = []
    model.register_forward_hook(lambda m, args, out: widths.append(args[0].size(1)))
    decode_token_by_token(model, idx)
    assert widths == [1] * 5


def test_kv_cache_model_defaults():
    # d_model 32, 4 heads of 8, 2 layers by default
    torch.manual_seed(18)
    model = TinyCachedLM(vocab_size=5, max_len=6)
    cache = model.new_cache()
    model(torch.tensor([[1, 2, 3]]), cache)
    assert [layer.k.shape for layer in cache] == [torch.Size([1, 4, 3, 8])] * 2


def test_kv_cache_bytes_default_is_two_bytes_per_value():
    assert kv_cache_bytes(32, 1, 4096, 32, 128) == 2 * 1024**3  # fp16 / bf16 by default
    assert kv_cache_bytes(2, 3, 5, 7, 11, 4) == 2 * 2 * 3 * 5 * 7 * 11 * 4


def test_kv_cache_masks_are_bool_on_the_requested_device():
    for make in (causal_keep, causal_keep_top_left):
        keep = make(2, 3, torch.device("meta"))
        assert keep.device.type == "meta" and keep.dtype == torch.bool and keep.shape == (2, 5)
        assert make(2, 3, torch.device("cpu")).dtype == torch.bool


@torch.no_grad()
def test_kv_cache_decoding_runs_on_the_meta_device():
    model = _model(19).to("meta")
    idx = _tokens(20, batch=2, length=6).to("meta")
    out = decode_token_by_token(model, idx, chunk=4)
    assert out.device.type == "meta" and out.shape == (2, 6, VOCAB)


@torch.no_grad()
def test_kv_cache_builds_positions_and_masks_on_the_input_device():
    # default device meta: the CPU model must still give the CPU values (a factory call without device=
    # would build a meta tensor); one layer, so every per-layer lookup is cache[0]
    torch.manual_seed(21)
    model = TinyCachedLM(VOCAB, MAX_LEN, d_model=8, n_heads=2, n_layers=1).eval()
    idx = _tokens(22, batch=2, length=6)
    expected = model(idx)
    with torch.device("meta"):
        stepwise = decode_token_by_token(model, idx, chunk=4)
        generated = generate_greedy(model, idx[:, :3], max_new_tokens=3)
    assert stepwise.device.type == "cpu" and generated.device.type == "cpu"
    torch.testing.assert_close(stepwise, expected, atol=1e-6, rtol=0)
    torch.testing.assert_close(generated, generate_greedy(model, idx[:, :3], 3, use_cache=False), atol=0, rtol=0)
