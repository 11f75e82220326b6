"""手撕一个小 CNN 分类网络:逐层形状、手算参数量、在合成数据上训练。

网络(输入 (B, C_in, S, S),S 需被 4 整除):

    Conv3x3(C_in→c1, padding=1, 无 bias) → BatchNorm2d → ReLU → MaxPool2   # (B, c1, S/2, S/2)
    Conv3x3(c1→c2, padding=1)            → ReLU        → MaxPool2          # (B, c2, S/4, S/4)
    Flatten → Linear(c2·(S/4)² → num_classes)                               # (B, num_classes) logits

卷积输出尺寸公式:out = floor((in + 2·padding − dilation·(kernel−1) − 1) / stride) + 1。

复杂度(B 张图,边长 S,核 k):第一层卷积乘加次数 B·c1·C_in·k²·S²,
第二层 B·c2·c1·k²·(S/2)²;激活显存 O(B·c1·S²)。

>>> import torch
>>> conv2d_output_size(32, kernel=3, stride=1, padding=1)
32
>>> conv2d_output_size(32, kernel=3, stride=2, padding=1)
16
>>> conv2d_output_size(7, kernel=3, stride=2, padding=0)
3
>>> model = SmallCNN(in_channels=1, num_classes=3, image_size=16)
>>> count_parameters_by_hand(1, 3, 16) == sum(p.numel() for p in model.parameters())
True
>>> [s for _, s in trace_shapes(model, torch.zeros(2, 1, 16, 16))][-1]
(2, 3)
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

__all__ = [
    "SmallCNN",
    "conv2d_output_size",
    "count_parameters_by_hand",
    "trace_shapes",
    "make_bar_images",
    "train_classifier",
    "accuracy",
]


# --8<-- [start:model]
def conv2d_output_size(
    size: int, kernel: int, stride: int = 1, padding: int = 0, dilation: int = 1
) -> int:
    """卷积/池化一个空间维度的输出大小(向下取整,与 PyTorch 默认 ceil_mode=False 一致)。"""
    return (size + 2 * padding - dilation * (kernel - 1) - 1) // stride + 1


class SmallCNN(nn.Module):
    def __init__(
        self, in_channels: int = 1, num_classes: int = 3, image_size: int = 16, c1: int = 8, c2: int = 16
    ) -> None:
        super().__init__()
        if image_size % 4 != 0:
            raise ValueError(f"image_size={image_size} 必须能被 4 整除(两次 2×2 池化)")
        self.features = nn.Sequential(
            # 后面紧跟 BatchNorm,卷积的 bias 会被减均值抵消,所以不要 bias
            nn.Conv2d(in_channels, c1, kernel_size=3, padding=1, bias=False),  # (B, c1, S, S)
            nn.BatchNorm2d(c1),  # 参数 γ、β 各 c1 个;running_mean/var 是 buffer,不是参数
            nn.ReLU(),
            nn.MaxPool2d(2),  # (B, c1, S/2, S/2),池化没有参数
            nn.Conv2d(c1, c2, kernel_size=3, padding=1),  # (B, c2, S/2, S/2)
            nn.ReLU(),
            nn.MaxPool2d(2),  # (B, c2, S/4, S/4)
        )
        flat = c2 * (image_size // 4) ** 2  # 展平后的特征数,写错这里是最常见的 shape 报错
        self.classifier = nn.Sequential(
            nn.Flatten(),  # (B, c2·(S/4)²),保留 batch 维
            nn.Linear(flat, num_classes),  # (B, num_classes),输出 logits,不接 softmax
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x))


def count_parameters_by_hand(
    in_channels: int, num_classes: int, image_size: int, c1: int = 8, c2: int = 16
) -> int:
    """按层手算参数量:卷积权重 C_out·C_in·k·k(+ C_out 个 bias),BN 2·C,全连接 in·out + out。"""
    conv1 = c1 * in_channels * 3 * 3  # 无 bias
    bn1 = 2 * c1  # γ 和 β
    conv2 = c2 * c1 * 3 * 3 + c2  # 每个输出通道一个 bias
    fc = c2 * (image_size // 4) ** 2 * num_classes + num_classes
    return conv1 + bn1 + conv2 + fc
# --8<-- [end:model]


# --8<-- [start:trace]
def trace_shapes(model: SmallCNN, x: torch.Tensor) -> list[tuple[str, tuple[int, ...]]]:
    """逐层前向,记录每层输出形状(调试 shape 问题的标准手段)。"""
    shapes = []
    for layer in [*model.features, *model.classifier]:  # nn.Sequential 可以直接迭代子层
        x = layer(x)
        shapes.append((type(layer).__name__, tuple(x.shape)))
    return shapes
# --8<-- [end:trace]


def make_bar_images(
    n: int, image_size: int = 16, noise: float = 0.3, seed: int = 0
) -> tuple[torch.Tensor, torch.Tensor]:
    """合成三分类数据:0 = 横条,1 = 竖条,2 = 主对角线方向的斜条;位置随机,加高斯噪声。

    返回 x: (n, 1, S, S) float32,y: (n,) int64。
    """
    g = torch.Generator().manual_seed(seed)
    x = noise * torch.randn(n, 1, image_size, image_size, generator=g)
    y = torch.randint(0, 3, (n,), generator=g)
    offsets = torch.randint(2, image_size - 2, (n,), generator=g)
    idx = torch.arange(image_size)
    for i in range(n):
        o = int(offsets[i])
        if y[i] == 0:
            x[i, 0, o, :] += 1.0  # 第 o 行
        elif y[i] == 1:
            x[i, 0, :, o] += 1.0  # 第 o 列
        else:
            shift = o - image_size // 2
            cols = (idx + shift) % image_size  # 斜条:(r, r + shift)
            x[i, 0, idx, cols] += 1.0
    return x, y


# --8<-- [start:train]
def train_classifier(
    model: nn.Module,
    x: torch.Tensor,
    y: torch.Tensor,
    epochs: int = 8,
    batch_size: int = 32,
    lr: float = 1e-2,
    seed: int = 0,
) -> list[float]:
    """标准训练循环:打乱 → 小批量前向 → 交叉熵 → 反向 → 更新。返回每个 epoch 的平均 loss。"""
    g = torch.Generator().manual_seed(seed)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    history = []
    for _ in range(epochs):
        model.train()  # BatchNorm 用 batch 统计量并更新 running 统计量
        perm = torch.randperm(len(x), generator=g)
        total = 0.0
        for start in range(0, len(x), batch_size):
            batch = perm[start : start + batch_size]
            loss = F.cross_entropy(model(x[batch]), y[batch])  # logits 直接进 cross_entropy
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(batch)
        history.append(total / len(x))
    return history


@torch.no_grad()
def accuracy(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    model.eval()  # 评估时 BatchNorm 改用 running 统计量
    return (model(x).argmax(dim=1) == y).float().mean().item()
# --8<-- [end:train]
