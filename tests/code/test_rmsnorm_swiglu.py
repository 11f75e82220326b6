"""Tests for docs/code/src/rmsnorm_swiglu.py against torch.nn.RMSNorm and a functional reference."""

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from rmsnorm_swiglu import ReLUFFN, RMSNorm, SwiGLUFFN, TorchRMSNorm, count_parameters, swiglu_hidden_dim


@pytest.mark.parametrize("cls", [RMSNorm, TorchRMSNorm])
@pytest.mark.parametrize("eps", [1e-6, 1e-5, 0.5])
def test_rmsnorm_matches_torch_with_explicit_eps(eps, cls):
    torch.manual_seed(0)
    x = torch.randn(4, 5, 16)
    ours = cls(16, eps=eps)
    ref = nn.RMSNorm(16, eps=eps)
    with torch.no_grad():
        w = torch.randn(16)
        ours.weight.copy_(w)
        ref.weight.copy_(w)
    torch.testing.assert_close(ours(x), ref(x), rtol=1e-5, atol=1e-6)


def test_rmsnorm_matches_torch_default_eps_none():
    # eps=None: both use torch.finfo(float32).eps; tiny inputs make eps matter.
    torch.manual_seed(1)
    x = torch.randn(3, 8) * 1e-4
    torch.testing.assert_close(TorchRMSNorm(8, eps=None)(x), nn.RMSNorm(8)(x), rtol=1e-5, atol=1e-6)


def test_rmsnorm_matches_torch_float64():
    torch.manual_seed(2)
    x = torch.randn(2, 3, 6, dtype=torch.float64)
    ref = nn.RMSNorm(6, eps=None, dtype=torch.float64)
    ours = TorchRMSNorm(6, eps=None).double()
    torch.testing.assert_close(ours(x), ref(x), rtol=1e-12, atol=1e-12)


def test_rmsnorm_eps_inside_sqrt():
    # With x = 0 except one entry, mean(x^2) = 1/d; eps inside the root gives 1/sqrt(1/d + eps).
    d, eps = 4, 0.25
    x = torch.tensor([[1.0, 0.0, 0.0, 0.0]])
    y = RMSNorm(d, eps=eps)(x)
    expected = 1.0 / (1.0 / d + eps) ** 0.5  # = 1/sqrt(0.5)
    assert y[0, 0].item() == pytest.approx(expected, rel=1e-6)
    # the common wrong version x / (rms + eps) gives a different number
    wrong = 1.0 / ((1.0 / d) ** 0.5 + eps)
    assert abs(y[0, 0].item() - wrong) > 0.05  # 1.4142 vs 1.3333


def test_rmsnorm_does_not_subtract_mean():
    # A constant vector: LayerNorm would give zeros, RMSNorm gives ones (weight = 1).
    x = torch.full((1, 5), 3.0)
    torch.testing.assert_close(RMSNorm(5, eps=0.0)(x), torch.ones(1, 5))


def _rmsnorm_fp32_reference(x: torch.Tensor, eps: float = 1e-6) -> torch.Tensor:
    """Written independently of the module: x / sqrt(mean(x^2) + eps), all in float32."""
    x = x.float()
    return x / torch.sqrt((x * x).mean(dim=-1, keepdim=True) + eps)


def test_rmsnorm_float16_upcasts_before_squaring():
    # |x| ~ 300-1000: x^2 exceeds the float16 maximum 65504, so squaring in float16 gives inf -> output 0
    torch.manual_seed(3)
    x = (torch.randn(2, 8) * 300 + 700).to(torch.float16)
    y = RMSNorm(8)(x)
    assert y.dtype == torch.float16
    torch.testing.assert_close(y.float(), _rmsnorm_fp32_reference(x), rtol=1e-3, atol=1e-3)


def test_rmsnorm_bfloat16_matches_fp32_reference():
    torch.manual_seed(4)
    x = (torch.randn(3, 64) * 3).to(torch.bfloat16)
    y = RMSNorm(64)(x)
    assert y.dtype == torch.bfloat16
    # only the final rounding to bfloat16 (8 significant bits, relative error <= 2^-8)
    torch.testing.assert_close(y.float(), _rmsnorm_fp32_reference(x), rtol=2 ** -8, atol=1e-6)


@pytest.mark.parametrize(
    ("d_model", "multiple_of", "expected"),
    [(4096, 256, 11008), (48, 1, 128), (64, 32, 192), (5120, 256, 13824)],
)
def test_swiglu_hidden_dim_values(d_model, multiple_of, expected):
    assert swiglu_hidden_dim(d_model, multiple_of) == expected


def test_swiglu_parameter_count_equals_relu_ffn_when_exact():
    # d divisible so that 8d/3 is an integer: 3·d·(8d/3) == 2·d·4d exactly.
    d = 48
    swiglu = SwiGLUFFN(d, multiple_of=1)
    relu = ReLUFFN(d)
    assert count_parameters(swiglu) == 18432  # three 48 x 128 matrices
    assert count_parameters(relu) == 18432  # two 48 x 192 matrices


def test_swiglu_parameter_count_with_rounding():
    d = 64
    ffn = SwiGLUFFN(d, multiple_of=32)
    assert ffn.hidden_dim == 192
    assert count_parameters(ffn) == 36864  # three 64 x 192 matrices
    ffn.w_gate.weight.requires_grad_(False)  # frozen weights are not counted
    assert count_parameters(ffn) == 36864 - 64 * 192
    # rounding up adds 12.5% over the 4d ReLU FFN (8·64² = 32768)
    assert count_parameters(ReLUFFN(d)) == 32768


def test_swiglu_matches_functional_reference():
    torch.manual_seed(4)
    ffn = SwiGLUFFN(12, hidden_dim=20)
    x = torch.randn(2, 3, 12)
    w1, w3, w2 = ffn.w_gate.weight, ffn.w_up.weight, ffn.w_down.weight
    a = x @ w1.T
    ref = ((a * torch.sigmoid(a)) * (x @ w3.T)) @ w2.T
    torch.testing.assert_close(ffn(x), ref, rtol=1e-5, atol=1e-6)
    assert ffn(x).shape == (2, 3, 12)


def test_swiglu_gate_is_silu_not_sigmoid():
    # Regression guard: with W_up = identity-like, output follows SiLU(z) = z·sigmoid(z).
    ffn = SwiGLUFFN(1, hidden_dim=1)
    with torch.no_grad():
        ffn.w_gate.weight.fill_(1.0)
        ffn.w_up.weight.fill_(1.0)
        ffn.w_down.weight.fill_(1.0)
    z = torch.tensor([[-2.0], [0.0], [3.0]])
    torch.testing.assert_close(ffn(z), F.silu(z) * z)


def test_rmsnorm_core_computes_float64_input_in_float32():
    # the whiteboard version always computes in float32; the parity class keeps float64
    x = torch.tensor([[1.0, 1e-9, 2.0, 3.0]], dtype=torch.float64)
    core, parity = RMSNorm(4)(x), TorchRMSNorm(4, eps=1e-6)(x)
    assert core.dtype == parity.dtype == torch.float64
    reference = x / torch.sqrt((x * x).mean(-1, keepdim=True) + 1e-6)
    torch.testing.assert_close(parity, reference, rtol=0, atol=1e-15)
    assert (core - reference).abs().max().item() > 1e-12  # float32 rounding is visible
    torch.testing.assert_close(core, reference, rtol=0, atol=1e-6)


def test_torch_rmsnorm_bfloat16_matches_torch_and_keeps_dtype():
    torch.manual_seed(5)
    x = (torch.randn(3, 16) * 4).to(torch.bfloat16)
    ours, ref = TorchRMSNorm(16), nn.RMSNorm(16, dtype=torch.bfloat16)
    out = ours(x)
    assert out.dtype == torch.bfloat16
    torch.testing.assert_close(out.float(), _rmsnorm_fp32_reference(x, eps=torch.finfo(torch.float32).eps),
                               rtol=2 ** -8, atol=1e-6)
    torch.testing.assert_close(out, ref(x), rtol=2 ** -7, atol=1e-6)


def test_swiglu_default_multiple_of_is_256():
    assert swiglu_hidden_dim(4096) == 11008
    assert SwiGLUFFN(48).hidden_dim == 256  # int(8 * 48 / 3) = 128, rounded up to a multiple of 256


def test_relu_ffn_forward_by_hand():
    ffn = ReLUFFN(2, ffn_mult=2)
    with torch.no_grad():
        ffn.fc1.weight.copy_(torch.tensor([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]]))
        ffn.fc2.weight.copy_(torch.tensor([[1.0, 1.0, 1.0, 1.0], [1.0, 0.0, 0.0, 0.0]]))
    # hidden = [1, -2, -1, 2] -> ReLU -> [1, 0, 0, 2]
    assert ffn(torch.tensor([[1.0, -2.0]])).tolist() == [[3.0, 1.0]]
