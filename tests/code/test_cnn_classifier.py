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


def test_conv2d_output_size_defaults_match_torch_defaults():
    # stride / padding / dilation left out on both sides: PyTorch's own defaults are 1, 0, 1
    x = torch.zeros(1, 1, 11, 11)
    for k in (1, 2, 3, 5):
        assert conv2d_output_size(11, k) == F.conv2d(x, torch.zeros(1, 1, k, k)).shape[-1] == 12 - k


def test_count_parameters_by_hand_defaults_are_the_default_network():
    # c1 = 8, c2 = 16 by default, as SmallCNN; the count is an exact int (72 + 16 + 1168 + 771)
    count = count_parameters_by_hand(1, 3, 16)
    assert count == 2027 and isinstance(count, int)
    assert count == sum(p.numel() for p in SmallCNN().parameters())
    assert count_parameters_by_hand(3, 10, 32) == 11650


class _LoggingLinear(nn.Module):
    """A linear classifier on features [id, f1, f2] that ignores the id column and logs the ids it sees."""

    def __init__(self) -> None:
        super().__init__()
        self.linear = nn.Linear(2, 3)
        self.seen: list[list[int]] = []

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self.seen.append(x[:, 0].long().tolist())
        return self.linear(x[:, 1:])


def _id_data(n: int) -> tuple[torch.Tensor, torch.Tensor]:
    g = torch.Generator().manual_seed(5)
    x = torch.cat([torch.arange(n, dtype=torch.float32)[:, None], torch.randn(n, 2, generator=g)], dim=1)
    return x, torch.randint(0, 3, (n,), generator=g)


def test_train_classifier_epoch_loss_is_the_sample_mean_over_a_shuffled_pass():
    # lr = 0 keeps the weights fixed, so every epoch's mean loss must equal the cross-entropy of the
    # whole data set in one call, whatever the (short last) batches are; each epoch sees each sample once
    torch.manual_seed(0)
    model, (x, y) = _LoggingLinear(), _id_data(70)
    with single_thread():
        history = train_classifier(model, x, y, lr=0.0)
    with torch.no_grad():
        expected = F.cross_entropy(model(x), y).item()
    assert len(history) == 8  # default epochs
    assert history == pytest.approx([expected] * 8, rel=1e-6)
    epochs = [model.seen[3 * e : 3 * e + 3] for e in range(8)]
    assert [[len(b) for b in batches] for batches in epochs] == [[32, 32, 6]] * 8  # default batch_size 32
    orders = [sum(batches, []) for batches in epochs]
    assert all(sorted(order) == list(range(70)) for order in orders)
    assert orders[0] != list(range(70)) and orders[0] != orders[1]  # shuffled, anew every epoch


def test_train_classifier_shuffle_depends_only_on_seed():
    x, y = _id_data(20)
    runs = {}
    for name, global_seed, kwargs in [("default", 1, {}), ("seed0", 2, {"seed": 0}), ("seed1", 1, {"seed": 1})]:
        torch.manual_seed(global_seed)  # the global RNG must not matter
        model = _LoggingLinear()
        with single_thread():
            train_classifier(model, x, y, epochs=2, batch_size=20, lr=0.0, **kwargs)
        runs[name] = model.seen
    assert runs["default"] == runs["seed0"]  # default seed is 0
    assert runs["seed1"] != runs["seed0"]


def test_train_classifier_default_lr_is_1e_2():
    # Adam's first step moves every weight by lr * g / (|g| + eps): bias correction makes m = g, v = g^2
    torch.manual_seed(3)
    model, (x, y) = _LoggingLinear(), _id_data(16)
    before = [p.detach().clone() for p in model.parameters()]
    with single_thread():
        train_classifier(model, x, y, epochs=1, batch_size=16)
    for p, p0 in zip(model.parameters(), before):
        torch.testing.assert_close((p.detach() - p0).abs(), torch.full_like(p0, 1e-2), rtol=1e-4, atol=0)


def _bar_offset(img: torch.Tensor, label: int) -> int:
    """Where the bar of one noise-free S x S image lies, checked cell by cell: row o, column o, or the
    wrapped diagonal {(r, (r + s) % S)}, reported by the column it crosses the middle row S // 2 at."""
    size = img.shape[-1]
    ones = (img == 1).nonzero().tolist()
    assert len(ones) == size and img.sum() == size  # nothing but S cells of value 1
    rows, cols = [r for r, _ in ones], [c for _, c in ones]
    if label == 0:
        assert len(set(rows)) == 1
        return rows[0]
    if label == 1:
        assert len(set(cols)) == 1
        return cols[0]
    assert rows == list(range(size)) and len({(c - r) % size for r, c in ones}) == 1
    return cols[size // 2]


@pytest.mark.parametrize("size", [16, 15])
def test_make_bar_images_draws_each_class_at_every_offset_off_the_border(size):
    # three bar shapes by label, each at an offset o drawn from 2..S-3 (two pixels off the border);
    # the diagonal crosses the middle row S // 2 at column o (an odd S shows a shift that is off by S)
    x, y = make_bar_images(300, image_size=size, noise=0.0, seed=7)
    assert x.shape == (300, 1, size, size)
    assert set(x.unique().tolist()) == {0.0, 1.0}
    offsets: dict[int, set[int]] = {0: set(), 1: set(), 2: set()}
    for img, label in zip(x[:, 0], y.tolist()):
        offsets[label].add(_bar_offset(img, label))
    assert offsets == {label: set(range(2, size - 2)) for label in (0, 1, 2)}


def test_make_bar_images_adds_gaussian_noise_everywhere():
    # same seed: labels and bars are the same, the noise is noise * one fixed N(0, 1) draw, on the bar too
    x0, y0 = make_bar_images(200, noise=0.0, seed=2)
    x3, y3 = make_bar_images(200, seed=2)  # default noise 0.3
    x6, y6 = make_bar_images(200, noise=0.6, seed=2)
    assert torch.equal(y0, y3) and torch.equal(y0, y6)
    d3, d6 = x3 - x0, x6 - x0
    torch.testing.assert_close(d6, 2 * d3)
    assert (d3 != 0).all()
    assert d3.std().item() == pytest.approx(0.3, abs=0.005)
    assert d3.mean().item() == pytest.approx(0.0, abs=0.005)


def test_make_bar_images_default_seed_is_0():
    x_default, y_default = make_bar_images(10)
    x0, y0 = make_bar_images(10, seed=0)
    x1, _ = make_bar_images(10, seed=1)
    assert torch.equal(x_default, x0) and torch.equal(y_default, y0)
    assert not torch.equal(x0, x1)
