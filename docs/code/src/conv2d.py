"""二维卷积(多输入 / 输出通道、stride、padding):朴素版与 im2col 向量化版,NumPy 手撕版。

约定与 ``torch.nn.functional.conv2d`` 相同(深度学习里的"卷积"其实是互相关,核不翻转):

    out[n, o, i, j] = bias[o] + sum_{c, u, v} x_pad[n, c, i*s + u, j*s + v] * weight[o, c, u, v]

- 每个 (输出通道 o, 输入通道 c) 对有一个 KH×KW 的核,输出通道 o 对所有输入通道求和;
- bias 每个输出通道一个数;
- 输出尺寸 H_out = (H + 2·pad - KH) // stride + 1(W 同理)。

复杂度(两种写法相同的乘加次数):O(N · C_out · H_out · W_out · C_in · KH · KW)。
im2col 额外内存 O(N · C_in · KH · KW · H_out · W_out):每个输入像素被复制约 KH·KW / stride^2 次,
用内存换来一次大矩阵乘(BLAS 高效)。

分段:``core`` 是白板上要写的输出尺寸、补零和四重循环;``im2col`` 向量化写法是扩展。
"""

from __future__ import annotations

import numpy as np


# --8<-- [start:core]
def _pair(v: int | tuple[int, int]) -> tuple[int, int]:
    return (v, v) if isinstance(v, int) else v


def output_size(size: int, kernel: int, stride: int, pad: int) -> int:
    """(size + 2·pad - kernel) // stride + 1,向下取整:放不下完整窗口的边缘被丢弃。

    >>> output_size(5, 3, 2, 1), output_size(6, 3, 2, 0)
    (3, 2)
    """
    return (size + 2 * pad - kernel) // stride + 1


def pad_input(
    x: np.ndarray, weight: np.ndarray, stride: int | tuple[int, int], padding: int | tuple[int, int]
) -> tuple[np.ndarray, tuple[int, int], tuple[int, int]]:
    """两种写法共用的准备:检查通道数,在 H、W 两维补 0,算输出尺寸。

    返回 (x_pad (N, C_in, H+2·ph, W+2·pw), (sh, sw), (H_out, W_out))。

    >>> x_pad, stride, out = pad_input(np.zeros((1, 3, 5, 5)), np.zeros((4, 3, 3, 3)), 2, 1)
    >>> x_pad.shape, stride, out
    ((1, 3, 7, 7), (2, 2), (3, 3))
    """
    (sh, sw), (ph, pw) = _pair(stride), _pair(padding)
    _, c_in, h, w = x.shape
    _, c_in_w, kh, kw = weight.shape
    if c_in != c_in_w:
        raise ValueError(f"input has {c_in} channels but weight expects {c_in_w}")
    x_pad = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))  # 只在 H、W 两维补 0,不动 N 和 C
    return x_pad, (sh, sw), (output_size(h, kh, sh, ph), output_size(w, kw, sw, pw))


def conv2d_naive(
    x: np.ndarray,
    weight: np.ndarray,
    bias: np.ndarray | None = None,
    stride: int | tuple[int, int] = 1,
    padding: int | tuple[int, int] = 0,
) -> np.ndarray:
    """循环版:对每个样本、输出通道、输出位置,把窗口和核逐元素相乘后求和。

    x: (N, C_in, H, W);weight: (C_out, C_in, KH, KW);bias: (C_out,)。

    >>> x = np.arange(16.0).reshape(1, 1, 4, 4)
    >>> conv2d_naive(x, np.ones((1, 1, 2, 2)), stride=2).tolist()  # 2×2 求和池化
    [[[[10.0, 18.0], [42.0, 50.0]]]]
    """
    x_pad, (sh, sw), (h_out, w_out) = pad_input(x, weight, stride, padding)
    n = x.shape[0]
    c_out, _, kh, kw = weight.shape
    out = np.zeros((n, c_out, h_out, w_out))
    for b in range(n):
        for o in range(c_out):
            for i in range(h_out):
                for j in range(w_out):
                    window = x_pad[b, :, i * sh : i * sh + kh, j * sw : j * sw + kw]  # (C_in, KH, KW)
                    out[b, o, i, j] = np.sum(window * weight[o])  # 对 C_in、KH、KW 一起求和
            if bias is not None:
                out[b, o] += bias[o]  # 每个输出通道一个偏置
    return out
# --8<-- [end:core]


# --8<-- [start:im2col]
def im2col(x_pad: np.ndarray, kh: int, kw: int, sh: int, sw: int, h_out: int, w_out: int) -> np.ndarray:
    """把每个感受野展开成一列:(N, C, Hp, Wp) -> (N, C·KH·KW, H_out·W_out)。

    只循环 KH·KW 次:固定核内偏移 (u, v),所有输出位置对应的输入像素是一个步长为 stride 的切片。

    >>> x = np.arange(9.0).reshape(1, 1, 3, 3)
    >>> im2col(x, 2, 2, 1, 1, 2, 2)[0].tolist()  # 每列是一个 2×2 窗口
    [[0.0, 1.0, 3.0, 4.0], [1.0, 2.0, 4.0, 5.0], [3.0, 4.0, 6.0, 7.0], [4.0, 5.0, 7.0, 8.0]]
    """
    n, c = x_pad.shape[:2]
    cols = np.empty((n, c, kh, kw, h_out, w_out), dtype=x_pad.dtype)
    for u in range(kh):
        for v in range(kw):
            cols[:, :, u, v] = x_pad[:, :, u : u + sh * h_out : sh, v : v + sw * w_out : sw]  # (N, C, H_out, W_out)
    return cols.reshape(n, c * kh * kw, h_out * w_out)  # 行顺序 (c, u, v) 与 weight.reshape 一致


def conv2d_im2col(
    x: np.ndarray,
    weight: np.ndarray,
    bias: np.ndarray | None = None,
    stride: int | tuple[int, int] = 1,
    padding: int | tuple[int, int] = 0,
) -> np.ndarray:
    """im2col + 矩阵乘:(C_out, C_in·KH·KW) @ (N, C_in·KH·KW, H_out·W_out)。

    >>> x = np.arange(16.0).reshape(1, 1, 4, 4)
    >>> conv2d_im2col(x, np.ones((1, 1, 2, 2)), stride=2).tolist()
    [[[[10.0, 18.0], [42.0, 50.0]]]]
    """
    x_pad, (sh, sw), (h_out, w_out) = pad_input(x, weight, stride, padding)
    n = x.shape[0]
    c_out, _, kh, kw = weight.shape
    cols = im2col(x_pad, kh, kw, sh, sw, h_out, w_out)  # (N, C_in·KH·KW, L),L = H_out·W_out
    w_mat = weight.reshape(c_out, -1)  # (C_out, C_in·KH·KW)
    out = w_mat @ cols  # 广播成 (N, C_out, L)
    if bias is not None:
        out += bias[None, :, None]
    return out.reshape(n, c_out, h_out, w_out)
# --8<-- [end:im2col]
