"""F24 图像处理对照 scipy.ndimage(mode="reflect" = np.pad 的 "symmetric")与 torch 的双线性插值。

float64,容差 atol=1e-12;直方图均衡化对照测试里独立写的逐像素计数版本。
"""

import numpy as np
import pytest
import torch
from scipy import ndimage

from image_processing import (
    bilinear_resize,
    bilinear_resize_align_corners,
    box_filter_integral,
    correlate2d,
    equalize_hist,
    gaussian_filter,
    gaussian_kernel1d,
    mean_filter,
    median_filter,
    sobel,
)

ATOL = 1e-12


def _image(seed: int, shape=(23, 31)) -> np.ndarray:
    return np.random.default_rng(seed).normal(size=shape) * 50 + 100


@pytest.mark.parametrize("size", [3, 5, 7])
def test_image_mean_filter_matches_scipy_uniform_filter(size):
    img = _image(0)
    ref = ndimage.uniform_filter(img, size=size, mode="reflect")
    np.testing.assert_allclose(mean_filter(img, size), ref, atol=ATOL, rtol=0)
    np.testing.assert_allclose(box_filter_integral(img, size), ref, atol=1e-9, rtol=0)


def test_image_numpy_reflect_is_scipy_mirror_not_scipy_reflect():
    img = _image(1)
    kernel = np.random.default_rng(2).normal(size=(5, 3))
    ours_reflect = correlate2d(img, kernel, pad_mode="reflect")
    np.testing.assert_allclose(ours_reflect, ndimage.correlate(img, kernel, mode="mirror"), atol=ATOL, rtol=0)
    assert np.abs(ours_reflect - ndimage.correlate(img, kernel, mode="reflect")).max() > 1.0
    np.testing.assert_allclose(correlate2d(img, kernel), ndimage.correlate(img, kernel, mode="reflect"), atol=ATOL, rtol=0)


def test_image_correlate_is_not_convolve_for_asymmetric_kernels():
    img = _image(3)
    kernel = np.arange(9.0).reshape(3, 3)
    np.testing.assert_allclose(correlate2d(img, kernel), ndimage.correlate(img, kernel, mode="reflect"), atol=1e-9)
    np.testing.assert_allclose(correlate2d(img, kernel[::-1, ::-1]), ndimage.convolve(img, kernel, mode="reflect"), atol=1e-9)
    with pytest.raises(ValueError, match=r"核的边长必须是奇数,收到 \(2, 3\)"):
        correlate2d(img, np.ones((2, 3)))


@pytest.mark.parametrize("sigma", [0.8, 1.5, 3.0])
def test_image_gaussian_filter_matches_scipy(sigma):
    img = _image(4)
    ref = ndimage.gaussian_filter(img, sigma=sigma, mode="reflect", truncate=4.0)
    np.testing.assert_allclose(gaussian_filter(img, sigma), ref, atol=1e-10, rtol=0)


def test_image_gaussian_kernel_radius_and_normalisation():
    k = gaussian_kernel1d(1.5)
    assert k.shape == (13,)  # 半径 int(4 * 1.5 + 0.5) = 6
    assert abs(k.sum() - 1.0) < 1e-15
    np.testing.assert_allclose(k, k[::-1], atol=0)
    assert k.argmax() == 6


@pytest.mark.parametrize("size", [3, 5])
def test_image_median_filter_matches_scipy(size):
    img = _image(5)
    ref = ndimage.median_filter(img, size=size, mode="reflect")
    np.testing.assert_allclose(median_filter(img, size), ref, atol=ATOL, rtol=0)


def test_image_median_removes_salt_noise_mean_does_not():
    window = np.array([[10.0, 12, 11], [13, 255, 12], [11, 10, 14]])  # 中心是椒盐噪声
    assert median_filter(window, 3)[1, 1] == 12.0
    assert round(mean_filter(window, 3)[1, 1], 4) == round(348 / 9, 4)


def test_image_sobel_matches_scipy_sobel():
    img = _image(6)
    gx, gy = sobel(img)
    np.testing.assert_allclose(gx, ndimage.sobel(img, axis=1, mode="reflect"), atol=1e-10, rtol=0)
    np.testing.assert_allclose(gy, ndimage.sobel(img, axis=0, mode="reflect"), atol=1e-10, rtol=0)


def test_image_sobel_vertical_edge():
    img = np.tile([10.0, 10.0, 100.0, 100.0], (4, 1))
    gx, gy = sobel(img)
    assert gx[1, 1] == 360.0 and gy[1, 1] == 0.0  # 90 + 2 * 90 + 90
    assert np.hypot(gx, gy)[1, 1] == 360.0


def _equalize_by_counting(img: np.ndarray, levels: int = 256) -> np.ndarray:
    """独立写法:每个像素数一数有多少像素 <= 它,再按同一公式映射。O(N^2),只用于小图。"""
    flat = img.ravel()
    rank = (flat[None, :] <= flat[:, None]).sum(axis=1)        # cdf(像素灰度)
    darkest = (flat <= flat.min()).sum()                       # cdf_min
    out = np.floor((rank - darkest) / (flat.size - darkest) * (levels - 1) + 0.5)
    return out.reshape(img.shape).astype(img.dtype)


def test_image_equalize_hist_matches_counting_reference():
    rng = np.random.default_rng(7)
    img = np.clip(rng.normal(90, 20, size=(24, 20)), 0, 255).astype(np.uint8)  # 低对比度
    out = equalize_hist(img)
    np.testing.assert_array_equal(out, _equalize_by_counting(img))
    assert out.min() == 0 and out.max() == 255
    order = np.argsort(img.ravel(), kind="stable")
    assert np.all(np.diff(out.ravel()[order].astype(int)) >= 0)  # 单调:不颠倒明暗


def test_image_equalize_hist_worked_example_3bit():
    img = np.array([[2, 3, 3, 2], [3, 4, 3, 2], [2, 3, 4, 5], [3, 2, 3, 1]], dtype=np.uint8)
    # 累积数 1, 6, 13, 15, 16;(cdf - 1) / 15 * 7 -> 1:0, 2:2.33->2, 3:5.6->6, 4:6.53->7, 5:7
    expected = np.array([[2, 6, 6, 2], [6, 7, 6, 2], [2, 6, 7, 7], [6, 2, 6, 0]], dtype=np.uint8)
    np.testing.assert_array_equal(equalize_hist(img, levels=8), expected)


def test_image_equalize_hist_constant_image_unchanged():
    img = np.full((5, 5), 77, dtype=np.uint8)
    np.testing.assert_array_equal(equalize_hist(img), img)


def _torch_resize(img: np.ndarray, out_h: int, out_w: int, align_corners: bool) -> np.ndarray:
    t = torch.from_numpy(img)[None, None]  # (1, 1, H, W)
    out = torch.nn.functional.interpolate(t, size=(out_h, out_w), mode="bilinear", align_corners=align_corners)
    return out[0, 0].numpy()


@pytest.mark.parametrize("out_shape", [(46, 62), (10, 13), (23, 31), (7, 50), (1, 1)])
def test_image_bilinear_resize_matches_torch_half_pixel(out_shape):
    img = _image(8)
    np.testing.assert_allclose(bilinear_resize(img, *out_shape), _torch_resize(img, *out_shape, False), atol=1e-10, rtol=0)


@pytest.mark.parametrize("out_shape", [(46, 62), (10, 13), (5, 40)])
def test_image_bilinear_align_corners_matches_torch(out_shape):
    img = _image(9)
    ours = bilinear_resize_align_corners(img, *out_shape)
    np.testing.assert_allclose(ours, _torch_resize(img, *out_shape, True), atol=1e-10, rtol=0)
    assert ours[0, 0] == img[0, 0] and ours[-1, -1] == img[-1, -1]  # 四角对齐


def test_image_bilinear_resize_color_channels_and_worked_example():
    img = np.random.default_rng(10).random((9, 11, 3))
    out = bilinear_resize(img, 14, 6)
    assert out.shape == (14, 6, 3)
    for c in range(3):
        np.testing.assert_allclose(out[..., c], bilinear_resize(img[..., c], 14, 6), atol=ATOL, rtol=0)
    small = np.array([[10.0, 20], [30, 40]])
    assert bilinear_resize(small, 4, 4)[0].tolist() == [10.0, 12.5, 17.5, 20.0]
    np.testing.assert_allclose(bilinear_resize_align_corners(small, 4, 4)[0], [10, 40 / 3, 50 / 3, 20], atol=ATOL)


def test_image_correlate_rejects_even_width_too():
    with pytest.raises(ValueError, match=r"核的边长必须是奇数,收到 \(3, 2\)"):
        correlate2d(_image(11), np.ones((3, 2)))


def test_image_filters_default_to_a_3x3_window():
    # 默认 size=3:手算中心像素。均值 = 348 / 9;中位数 = 12;输出与输入同尺寸
    window = np.array([[10.0, 12, 11], [13, 255, 12], [11, 10, 14]])
    assert mean_filter(window).shape == median_filter(window).shape == box_filter_integral(window).shape == (3, 3)
    assert round(mean_filter(window)[1, 1], 10) == round(348 / 9, 10)
    assert round(box_filter_integral(window)[1, 1], 10) == round(348 / 9, 10)
    assert median_filter(window)[1, 1] == 12.0


def test_image_gaussian_filter_passes_truncate_on():
    # truncate=1.5、sigma=2:半径 int(1.5 * 2 + 0.5) = 3;默认 truncate=4 的半径是 8,结果不同
    img = _image(12)
    ref = ndimage.gaussian_filter(img, sigma=2.0, mode="reflect", truncate=1.5)
    np.testing.assert_allclose(gaussian_filter(img, 2.0, truncate=1.5), ref, atol=1e-10, rtol=0)
    assert gaussian_kernel1d(2.0, truncate=1.5).shape == (7,)


def test_image_equalize_hist_keeps_uint8_dtype():
    img = np.array([[2, 3, 3, 2], [3, 4, 3, 2], [2, 3, 4, 5], [3, 2, 3, 1]], dtype=np.uint8)
    assert equalize_hist(img, levels=8).dtype == np.uint8


@pytest.mark.parametrize("out_shape", [(1, 5), (2, 2), (1, 1), (2, 7)])
def test_image_bilinear_align_corners_one_or_two_output_pixels(out_shape):
    # 输出边长 1:scale 定义为 0,只取第 0 行 / 列;边长 2:取首尾两行 / 列(公式 (in-1)/(2-1))
    img = np.array([[1.0, 5, 2], [7, 3, 9]])
    ours = bilinear_resize_align_corners(img, *out_shape)
    np.testing.assert_allclose(ours, _torch_resize(img, *out_shape, True), atol=1e-12, rtol=0)
    if out_shape == (2, 2):
        assert ours.tolist() == [[1.0, 2.0], [7.0, 9.0]]
    if out_shape == (1, 1):
        assert ours.tolist() == [[1.0]]
