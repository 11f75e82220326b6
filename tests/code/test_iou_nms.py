"""IoU / NMS 对照纯 Python 暴力实现(hypothesis 随机生成框)。IoU 容差 1e-12。"""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from iou_nms import batched_nms, box_iou, nms


def brute_iou(a, b):
    """逐对计算,分情况写交集,不用任何向量化。"""
    ix = min(a[2], b[2]) - max(a[0], b[0])
    iy = min(a[3], b[3]) - max(a[1], b[1])
    inter = ix * iy if ix > 0 and iy > 0 else 0.0
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def brute_nms(boxes, scores, thr):
    """经典双重循环:按分数排序,标记被抑制的框。"""
    order = sorted(range(len(boxes)), key=lambda i: (-scores[i], i))
    suppressed = [False] * len(boxes)
    keep = []
    for pos, i in enumerate(order):
        if suppressed[i]:
            continue
        keep.append(i)
        for j in order[pos + 1 :]:
            if not suppressed[j] and brute_iou(boxes[i], boxes[j]) > thr:
                suppressed[j] = True
    return keep


coord = st.integers(min_value=-20, max_value=20)


@st.composite
def box_lists(draw, min_size=0, max_size=12):
    n = draw(st.integers(min_size, max_size))
    boxes = []
    for _ in range(n):
        x1, y1 = draw(coord), draw(coord)
        w, h = draw(st.integers(0, 15)), draw(st.integers(0, 15))  # 允许面积为 0 的退化框
        boxes.append([x1, y1, x1 + w, y1 + h])
    return np.array(boxes, dtype=float).reshape(n, 4)


@settings(max_examples=150, deadline=None)
@given(box_lists(1), box_lists(1))
def test_iou_matches_brute_force(a, b):
    expected = np.array([[brute_iou(p, q) for q in b] for p in a])
    got = box_iou(a, b)
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-12)
    assert ((got >= 0) & (got <= 1)).all()


def test_iou_known_values_and_symmetry():
    a = np.array([[0.0, 0.0, 2.0, 2.0], [0.0, 0.0, 4.0, 4.0]])
    b = np.array([[1.0, 1.0, 3.0, 3.0], [0.0, 0.0, 2.0, 2.0], [2.0, 2.0, 4.0, 4.0]])
    iou = box_iou(a, b)
    assert iou[0].tolist() == [1 / 7, 1.0, 0.0]  # 角点相接 IoU 为 0
    assert iou[1].tolist() == [0.25, 0.25, 0.25]
    np.testing.assert_array_equal(box_iou(b, a), iou.T)


def test_iou_disjoint_boxes_not_positive():
    # 两个方向都不相交时,未 clip 的写法会得到 (-1)·(-1) = 1 的"交集"
    a = np.array([[0.0, 0.0, 1.0, 1.0]])
    b = np.array([[2.0, 2.0, 3.0, 3.0]])
    assert box_iou(a, b).tolist() == [[0.0]]


@settings(max_examples=150, deadline=None)
@given(box_lists(0), st.data(), st.sampled_from([0.0, 0.3, 0.5, 0.7]))
def test_nms_matches_brute_force(boxes, data, thr):
    n = len(boxes)
    scores = np.array(data.draw(st.lists(st.integers(0, 5), min_size=n, max_size=n)), dtype=float)  # 故意有同分
    keep = nms(boxes, scores, thr).tolist()
    assert keep == brute_nms(boxes.tolist(), scores.tolist(), thr)
    if keep:
        kept = boxes[keep]
        iou = box_iou(kept, kept)
        np.fill_diagonal(iou, 0.0)
        assert (iou <= thr).all()  # 保留的框两两重叠不超过阈值


@settings(max_examples=100, deadline=None)
@given(box_lists(0), st.data())
def test_nms_batched_equals_per_class_nms(boxes, data):
    n = len(boxes)
    scores = np.array(data.draw(st.lists(st.floats(0, 1), min_size=n, max_size=n)), dtype=float)
    classes = np.array(data.draw(st.lists(st.integers(0, 2), min_size=n, max_size=n)), dtype=np.int64)
    expected = []
    for c in np.unique(classes):
        idx = np.flatnonzero(classes == c)
        expected.extend(idx[nms(boxes[idx], scores[idx], 0.5)].tolist())
    got = batched_nms(boxes, scores, classes, 0.5).tolist()
    assert sorted(got) == sorted(expected)
    assert got == sorted(got, key=lambda i: -scores[i])  # 结果按分数降序


def test_nms_threshold_edge_is_not_suppressed():
    boxes = np.array([[0.0, 0.0, 2.0, 1.0], [1.0, 0.0, 3.0, 1.0]])  # IoU = 1/3
    assert nms(boxes, np.array([0.9, 0.8]), 1 / 3).tolist() == [0, 1]
    assert nms(boxes, np.array([0.9, 0.8]), 0.3).tolist() == [0]


def test_nms_empty_input():
    assert nms(np.zeros((0, 4)), np.zeros(0), 0.5).tolist() == []
    assert batched_nms(np.zeros((0, 4)), np.zeros(0), np.zeros(0, dtype=int), 0.5).tolist() == []


def test_iou_normalised_coordinates_with_union_below_one():
    # 归一化坐标(0~1)下并集面积小于 1,IoU 照常计算
    a = np.array([[0.0, 0.0, 0.5, 0.5]])
    b = np.array([[0.0, 0.0, 0.5, 0.5], [0.25, 0.0, 0.75, 0.5]])
    # 交 0.25·0.5 = 0.125,并 0.25 + 0.25 - 0.125 = 0.375
    assert box_iou(a, b).tolist() == [[1.0, 1 / 3]]


def test_iou_zero_area_pairs_are_zero_even_on_reused_memory():
    # 两个面积为 0 的框并集为 0:结果必须是写定的 0,而不是 np.divide 留下的未初始化内存。
    # 先分配并释放一块同样大小、填满 7 的内存,让未初始化的输出大概率复用它。
    points = np.array([[float(i), float(i), float(i), float(i)] for i in range(64)])
    garbage = np.full((64, 64), 7.0)
    del garbage
    assert (box_iou(points, points) == 0.0).all()


def test_nms_returns_int64_indices_even_when_empty():
    empty = nms(np.zeros((0, 4)), np.zeros(0), 0.5)
    assert empty.dtype == np.int64  # 空结果也能直接拿来索引 boxes[keep]
    assert batched_nms(np.zeros((0, 4)), np.zeros(0), np.zeros(0, dtype=int), 0.5).dtype == np.int64
    assert nms(np.array([[0.0, 0.0, 1.0, 1.0]]), np.array([0.5]), 0.5).dtype == np.int64


def test_nms_batched_keeps_classes_apart_with_normalised_coordinates():
    # 坐标跨度 0.9 < 1:平移量必须是 跨度 + 1,不能是 跨度 - 1(那样两类的框会重新重叠)
    boxes = np.array([[0.0, 0.0, 0.9, 0.9], [0.1, 0.1, 0.9, 0.9]])
    assert batched_nms(boxes, np.array([0.9, 0.8]), np.array([0, 1]), 0.5).tolist() == [0, 1]
    assert nms(boxes, np.array([0.9, 0.8]), 0.5).tolist() == [0]  # 同一类时确实会互相抑制


def test_nms_batched_keeps_classes_apart_with_negative_coordinates():
    # 坐标全为负(以图像中心为原点):平移量是 max - min + 1 = 11,写成 max + min + 1 = -9
    # 会把第二类的框正好平移到第一类的框上
    boxes = np.array([[-10.0, -10.0, -9.0, -9.0], [-1.0, -1.0, 0.0, 0.0]])
    assert batched_nms(boxes, np.array([0.9, 0.8]), np.array([0, 1]), 0.5).tolist() == [0, 1]


def test_nms_batched_keeps_identical_boxes_of_different_classes():
    # 同一位置的"猫"和"狗"都要保留;平移量要大于坐标跨度(101),不能是 1/101 这样的小位移
    boxes = np.array([[0.0, 0.0, 100.0, 100.0], [0.0, 0.0, 100.0, 100.0], [0.0, 0.0, 100.0, 100.0]])
    keep = batched_nms(boxes, np.array([0.9, 0.8, 0.7]), np.array([0, 1, 1]), 0.5)
    assert keep.tolist() == [0, 1]
