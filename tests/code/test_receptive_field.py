"""Tests for docs/code/src/receptive_field.py against an empirical check: stack torch convolutions with
all-ones weights and no bias, back-propagate from one output position and look at which input positions
receive a nonzero gradient. With positive weights nothing cancels, so the nonzero set is exactly the set
of inputs the output depends on, and its span is the receptive field."""

import random

import pytest
import torch

from receptive_field import Layer, contributing_offsets, receptive_field


def empirical_1d(layers: list[Layer]) -> list[int]:
    """Input positions with a nonzero gradient of output[0] (no padding, so it starts at input 0)."""
    convs = []
    for layer in layers:
        conv = torch.nn.Conv1d(1, 1, layer.kernel, stride=layer.stride, dilation=layer.dilation, bias=False)
        torch.nn.init.ones_(conv.weight)
        convs.append(conv)
    size, _ = receptive_field(layers)
    x = torch.ones(1, 1, size + 8, dtype=torch.float64, requires_grad=True)
    y = x
    for conv in convs:
        y = conv.double()(y)
    y[0, 0, 0].backward()
    return torch.nonzero(x.grad[0, 0]).flatten().tolist()


def test_receptive_field_known_stacks():
    assert receptive_field([Layer(3)] * 3) == (7, 1)
    assert receptive_field([Layer(3, dilation=d) for d in (1, 2, 4)]) == (15, 1)
    assert receptive_field([Layer(3, dilation=d) for d in (1, 2, 4, 8)]) == (31, 1)
    assert receptive_field([Layer(2, dilation=2**i) for i in range(10)]) == (1024, 1)
    assert receptive_field([Layer(2, stride=2)] * 5) == (32, 32)  # five 2×2 poolings
    assert receptive_field([]) == (1, 1)


@pytest.mark.parametrize(
    "layers",
    [
        [Layer(3)] * 3,
        [Layer(3, dilation=1), Layer(3, dilation=2), Layer(3, dilation=4)],
        [Layer(7, stride=2), Layer(3, stride=2), Layer(3), Layer(3)],
        [Layer(2, dilation=2**i) for i in range(6)],
        [Layer(3, stride=2), Layer(3, dilation=3), Layer(1), Layer(5, stride=3, dilation=2)],
    ],
)
def test_receptive_field_matches_gradient_span(layers):
    nonzero = empirical_1d(layers)
    assert nonzero[0] == 0
    assert nonzero[-1] - nonzero[0] + 1 == receptive_field(layers)[0]
    assert nonzero == contributing_offsets(layers)


@pytest.mark.parametrize("seed", range(20))
def test_receptive_field_matches_gradient_span_on_random_stacks(seed):
    rng = random.Random(seed)
    layers = [
        Layer(rng.randint(1, 4), stride=rng.randint(1, 2), dilation=rng.randint(1, 3)) for _ in range(rng.randint(1, 5))
    ]
    nonzero = empirical_1d(layers)
    assert nonzero[-1] + 1 == receptive_field(layers)[0]
    assert nonzero == contributing_offsets(layers)


def test_contributing_offsets_show_gridding_of_equal_dilations():
    # three 3-wide layers all with dilation 2: span 13, but only the 7 even offsets contribute
    layers = [Layer(3, dilation=2)] * 3
    assert receptive_field(layers) == (13, 1)
    assert contributing_offsets(layers) == [0, 2, 4, 6, 8, 10, 12]
    assert empirical_1d(layers) == [0, 2, 4, 6, 8, 10, 12]
    # dilations 1, 2, 4 (HDC-style) cover all 15 positions without holes
    assert contributing_offsets([Layer(3, dilation=d) for d in (1, 2, 4)]) == list(range(15))


def test_receptive_field_matches_an_impulse_through_2d_convs():
    """2-D: rows and columns are independent; an impulse response has the predicted height and width."""
    rows = [Layer(3, dilation=1), Layer(3, stride=2, dilation=2), Layer(3, dilation=2)]
    cols = [Layer(1), Layer(5, stride=2), Layer(3, dilation=3)]
    net = torch.nn.Sequential(
        *[
            torch.nn.Conv2d(
                1, 1, (r.kernel, c.kernel), stride=(r.stride, c.stride), dilation=(r.dilation, c.dilation), bias=False
            )
            for r, c in zip(rows, cols)
        ]
    ).double()
    for conv in net:
        torch.nn.init.ones_(conv.weight)
    x = torch.ones(1, 1, 40, 40, dtype=torch.float64, requires_grad=True)
    net(x)[0, 0, 0, 0].backward()
    nz = torch.nonzero(x.grad[0, 0])
    height = int(nz[:, 0].max() - nz[:, 0].min()) + 1
    width = int(nz[:, 1].max() - nz[:, 1].min()) + 1
    assert (height, width) == (receptive_field(rows)[0], receptive_field(cols)[0]) == (15, 17)
