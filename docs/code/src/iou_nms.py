"""IoU 与 NMS(非极大值抑制),NumPy 手撕版。

框的格式为 (x1, y1, x2, y2),x1 <= x2,y1 <= y2,连续坐标(面积 = (x2 - x1) · (y2 - y1),
与 torchvision.ops.box_iou 一致;老式像素坐标的 "+1" 写法见页面)。

- IoU = 交集面积 / 并集面积;交集的宽高要 clip 到 >= 0(不相交时不能出现"负宽乘负高为正")。
- NMS:按分数从高到低,保留当前最高分的框,删除与它 IoU > 阈值的框,重复直到为空。

复杂度:box_iou 为 O(N·M) 时间与内存;NMS 最坏 O(N^2)(每保留一个框,与剩余框算一次 IoU),
排序 O(N log N)。

分段:``core`` 是白板上要写的 IoU 矩阵与 NMS;``batched`` 按类别 NMS 的平移技巧是扩展。
"""

from __future__ import annotations

import numpy as np


# --8<-- [start:core]
def box_area(boxes: np.ndarray) -> np.ndarray:
    """(N, 4) -> (N,)。"""
    return (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])


def box_iou(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """两组框两两之间的 IoU:(N, 4) × (M, 4) -> (N, M)。

    >>> a = np.array([[0.0, 0.0, 2.0, 2.0]])
    >>> b = np.array([[1.0, 1.0, 3.0, 3.0], [2.0, 0.0, 4.0, 2.0], [5.0, 5.0, 6.0, 6.0]])
    >>> np.round(box_iou(a, b), 4).tolist()  # 交 1 / 并 7;只共享一条边;完全分离
    [[0.1429, 0.0, 0.0]]
    """
    top_left = np.maximum(a[:, None, :2], b[None, :, :2])  # (N, M, 2) 交集左上角
    bottom_right = np.minimum(a[:, None, 2:], b[None, :, 2:])  # (N, M, 2) 交集右下角
    wh = np.clip(bottom_right - top_left, 0.0, None)  # 不相交时宽或高为 0
    inter = wh[..., 0] * wh[..., 1]  # (N, M)
    union = box_area(a)[:, None] + box_area(b)[None, :] - inter
    # 两个面积都为 0 的退化框:并集为 0,约定 IoU = 0,避免 0 / 0
    return np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)

def nms(boxes: np.ndarray, scores: np.ndarray, iou_threshold: float) -> np.ndarray:
    """返回保留框的下标,按分数从高到低排列。IoU 严格大于阈值的框被抑制。

    >>> boxes = np.array([[0, 0, 10, 10], [1, 1, 11, 11], [20, 20, 30, 30]], dtype=float)
    >>> nms(boxes, np.array([0.9, 0.8, 0.7]), 0.5).tolist()  # 框 1 与框 0 的 IoU ≈ 0.68
    [0, 2]
    """
    order = np.argsort(-scores, kind="stable")  # 分数降序;同分时保持原顺序
    keep: list[int] = []
    while order.size > 0:
        best = order[0]
        keep.append(int(best))
        rest = order[1:]
        ious = box_iou(boxes[best : best + 1], boxes[rest])[0]  # (len(rest),)
        order = rest[ious <= iou_threshold]  # 只留下与 best 重叠不大的框
    return np.array(keep, dtype=np.int64)
# --8<-- [end:core]


# --8<-- [start:batched]
def batched_nms(
    boxes: np.ndarray, scores: np.ndarray, classes: np.ndarray, iou_threshold: float
) -> np.ndarray:
    """按类别分别做 NMS(不同类别的框互不抑制)。

    技巧:给每个类别的框加一个足够大的平移,使不同类别的框不可能相交,然后只调用一次 nms。

    >>> boxes = np.array([[0, 0, 10, 10], [1, 1, 11, 11]], dtype=float)
    >>> batched_nms(boxes, np.array([0.9, 0.8]), np.array([0, 1]), 0.5).tolist()
    [0, 1]
    """
    if boxes.size == 0:
        return np.zeros(0, dtype=np.int64)
    offset = classes.astype(boxes.dtype) * (boxes.max() - boxes.min() + 1.0)  # (N,)
    return nms(boxes + offset[:, None], scores, iou_threshold)
# --8<-- [end:batched]
