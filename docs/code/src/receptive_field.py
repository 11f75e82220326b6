"""堆叠卷积 / 池化的感受野(receptive field),含空洞(dilated)卷积。

每层由 (kernel, stride, dilation) 描述。空洞卷积的等效核长 k_eff = d · (k - 1) + 1。
从输入往输出走,维护两个量:
- jump:当前层相邻两个输出位置在输入上相距多少个像素(之前所有 stride 的乘积);
- size:当前层一个输出位置看到的输入范围(感受野)。
新一层:size += (k_eff - 1) · jump,然后 jump *= stride。

这里算的是"理论感受野"——影响一个输出的输入区间的跨度。空洞卷积堆叠时区间内部可能有空洞
(gridding),真正有贡献的像素数见 contributing_offsets。复杂度 O(层数)。
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple


class Layer(NamedTuple):
    kernel: int
    stride: int = 1
    dilation: int = 1


# --8<-- [start:rf]
def receptive_field(layers: Sequence[Layer]) -> tuple[int, int]:
    """返回 (感受野大小, 总 stride 即 jump)。二维时两个方向分别算。

    >>> receptive_field([Layer(3), Layer(3), Layer(3)])  # 三个 3×3:7,与一个 7×7 相同
    (7, 1)
    >>> receptive_field([Layer(3, dilation=1), Layer(3, dilation=2), Layer(3, dilation=4)])
    (15, 1)
    >>> receptive_field([Layer(2, dilation=2**i) for i in range(10)])  # WaveNet 的一组:1 + (1 + 2 + ... + 512)
    (1024, 1)
    >>> receptive_field([Layer(7, stride=2), Layer(3, stride=2), Layer(3), Layer(3)])  # 7 + 2·2 + 2·4 + 2·4
    (27, 4)
    """
    size, jump = 1, 1
    for layer in layers:
        effective_kernel = layer.dilation * (layer.kernel - 1) + 1
        size += (effective_kernel - 1) * jump
        jump *= layer.stride
    return size, jump
# --8<-- [end:rf]


# --8<-- [start:offsets]
def contributing_offsets(layers: Sequence[Layer]) -> list[int]:
    """一个输出位置依赖的输入偏移量(相对于感受野左端),即有非零贡献的像素位置。

    逐层把"当前依赖的位置集合"与本层核的抽头位置做 Minkowski 和。集合大小最多为感受野大小,
    所以复杂度 O(层数 · 感受野 · kernel)。

    >>> contributing_offsets([Layer(3, dilation=2), Layer(3, dilation=2)])  # 跨度 9,只有偶数位置
    [0, 2, 4, 6, 8]
    """
    offsets = {0}
    jump = 1
    for layer in layers:
        taps = [i * layer.dilation * jump for i in range(layer.kernel)]
        offsets = {o + t for o in offsets for t in taps}
        jump *= layer.stride
    return sorted(offsets)
# --8<-- [end:offsets]
