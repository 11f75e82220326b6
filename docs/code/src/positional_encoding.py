"""F13 位置编码: 正弦绝对位置编码、可学习绝对位置编码、相对位置编码(T5 分桶偏置与 Shaw 截断索引)。

自注意力对 token 顺序是置换等变的(见 F11),必须额外注入位置信息:
* 绝对位置编码: 给第 pos 个 token 的输入向量加上一个只依赖 pos 的向量;
* 相对位置编码: 在注意力打分里加入只依赖 j - i(key 位置减 query 位置)的项。
RoPE 是另一种把相对位置写进打分的方法,见 F14。

>>> pe = sinusoidal_position_encoding(max_len=3, d_model=4)
>>> pe[0].tolist()                    # pos=0: sin(0)=0, cos(0)=1
[0.0, 1.0, 0.0, 1.0]
>>> [round(v, 4) for v in pe[1].tolist()]   # sin(1), cos(1), sin(1/100), cos(1/100)
[0.8415, 0.5403, 0.01, 0.9999]
"""

from __future__ import annotations

import math

import torch
from torch import Tensor, nn


# --8<-- [start:sinusoidal]
def sinusoidal_position_encoding(max_len: int, d_model: int, base: float = 10000.0,
                                 dtype: torch.dtype = torch.float32,
                                 device: torch.device | str | None = None) -> Tensor:
    """返回 (max_len, d_model) 的正弦位置编码:

        PE[pos, 2i]   = sin(pos / base^(2i / d_model))
        PE[pos, 2i+1] = cos(pos / base^(2i / d_model))

    第 i 对维度的角频率 w_i = base^(-2i/d),波长从 2*pi 到 base*2*pi 呈几何级数。
    时间和显存 O(max_len * d_model),只需算一次。
    """
    if d_model % 2 != 0:
        raise ValueError(f"d_model={d_model} 必须是偶数(sin/cos 成对)")
    pos = torch.arange(max_len, dtype=torch.float64, device=device)[:, None]  # (max_len, 1)
    two_i = torch.arange(0, d_model, 2, dtype=torch.float64, device=device)    # (d/2,) = 0, 2, 4, ...
    inv_freq = base ** (-two_i / d_model)                              # (d/2,) = w_i
    angle = pos * inv_freq                                             # (max_len, d/2)
    pe = torch.zeros(max_len, d_model, dtype=torch.float64, device=device)
    pe[:, 0::2] = torch.sin(angle)   # 偶数维放 sin
    pe[:, 1::2] = torch.cos(angle)   # 奇数维放 cos(交错排列,和原论文一致)
    return pe.to(dtype)              # 用 float64 计算再转换,pos 很大时角度也准确


class SinusoidalPositionalEncoding(nn.Module):
    """把正弦编码加到输入上。编码不是参数,用 buffer 存放(随 .to(device) 移动,但不参与训练)。"""

    def __init__(self, d_model: int, max_len: int = 2048) -> None:
        super().__init__()
        self.register_buffer("pe", sinusoidal_position_encoding(max_len, d_model), persistent=False)

    def forward(self, x: Tensor, offset: int = 0) -> Tensor:  # x: (B, L, d_model)
        L = x.size(1)
        if offset + L > self.pe.size(0):
            raise ValueError(f"序列位置 {offset + L} 超过 max_len={self.pe.size(0)}")
        return x + self.pe[offset:offset + L].to(x.dtype)     # (L, d) 广播到 (B, L, d)
# --8<-- [end:sinusoidal]


# --8<-- [start:learned]
class LearnedPositionalEmbedding(nn.Module):
    """可学习的绝对位置编码(BERT、GPT-2): 每个位置一个可训练向量,最多支持 max_len 个位置。"""

    def __init__(self, max_len: int, d_model: int) -> None:
        super().__init__()
        self.max_len = max_len
        self.embedding = nn.Embedding(max_len, d_model)   # 参数量 max_len * d_model

    def forward(self, x: Tensor, offset: int = 0) -> Tensor:  # x: (B, L, d_model)
        L = x.size(1)
        if offset + L > self.max_len:   # 训练时没见过的位置没有向量,无法外推
            raise ValueError(f"序列位置 {offset + L} 超过 max_len={self.max_len}")
        positions = torch.arange(offset, offset + L, device=x.device)  # (L,)
        return x + self.embedding(positions)                           # (L, d) 广播到 (B, L, d)
# --8<-- [end:learned]


# --8<-- [start:t5-bucket]
def t5_relative_position_bucket(relative_position: Tensor, bidirectional: bool = True,
                                num_buckets: int = 32, max_distance: int = 128) -> Tensor:
    """T5 的相对位置分桶。relative_position = j - i(key 位置减 query 位置),返回桶编号 (long)。

    * 双向(encoder): 一半桶给 j <= i,一半给 j > i;
    * 每一半里,距离 < max_exact(= 该半桶数的一半)时一个距离一个桶;
    * 更远的距离在 [max_exact, max_distance) 上按对数均匀分桶,>= max_distance 全部落进最后一个桶。

    >>> rel = torch.tensor([0, -1, 1, -8, -16, -1000, 1000])
    >>> t5_relative_position_bucket(rel).tolist()
    [0, 1, 17, 8, 10, 15, 31]
    """
    bucket = torch.zeros_like(relative_position)
    if bidirectional:
        num_buckets //= 2
        bucket = bucket + (relative_position > 0).long() * num_buckets  # 未来方向用后一半桶
        distance = relative_position.abs()
    else:
        distance = (-relative_position).clamp(min=0)  # 单向(decoder): 未来位置都算距离 0
    max_exact = num_buckets // 2
    is_small = distance < max_exact
    # 对数分桶;clamp(min=1) 只为避免 log(0),这些位置会被 is_small 选走
    log_ratio = torch.log(distance.float().clamp(min=1) / max_exact) / math.log(max_distance / max_exact)
    large = max_exact + (log_ratio * (num_buckets - max_exact)).long()
    large = large.clamp(max=num_buckets - 1)
    return bucket + torch.where(is_small, distance, large)


class T5RelativePositionBias(nn.Module):
    """每个 (桶, 头) 一个可学习的标量,加到注意力打分上: scores[h, i, j] += bias[bucket(j - i), h]。"""

    def __init__(self, n_heads: int, bidirectional: bool = True,
                 num_buckets: int = 32, max_distance: int = 128) -> None:
        super().__init__()
        self.bidirectional = bidirectional
        self.num_buckets = num_buckets
        self.max_distance = max_distance
        self.bias = nn.Embedding(num_buckets, n_heads)

    def forward(self, q_len: int, k_len: int, q_offset: int = 0) -> Tensor:
        device = self.bias.weight.device                            # 索引建在权重所在的设备上
        q_pos = torch.arange(q_offset, q_offset + q_len, device=device)[:, None]  # (q_len, 1)
        k_pos = torch.arange(k_len, device=device)[None, :]                       # (1, k_len)
        rel = k_pos - q_pos                                        # (q_len, k_len),值为 j - i
        buckets = t5_relative_position_bucket(rel, self.bidirectional,
                                              self.num_buckets, self.max_distance)
        values = self.bias(buckets)                                # (q_len, k_len, n_heads)
        return values.permute(2, 0, 1)[None]                       # (1, n_heads, q_len, k_len)
# --8<-- [end:t5-bucket]


# --8<-- [start:shaw]
def clipped_relative_index(q_len: int, k_len: int, max_relative: int,
                           device: torch.device | str | None = None) -> Tensor:
    """Shaw et al. (2018) 的相对位置索引: clip(j - i, -k, k) + k,取值 0..2k,
    用来查一个 (2k + 1, d) 的可学习表,得到加在 key(及 value)上的相对位置向量。

    >>> clipped_relative_index(3, 4, max_relative=1)
    tensor([[1, 2, 2, 2],
            [0, 1, 2, 2],
            [0, 0, 1, 2]])
    """
    rel = torch.arange(k_len, device=device)[None, :] - torch.arange(q_len, device=device)[:, None]
    return rel.clamp(-max_relative, max_relative) + max_relative
# --8<-- [end:shaw]
