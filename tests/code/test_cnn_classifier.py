"""Tests for docs/code/src/cnn_classifier.py: output-size formula vs F.conv2d / F.max_pool2d,
layer-by-layer shapes, hand-counted parameters, and training on synthetic bar images."""

import itertools

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from tests.code.threads import single_thread
from cnn_classifier import (
    SmallCNN,
    accuracy,
    conv2d_output_size,
    count_parameters_by_hand,
    make_bar_images,
    trace_shapes,
    train_classifier,
)



def test_conv2d_output_size_matches_torch_conv_and_pool():
    x = torch.zeros(1, 1, 11, 11)
    for k, s, p, d in itertools.product([1, 2, 3, 5], [1, 2, 3], [0, 1, 2], [1, 2]):
        if (11 + 2 * p - d * (k - 1) - 1) < 0:
            continue
        out = F.conv2d(x, torch.zeros(1, 1, k, k), stride=s, padding=p, dilation=d)
        assert out.shape[-1] == conv2d_output_size(11, k, s, p, d), (k, s, p, d)
        if 2 * p <= k:  # max_pool2d requires padding <= kernel / 2
            pooled = F.max_pool2d(x, k, stride=s, padding=p, dilation=d)
            assert pooled.shape[-1] == conv2d_output_size(11, k, s, p, d), (k, s, p, d)


def test_cnn_classifier_shapes_layer_by_layer():
    model = SmallCNN(in_channels=1, num_classes=3, image_size=16)
    shapes = trace_shapes(model, torch.zeros(2, 1, 16, 16))
    assert shapes == [
        ("Conv2d", (2, 8, 16, 16)),
        ("BatchNorm2d", (2, 8, 16, 16)),
        ("ReLU", (2, 8, 16, 16)),
        ("MaxPool2d", (2, 8, 8, 8)),
        ("Conv2d", (2, 16, 8, 8)),
        ("ReLU", (2, 16, 8, 8)),
        ("MaxPool2d", (2, 16, 4, 4)),
        ("Flatten", (2, 256)),
        ("Linear", (2, 3)),
    ]


def test_cnn_classifier_shapes_follow_formula_for_rgb_32():
    model = SmallCNN(in_channels=3, num_classes=10, image_size=32, c1=4, c2=6)
    shapes = dict((i, s) for i, (_, s) in enumerate(trace_shapes(model, torch.zeros(5, 3, 32, 32))))
    half = conv2d_output_size(conv2d_output_size(32, 3, 1, 1), kernel=2, stride=2)
    quarter = conv2d_output_size(conv2d_output_size(half, 3, 1, 1), kernel=2, stride=2)
    assert (half, quarter) == (16, 8)
    assert shapes[3] == (5, 4, half, half)
    assert shapes[6] == (5, 6, quarter, quarter)
    assert shapes[7] == (5, 6 * quarter * quarter)
    assert shapes[8] == (5, 10)


@pytest.mark.parametrize(
    ("in_ch", "classes", "size", "c1", "c2", "expected"),
    [
        # conv1 (no bias) + bn (γ, β) + conv2 (with bias) + fc
        (1, 3, 16, 8, 16, 2027),  # 72 + 16 + (1152 + 16) + (768 + 3)
        (3, 10, 32, 8, 16, 11650),  # 216 + 16 + (1152 + 16) + (10240 + 10)
        (3, 10, 32, 4, 6, 4188),  # 108 + 8 + (216 + 6) + (3840 + 10)
    ],
)
def test_cnn_classifier_parameter_count_by_hand(in_ch, classes, size, c1, c2, expected):
    model = SmallCNN(in_ch, classes, size, c1, c2)
    assert count_parameters_by_hand(in_ch, classes, size, c1, c2) == expected
    assert sum(p.numel() for p in model.parameters()) == expected


def test_cnn_classifier_parameter_shapes_and_buffers():
    model = SmallCNN(in_channels=3, num_classes=5, image_size=16)
    conv1, bn, conv2 = model.features[0], model.features[1], model.features[4]
    assert conv1.weight.shape == (8, 3, 3, 3)  # (C_out, C_in, k, k): one kernel per (out, in) pair
    assert conv1.bias is None
    assert conv2.bias.shape == (16,)  # one bias per output channel
    # BatchNorm running statistics are buffers, not parameters
    assert sum(b.numel() for b in bn.buffers()) == 8 + 8 + 1  # running_mean, running_var, num_batches_tracked
    assert all(not name.startswith("running") for name, _ in bn.named_parameters())


def test_cnn_classifier_rejects_bad_image_size():
    with pytest.raises(ValueError, match="image_size=18 必须能被 4 整除"):
        SmallCNN(image_size=18)


def test_make_bar_images_is_deterministic_and_well_formed():
    x1, y1 = make_bar_images(20, seed=3)
    x2, y2 = make_bar_images(20, seed=3)
    assert x1.shape == (20, 1, 16, 16) and x1.dtype == torch.float32
    assert y1.dtype == torch.int64 and set(y1.tolist()) <= {0, 1, 2}
    assert torch.equal(x1, x2) and torch.equal(y1, y2)
    # noise-free: a horizontal bar is one full row of ones
    x, y = make_bar_images(30, noise=0.0, seed=4)
    i = int((y == 0).nonzero()[0])
    assert (x[i, 0].sum(dim=1) == 16).sum() == 1
    assert x[i, 0].sum() == 16


def test_cnn_classifier_trains_to_high_accuracy_on_synthetic_data():
    torch.manual_seed(0)
    x_train, y_train = make_bar_images(300, seed=0)
    x_test, y_test = make_bar_images(200, seed=1)
    model = SmallCNN(in_channels=1, num_classes=3, image_size=16)
    before = accuracy(model, x_test, y_test)
    with single_thread():
        history = train_classifier(model, x_train, y_train, epochs=8)
    after = accuracy(model, x_test, y_test)
    assert before < 0.6  # untrained: near chance (1/3)
    assert history[-1] < history[0]
    assert after >= 0.95


def test_cnn_classifier_accuracy_evaluates_in_eval_mode():
    # Linear weights make the eval-mode argmax equal the label; in train mode Dropout(p=1) zeroes every
    # logit, so argmax is class 0 everywhere and a train-mode accuracy would be 1/3.
    linear = nn.Linear(3, 3, bias=False)
    with torch.no_grad():
        linear.weight.copy_(torch.eye(3))
    model = nn.Sequential(linear, nn.Dropout(p=1.0)).train()
    x = torch.eye(3) * 5
    y = torch.tensor([0, 1, 2])
    assert accuracy(model, x, y) == 1.0
    assert not model.training
