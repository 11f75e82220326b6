"""Tests for docs/code/src/transformer_block.py: attention vs nn.MultiheadAttention, causality,
vocabulary logits, parameter count, and overfitting a toy sequence."""

import math

import pytest
import torch
from torch import nn
import torch.nn.functional as F

from tests.code.threads import single_thread
from transformer_block import CausalSelfAttention, TinyDecoderLM, TransformerBlock, fit_sequence


def test_attention_matches_torch_multihead_attention_with_causal_mask():
    torch.manual_seed(0)
    d, h, T = 16, 4, 7
    ours = CausalSelfAttention(d, h)
    ref = nn.MultiheadAttention(d, h, batch_first=True)
    with torch.no_grad():
        ref.in_proj_weight.copy_(ours.qkv.weight)  # both stack [q; k; v] along dim 0
        ref.in_proj_bias.copy_(ours.qkv.bias)
        ref.out_proj.weight.copy_(ours.o_proj.weight)
        ref.out_proj.bias.copy_(ours.o_proj.bias)
    x = torch.randn(3, T, d)
    future = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)  # True = not allowed
    expected, _ = ref(x, x, x, attn_mask=future, need_weights=False)
    torch.testing.assert_close(ours(x), expected, rtol=1e-5, atol=1e-6)


def test_attention_rejects_indivisible_heads():
    with pytest.raises(ValueError, match="d_model=10 不能被 n_heads=4 整除"):
        CausalSelfAttention(10, 4)


def test_transformer_block_is_causal():
    torch.manual_seed(1)
    block = TransformerBlock(16, 2).eval()
    x = torch.randn(2, 6, 16)
    x2 = x.clone()
    x2[:, 4] += 5.0  # change position 4 only
    y, y2 = block(x), block(x2)
    torch.testing.assert_close(y[:, :4], y2[:, :4], rtol=0, atol=1e-6)
    # positions 4 and 5 see the change, so the test is not vacuous
    assert (y[:, 4:] - y2[:, 4:]).abs().max() > 1e-2


def test_transformer_block_matches_pre_ln_formula():
    torch.manual_seed(2)
    block = TransformerBlock(8, 2).eval()
    x = torch.randn(1, 5, 8)
    mid = x + block.attn(block.ln1(x))
    expected = mid + block.mlp(block.ln2(mid))
    torch.testing.assert_close(block(x), expected)


def test_tiny_decoder_lm_is_causal_in_tokens():
    torch.manual_seed(3)
    model = TinyDecoderLM(vocab_size=13, max_len=10, d_model=16, n_heads=2, n_layers=2).eval()
    idx = torch.tensor([[1, 5, 2, 7, 3, 9, 4, 0]])
    changed = idx.clone()
    changed[0, 5] = 11  # replace a future token
    a, b = model(idx), model(changed)
    torch.testing.assert_close(a[:, :5], b[:, :5], rtol=0, atol=1e-6)
    assert (a[:, 5:] - b[:, 5:]).abs().max() > 1e-4


def test_tiny_decoder_lm_logits_use_final_norm_and_tied_embedding():
    torch.manual_seed(4)
    V = 17
    model = TinyDecoderLM(vocab_size=V, max_len=8, d_model=16, n_heads=4, n_layers=1).eval()
    idx = torch.randint(0, V, (3, 6))
    logits = model(idx)
    assert logits.shape == (3, 6, V)
    # by hand: embeddings + positions, the block, final LayerNorm, then the tied embedding matrix
    x = model.tok_emb.weight[idx] + model.pos_emb.weight[:6]
    x = model.blocks[0](x)
    h = F.layer_norm(x, (16,), model.ln_f.weight, model.ln_f.bias)
    torch.testing.assert_close(logits, h @ model.tok_emb.weight.T, rtol=0, atol=1e-6)


def test_tiny_decoder_lm_parameter_count_by_hand():
    V, L_max, d, n_layers = 10, 16, 32, 2
    model = TinyDecoderLM(V, L_max, d, n_heads=2, n_layers=n_layers)
    per_block = (2 * d) + (3 * d * d + 3 * d) + (d * d + d) + (2 * d) + (4 * d * d + 4 * d) + (4 * d * d + d)
    assert per_block == 12 * d * d + 13 * d
    expected = V * d + L_max * d + n_layers * per_block + 2 * d  # lm_head is tied: not counted again
    assert sum(p.numel() for p in model.parameters()) == expected == 26304
    assert model.lm_head.weight is model.tok_emb.weight


def test_tiny_decoder_lm_initial_loss_is_log_vocab():
    torch.manual_seed(5)
    V = 10
    model = TinyDecoderLM(V, 16)
    seq = torch.randint(0, V, (4, 16))
    assert model.loss(seq).item() == pytest.approx(math.log(V), abs=0.05)


def test_tiny_decoder_lm_overfits_toy_sequence_and_generates_it():
    torch.manual_seed(0)
    seq = torch.tensor([[5, 9, 4, 8, 3, 3, 1, 1, 9, 2, 8, 9, 6, 3, 3, 0]])  # repeats "3 3", "9" -> ambiguous bigrams
    model = TinyDecoderLM(vocab_size=10, max_len=16, d_model=32, n_heads=2, n_layers=2)
    with single_thread():
        losses = fit_sequence(model, seq, steps=200, lr=3e-3)
    assert losses[0] > 2.0  # about log(10) = 2.30 at initialisation
    assert losses[-1] < 0.05
    generated = model.generate_greedy(seq[:, :1], max_new_tokens=15)
    assert generated.tolist() == seq.tolist()


def test_tiny_decoder_lm_generate_crops_context_to_max_len():
    torch.manual_seed(6)
    model = TinyDecoderLM(vocab_size=7, max_len=4, d_model=8, n_heads=2, n_layers=1).eval()
    out = model.generate_greedy(torch.tensor([[1, 2]]), max_new_tokens=6)
    assert out.shape == (1, 8)
    assert out[0, :2].tolist() == [1, 2]


def test_tiny_decoder_lm_rejects_too_long_input():
    model = TinyDecoderLM(vocab_size=7, max_len=4, d_model=8, n_heads=2, n_layers=1)
    with pytest.raises(ValueError, match="序列长度 5 超过 max_len=4"):
        model(torch.zeros(1, 5, dtype=torch.long))


def test_transformer_block_dropout_only_in_training():
    torch.manual_seed(6)
    x = torch.randn(2, 5, 8)
    block = TransformerBlock(8, 2, dropout=1.0)
    plain = TransformerBlock(8, 2, dropout=0.0)
    plain.load_state_dict(block.state_dict())
    # eval: dropout is off, identical to the dropout-free block
    torch.testing.assert_close(block.eval()(x), plain.eval()(x), rtol=0, atol=0)
    # train with p = 1: attention weights and the MLP output are all dropped, so each sublayer adds only
    # its last bias: attention adds o_proj.bias, the MLP adds 0 (its Dropout comes after the last Linear)
    out = block.train()(x)
    torch.testing.assert_close(out, x + block.attn.o_proj.bias, rtol=0, atol=1e-6)


def test_tiny_decoder_lm_passes_dropout_to_every_block():
    torch.manual_seed(7)
    ids = torch.randint(0, 11, (2, 6))
    model = TinyDecoderLM(vocab_size=11, max_len=8, d_model=8, n_heads=2, n_layers=2, dropout=1.0)
    with torch.no_grad():  # nonzero biases, so each block's contribution is visible
        for block in model.blocks:
            block.attn.o_proj.bias.normal_()
    plain = TinyDecoderLM(vocab_size=11, max_len=8, d_model=8, n_heads=2, n_layers=2, dropout=0.0)
    plain.load_state_dict(model.state_dict())
    torch.testing.assert_close(model.eval()(ids), plain.eval()(ids), rtol=0, atol=0)
    # train with p = 1 in every block: each block adds only its o_proj.bias (see the block test above)
    h = model.tok_emb(ids) + model.pos_emb(torch.arange(6))
    for block in model.blocks:
        h = h + block.attn.o_proj.bias
    expected = model.lm_head(model.ln_f(h))
    torch.testing.assert_close(model.train()(ids), expected, rtol=0, atol=1e-5)


def test_tiny_decoder_lm_builds_positions_on_the_input_device():
    # 默认设备设成 meta 时,CPU 上的模型和输入必须照样在 CPU 上算出同样的 logits
    # (不写 device= 的 torch.arange 会建在 meta 上,查出的位置向量没有数据)
    torch.manual_seed(11)
    model = TinyDecoderLM(vocab_size=9, max_len=6, d_model=8, n_heads=2, n_layers=1).eval()
    idx = torch.tensor([[1, 4, 2, 8]])
    expected = model(idx)
    with torch.device("meta"):
        got = model(idx)
    assert got.device.type == "cpu"
    torch.testing.assert_close(got, expected, atol=0, rtol=0)


def test_transformer_block_defaults_have_no_dropout_and_a_nonlinear_mlp():
    torch.manual_seed(12)
    block, model = TransformerBlock(8, 2), TinyDecoderLM(vocab_size=7, max_len=5, d_model=8)
    x, idx = torch.randn(2, 4, 8), torch.tensor([[1, 2, 3, 4]])
    # 默认 dropout = 0:训练模式和推理模式输出相同
    torch.testing.assert_close(block.train()(x), block.eval()(x), atol=0, rtol=0)
    torch.testing.assert_close(model.train()(idx), model.eval()(idx), atol=0, rtol=0)
    assert len(model.blocks) == 2  # 默认两层
    # MLP 里有 GELU:仿射映射满足 f(h) + f(-h) = 2 f(0),这里不满足
    h = torch.randn(10, 8)
    assert (block.mlp(h) + block.mlp(-h) - 2 * block.mlp(torch.zeros(1, 8))).abs().max() > 1e-3


def test_tiny_decoder_lm_gpt2_init_mean_zero_std_0_02_and_zero_bias():
    torch.manual_seed(13)
    model = TinyDecoderLM(vocab_size=500, max_len=64, d_model=64, n_layers=1)
    for name, p in model.named_parameters():
        if name.endswith("weight") and "ln" not in name:
            assert abs(p.mean().item()) < 2e-3 and 0.018 < p.std().item() < 0.022, name
        elif name.endswith("bias") and "ln" not in name:
            assert torch.equal(p, torch.zeros_like(p)), name


def test_fit_sequence_defaults_are_200_steps_of_adam_lr_3e_3_without_decay():
    # 参考:同一个模型用 torch.optim.Adam(lr=3e-3)(没有权重衰减)手动走 200 步
    seq = torch.tensor([[1, 4, 2, 6, 3, 5]])
    torch.manual_seed(14)
    model = TinyDecoderLM(vocab_size=7, max_len=6, d_model=8, n_heads=2, n_layers=1)
    ref = TinyDecoderLM(vocab_size=7, max_len=6, d_model=8, n_heads=2, n_layers=1)
    ref.load_state_dict(model.state_dict())
    with single_thread():
        losses = fit_sequence(model, seq)
        opt = torch.optim.Adam(ref.parameters(), lr=3e-3)
        ref.train()
        for _ in range(200):
            loss = ref.loss(seq)
            opt.zero_grad()
            loss.backward()
            opt.step()
    assert len(losses) == 200 and not model.training
    for (name, p), q in zip(model.named_parameters(), ref.parameters()):
        torch.testing.assert_close(p, q, atol=1e-5, rtol=0, msg=name)
