"""手撕 RMSNorm 与 SwiGLU FFN(LLaMA 风格的 Transformer 组件)。

RMSNorm(Zhang & Sennrich, 2019)只做“按均方根缩放”,不减均值、没有 bias:

    y = x / sqrt(mean(x^2) + eps) * weight

SwiGLU FFN(Shazeer, 2020, "GLU Variants Improve Transformer"):

    FFN(x) = W_down( SiLU(W_gate x) ⊙ (W_up x) )

它有三个矩阵而不是两个。为了让参数量与 4d 隐层的 ReLU FFN(2·d·4d = 8d²)
持平,把隐层取为 h ≈ (2/3)·4d = 8d/3,再向上取整到 multiple_of 的倍数
(LLaMA 的做法,方便矩阵乘法对齐);于是参数量 3·d·h ≈ 8d²。

复杂度(输入 x 形状 (batch, seq, d),记 n = batch·seq):
    RMSNorm:时间 O(n·d),额外显存 O(n)(每个位置一个 rms 值)。
    SwiGLU :时间 O(n·d·h)(三次矩阵乘),激活显存 O(n·h)。

>>> import torch
>>> _ = torch.manual_seed(0)
>>> norm = RMSNorm(8, eps=1e-6)
>>> x = torch.randn(2, 3, 8)
>>> y = norm(x)
>>> y.shape
torch.Size([2, 3, 8])
>>> # 权重为 1 时,每个位置输出的均方根约等于 1
>>> torch.allclose(y.pow(2).mean(-1), torch.ones(2, 3), atol=1e-4)
True
>>> swiglu_hidden_dim(4096, multiple_of=256)   # LLaMA-7B 的 FFN 隐层
11008
>>> ffn = SwiGLUFFN(d_model=48, multiple_of=1)
>>> ffn.hidden_dim, count_parameters(ffn), 8 * 48 * 48
(128, 18432, 18432)
>>> ffn(x.new_zeros(1, 48)).abs().sum().item()   # SiLU(0)=0,零输入得零输出
0.0
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

__all__ = ["RMSNorm", "TorchRMSNorm", "SwiGLUFFN", "ReLUFFN", "swiglu_hidden_dim", "count_parameters"]


# --8<-- [start:rmsnorm]
class RMSNorm(nn.Module):
    """对最后一维做 RMSNorm: y = x / sqrt(mean(x²) + eps) * weight。

    eps 放在根号**里面**,与 torch.nn.RMSNorm、LLaMA 一致。
    fp16 / bf16 输入先升到 float32 再求平方和(fp16 里 300² 就超过了最大值 65504),最后转回输入的 dtype。
    """

    def __init__(self, dim: int, eps: float = 1e-6) -> None:
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))  # γ,初始化为 1;没有 bias

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # x: (..., dim)
        xf = x.float()                                       # 升到 float32
        mean_sq = xf.pow(2).mean(dim=-1, keepdim=True)       # (..., 1) 均方,不减均值
        y = xf * torch.rsqrt(mean_sq + self.eps)             # (..., dim)
        return (y * self.weight.float()).to(x.dtype)
# --8<-- [end:rmsnorm]


# --8<-- [start:rmsnorm-extras]
class TorchRMSNorm(RMSNorm):
    """与 torch.nn.RMSNorm 逐位对齐所需的细节(面试时口头说明即可):

    * eps=None 时用计算精度的机器 epsilon(torch.finfo(float32).eps),与 nn.RMSNorm 的默认值相同;
    * float64 输入用 float64 计算,而不是降到 float32。
    """

    def __init__(self, dim: int, eps: float | None = None) -> None:
        super().__init__(dim)
        self.eps: float | None = eps  # None = 按计算精度取机器 epsilon

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        compute = torch.float64 if x.dtype == torch.float64 else torch.float32
        xf = x.to(compute)
        eps = self.eps if self.eps is not None else torch.finfo(compute).eps
        y = xf * torch.rsqrt(xf.pow(2).mean(dim=-1, keepdim=True) + eps)
        return (y * self.weight.to(compute)).to(x.dtype)
# --8<-- [end:rmsnorm-extras]


# --8<-- [start:swiglu]
def swiglu_hidden_dim(d_model: int, multiple_of: int = 256, ffn_mult: float = 4.0) -> int:
    """SwiGLU 隐层大小:先取 ffn_mult·d 的 2/3,再向上取整到 multiple_of 的倍数。"""
    hidden = int(2 * ffn_mult * d_model / 3)  # 例如 d=4096: 2·4·4096/3 = 10922
    return multiple_of * ((hidden + multiple_of - 1) // multiple_of)  # 向上取整 -> 11008


class SwiGLUFFN(nn.Module):
    """FFN(x) = W_down(SiLU(W_gate x) ⊙ W_up x),三个线性层都不带 bias(LLaMA 做法)。"""

    def __init__(self, d_model: int, hidden_dim: int | None = None, multiple_of: int = 256) -> None:
        super().__init__()
        if hidden_dim is None:
            hidden_dim = swiglu_hidden_dim(d_model, multiple_of)
        self.hidden_dim = hidden_dim
        self.w_gate = nn.Linear(d_model, hidden_dim, bias=False)  # LLaMA 代码里叫 w1
        self.w_up = nn.Linear(d_model, hidden_dim, bias=False)  # w3
        self.w_down = nn.Linear(hidden_dim, d_model, bias=False)  # w2

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # x: (..., d_model)
        gate = F.silu(self.w_gate(x))  # (..., hidden)  SiLU(z) = z·sigmoid(z) = Swish_1
        up = self.w_up(x)  # (..., hidden)
        return self.w_down(gate * up)  # 逐元素相乘(门控)后投回 (..., d_model)
# --8<-- [end:swiglu]


class ReLUFFN(nn.Module):
    """对照用的原始 Transformer FFN:W2 ReLU(W1 x),隐层 4d,不带 bias。"""

    def __init__(self, d_model: int, ffn_mult: int = 4) -> None:
        super().__init__()
        self.fc1 = nn.Linear(d_model, ffn_mult * d_model, bias=False)
        self.fc2 = nn.Linear(ffn_mult * d_model, d_model, bias=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc2(torch.relu(self.fc1(x)))


def count_parameters(module: nn.Module) -> int:
    """可训练参数总数。"""
    return sum(p.numel() for p in module.parameters() if p.requires_grad)
