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
