"""F14 旋转位置编码 RoPE(Rotary Position Embedding)。

把 q、k 的每一对维度看成一个二维向量(一个复数),按位置 m 旋转角度 m * theta_i,
theta_i = base^(-2i/d)。旋转之后 q_m · k_n 只依赖相对位置 m - n:
    <R(m) q, R(n) k> = <q, R(n - m) k>

"一对维度"有两种配对约定,都正确,只要 q 和 k、训练和推理用同一种:
* rotate_half(前后两半): 维度 i 与 i + d/2 配对。Llama / HF transformers / GPT-NeoX 用这种,
  本文件的主实现 apply_rope 采用它;
* interleaved(相邻交错): 维度 2i 与 2i+1 配对。原论文 RoFormer、Meta 原版 Llama 代码(复数写法)、GPT-J 用这种,
  见 apply_rope_interleaved。
两种约定之间只差一个固定的维度重排;但加载预训练权重时必须和原模型一致。

复杂度: 对形状 (..., L, d) 的张量,时间和额外显存都是 O(L d),cos/sin 表可以预先算好缓存。

>>> import torch
>>> q = torch.tensor([[1.0, 0.0, 0.0, 0.0]])          # (L=1, d=4)
>>> apply_rope(q, torch.tensor([0])).tolist()          # 位置 0: 不旋转
[[1.0, 0.0, 0.0, 0.0]]
>>> [round(v, 4) for v in apply_rope(q, torch.tensor([1]))[0].tolist()]  # 维度 0 与维度 2 配对,转 1 弧度
[0.5403, 0.0, 0.8415, 0.0]
"""

from __future__ import annotations

import torch
from torch import Tensor, nn


# --8<-- [start:rope]
def rope_angles(positions: Tensor, head_dim: int, base: float = 10000.0,
                dtype: torch.dtype = torch.float32) -> Tensor:
    """返回角度表 (L, head_dim/2): angles[m, i] = positions[m] * base^(-2i/head_dim)。

    在 positions 所在的设备上计算;dtype 默认 float32(与 Llama 相同),不能用 fp16/bf16 算角度。
    """
    if head_dim % 2 != 0:
        raise ValueError(f"head_dim={head_dim} 必须是偶数(两两配对旋转)")
    two_i = torch.arange(0, head_dim, 2, dtype=dtype, device=positions.device)  # (d/2,)
    inv_freq = base ** (-two_i / head_dim)                                      # (d/2,)
    return positions.to(dtype)[:, None] * inv_freq[None, :]                     # (L, d/2)


def rotate_half(x: Tensor) -> Tensor:
    """[x1, x2] -> [-x2, x1],x1、x2 是最后一维的前后两半。"""
    half = x.size(-1) // 2
    x1, x2 = x[..., :half], x[..., half:]
    return torch.cat([-x2, x1], dim=-1)


def apply_rope(x: Tensor, positions: Tensor, base: float = 10000.0) -> Tensor:
    """rotate_half 约定(Llama / HF): 维度 i 与 i + d/2 组成一对,按位置旋转。

    x: (..., L, d),通常是 (batch, heads, L, head_dim);positions: (L,) 整数位置
    (有 KV cache 时传真实的绝对位置,例如 torch.arange(past_len, past_len + L))。
    角度和 cos/sin 在 x 的设备上用 float32 计算(x 是 float64 时用 float64),最后转回 x.dtype。
    """
    compute = torch.float64 if x.dtype == torch.float64 else torch.float32
    angles = rope_angles(positions.to(x.device), x.size(-1), base, compute)  # (L, d/2)
    angles = torch.cat([angles, angles], dim=-1)             # (L, d): 第 i 维和第 i+d/2 维同一个角度
    cos, sin = angles.cos().to(x.dtype), angles.sin().to(x.dtype)
    # 每一对 (a, b) = (x[i], x[i+d/2]) 变成 (a cos - b sin, a sin + b cos),即旋转
    return x * cos + rotate_half(x) * sin
# --8<-- [end:rope]


# --8<-- [start:module]
class RotaryEmbedding(nn.Module):
    """Llama 式的 RoPE 模块: 按 max_len 预先算好 cos/sin 表,存成 persistent=False 的 buffer。

    buffer 随 model.to(device) 一起移动,但不写进 state_dict(它由 head_dim 和 base 决定,不是权重)。
    表用 float32 计算并保存;forward 按 positions 取行,再转成 x.dtype。
    """

    def __init__(self, head_dim: int, max_len: int = 2048, base: float = 10000.0) -> None:
        super().__init__()
        angles = rope_angles(torch.arange(max_len), head_dim, base)  # (max_len, d/2),float32
        angles = torch.cat([angles, angles], dim=-1)                 # (max_len, d)
        self.register_buffer("cos_cached", angles.cos(), persistent=False)
        self.register_buffer("sin_cached", angles.sin(), persistent=False)

    def forward(self, x: Tensor, positions: Tensor) -> Tensor:  # x: (..., L, d),positions: (L,)
        cos = self.cos_cached[positions].to(x.dtype)  # (L, d)
        sin = self.sin_cached[positions].to(x.dtype)
        return x * cos + rotate_half(x) * sin
# --8<-- [end:module]


# --8<-- [start:interleaved]
def apply_rope_interleaved(x: Tensor, positions: Tensor, base: float = 10000.0) -> Tensor:
    """interleaved 约定(RoFormer、GPT-J): 维度 2i 与 2i+1 组成一对。"""
    compute = torch.float64 if x.dtype == torch.float64 else torch.float32
    angles = rope_angles(positions.to(x.device), x.size(-1), base, compute)  # (L, d/2)
    cos, sin = angles.cos().to(x.dtype), angles.sin().to(x.dtype)
    a, b = x[..., 0::2], x[..., 1::2]                        # 每对的两个分量,各 (..., L, d/2)
    rotated = torch.stack([a * cos - b * sin, a * sin + b * cos], dim=-1)  # (..., L, d/2, 2)
    return rotated.flatten(-2)                               # 放回交错位置 (..., L, d)
# --8<-- [end:interleaved]


# --8<-- [start:complex]
def apply_rope_complex(x: Tensor, positions: Tensor, base: float = 10000.0,
                       interleaved: bool = False) -> Tensor:
    """复数写法: 把每对维度看成复数 z = a + ib,旋转就是乘 e^{i m theta}。

    interleaved=False 时 (a, b) = (x[i], x[i+d/2]),与 apply_rope 对应;
    interleaved=True  时 (a, b) = (x[2i], x[2i+1]),与 apply_rope_interleaved 对应。
    """
    angles = rope_angles(positions.to(x.device), x.size(-1), base, torch.float64)  # (L, d/2)
    rotation = torch.polar(torch.ones_like(angles), angles)               # e^{i angle},complex128
    half = x.size(-1) // 2
    if interleaved:
        z = torch.complex(x[..., 0::2].double(), x[..., 1::2].double())  # (..., L, d/2)
        out = torch.view_as_real(z * rotation).flatten(-2)                # 实部、虚部交错放回
    else:
        z = torch.complex(x[..., :half].double(), x[..., half:].double())
        rotated = z * rotation
        out = torch.cat([rotated.real, rotated.imag], dim=-1)             # 实部在前一半,虚部在后一半
    return out.to(x.dtype)
# --8<-- [end:complex]


# --8<-- [start:wrong]
def apply_rope_mixed_wrong(x: Tensor, positions: Tensor, base: float = 10000.0) -> Tensor:
    """反例(故意写错,仅用于演示): 角度按交错约定排列(repeat_interleave),却用 rotate_half 配对。

    第 i 维和第 i + d/2 维拿到的角度不同,这已经不是旋转: 范数会变,打分也不再只依赖 m - n。
    """
    angles = rope_angles(positions.to(x.device), x.size(-1), base).repeat_interleave(2, dim=-1)  # [t0,t0,t1,t1,...]
    cos, sin = angles.cos().to(x.dtype), angles.sin().to(x.dtype)
    return x * cos + rotate_half(x) * sin
# --8<-- [end:wrong]
