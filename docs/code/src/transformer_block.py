"""手撕一个 Pre-LN Transformer block,以及一个极小的 decoder-only 语言模型(GPT 风格)。

结构(Pre-LN,GPT-2 / LLaMA 都用这种顺序):

    x = x + Attn(LN1(x))      # 因果自注意力,残差
    x = x + MLP(LN2(x))       # 逐位置前馈,残差

语言模型 = 词嵌入 + 位置嵌入 -> N 个 block -> 最后一层 LayerNorm -> lm_head(线性层)。
lm_head 输出的是词表上的 logits,softmax 之后才是“下一个 token 的概率分布”。

注意力用 torch.nn.functional.scaled_dot_product_attention(is_causal=True) 实现,
本模块不依赖同目录的 multi_head_attention.py,可以单独下载运行。

复杂度(batch B、序列长 T、宽度 d、层数 L、词表 V):
    每层时间 O(B·T²·d + B·T·d²),注意力分数显存 O(B·h·T²)(FlashAttention 类实现可降为 O(B·T·d));
    lm_head 时间 O(B·T·d·V)。参数量约 12·L·d² + V·d(权重共享时词表矩阵只算一次)。

>>> import torch
>>> _ = torch.manual_seed(0)
>>> model = TinyDecoderLM(vocab_size=11, max_len=8, d_model=16, n_heads=2, n_layers=1)
>>> idx = torch.tensor([[1, 2, 3]])
>>> logits = model(idx)
>>> logits.shape                       # (batch, seq, vocab)
torch.Size([1, 3, 11])
>>> probs = torch.softmax(logits, dim=-1)
>>> torch.allclose(probs.sum(-1), torch.ones(1, 3))
True
>>> model.generate_greedy(idx, max_new_tokens=2).shape
torch.Size([1, 5])
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

__all__ = ["CausalSelfAttention", "TransformerBlock", "TinyDecoderLM", "fit_sequence"]


# --8<-- [start:attention]
class CausalSelfAttention(nn.Module):
    """多头因果自注意力。qkv 用一个 (3d, d) 的线性层一次算出,布局与 nn.MultiheadAttention 相同。"""

    def __init__(self, d_model: int, n_heads: int, dropout: float = 0.0) -> None:
        super().__init__()
        if d_model % n_heads != 0:
            raise ValueError(f"d_model={d_model} 不能被 n_heads={n_heads} 整除")
        self.n_heads = n_heads
        self.head_dim = d_model // n_heads
        self.dropout = dropout
        self.qkv = nn.Linear(d_model, 3 * d_model)  # 输出按 [q | k | v] 拼接
        self.o_proj = nn.Linear(d_model, d_model)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        B, T, C = x.shape  # (batch, seq, d_model)
        q, k, v = self.qkv(x).split(C, dim=-1)  # 各 (B, T, C)
        # 拆头:先 view 成 (B, T, h, d_h),再把 h 换到前面 -> (B, h, T, d_h)
        q = q.view(B, T, self.n_heads, self.head_dim).transpose(1, 2)
        k = k.view(B, T, self.n_heads, self.head_dim).transpose(1, 2)
        v = v.view(B, T, self.n_heads, self.head_dim).transpose(1, 2)
        # softmax(q kᵀ / sqrt(d_h) + 因果 mask) v;is_causal=True 屏蔽 j > i 的位置
        y = F.scaled_dot_product_attention(
            q, k, v, is_causal=True, dropout_p=self.dropout if self.training else 0.0
        )  # (B, h, T, d_h)
        # 合并头:换回 (B, T, h, d_h) 再展平;transpose 后内存不连续,需要 contiguous()
        y = y.transpose(1, 2).contiguous().view(B, T, C)
        return self.o_proj(y)  # (B, T, C)
# --8<-- [end:attention]


# --8<-- [start:block]
class TransformerBlock(nn.Module):
    """Pre-LN block:LayerNorm 在子层之前,残差路径上没有归一化。"""

    def __init__(self, d_model: int, n_heads: int, dropout: float = 0.0) -> None:
        super().__init__()
        self.ln1 = nn.LayerNorm(d_model)
        self.attn = CausalSelfAttention(d_model, n_heads, dropout)
        self.ln2 = nn.LayerNorm(d_model)
        self.mlp = nn.Sequential(
            nn.Linear(d_model, 4 * d_model),  # 升维到 4d
            nn.GELU(),
            nn.Linear(4 * d_model, d_model),  # 降回 d
            nn.Dropout(dropout),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # x: (B, T, d)
        x = x + self.attn(self.ln1(x))  # 只有注意力在位置之间交换信息
        x = x + self.mlp(self.ln2(x))  # MLP 逐位置独立计算
        return x
# --8<-- [end:block]


# --8<-- [start:model]
class TinyDecoderLM(nn.Module):
    """极小的 decoder-only 语言模型:输出每个位置在词表上的 logits。"""

    def __init__(
        self,
        vocab_size: int,
        max_len: int,
        d_model: int = 32,
        n_heads: int = 2,
        n_layers: int = 2,
        dropout: float = 0.0,
        tie_weights: bool = True,
    ) -> None:
        super().__init__()
        self.max_len = max_len
        self.tok_emb = nn.Embedding(vocab_size, d_model)
        self.pos_emb = nn.Embedding(max_len, d_model)  # 可学习的绝对位置编码
        self.blocks = nn.ModuleList(
            TransformerBlock(d_model, n_heads, dropout) for _ in range(n_layers)
        )
        self.ln_f = nn.LayerNorm(d_model)  # Pre-LN 需要在最后补一个 LayerNorm
        self.lm_head = nn.Linear(d_model, vocab_size, bias=False)
        self.apply(self._init_weights)
        if tie_weights:
            self.lm_head.weight = self.tok_emb.weight  # 输入输出词表矩阵共享,形状都是 (V, d)

    @staticmethod
    def _init_weights(module: nn.Module) -> None:
        # GPT-2 风格的小方差初始化,初始 logits 接近 0,初始 loss ≈ log V
        if isinstance(module, (nn.Linear, nn.Embedding)):
            nn.init.normal_(module.weight, mean=0.0, std=0.02)
        if isinstance(module, nn.Linear) and module.bias is not None:
            nn.init.zeros_(module.bias)

    def forward(self, idx: torch.Tensor) -> torch.Tensor:
        # idx: (B, T) 的 token id;返回 logits: (B, T, V)
        B, T = idx.shape
        if T > self.max_len:
            raise ValueError(f"序列长度 {T} 超过 max_len={self.max_len}")
        pos = torch.arange(T, device=idx.device)  # (T,)
        x = self.tok_emb(idx) + self.pos_emb(pos)  # (B, T, d),位置嵌入按 batch 广播
        for block in self.blocks:
            x = block(x)
        return self.lm_head(self.ln_f(x))  # (B, T, V);softmax(-1) 后是下一个 token 的分布

    def loss(self, idx: torch.Tensor) -> torch.Tensor:
        """下一个 token 预测:用位置 0..T-2 预测位置 1..T-1(输入和目标错开一位)。"""
        logits = self(idx[:, :-1])  # (B, T-1, V)
        targets = idx[:, 1:]  # (B, T-1)
        return F.cross_entropy(logits.reshape(-1, logits.size(-1)), targets.reshape(-1))

    @torch.no_grad()
    def generate_greedy(self, idx: torch.Tensor, max_new_tokens: int) -> torch.Tensor:
        """贪心生成:每步只取最后一个位置的 logits 的 argmax(无 KV cache,每步重算整个前缀)。"""
        for _ in range(max_new_tokens):
            context = idx[:, -self.max_len :]  # 超过 max_len 时只保留最近的窗口
            next_logits = self(context)[:, -1, :]  # (B, V)
            next_id = next_logits.argmax(dim=-1, keepdim=True)  # (B, 1)
            idx = torch.cat([idx, next_id], dim=1)
        return idx
# --8<-- [end:model]


# --8<-- [start:train]
def fit_sequence(
    model: TinyDecoderLM, seq: torch.Tensor, steps: int = 200, lr: float = 3e-3
) -> list[float]:
    """在一条序列 seq: (1, T) 上反复训练,返回每一步的 loss(用来验证模型能过拟合)。"""
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.0)
    model.train()
    losses = []
    for _ in range(steps):
        loss = model.loss(seq)
        optimizer.zero_grad()  # 清掉上一步累积的梯度
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    model.eval()
    return losses
# --8<-- [end:train]
