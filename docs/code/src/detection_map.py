"""目标检测的 AP / mAP:VOC 11 点插值、全点插值(VOC2010 起)与 COCO 风格(101 点,IoU 0.50:0.95 取平均)。

一个类别的流程:
1. 把所有图片上该类的检测框按分数从高到低排成一个列表;
2. 依次判定 TP / FP:与同一张图里**尚未被匹配**的真值框中 IoU 最大者匹配,IoU >= 阈值为 TP,
   否则 FP;一个真值框最多匹配一次(重复检测算 FP);
3. 沿列表累计得到每个截断点的 precision = TP / (TP + FP)、recall = TP / 真值总数;
4. 把 precision 变成"右侧最大值"包络(单调不增),再按召回积分或在固定召回点上取值平均。

mAP = 各类 AP 的平均;COCO 的 "AP" 再对 10 个 IoU 阈值平均。
复杂度:排序 O(D log D),匹配 O(D · G_img)(D 个检测、每张图 G_img 个真值),积分 O(D)。
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np

from iou_nms import box_iou

Method = Literal["voc11", "all", "coco101"]
COCO_IOU_THRESHOLDS = np.linspace(0.5, 0.95, 10)  # 0.50, 0.55, ..., 0.95


# --8<-- [start:ap]
def precision_recall(is_tp: Sequence[bool], num_gt: int) -> tuple[np.ndarray, np.ndarray]:
    """按分数降序排好的 TP 标记 -> 每个截断点的 (precision, recall),形状都是 (D,)。

    >>> p, r = precision_recall([True, False, True], num_gt=4)
    >>> p.round(4).tolist(), r.tolist()
    ([1.0, 0.5, 0.6667], [0.25, 0.25, 0.5])
    """
    tp = np.cumsum(np.asarray(is_tp, dtype=float))  # (D,)
    rank = np.arange(1, len(tp) + 1)  # 截断点处的检测数 TP + FP
    return tp / rank, tp / num_gt


def average_precision(precision: np.ndarray, recall: np.ndarray, method: Method = "all") -> float:
    """PR 点 -> AP。recall 须单调不减(按分数降序累计得到的就是)。

    - "all":VOC2010 起的做法,包络曲线下的面积 Σ (r_i - r_{i-1}) · p_interp(r_i);
    - "voc11":VOC2007,召回 0, 0.1, ..., 1 这 11 个点上 p_interp 的平均;
    - "coco101":pycocotools,召回 0, 0.01, ..., 1 这 101 个点上 p_interp 的平均。
    p_interp(r) = 召回 >= r 的所有点中最大的 precision,没有这样的点记 0。

    >>> p, r = precision_recall([True, False, True, False, True], num_gt=4)
    >>> [round(average_precision(p, r, m), 4) for m in ("all", "voc11", "coco101")]
    [0.5667, 0.5636, 0.571]
    """
    # 右侧最大值包络:envelope[i] = max(precision[i:]),单调不增
    envelope = np.maximum.accumulate(precision[::-1])[::-1]
    if method == "all":
        recall_steps = np.diff(recall, prepend=0.0)  # 只有 TP 处召回增加,FP 处步长为 0
        return float(np.sum(recall_steps * envelope))
    points = np.linspace(0.0, 1.0, 11 if method == "voc11" else 101)
    first = np.searchsorted(recall, points, side="left")  # 第一个召回 >= 该点的位置
    padded = np.append(envelope, 0.0)  # 越界(召回永远达不到该点)时取 0
    return float(np.mean(padded[first]))
# --8<-- [end:ap]


# --8<-- [start:match]
Detection = tuple[str, float, np.ndarray]  # (图片 id, 分数, 框 (4,) 即 x1, y1, x2, y2)


def match_detections(
    detections: Sequence[Detection], ground_truth: Mapping[str, np.ndarray], iou_threshold: float
) -> list[bool]:
    """单个类别:按分数降序逐个判定 TP / FP。ground_truth[图片 id] 形状 (G, 4)。

    >>> gt = {"img": np.array([[0.0, 0.0, 10.0, 10.0]])}
    >>> dets = [("img", 0.9, np.array([0.0, 0.0, 10.0, 8.0])), ("img", 0.8, np.array([0.0, 0.0, 10.0, 10.0]))]
    >>> match_detections(dets, gt, 0.5)  # 高分框先占了真值,完美的低分框只能是重复检测
    [True, False]
    """
    order = sorted(range(len(detections)), key=lambda i: -detections[i][1])  # 稳定排序,同分保持输入顺序
    used = {img: np.zeros(len(boxes), dtype=bool) for img, boxes in ground_truth.items()}
    is_tp = []
    for i in order:
        img, _, box = detections[i]
        gts = ground_truth.get(img, np.zeros((0, 4)))
        if len(gts) == 0:
            is_tp.append(False)
            continue
        ious = box_iou(box[None, :], gts)[0]  # (G,)
        ious[used[img]] = -1.0  # 已被更高分检测占用的真值不再参与
        best = int(np.argmax(ious))
        hit = bool(ious[best] >= iou_threshold)
        if hit:
            used[img][best] = True
        is_tp.append(hit)
    return is_tp


def class_ap(
    detections: Sequence[Detection],
    ground_truth: Mapping[str, np.ndarray],
    iou_threshold: float = 0.5,
    method: Method = "all",
) -> float:
    """一个类别在一个 IoU 阈值下的 AP。"""
    num_gt = sum(len(b) for b in ground_truth.values())
    if num_gt == 0:
        return float("nan")  # 没有真值的类别不参与 mAP 平均(COCO 记为 -1 并跳过)
    if len(detections) == 0:
        return 0.0
    precision, recall = precision_recall(match_detections(detections, ground_truth, iou_threshold), num_gt)
    return average_precision(precision, recall, method)


def coco_ap(
    detections: Sequence[Detection],
    ground_truth: Mapping[str, np.ndarray],
    thresholds: Sequence[float] = tuple(COCO_IOU_THRESHOLDS),
) -> float:
    """COCO 风格的 AP(常写作 AP@[.5:.95]):101 点插值的 AP 在各 IoU 阈值上的平均。"""
    return float(np.mean([class_ap(detections, ground_truth, t, "coco101") for t in thresholds]))


def mean_ap(per_class_ap: Mapping[str, float]) -> float:
    """各类 AP 的平均,跳过没有真值的类别(nan)。"""
    values = [v for v in per_class_ap.values() if not np.isnan(v)]
    return float(np.mean(values))
# --8<-- [end:match]
