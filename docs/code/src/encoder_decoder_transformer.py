"""F27 完整的 encoder-decoder Transformer:自注意力、cross-attention、padding mask 与 causal mask。

结构选 Pre-LN(每个子层先 LayerNorm,残差路径不经过归一化;encoder 与 decoder 最后各有一个 LayerNorm),
对应 ``torch.nn.TransformerEncoderLayer / TransformerDecoderLayer(norm_first=True)``。原论文是 Post-LN。

    encoder 层:x = x + SelfAttn(LN(x), 看得见 = 源序列非 padding)
                x = x + FFN(LN(x))
    decoder 层:y = y + SelfAttn(LN(y), 看得见 = causal 且目标非 padding)
                y = y + CrossAttn(query = LN(y), key/value = encoder 输出 memory, 看得见 = 源序列非 padding)
                y = y + FFN(LN(y))

mask 约定:所有 bool mask 都是 ``True`` = 可以看(与 F09 相同),形状可广播到 (B, heads, L_q, L_k)。
注意 torch.nn.Transformer 的 ``*_key_padding_mask`` 与 bool ``tgt_mask`` 是 ``True`` = 屏蔽,正好相反。

复杂度(源长 S,目标长 T,宽度 d,层数 N):encoder O(N (S^2 d + S d^2)),
decoder O(N (T^2 d + T S d + T d^2)),其中 T S d 是 cross-attention。

>>> import torch
>>> _ = torch.manual_seed(0)
>>> model = Seq2SeqTransformer(vocab_size=12, d_model=16, num_heads=2, d_ff=32, num_layers=1)
>>> src = torch.tensor([[5, 6, 7, 0]])          # 0 是 padding
>>> tgt_in = torch.tensor([[1, 5, 6]])          # 以 BOS=1 开头,右移一位的目标
>>> model(src, tgt_in).shape                    # (B, T, vocab)
torch.Size([1, 3, 12])
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import Tensor, nn

PAD, BOS, EOS = 0, 1, 2


# --8<-- [start:core]
class MultiHeadAttention(nn.Module):
    def __init__(self, d_model: int, num_heads: int) -> None:
        super().__init__()
        self.h, self.d_h = num_heads, d_model // num_heads
        self.q_proj, self.k_proj = nn.Linear(d_model, d_model), nn.Linear(d_model, d_model)
        self.v_proj, self.o_proj = nn.Linear(d_model, d_model), nn.Linear(d_model, d_model)

    def forward(self, query: Tensor, memory: Tensor, keep: Tensor | None = None) -> Tensor:
        """query: (B, L_q, d);memory: (B, L_k, d),自注意力时就是 query 本身。"""
        B, L_q, D = query.shape
        L_k = memory.size(1)
        q = self.q_proj(query).view(B, L_q, self.h, self.d_h).transpose(1, 2)   # (B, h, L_q, d_h)
        k = self.k_proj(memory).view(B, L_k, self.h, self.d_h).transpose(1, 2)  # (B, h, L_k, d_h)
        v = self.v_proj(memory).view(B, L_k, self.h, self.d_h).transpose(1, 2)
        scores = q @ k.transpose(-2, -1) / math.sqrt(self.d_h)                 # (B, h, L_q, L_k)
        if keep is not None:
            scores = scores.masked_fill(~keep, float("-inf"))
        dead = torch.isneginf(scores).all(dim=-1, keepdim=True)                 # 全屏蔽行 -> 输出 0
        attn = torch.softmax(scores.masked_fill(dead, 0.0), dim=-1).masked_fill(dead, 0.0)
        return self.o_proj((attn @ v).transpose(1, 2).reshape(B, L_q, D))


class FeedForward(nn.Sequential):
    def __init__(self, d_model: int, d_ff: int) -> None:
        super().__init__(nn.Linear(d_model, d_ff), nn.ReLU(), nn.Linear(d_ff, d_model))


class EncoderLayer(nn.Module):
    def __init__(self, d_model: int, num_heads: int, d_ff: int) -> None:
        super().__init__()
        self.self_attn, self.ffn = MultiHeadAttention(d_model, num_heads), FeedForward(d_model, d_ff)
        self.norm1, self.norm2 = nn.LayerNorm(d_model), nn.LayerNorm(d_model)

    def forward(self, x: Tensor, src_keep: Tensor | None) -> Tensor:
        h = self.norm1(x)
        x = x + self.self_attn(h, h, src_keep)
        return x + self.ffn(self.norm2(x))


class DecoderLayer(nn.Module):
    def __init__(self, d_model: int, num_heads: int, d_ff: int) -> None:
        super().__init__()
        self.self_attn = MultiHeadAttention(d_model, num_heads)
        self.cross_attn = MultiHeadAttention(d_model, num_heads)
        self.ffn = FeedForward(d_model, d_ff)
        self.norm1, self.norm2, self.norm3 = (nn.LayerNorm(d_model) for _ in range(3))

    def forward(self, y: Tensor, memory: Tensor, tgt_keep: Tensor | None, src_keep: Tensor | None) -> Tensor:
        h = self.norm1(y)
        y = y + self.self_attn(h, h, tgt_keep)                  # causal:只看已生成的目标 token
        y = y + self.cross_attn(self.norm2(y), memory, src_keep)  # Q 来自 decoder,K/V 来自 encoder
        return y + self.ffn(self.norm3(y))


def padding_keep(tokens: Tensor) -> Tensor:
    """(B, L) token -> (B, 1, 1, L):key 不是 PAD 时为 True,对所有头、所有 query 广播。"""
    return (tokens != PAD)[:, None, None, :]


def causal_keep(length: int, device: torch.device) -> Tensor:
    """(L, L) 下三角:query i 看 key j <= i。"""
    return torch.ones(length, length, dtype=torch.bool, device=device).tril()


def sinusoidal_table(max_len: int, d_model: int) -> Tensor:
    pos = torch.arange(max_len, dtype=torch.float32)[:, None]
    freq = torch.exp(-math.log(10000.0) * torch.arange(0, d_model, 2, dtype=torch.float32) / d_model)
    table = torch.zeros(max_len, d_model)  # 在 CPU 上建一次;register_buffer 后随模块 .to(device) 移动
    table[:, 0::2], table[:, 1::2] = torch.sin(pos * freq), torch.cos(pos * freq)
    return table


class Seq2SeqTransformer(nn.Module):
    def __init__(self, vocab_size: int, d_model: int = 32, num_heads: int = 4, d_ff: int = 64,
                 num_layers: int = 2, max_len: int = 64) -> None:
        super().__init__()
        self.d_model = d_model
        self.embed = nn.Embedding(vocab_size, d_model, padding_idx=PAD)   # 源、目标共享词表
        # 乘 sqrt(d) 之后与位置编码(取值在 ±1)同一量级;默认 N(0, 1) 初始化会把位置信息淹没
        nn.init.normal_(self.embed.weight, std=d_model**-0.5)
        with torch.no_grad():
            self.embed.weight[PAD].zero_()
        self.register_buffer("pos", sinusoidal_table(max_len, d_model), persistent=False)
        self.encoder = nn.ModuleList(EncoderLayer(d_model, num_heads, d_ff) for _ in range(num_layers))
        self.decoder = nn.ModuleList(DecoderLayer(d_model, num_heads, d_ff) for _ in range(num_layers))
        self.enc_norm, self.dec_norm = nn.LayerNorm(d_model), nn.LayerNorm(d_model)  # Pre-LN 的最终归一化
        self.generator = nn.Linear(d_model, vocab_size)

    def _embed(self, tokens: Tensor) -> Tensor:
        x = self.embed(tokens) * math.sqrt(self.d_model) + self.pos[: tokens.size(1)]
        return x.to(self.generator.weight.dtype)

    def encode(self, src: Tensor) -> Tensor:                  # src: (B, S) -> memory (B, S, d)
        x, keep = self._embed(src), padding_keep(src)
        for layer in self.encoder:
            x = layer(x, keep)
        return self.enc_norm(x)

    def decode(self, tgt_in: Tensor, memory: Tensor, src: Tensor) -> Tensor:  # -> logits (B, T, V)
        tgt_keep = causal_keep(tgt_in.size(1), tgt_in.device) & padding_keep(tgt_in)  # (B, 1, T, T)
        y = self._embed(tgt_in)
        for layer in self.decoder:
            y = layer(y, memory, tgt_keep, padding_keep(src))
        return self.generator(self.dec_norm(y))

    def forward(self, src: Tensor, tgt_in: Tensor) -> Tensor:
        return self.decode(tgt_in, self.encode(src), src)


def seq2seq_loss(model: Seq2SeqTransformer, src: Tensor, tgt: Tensor) -> Tensor:
    """teacher forcing:输入 tgt[:, :-1](以 BOS 开头),预测 tgt[:, 1:];PAD 位置不计损失。"""
    logits = model(src, tgt[:, :-1])
    return F.cross_entropy(logits.reshape(-1, logits.size(-1)), tgt[:, 1:].reshape(-1), ignore_index=PAD)


@torch.no_grad()
def greedy_decode(model: Seq2SeqTransformer, src: Tensor, max_len: int) -> Tensor:
    """encoder 只跑一次;decoder 每步用已生成的前缀重新前向,取最后一个位置的 argmax。"""
    memory = model.encode(src)
    out = torch.full((src.size(0), 1), BOS, dtype=torch.long, device=src.device)
    for _ in range(max_len - 1):
        next_token = model.decode(out, memory, src)[:, -1].argmax(dim=-1, keepdim=True)
        out = torch.cat([out, next_token], dim=1)
    return out
# --8<-- [end:core]


# --8<-- [start:extras]
@torch.no_grad()
def copy_attention_from_torch(mine: MultiHeadAttention, ref: nn.MultiheadAttention) -> None:
    """nn.MultiheadAttention 把 W_q、W_k、W_v 按行拼成 in_proj_weight (3d, d)。"""
    for proj, w, b in zip((mine.q_proj, mine.k_proj, mine.v_proj),
                          ref.in_proj_weight.chunk(3), ref.in_proj_bias.chunk(3)):
        proj.weight.copy_(w)
        proj.bias.copy_(b)
    mine.o_proj.load_state_dict(ref.out_proj.state_dict())


@torch.no_grad()
def copy_layer_from_torch(mine: EncoderLayer | DecoderLayer,
                          ref: nn.TransformerEncoderLayer | nn.TransformerDecoderLayer) -> None:
    """逐个子模块复制:self_attn、(multihead_attn)、linear1/linear2、norm1..3。"""
    copy_attention_from_torch(mine.self_attn, ref.self_attn)
    if isinstance(mine, DecoderLayer):
        copy_attention_from_torch(mine.cross_attn, ref.multihead_attn)
        mine.norm3.load_state_dict(ref.norm3.state_dict())
    mine.ffn[0].load_state_dict(ref.linear1.state_dict())
    mine.ffn[2].load_state_dict(ref.linear2.state_dict())
    mine.norm1.load_state_dict(ref.norm1.state_dict())
    mine.norm2.load_state_dict(ref.norm2.state_dict())


def make_copy_batch(batch: int, max_len: int, vocab_size: int, generator: torch.Generator) -> tuple[Tensor, Tensor]:
    """玩具复制任务:源是随机长度 2..max_len 的 token(3 起编号,其余 PAD),目标 = BOS + 源 + EOS。"""
    lengths = torch.randint(2, max_len + 1, (batch,), generator=generator)
    tokens = torch.randint(3, vocab_size, (batch, max_len), generator=generator)
    positions = torch.arange(max_len)[None, :]
    src = tokens.masked_fill(positions >= lengths[:, None], PAD)                # (B, max_len)
    tgt = torch.full((batch, max_len + 2), PAD, dtype=torch.long)
    tgt[:, 0] = BOS
    tgt[:, 1:max_len + 1] = src
    tgt[torch.arange(batch), lengths + 1] = EOS                                  # (B, max_len + 2)
    return src, tgt
# --8<-- [end:extras]
