"""F26 面试常考的 nn.Module 手写版:LayerNorm、BatchNorm2d、Conv2d。

参数与 buffer 的名字、形状、初始化都和 torch.nn 对应模块相同,所以
``mine.load_state_dict(torch_module.state_dict())`` 可以直接复制权重。

* LayerNorm:每个样本在最后几维上归一化,训练与推理一样;weight=1、bias=0 初始化。
* BatchNorm2d:训练时用当前 batch 在 (N, H, W) 上的均值和 **有偏** 方差归一化,
  同时用 **无偏** 方差更新 running_var;推理(eval)时只用 running 统计量,不再更新。
* Conv2d:权重 (C_out, C_in, k_h, k_w),初始化为 U(-1/sqrt(fan_in), 1/sqrt(fan_in))
  (即 torch 的 kaiming_uniform_(a=sqrt(5)));前向用 unfold 取出滑窗后做一次 einsum。

复杂度:LayerNorm / BatchNorm O(numel);Conv2d 时间 O(N C_out C_in k_h k_w H_out W_out),
unfold 视图在 einsum 里展开,额外内存约 O(N C_in k_h k_w H_out W_out)。

>>> import torch
>>> bn = BatchNorm2d(2)
>>> x = torch.arange(16.0).view(2, 2, 2, 2)      # (N, C, H, W)
>>> y = bn(x)                                    # 训练模式:用 batch 统计量
>>> y.mean(dim=(0, 2, 3)).abs().max() < 1e-6
tensor(True)
>>> bn.running_mean                              # 0.9 * 0 + 0.1 * batch 均值 [5.5, 9.5]
tensor([0.5500, 0.9500])
>>> int(bn.num_batches_tracked)
1
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import Tensor, nn


# --8<-- [start:core]
class LayerNorm(nn.Module):
    def __init__(self, normalized_shape: int | tuple[int, ...], eps: float = 1e-5, elementwise_affine: bool = True) -> None:
        super().__init__()
        self.normalized_shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
        self.eps = eps
        if elementwise_affine:
            self.weight = nn.Parameter(torch.ones(self.normalized_shape))   # gamma
            self.bias = nn.Parameter(torch.zeros(self.normalized_shape))    # beta
        else:
            self.register_parameter("weight", None)
            self.register_parameter("bias", None)

    def forward(self, x: Tensor) -> Tensor:                  # x: (..., *normalized_shape)
        dims = tuple(range(-len(self.normalized_shape), 0))
        mean = x.mean(dim=dims, keepdim=True)
        var = x.var(dim=dims, unbiased=False, keepdim=True)  # 有偏方差
        y = (x - mean) / torch.sqrt(var + self.eps)
        if self.weight is not None:
            y = y * self.weight + self.bias
        return y


class BatchNorm2d(nn.Module):
    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float | None = 0.1, affine: bool = True) -> None:
        super().__init__()
        self.eps, self.momentum = eps, momentum
        if affine:
            self.weight = nn.Parameter(torch.ones(num_features))
            self.bias = nn.Parameter(torch.zeros(num_features))
        else:
            self.register_parameter("weight", None)
            self.register_parameter("bias", None)
        # buffer:随 state_dict 保存、随 .to(device) 移动,但不是可训练参数
        self.register_buffer("running_mean", torch.zeros(num_features))
        self.register_buffer("running_var", torch.ones(num_features))
        self.register_buffer("num_batches_tracked", torch.tensor(0, dtype=torch.long))

    def forward(self, x: Tensor) -> Tensor:                  # x: (N, C, H, W)
        if self.training:
            n = x.numel() // x.size(1)                       # 每个通道参与统计的元素个数 N*H*W
            if n <= 1:
                raise ValueError("训练模式下每个通道至少需要 2 个值才能估计方差")
            mean = x.mean(dim=(0, 2, 3))                     # (C,)
            var = x.var(dim=(0, 2, 3), unbiased=False)       # 归一化用有偏方差
            with torch.no_grad():                            # running 统计量不参与求导
                self.num_batches_tracked += 1
                # momentum=None 时是累计平均:第 t 个 batch 的权重为 1/t
                m = 1.0 / float(self.num_batches_tracked) if self.momentum is None else self.momentum
                self.running_mean.mul_(1 - m).add_(m * mean)
                self.running_var.mul_(1 - m).add_(m * var * n / (n - 1))  # 存的是无偏方差
        else:
            mean, var = self.running_mean, self.running_var
        y = (x - mean[None, :, None, None]) / torch.sqrt(var[None, :, None, None] + self.eps)
        if self.weight is not None:
            y = y * self.weight[None, :, None, None] + self.bias[None, :, None, None]
        return y


def _pair(v: int | tuple[int, int]) -> tuple[int, int]:
    return (v, v) if isinstance(v, int) else tuple(v)


class Conv2d(nn.Module):
    def __init__(self, in_channels: int, out_channels: int, kernel_size: int | tuple[int, int],
                 stride: int | tuple[int, int] = 1, padding: int | tuple[int, int] = 0, bias: bool = True) -> None:
        super().__init__()
        self.kernel_size, self.stride, self.padding = _pair(kernel_size), _pair(stride), _pair(padding)
        self.weight = nn.Parameter(torch.empty(out_channels, in_channels, *self.kernel_size))
        self.bias = nn.Parameter(torch.empty(out_channels)) if bias else None
        self.reset_parameters()

    @torch.no_grad()
    def reset_parameters(self) -> None:
        fan_in = self.weight[0].numel()                      # C_in * k_h * k_w
        bound = 1.0 / math.sqrt(fan_in)                      # = kaiming_uniform_(a=sqrt(5)) 的边界
        self.weight.uniform_(-bound, bound)
        if self.bias is not None:
            self.bias.uniform_(-bound, bound)

    def forward(self, x: Tensor) -> Tensor:                  # x: (N, C_in, H, W)
        (kh, kw), (sh, sw), (ph, pw) = self.kernel_size, self.stride, self.padding
        x = F.pad(x, (pw, pw, ph, ph))                       # 补零:左右 pw、上下 ph
        # unfold(dim, size, step):在 H、W 上取滑窗 -> (N, C_in, H_out, W_out, k_h, k_w)
        patches = x.unfold(2, kh, sh).unfold(3, kw, sw)
        out = torch.einsum("nchwij,ocij->nohw", patches, self.weight)  # (N, C_out, H_out, W_out)
        if self.bias is not None:
            out = out + self.bias[None, :, None, None]
        return out
# --8<-- [end:core]


# --8<-- [start:extras]
class BatchNorm2dBiasedRunningVar(BatchNorm2d):
    """反例:running_var 也用有偏方差更新。batch 小时推理用的方差系统性偏小 (n-1)/n 倍。"""

    def forward(self, x: Tensor) -> Tensor:
        if not self.training:
            return super().forward(x)
        mean = x.mean(dim=(0, 2, 3))
        var = x.var(dim=(0, 2, 3), unbiased=False)
        with torch.no_grad():
            self.num_batches_tracked += 1
            self.running_mean.mul_(1 - self.momentum).add_(self.momentum * mean)
            self.running_var.mul_(1 - self.momentum).add_(self.momentum * var)  # 错:少乘 n / (n - 1)
        y = (x - mean[None, :, None, None]) / torch.sqrt(var[None, :, None, None] + self.eps)
        return y * self.weight[None, :, None, None] + self.bias[None, :, None, None]


def freeze_batchnorm(model: nn.Module) -> None:
    """微调时常用:BN 层切到 eval(用 running 统计量、不再更新),仿射参数也不训练。

    之后每次 model.train() 都会把 BN 重新切回训练模式,所以要在 train() 之后再调用一次。
    """
    for module in model.modules():
        if isinstance(module, (BatchNorm2d, nn.BatchNorm2d)):
            module.eval()
            for p in module.parameters():
                p.requires_grad_(False)
# --8<-- [end:extras]
