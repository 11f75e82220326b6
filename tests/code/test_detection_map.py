"""Tests for docs/code/src/detection_map.py against a hand-computed example (every expected AP is written
as the sum a person would add up on paper), and the AP integration against a brute-force loop over recall
points. pycocotools is not a dependency of this project, so the COCO numbers are checked by hand."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from detection_map import (
    COCO_IOU_THRESHOLDS,
    average_precision,
    class_ap,
    coco_ap,
    match_detections,
    mean_ap,
    precision_recall,
)


def box(x: float, height: float) -> np.ndarray:
    """A 10-wide box at x; against a ground-truth box [x, 0, x+10, 100] its IoU is height / 100."""
    return np.array([x, 0.0, x + 10.0, height])


# two images, four ground-truth boxes of 10 × 100
GT = {"a": np.array([box(0, 100), box(20, 100)]), "b": np.array([box(0, 100), box(20, 100)])}
DETS = [
    ("a", 0.95, box(0, 92)),  # on a/0, IoU 0.92
    ("a", 0.85, box(0, 83)),  # duplicate on a/0, IoU 0.83 -> FP while a/0 is taken
    ("b", 0.75, box(0, 62)),  # on b/0, IoU 0.62
    ("b", 0.65, box(50, 100)),  # background -> FP
    ("a", 0.55, box(20, 71)),  # on a/1, IoU 0.71
]  # b/1 is never detected: recall tops out at 3/4


def test_precision_recall_cumulates_in_score_order():
    p, r = precision_recall([True, False, True, False, True], num_gt=4)
    np.testing.assert_allclose(p, [1, 1 / 2, 2 / 3, 2 / 4, 3 / 5], rtol=0, atol=1e-15)
    np.testing.assert_allclose(r, [1 / 4, 1 / 4, 2 / 4, 2 / 4, 3 / 4], rtol=0, atol=1e-15)


def test_average_precision_hand_example_all_point():
    p, r = precision_recall([True, False, True, False, True], num_gt=4)
    # envelope at the three recall steps: 1, 2/3, 3/5 (the 1/2 at rank 4 is lifted to 3/5)
    assert average_precision(p, r, "all") == pytest.approx(0.25 * 1 + 0.25 * 2 / 3 + 0.25 * 3 / 5, abs=1e-12)


def test_average_precision_hand_example_voc11():
    p, r = precision_recall([True, False, True, False, True], num_gt=4)
    # recall points 0, .1, .2 -> 1; .3, .4, .5 -> 2/3; .6, .7 -> 3/5; .8, .9, 1.0 -> 0
    assert average_precision(p, r, "voc11") == pytest.approx((3 * 1 + 3 * 2 / 3 + 2 * 3 / 5) / 11, abs=1e-12)


def test_average_precision_hand_example_coco101():
    p, r = precision_recall([True, False, True, False, True], num_gt=4)
    # points 0..0.25 (26 of them) -> 1; 0.26..0.50 (25) -> 2/3; 0.51..0.75 (25) -> 3/5; 0.76..1 (25) -> 0
    assert average_precision(p, r, "coco101") == pytest.approx((26 + 25 * 2 / 3 + 25 * 3 / 5) / 101, abs=1e-12)


def test_average_precision_without_the_envelope_would_be_lower():
    p, r = precision_recall([True, False, False, True, True], num_gt=3)
    # raw precision at the 2nd TP is 1/2, but a later point has 3/5: interpolation uses 3/5
    assert average_precision(p, r, "all") == pytest.approx(1 / 3 * 1 + 1 / 3 * 3 / 5 + 1 / 3 * 3 / 5, abs=1e-12)


def brute_force_ap(is_tp: list[bool], num_gt: int, num_points: int) -> float:
    tp = fp = 0
    points = []
    for hit in is_tp:
        tp += hit
        fp += not hit
        points.append((tp / num_gt, tp / (tp + fp)))
    grid = np.linspace(0.0, 1.0, num_points)
    return float(np.mean([max([p for rec, p in points if rec >= t], default=0.0) for t in grid]))


def brute_force_area(is_tp: list[bool], num_gt: int) -> float:
    precisions = [sum(is_tp[: k + 1]) / (k + 1) for k in range(len(is_tp))]
    return sum(max(precisions[k:]) / num_gt for k, hit in enumerate(is_tp) if hit)


@given(st.lists(st.booleans(), min_size=1, max_size=20), st.integers(0, 5))
def test_average_precision_matches_brute_force(is_tp, missed):
    num_gt = sum(is_tp) + missed
    if num_gt == 0:
        return
    p, r = precision_recall(is_tp, num_gt)
    assert average_precision(p, r, "voc11") == pytest.approx(brute_force_ap(is_tp, num_gt, 11), abs=1e-12)
    assert average_precision(p, r, "coco101") == pytest.approx(brute_force_ap(is_tp, num_gt, 101), abs=1e-12)
    assert average_precision(p, r, "all") == pytest.approx(brute_force_area(is_tp, num_gt), abs=1e-12)


def test_match_detections_hand_example_at_three_thresholds():
    assert match_detections(DETS, GT, 0.5) == [True, False, True, False, True]
    assert match_detections(DETS, GT, 0.7) == [True, False, False, False, True]  # 0.62 drops out
    assert match_detections(DETS, GT, 0.75) == [True, False, False, False, False]  # 0.71 drops out
    assert match_detections(DETS, GT, 0.95) == [False] * 5


def test_match_detections_sorts_by_score_and_ignores_input_order():
    shuffled = [DETS[i] for i in (4, 2, 0, 3, 1)]
    assert match_detections(shuffled, GT, 0.5) == [True, False, True, False, True]


def test_match_detections_lets_a_duplicate_take_another_free_ground_truth():
    # two overlapping ground truths; the second detection's best free match is the other box
    gt = {"x": np.array([[0.0, 0.0, 10.0, 10.0], [0.0, 0.0, 10.0, 9.0]])}
    dets = [("x", 0.9, np.array([0.0, 0.0, 10.0, 10.0])), ("x", 0.8, np.array([0.0, 0.0, 10.0, 10.0]))]
    assert match_detections(dets, gt, 0.5) == [True, True]


def test_match_detections_on_an_image_without_ground_truth_is_fp():
    assert match_detections([("empty", 0.9, box(0, 100))], GT, 0.5) == [False]


def test_class_ap_hand_example():
    assert class_ap(DETS, GT, 0.5, "all") == pytest.approx(0.25 + 0.25 * 2 / 3 + 0.25 * 3 / 5, abs=1e-12)
    assert class_ap([], GT) == 0.0
    assert np.isnan(class_ap(DETS, {}))


def test_coco_ap_hand_example_averages_ten_thresholds():
    ap_low = (26 + 25 * 2 / 3 + 25 * 3 / 5) / 101  # thresholds 0.50, 0.55, 0.60: T F T F T
    ap_mid = (26 + 25 * 2 / 5) / 101  # 0.65, 0.70: T F F F T, envelope 1, then 2/5
    ap_high = 26 / 101  # 0.75, 0.80, 0.85, 0.90: only the first detection is a TP
    expected = (3 * ap_low + 2 * ap_mid + 4 * ap_high + 0.0) / 10  # 0.95: none
    assert coco_ap(DETS, GT) == pytest.approx(expected, abs=1e-12)
    assert round(coco_ap(DETS, GT), 4) == 0.3455
    assert COCO_IOU_THRESHOLDS.round(2).tolist() == [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]


def test_mean_ap_skips_classes_without_ground_truth():
    assert mean_ap({"cat": 0.5, "dog": 0.25, "unicorn": float("nan")}) == 0.375


def test_average_precision_and_class_ap_default_to_all_points_at_iou_half():
    p, r = precision_recall([True, False, True, False, True], num_gt=4)
    all_point = 0.25 * 1 + 0.25 * 2 / 3 + 0.25 * 3 / 5
    assert average_precision(p, r) == pytest.approx(all_point, abs=1e-12)
    assert class_ap(DETS, GT) == pytest.approx(all_point, abs=1e-12)  # IoU 0.5: T F T F T


def test_match_detections_iou_equal_to_threshold_is_a_hit():
    gt = {"x": np.array([[0.0, 0.0, 10.0, 10.0]])}
    half = ("x", 0.9, np.array([0.0, 0.0, 10.0, 5.0]))  # 交 50 / 并 100 = 0.5 整
    assert match_detections([half], gt, 0.5) == [True]


def test_match_detections_keeps_going_after_an_image_without_ground_truth():
    dets = [("empty", 0.9, box(0, 100)), ("a", 0.8, box(0, 100)), ("zzz", 0.7, box(0, 100))]
    assert match_detections(dets, GT, 0.5) == [False, True, False]


def test_class_ap_with_one_ground_truth_and_one_detection():
    gt = {"x": np.array([[0.0, 0.0, 10.0, 10.0]])}
    # 唯一的检测命中唯一的真值:P = R = 1,AP = 1(不是"没有真值"的 nan,也不是"没有检测"的 0)
    assert class_ap([("x", 0.9, np.array([0.0, 0.0, 10.0, 10.0]))], gt) == 1.0
    # 未命中:AP = 0
    assert class_ap([("x", 0.9, np.array([20.0, 20.0, 30.0, 30.0]))], gt) == 0.0
