"""conv2d(朴素版与 im2col 版)对照 torch.nn.functional.conv2d。float64,atol=1e-10。"""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from conv2d import conv2d_im2col, conv2d_naive, im2col, output_size

CASES = [
    # (N, C_in, H, W, C_out, KH, KW, stride, padding, bias)
    (2, 3, 7, 6, 4, 3, 3, 1, 1, True),
    (1, 2, 8, 9, 5, 3, 2, 2, 0, True),
    (2, 4, 5, 5, 3, 1, 1, 1, 0, False),
    (1, 3, 9, 7, 2, 4, 3, (2, 3), (1, 2), True),
    (3, 1, 6, 6, 2, 5, 5, 3, 2, False),
]


def _ref(x, weight, bias, stride, padding):
    return F.conv2d(
        torch.from_numpy(x),
        torch.from_numpy(weight),
        None if bias is None else torch.from_numpy(bias),
        stride=stride,
        padding=padding,
    ).numpy()


@pytest.mark.parametrize("impl", [conv2d_naive, conv2d_im2col], ids=["naive", "im2col"])
@pytest.mark.parametrize("case", CASES, ids=[str(i) for i in range(len(CASES))])
def test_conv2d_matches_torch(impl, case):
    n, c_in, h, w, c_out, kh, kw, stride, padding, use_bias = case
    rng = np.random.default_rng(sum(case[:7]))
    x = rng.normal(size=(n, c_in, h, w))
    weight = rng.normal(size=(c_out, c_in, kh, kw))
    bias = rng.normal(size=c_out) if use_bias else None
    expected = _ref(x, weight, bias, stride, padding)
    out = impl(x, weight, bias, stride=stride, padding=padding)
    assert out.shape == expected.shape
    np.testing.assert_allclose(out, expected, atol=1e-10)


def test_conv2d_sums_over_input_channels():
    # 两个输入通道各放一个常数,核全为 1:输出必须是两个通道之和(只用一个通道的写法会得到 1 或 2)
    x = np.stack([np.full((3, 3), 1.0), np.full((3, 3), 2.0)])[None]  # (1, 2, 3, 3)
    weight = np.ones((1, 2, 1, 1))
    assert conv2d_naive(x, weight).tolist() == [[[[3.0] * 3] * 3]]
    assert conv2d_im2col(x, weight).tolist() == [[[[3.0] * 3] * 3]]


def test_conv2d_bias_is_per_output_channel():
    x = np.zeros((1, 2, 2, 2))
    out = conv2d_im2col(x, np.zeros((3, 2, 1, 1)), bias=np.array([1.0, 2.0, 3.0]))
    assert out[0, :, 0, 0].tolist() == [1.0, 2.0, 3.0]
    assert out.shape == (1, 3, 2, 2)


def test_conv2d_output_size_formula_matches_torch():
    for size, k, s, p in [(7, 3, 2, 1), (8, 3, 2, 1), (5, 5, 1, 0), (10, 4, 3, 2)]:
        ref = F.conv2d(torch.zeros(1, 1, size, size), torch.zeros(1, 1, k, k), stride=s, padding=p)
        assert output_size(size, k, s, p) == ref.shape[-1]


def test_conv2d_im2col_matches_torch_unfold():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(2, 3, 6, 5))
    ours = im2col(x, 3, 2, 2, 1, output_size(6, 3, 2, 0), output_size(5, 2, 1, 0))
    ref = F.unfold(torch.from_numpy(x), kernel_size=(3, 2), stride=(2, 1)).numpy()
    np.testing.assert_array_equal(ours, ref)


def test_conv2d_channel_mismatch_raises():
    with pytest.raises(ValueError, match="input has 3 channels but weight expects 2"):
        conv2d_im2col(np.zeros((1, 3, 4, 4)), np.zeros((1, 2, 3, 3)))
    with pytest.raises(ValueError, match="input has 3 channels but weight expects 2"):
        conv2d_naive(np.zeros((1, 3, 4, 4)), np.zeros((1, 2, 3, 3)))


def test_conv2d_im2col_keeps_input_dtype():
    # im2col 只搬运像素,不该悄悄升成 float64:float32 进 float32 出,整数进整数出(值逐个对得上)
    x32 = np.arange(9, dtype=np.float32).reshape(1, 1, 3, 3)
    cols32 = im2col(x32, 2, 2, 1, 1, 2, 2)
    assert cols32.dtype == np.float32
    assert cols32[0].tolist() == [[0, 1, 3, 4], [1, 2, 4, 5], [3, 4, 6, 7], [4, 5, 7, 8]]
    xi = np.arange(16, dtype=np.int64).reshape(1, 1, 4, 4)
    colsi = im2col(xi, 2, 2, 2, 2, 2, 2)
    assert colsi.dtype == np.int64
    assert colsi[0].tolist() == [[0, 2, 8, 10], [1, 3, 9, 11], [4, 6, 12, 14], [5, 7, 13, 15]]
    out32 = conv2d_im2col(x32, np.ones((1, 1, 2, 2), dtype=np.float32))
    assert out32.dtype == np.float32
    assert out32.tolist() == [[[[8.0, 12.0], [20.0, 24.0]]]]
