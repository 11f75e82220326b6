"""F24 数字图像处理手撕(NumPy):均值 / 高斯 / 中值滤波、Sobel 梯度、直方图均衡化、双线性缩放。

约定:
* 图像是 (H, W) 的灰度数组,行是 y、列是 x;滤波输出与输入同尺寸("same"),用浮点计算。
* 滤波是 **相关**(核不翻转),与 ``scipy.ndimage.correlate`` / OpenCV ``filter2D`` 相同;
  核的边长必须是奇数,中心对准当前像素。
* 边界默认 ``np.pad(mode="symmetric")``(边缘像素重复一次:d c b a | a b c d),
  它对应 scipy.ndimage 的 ``mode="reflect"``;NumPy 的 ``"reflect"`` 对应 scipy 的 ``"mirror"``,名字相同含义不同。
* 双线性缩放用像素中心对齐:src = (dst + 0.5) * in / out - 0.5,小于 0 截到 0,
  与 ``torch.nn.functional.interpolate(mode="bilinear", align_corners=False)`` 一致。

复杂度(图像 H x W,核边长 k):相关 O(HW k^2),可分离的高斯 O(HW k),中值 O(HW k^2 log k)(排序),
直方图均衡化 O(HW + L)(L 个灰度级),双线性缩放 O(H_out W_out)。

>>> img = np.array([[1.0, 2, 3], [4, 5, 6], [7, 8, 9]])
>>> gx, gy = sobel(img)
>>> float(gx[1, 1]), float(gy[1, 1])   # 右减左、下减上,各自再用 [1, 2, 1] 平滑
(8.0, 24.0)
>>> bilinear_resize(np.array([[10.0, 20], [30, 40]]), 4, 4)[0].tolist()
[10.0, 12.5, 17.5, 20.0]
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


# --8<-- [start:core]
def correlate2d(img: np.ndarray, kernel: np.ndarray, pad_mode: str = "symmetric") -> np.ndarray:
    """"same" 尺寸的二维相关:out[y, x] = sum_{i,j} kernel[i, j] * img[y + i - r_y, x + j - r_x]。"""
    kh, kw = kernel.shape
    if kh % 2 == 0 or kw % 2 == 0:
        raise ValueError(f"核的边长必须是奇数,收到 {kernel.shape}")
    ry, rx = kh // 2, kw // 2
    padded = np.pad(img.astype(np.float64), ((ry, ry), (rx, rx)), mode=pad_mode)  # (H + 2ry, W + 2rx)
    windows = sliding_window_view(padded, (kh, kw))      # (H, W, kh, kw),只是视图,不复制
    return np.einsum("yxij,ij->yx", windows, kernel)


def mean_filter(img: np.ndarray, size: int = 3) -> np.ndarray:
    return correlate2d(img, np.full((size, size), 1.0 / size**2))


def gaussian_kernel1d(sigma: float, truncate: float = 4.0) -> np.ndarray:
    """半径 r = int(truncate * sigma + 0.5)(与 scipy 相同),权重 exp(-x^2 / 2 sigma^2),归一化到和为 1。"""
    radius = int(truncate * sigma + 0.5)
    x = np.arange(-radius, radius + 1, dtype=np.float64)
    w = np.exp(-0.5 * (x / sigma) ** 2)
    return w / w.sum()                                   # 不归一化的话整幅图会变亮或变暗


def gaussian_filter(img: np.ndarray, sigma: float, truncate: float = 4.0) -> np.ndarray:
    """二维高斯核 = 两个一维核的外积,所以先沿行、再沿列各做一次一维相关。"""
    g = gaussian_kernel1d(sigma, truncate)
    rows = correlate2d(img, g[None, :])                  # 沿 x 方向,核 (1, k)
    return correlate2d(rows, g[:, None])                 # 沿 y 方向,核 (k, 1)


def median_filter(img: np.ndarray, size: int = 3) -> np.ndarray:
    """非线性:窗口内取中位数,不能写成相关。"""
    r = size // 2
    padded = np.pad(img.astype(np.float64), r, mode="symmetric")
    return np.median(sliding_window_view(padded, (size, size)), axis=(-2, -1))


SOBEL_X = np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])  # [1,2,1]^T 外积 [-1,0,1]


def sobel(img: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """返回 (gx, gy):gx 是沿列(x)增大方向的导数,gy 沿行(y)增大方向。幅值 np.hypot(gx, gy)。"""
    return correlate2d(img, SOBEL_X), correlate2d(img, SOBEL_X.T)


def equalize_hist(img: np.ndarray, levels: int = 256) -> np.ndarray:
    """直方图均衡化(整数灰度 0..levels-1):s = round((cdf - cdf_min) / (N - cdf_min) * (levels - 1))。

    cdf_min 是最暗的那个出现过的灰度的累积数,减掉它使最暗灰度映射到 0。
    """
    hist = np.bincount(img.ravel(), minlength=levels)    # (levels,)
    cdf = np.cumsum(hist)
    cdf_min = cdf[np.flatnonzero(hist)[0]]
    total = img.size
    if total == cdf_min:                                 # 只有一种灰度:分母为 0,原样返回
        return img.copy()
    lut = np.round((cdf - cdf_min) / (total - cdf_min) * (levels - 1))
    lut = np.clip(lut, 0, levels - 1).astype(img.dtype)  # 查找表 (levels,)
    return lut[img]


def _source_coords(out_size: int, in_size: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """像素中心对齐:输出下标 -> (左邻下标, 右邻下标, 右邻权重)。"""
    src = (np.arange(out_size) + 0.5) * (in_size / out_size) - 0.5
    src = np.maximum(src, 0.0)                           # 左 / 上边界外截到 0
    i0 = np.minimum(np.floor(src).astype(np.int64), in_size - 1)
    i1 = np.minimum(i0 + 1, in_size - 1)                 # 右 / 下边界外两个邻居相同
    return i0, i1, src - i0


def bilinear_resize(img: np.ndarray, out_h: int, out_w: int) -> np.ndarray:
    """(H, W) 或 (H, W, C) -> (out_h, out_w[, C]);先沿 x 插值,再沿 y 插值。"""
    img = img.astype(np.float64)
    y0, y1, wy = _source_coords(out_h, img.shape[0])
    x0, x1, wx = _source_coords(out_w, img.shape[1])
    wx = wx.reshape(1, -1, *([1] * (img.ndim - 2)))      # 广播到 (1, out_w[, 1])
    wy = wy.reshape(-1, 1, *([1] * (img.ndim - 2)))
    top = img[y0][:, x0] * (1 - wx) + img[y0][:, x1] * wx     # (out_h, out_w[, C])
    bottom = img[y1][:, x0] * (1 - wx) + img[y1][:, x1] * wx
    return top * (1 - wy) + bottom * wy
# --8<-- [end:core]


# --8<-- [start:extras]
def box_filter_integral(img: np.ndarray, size: int = 3) -> np.ndarray:
    """积分图版均值滤波:每个像素 O(1),与核大小无关(边界同样是 symmetric 填充)。"""
    r = size // 2
    padded = np.pad(img.astype(np.float64), r, mode="symmetric")
    integral = np.pad(padded.cumsum(0).cumsum(1), ((1, 0), (1, 0)))  # integral[y, x] = 左上 y x x 块之和
    H, W = img.shape
    total = (integral[size:size + H, size:size + W] - integral[:H, size:size + W]
             - integral[size:size + H, :W] + integral[:H, :W])
    return total / size**2


def bilinear_resize_align_corners(img: np.ndarray, out_h: int, out_w: int) -> np.ndarray:
    """角点对齐(PyTorch align_corners=True):src = dst * (in - 1) / (out - 1),四个角像素不动。"""
    img = img.astype(np.float64)

    def coords(out_size: int, in_size: int):
        scale = (in_size - 1) / (out_size - 1) if out_size > 1 else 0.0
        src = np.arange(out_size) * scale
        i0 = np.minimum(np.floor(src).astype(np.int64), in_size - 1)
        return i0, np.minimum(i0 + 1, in_size - 1), src - i0

    y0, y1, wy = coords(out_h, img.shape[0])
    x0, x1, wx = coords(out_w, img.shape[1])
    top = img[y0][:, x0] * (1 - wx) + img[y0][:, x1] * wx
    bottom = img[y1][:, x0] * (1 - wx) + img[y1][:, x1] * wx
    return top * (1 - wy[:, None]) + bottom * wy[:, None]
# --8<-- [end:extras]
