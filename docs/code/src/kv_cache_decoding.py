"""F35 带 KV cache 的增量解码:一个极小的 decoder-only 模型,逐 token 解码与一次性前向逐数一致。

每层把历史 token 的 key / value 存下来,新 token 只算自己的 q、k、v,再与缓存拼接做注意力。

mask 约定:``keep`` 为 bool,``True`` = 可以看。带缓存时 query 是序列里的第
``past + i`` 个位置,所以 causal mask 是 **右下角对齐** 的:query i 可以看 key j <= past + i。
位置编码同理要从 ``past`` 开始编号。

复杂度(层数 N_l,宽度 d,已生成 t 个 token):
    第 t 步:注意力 O(N_l t d),投影与 MLP O(N_l d^2);不带缓存时每步要重算 O(N_l (t^2 d + t d^2))。
    缓存内存:2 * N_l * B * t * d 个数(k 与 v 各一份)。

>>> import torch
>>> _ = torch.manual_seed(0)
>>> model = TinyCachedLM(vocab_size=13, max_len=16, d_model=16, n_heads=2, n_layers=2).eval()
>>> prompt = torch.tensor([[3, 1, 4]])
>>> generate_greedy(model, prompt, 4, use_cache=True).tolist() == \\
...     generate_greedy(model, prompt, 4, use_cache=False).tolist()
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import Tensor, nn


# --8<-- [start:core]
@dataclass
class LayerKV:
    """一层的缓存:k、v 形状 (B, heads, T_past, head_dim);None 表示还没有 token。"""

    k: Tensor | None = None
    v: Tensor | None = None

    @property
    def length(self) -> int:
        return 0 if self.k is None else self.k.size(2)

    def append(self, k_new: Tensor, v_new: Tensor) -> tuple[Tensor, Tensor]:
        """沿序列维拼接新 token 的 k、v,返回完整的 (k, v)。"""
        self.k = k_new if self.k is None else torch.cat([self.k, k_new], dim=2)
        self.v = v_new if self.v is None else torch.cat([self.v, v_new], dim=2)
        return self.k, self.v


def causal_keep(t_new: int, t_past: int, device: torch.device) -> Tensor:
    """(t_new, t_past + t_new) 的 bool mask,右下角对齐:query i 可以看 key j <= t_past + i。"""
    q_pos = torch.arange(t_past, t_past + t_new, device=device)[:, None]  # 绝对位置
    k_pos = torch.arange(t_past + t_new, device=device)[None, :]
    return k_pos <= q_pos


class CachedSelfAttention(nn.Module):
    def __init__(self, d_model: int, n_heads: int) -> None:
        super().__init__()
        assert d_model % n_heads == 0
        self.n_heads, self.head_dim = n_heads, d_model // n_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.o_proj = nn.Linear(d_model, d_model)

    def forward(self, x: Tensor, cache: LayerKV | None = None) -> Tensor:
        B, T, D = x.shape                                   # T = 本次新输入的 token 数
        q, k, v = self.qkv(x).split(D, dim=-1)              # 各 (B, T, D)
        q, k, v = (t.view(B, T, self.n_heads, self.head_dim).transpose(1, 2) for t in (q, k, v))
        t_past = 0
        if cache is not None:
            t_past = cache.length                           # 先取长度,再追加
            k, v = cache.append(k, v)                       # (B, h, t_past + T, hd)
        scores = q @ k.transpose(-2, -1) / math.sqrt(self.head_dim)  # (B, h, T, t_past + T)
        keep = causal_keep(T, t_past, x.device)
        scores = scores.masked_fill(~keep, float("-inf"))
        out = torch.softmax(scores, dim=-1) @ v             # (B, h, T, hd)
        return self.o_proj(out.transpose(1, 2).reshape(B, T, D))


class Block(nn.Module):
    def __init__(self, d_model: int, n_heads: int) -> None:
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(d_model), nn.LayerNorm(d_model)
        self.attn = CachedSelfAttention(d_model, n_heads)
        self.mlp = nn.Sequential(nn.Linear(d_model, 4 * d_model), nn.GELU(), nn.Linear(4 * d_model, d_model))

    def forward(self, x: Tensor, cache: LayerKV | None = None) -> Tensor:
        x = x + self.attn(self.ln1(x), cache)               # Pre-LN
        return x + self.mlp(self.ln2(x))


class TinyCachedLM(nn.Module):
    def __init__(self, vocab_size: int, max_len: int, d_model: int = 32, n_heads: int = 4, n_layers: int = 2) -> None:
        super().__init__()
        self.max_len = max_len
        self.tok_emb = nn.Embedding(vocab_size, d_model)
        self.pos_emb = nn.Embedding(max_len, d_model)
        self.blocks = nn.ModuleList(Block(d_model, n_heads) for _ in range(n_layers))
        self.ln_f = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, vocab_size, bias=False)

    def new_cache(self) -> list[LayerKV]:
        return [LayerKV() for _ in self.blocks]

    def forward(self, idx: Tensor, cache: list[LayerKV] | None = None) -> Tensor:
        """idx: (B, T) 新 token;cache 为 None 时是普通的一次性前向。返回 logits (B, T, V)。"""
        B, T = idx.shape
        t_past = 0 if cache is None else cache[0].length
        if t_past + T > self.max_len:
            raise ValueError(f"总长度 {t_past + T} 超过 max_len={self.max_len}")
        pos = torch.arange(t_past, t_past + T, device=idx.device)  # 位置从 t_past 开始
        x = self.tok_emb(idx) + self.pos_emb(pos)
        for i, block in enumerate(self.blocks):
            x = block(x, None if cache is None else cache[i])
        return self.head(self.ln_f(x))


@torch.no_grad()
def generate_greedy(model: TinyCachedLM, prompt: Tensor, max_new_tokens: int, use_cache: bool = True) -> Tensor:
    """贪心生成。带缓存:prompt 一次 prefill,之后每步只喂 1 个 token。"""
    idx = prompt
    if not use_cache:                                       # 对照:每步重算整个前缀
        for _ in range(max_new_tokens):
            next_id = model(idx)[:, -1].argmax(dim=-1, keepdim=True)
            idx = torch.cat([idx, next_id], dim=1)
        return idx
    cache = model.new_cache()
    logits = model(prompt, cache)                           # prefill:(B, T_prompt, V)
    for _ in range(max_new_tokens):
        next_id = logits[:, -1].argmax(dim=-1, keepdim=True)  # (B, 1)
        idx = torch.cat([idx, next_id], dim=1)
        logits = model(next_id, cache)                      # decode:只算 1 个新 token
    return idx
# --8<-- [end:core]


# --8<-- [start:extras]
def decode_token_by_token(model: TinyCachedLM, idx: Tensor, chunk: int = 1) -> Tensor:
    """把一条已知序列按 chunk 个 token 一段喂进带缓存的模型,拼回 (B, T, V) 的 logits。

    chunk = 1 是纯 decode;chunk > 1 相当于分段 prefill(chunked prefill)。
    """
    cache = model.new_cache()
    pieces = [model(idx[:, s:s + chunk], cache) for s in range(0, idx.size(1), chunk)]
    return torch.cat(pieces, dim=1)


def causal_keep_top_left(t_new: int, t_past: int, device: torch.device) -> Tensor:
    """反例:忽略 t_past 的左上角对齐。decode 时 (t_new = 1) 新 token 只能看到第 0 个 key。"""
    return torch.ones(t_new, t_past + t_new, dtype=torch.bool, device=device).tril()


def kv_cache_bytes(n_layers: int, batch: int, seq_len: int, n_kv_heads: int, head_dim: int, bytes_per_value: int = 2) -> int:
    """缓存大小 = 2(k 和 v)x 层数 x batch x 序列长 x kv 头数 x 头维度 x 每个数的字节数。"""
    return 2 * n_layers * batch * seq_len * n_kv_heads * head_dim * bytes_per_value
# --8<-- [end:extras]
