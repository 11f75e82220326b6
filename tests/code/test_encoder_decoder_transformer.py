"""F27 encoder-decoder Transformer:单层对照 torch.nn.TransformerEncoderLayer / DecoderLayer
(norm_first=True、dropout=0、ReLU,复制权重,float64 atol=1e-10);mask 的行为;玩具复制任务上训练收敛。"""

import math

import pytest
import torch
from torch import nn

from encoder_decoder_transformer import (
    BOS,
    EOS,
    PAD,
    DecoderLayer,
    EncoderLayer,
    MultiHeadAttention,
    Seq2SeqTransformer,
    causal_keep,
    copy_attention_from_torch,
    copy_layer_from_torch,
    greedy_decode,
    make_copy_batch,
    padding_keep,
    seq2seq_loss,
    sinusoidal_table,
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


# ---------------------------------------------------------------- 位置编码、整模型对照、边界情况


def _sinusoid_by_hand(length: int, d: int) -> torch.Tensor:
    # Vaswani et al. 2017 §3.5:PE(p, 2i) = sin(p / 10000^(2i/d)),PE(p, 2i+1) = cos(同一个角度),逐元素用 math 算
    table = torch.zeros(length, d, dtype=torch.float64)
    for p in range(length):
        for i in range(0, d, 2):
            angle = p / 10000 ** (i / d)
            table[p, i], table[p, i + 1] = math.sin(angle), math.cos(angle)
    return table


def test_encoder_decoder_sinusoidal_table_matches_the_paper_formula():
    table = sinusoidal_table(50, 12)
    assert table.shape == (50, 12) and table.dtype == torch.float32
    # float32 算 sin(49) 这类角度的误差约 4e-6
    torch.testing.assert_close(table.double(), _sinusoid_by_hand(50, 12), atol=2e-5, rtol=0)


@pytest.mark.filterwarnings("ignore:enable_nested_tensor is True")  # torch 自己说明 norm_first 时不用 nested tensor
def test_encoder_decoder_full_model_matches_torch_transformer():
    # 整个模型 = 嵌入 * sqrt(d) + 位置编码 -> nn.Transformer(norm_first=True,两层 encoder/decoder,
    # 各带最终 LayerNorm)-> generator;torch 的 mask 是 True = 屏蔽
    torch.manual_seed(13)
    vocab, layers = 13, 2
    ref = nn.Transformer(D, HEADS, layers, layers, FF, dropout=0.0, batch_first=True, norm_first=True).double().train()
    g = torch.Generator().manual_seed(14)
    with torch.no_grad():
        for name, p in ref.named_parameters():
            noise = torch.randn(p.shape, generator=g, dtype=p.dtype)
            p.copy_(1.0 + 0.1 * noise if "norm" in name and name.endswith("weight") else 0.3 * noise)
    model = Seq2SeqTransformer(vocab, d_model=D, num_heads=HEADS, d_ff=FF, num_layers=layers).double()
    for mine, theirs in (*zip(model.encoder, ref.encoder.layers), *zip(model.decoder, ref.decoder.layers)):
        copy_layer_from_torch(mine, theirs)
    model.enc_norm.load_state_dict(ref.encoder.norm.state_dict())
    model.dec_norm.load_state_dict(ref.decoder.norm.state_dict())
    src = _tokens([[5, 6, 7, 8, 9, 10], [7, 5, 12, PAD, PAD, PAD]])
    tgt_in = _tokens([[BOS, 5, 6, 7, 8], [BOS, 7, 5, PAD, PAD]])

    def embed(tokens):
        return model.embed.weight[tokens] * math.sqrt(D) + _sinusoid_by_hand(tokens.size(1), D)

    with torch.no_grad():
        hidden = ref(
            embed(src), embed(tgt_in),
            tgt_mask=torch.triu(torch.ones(5, 5, dtype=torch.bool), diagonal=1),
            src_key_padding_mask=(src == PAD),
            tgt_key_padding_mask=(tgt_in == PAD),
            memory_key_padding_mask=(src == PAD),
        )
        expected = model.generator(hidden)
        got = model(src, tgt_in)
    assert got.shape == (2, 5, vocab)
    # 位置表是 float32 算的(误差约 1e-7),其余 float64
    torch.testing.assert_close(got, expected, atol=1e-5, rtol=0)


def test_encoder_decoder_attention_row_that_sees_nothing_outputs_only_the_bias():
    # 第 2 条样本的 key 全部屏蔽:注意力权重全 0,输出只剩 o_proj 的偏置;前向、反向都不能出 NaN。
    # 第 1 条样本对照 nn.MultiheadAttention(它的 key_padding_mask 是 True = 屏蔽)
    torch.manual_seed(15)
    ref = nn.MultiheadAttention(D, HEADS, batch_first=True).double()
    _randomise(ref, 16)
    attn = MultiHeadAttention(D, HEADS).double()
    copy_attention_from_torch(attn, ref)
    g = torch.Generator().manual_seed(17)
    query = torch.randn(2, 3, D, generator=g, dtype=torch.float64, requires_grad=True)
    memory = torch.randn(2, 4, D, generator=g, dtype=torch.float64, requires_grad=True)
    keep = torch.tensor([[True, True, False, True], [False, False, False, False]])
    out = attn(query, memory, keep[:, None, None, :])
    expected, _ = ref(query[:1], memory[:1], memory[:1], key_padding_mask=~keep[:1])
    torch.testing.assert_close(out[:1], expected, atol=ATOL, rtol=0)
    torch.testing.assert_close(out[1], ref.out_proj.bias.expand(3, D), atol=0, rtol=0)
    out.sum().backward()
    assert torch.isfinite(query.grad).all() and torch.isfinite(memory.grad).all()
    assert memory.grad[1].abs().max() == 0  # 看不见的 key/value 拿不到梯度


@torch.no_grad()
def test_encoder_decoder_all_padding_source_gives_finite_logits():
    # 整句都是 PAD 的源:cross-attention 全屏蔽,该样本仍要有有限的输出,另一条样本不受影响
    model = _small_model(18)
    tgt_in = _tokens([[BOS, 5, 6], [BOS, 7, 8]])
    both = model(_tokens([[5, 6, 7], [PAD, PAD, PAD]]), tgt_in)
    alone = model(_tokens([[5, 6, 7]]), tgt_in[:1])
    assert torch.isfinite(both).all()
    torch.testing.assert_close(both[:1], alone, atol=ATOL, rtol=0)


def test_encoder_decoder_loss_is_mean_over_non_pad_targets():
    # 手算:对每个非 PAD 的目标位置取 -log softmax,再按非 PAD 个数平均
    model = _small_model(19)
    src = _tokens([[5, 6, 7, PAD], [8, 9, PAD, PAD]])
    tgt = _tokens([[BOS, 5, 6, 7, EOS], [BOS, 8, 9, EOS, PAD]])
    with torch.no_grad():
        logits = model(src, tgt[:, :-1]).tolist()
    terms = []
    for b in range(2):
        for t in range(4):
            label = tgt[b, t + 1].item()
            if label != PAD:
                row = logits[b][t]
                terms.append(math.log(sum(math.exp(v) for v in row)) - row[label])
    assert len(terms) == 7
    assert seq2seq_loss(model, src, tgt).item() == pytest.approx(sum(terms) / len(terms), abs=1e-12)


def test_encoder_decoder_copy_batch_lengths_and_tokens_cover_their_ranges():
    src, _ = make_copy_batch(400, 5, 9, torch.Generator().manual_seed(20))
    lengths = (src != PAD).sum(dim=1)
    assert lengths.min().item() == 2 and lengths.max().item() == 5  # 长度 2..max_len,两端都取得到
    real = src[src != PAD]
    assert real.min().item() == 3 and real.max().item() == 8  # token 3..vocab-1,不含 PAD/BOS/EOS


def test_encoder_decoder_copy_batch_depends_only_on_its_generator():
    torch.manual_seed(21)
    first = make_copy_batch(6, 5, 13, torch.Generator().manual_seed(22))
    torch.manual_seed(23)  # 全局随机状态不同,结果也必须相同
    second = make_copy_batch(6, 5, 13, torch.Generator().manual_seed(22))
    assert first[1].dtype == torch.long
    for a, b in zip(first, second):
        assert torch.equal(a, b)


def test_encoder_decoder_defaults_and_embedding_init():
    torch.manual_seed(24)
    model = Seq2SeqTransformer(vocab_size=2000)
    # 默认 d_model=32、4 头、d_ff=64、2 层、位置表 64 行
    assert model.pos.shape == (64, 32) and model.generator.out_features == 2000
    assert len(model.encoder) == len(model.decoder) == 2
    assert model.encoder[0].self_attn.h == 4 and model.encoder[0].ffn[0].out_features == 64
    # 嵌入按 N(0, 1/d) 初始化(标准差 32^-0.5 ≈ 0.177),PAD 那一行是 0
    w = model.embed.weight.detach()
    assert w[PAD].abs().max() == 0
    assert abs(w[1:].std().item() - 32**-0.5) < 0.005 and abs(w[1:].mean().item()) < 0.005


def test_encoder_decoder_pad_embedding_gets_no_gradient():
    # padding_idx=PAD:即使 PAD 位置的 logits 参与求和,PAD 那一行嵌入也拿不到梯度(训练中一直是 0)
    model = _small_model(25)
    src, tgt_in = _tokens([[5, 6, PAD]]), _tokens([[BOS, 5, 6, PAD, PAD]])
    model(src, tgt_in).sum().backward()
    assert model.embed.weight.grad[PAD].abs().max() == 0
    assert model.embed.weight.grad[5].abs().max() > 0


def test_encoder_decoder_position_table_is_not_saved_in_the_state_dict():
    # 位置表是 persistent=False 的 buffer:不进 checkpoint,所以 max_len 不同的模型也能互相加载权重
    torch.manual_seed(28)
    short = Seq2SeqTransformer(vocab_size=11, d_model=8, num_heads=2, d_ff=16, num_layers=1, max_len=10)
    long = Seq2SeqTransformer(vocab_size=11, d_model=8, num_heads=2, d_ff=16, num_layers=1, max_len=20)
    assert "pos" not in short.state_dict()
    long.load_state_dict(short.state_dict())
    assert long.pos.shape == (20, 8)


@torch.no_grad()
def test_encoder_decoder_embedding_output_takes_the_layers_dtype():
    # 嵌入表单独留在 float64、其余层是 float32:嵌入结果先转成 float32 再进 encoder/decoder
    model = _small_model(29).float()
    src, tgt_in = _tokens([[5, 6, 7]]), _tokens([[BOS, 5]])
    expected = model(src, tgt_in)
    model.embed.double()
    got = model(src, tgt_in)
    assert got.dtype == torch.float32
    torch.testing.assert_close(got, expected, atol=1e-6, rtol=0)


@torch.no_grad()
def test_encoder_decoder_greedy_decode_matches_step_by_step_argmax():
    # 参照:每步把整个前缀重新送进 model(src, prefix)(包括重新编码源),取最后一个位置的 argmax
    model = _small_model(26)
    src = _tokens([[5, 6, 7, 8], [9, 10, PAD, PAD]])
    prefix = torch.full((2, 1), BOS)
    for _ in range(5):
        prefix = torch.cat([prefix, model(src, prefix)[:, -1].argmax(dim=-1, keepdim=True)], dim=1)
    out = greedy_decode(model, src, max_len=6)
    assert out.shape == (2, 6) and out.dtype == torch.long
    assert torch.equal(out, prefix)


def test_encoder_decoder_runs_on_the_input_device():
    # meta 设备上的模型和输入:在 CPU 上新建的 mask 或前缀一碰到 meta 张量就报错
    model = Seq2SeqTransformer(vocab_size=11, d_model=8, num_heads=2, d_ff=16, num_layers=1).to("meta")
    src, tgt_in = torch.zeros(2, 5, dtype=torch.long, device="meta"), torch.zeros(2, 4, dtype=torch.long, device="meta")
    logits = model(src, tgt_in)
    assert logits.device.type == "meta" and logits.shape == (2, 4, 11)
    out = greedy_decode(model, src, max_len=4)
    assert out.device.type == "meta" and out.shape == (2, 4)


@torch.no_grad()
def test_encoder_decoder_builds_masks_and_prefix_on_the_input_device():
    # 默认设备设成 meta 时,CPU 上的模型和输入必须照样在 CPU 上算出同样的结果
    # (不写 device= 的 torch.ones / torch.full 会建在 meta 上)
    model = _small_model(27)
    src, tgt_in = _tokens([[5, 6, 7, PAD]]), _tokens([[BOS, 5, 6]])
    logits, out = model(src, tgt_in), greedy_decode(model, src, max_len=4)
    with torch.device("meta"):
        got_logits, got_out = model(src, tgt_in), greedy_decode(model, src, max_len=4)
    assert got_logits.device.type == "cpu" and got_out.device.type == "cpu"
    torch.testing.assert_close(got_logits, logits, atol=0, rtol=0)
    assert torch.equal(got_out, out)
