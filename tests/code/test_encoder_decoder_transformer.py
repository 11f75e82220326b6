"""F27 encoder-decoder Transformer:单层对照 torch.nn.TransformerEncoderLayer / DecoderLayer
(norm_first=True、dropout=0、ReLU,复制权重,float64 atol=1e-10);mask 的行为;玩具复制任务上训练收敛。"""

import pytest
import torch
from torch import nn

from encoder_decoder_transformer import (
    BOS,
    EOS,
    PAD,
    DecoderLayer,
    EncoderLayer,
    Seq2SeqTransformer,
    causal_keep,
    copy_layer_from_torch,
    greedy_decode,
    make_copy_batch,
    padding_keep,
    seq2seq_loss,
)
from tests.code.threads import single_thread

ATOL = 1e-10
D, HEADS, FF = 16, 4, 32


@pytest.fixture(autouse=True)
def _one_thread():
    with single_thread():
        yield


def _randomise(module: nn.Module, seed: int) -> None:
    # PyTorch 把注意力偏置初始化为 0、LayerNorm 为 1 / 0;全部随机化,对照才有意义
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in module.named_parameters():
            noise = torch.randn(p.shape, generator=g, dtype=p.dtype)
            p.copy_(1.0 + 0.1 * noise if name.startswith("norm") and name.endswith("weight") else 0.3 * noise)


def _tokens(rows):
    return torch.tensor(rows)


def test_encoder_decoder_encoder_layer_matches_torch_norm_first():
    torch.manual_seed(0)
    ref = nn.TransformerEncoderLayer(D, HEADS, FF, dropout=0.0, activation="relu", batch_first=True, norm_first=True).double()
    _randomise(ref, 1)
    ref.train()  # dropout=0;训练模式避开 eval 下的快速路径,两边走同样的数学
    mine = EncoderLayer(D, HEADS, FF).double()
    copy_layer_from_torch(mine, ref)
    src = _tokens([[5, 6, 7, 8, 9], [5, 6, 7, PAD, PAD]])
    x = torch.randn(2, 5, D, generator=torch.Generator().manual_seed(2), dtype=torch.float64)
    expected = ref(x, src_key_padding_mask=(src == PAD))  # torch:True = 屏蔽
    torch.testing.assert_close(mine(x, padding_keep(src)), expected, atol=ATOL, rtol=0)


def test_encoder_decoder_decoder_layer_matches_torch_with_causal_and_padding():
    torch.manual_seed(3)
    ref = nn.TransformerDecoderLayer(D, HEADS, FF, dropout=0.0, activation="relu", batch_first=True, norm_first=True).double()
    _randomise(ref, 4)
    ref.train()
    mine = DecoderLayer(D, HEADS, FF).double()
    copy_layer_from_torch(mine, ref)
    g = torch.Generator().manual_seed(5)
    src = _tokens([[5, 6, 7, 8, 9, 10], [5, 6, PAD, PAD, PAD, PAD]])
    tgt = _tokens([[BOS, 5, 6, 7], [BOS, 5, 6, PAD]])
    memory = torch.randn(2, 6, D, generator=g, dtype=torch.float64)
    y = torch.randn(2, 4, D, generator=g, dtype=torch.float64)
    expected = ref(
        y, memory,
        tgt_mask=~causal_keep(4, y.device),       # torch:True = 不能看
        tgt_key_padding_mask=(tgt == PAD),
        memory_key_padding_mask=(src == PAD),
    )
    ours = mine(y, memory, causal_keep(4, y.device) & padding_keep(tgt), padding_keep(src))
    torch.testing.assert_close(ours, expected, atol=ATOL, rtol=0)


def test_encoder_decoder_layer_wrong_mask_polarity_breaks_match():
    # 把 torch 的 "True = 屏蔽" 直接当成 "True = 可以看" 传进来,结果就不同
    torch.manual_seed(6)
    ref = nn.TransformerEncoderLayer(D, HEADS, FF, dropout=0.0, batch_first=True, norm_first=True).double().train()
    _randomise(ref, 7)
    mine = EncoderLayer(D, HEADS, FF).double()
    copy_layer_from_torch(mine, ref)
    src = _tokens([[5, 6, 7, PAD]])
    x = torch.randn(1, 4, D, generator=torch.Generator().manual_seed(8), dtype=torch.float64)
    expected = ref(x, src_key_padding_mask=(src == PAD))
    wrong = mine(x, (src == PAD)[:, None, None, :])
    assert (wrong - expected)[:, :3].abs().max() > 1e-3


def _small_model(seed: int) -> Seq2SeqTransformer:
    torch.manual_seed(seed)
    return Seq2SeqTransformer(vocab_size=13, d_model=D, num_heads=HEADS, d_ff=FF, num_layers=2).double().eval()


@torch.no_grad()
def test_encoder_decoder_decoder_is_causal():
    model = _small_model(9)
    src = _tokens([[5, 6, 7, 8]])
    a = model(src, _tokens([[BOS, 5, 6, 7, 8]]))
    b = model(src, _tokens([[BOS, 5, 6, 11, 12]]))  # 改第 3、4 个目标 token
    torch.testing.assert_close(a[:, :3], b[:, :3], atol=ATOL, rtol=0)
    assert (a[:, 3:] - b[:, 3:]).abs().max() > 1e-3


@torch.no_grad()
def test_encoder_decoder_source_padding_is_ignored():
    model = _small_model(10)
    tgt_in = _tokens([[BOS, 5, 6]])
    short = model(_tokens([[5, 6, 7]]), tgt_in)
    padded = model(_tokens([[5, 6, 7, PAD, PAD, PAD]]), tgt_in)
    torch.testing.assert_close(padded, short, atol=ATOL, rtol=0)


@torch.no_grad()
def test_encoder_decoder_target_padding_does_not_change_real_positions():
    model = _small_model(11)
    src = _tokens([[5, 6, 7, 8]])
    real = model(src, _tokens([[BOS, 5, 6]]))
    with_pad = model(src, _tokens([[BOS, 5, 6, PAD, PAD]]))
    torch.testing.assert_close(with_pad[:, :3], real, atol=ATOL, rtol=0)


def test_encoder_decoder_copy_batch_layout():
    src, tgt = make_copy_batch(4, 5, 13, torch.Generator().manual_seed(12))
    for s, t in zip(src.tolist(), tgt.tolist()):
        n = sum(tok != PAD for tok in s)
        assert s[n:] == [PAD] * (5 - n) and all(3 <= tok < 13 for tok in s[:n])
        assert t[: n + 2] == [BOS, *s[:n], EOS] and t[n + 2:] == [PAD] * (5 - n)


@pytest.mark.slow
def test_encoder_decoder_learns_copy_task():
    # 1 层 encoder + 1 层 decoder,d=32,Adam lr=5e-3,150 步、batch 64(约 1 万条随机序列)
    torch.manual_seed(0)
    g = torch.Generator().manual_seed(1)
    model = Seq2SeqTransformer(vocab_size=13, d_model=32, num_heads=4, d_ff=64, num_layers=1)
    opt = torch.optim.Adam(model.parameters(), lr=5e-3)
    first = None
    for _ in range(150):
        src, tgt = make_copy_batch(64, 6, 13, g)
        loss = seq2seq_loss(model, src, tgt)
        first = loss.item() if first is None else first
        opt.zero_grad()
        loss.backward()
        opt.step()
    assert first > 2.0 and loss.item() < 0.05
    model.eval()
    src, tgt = make_copy_batch(200, 6, 13, torch.Generator().manual_seed(99))  # 没见过的序列
    out = greedy_decode(model, src, max_len=tgt.size(1))
    exact = ((out == tgt) | (tgt == PAD)).all(dim=1).float().mean().item()
    assert exact >= 0.95
