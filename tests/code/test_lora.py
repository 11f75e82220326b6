"""Tests for docs/code/src/lora.py: zero-initialised B, merge / unmerge equivalence with
F.linear on W + (alpha/r)·B A, which parameters train, and parameter counts."""


import pytest
import torch

from tests.code.threads import single_thread
import torch.nn.functional as F
from torch import nn

from lora import LoRALinear, apply_lora, count_trainable, lora_parameter_count



def make_lora(seed: int = 0, r: int = 4, alpha: float = 8.0, random_b: bool = True) -> LoRALinear:
    torch.manual_seed(seed)
    layer = LoRALinear(nn.Linear(12, 10), r=r, alpha=alpha)
    if random_b:
        with torch.no_grad():
            layer.lora_B.normal_()  # pretend training has moved B away from zero
    return layer


def test_lora_zero_b_leaves_base_output_unchanged():
    torch.manual_seed(0)
    base = nn.Linear(12, 10)
    x = torch.randn(2, 5, 12)
    expected = base(x)
    layer = LoRALinear(base, r=4, alpha=8)
    assert torch.count_nonzero(layer.lora_B) == 0
    assert torch.count_nonzero(layer.lora_A) > 0  # A is random, otherwise B would get no gradient
    assert torch.equal(layer(x), expected)


def test_lora_forward_matches_formula_with_f_linear():
    layer = make_lora(1, r=3, alpha=6.0)
    x = torch.randn(4, 12)
    W, b = layer.base.weight, layer.base.bias
    expected = F.linear(x, W + (6.0 / 3) * layer.lora_B @ layer.lora_A, b)
    torch.testing.assert_close(layer(x), expected, rtol=1e-5, atol=1e-5)


def test_lora_merged_equals_unmerged():
    layer = make_lora(2)
    x = torch.randn(3, 7, 12)
    unmerged = layer(x)
    layer.merge()
    assert layer.merged
    merged = layer(x)
    torch.testing.assert_close(merged, unmerged, rtol=1e-5, atol=1e-5)
    # merged forward is a plain linear layer with the updated weight
    torch.testing.assert_close(merged, F.linear(x, layer.base.weight, layer.base.bias), rtol=0, atol=0)


def test_lora_merge_is_idempotent_and_unmerge_restores_weight():
    layer = make_lora(3)
    original = layer.base.weight.detach().clone()
    layer.merge()
    once = layer.base.weight.detach().clone()
    layer.merge()  # second call must not add ΔW again
    torch.testing.assert_close(layer.base.weight, once, rtol=0, atol=0)
    assert not torch.allclose(once, original)
    layer.unmerge()
    assert not layer.merged
    torch.testing.assert_close(layer.base.weight, original, rtol=0, atol=1e-6)


def test_lora_only_a_and_b_require_grad():
    layer = make_lora(4, random_b=False)
    trainable = {name for name, p in layer.named_parameters() if p.requires_grad}
    assert trainable == {"lora_A", "lora_B"}
    layer(torch.randn(5, 12)).pow(2).sum().backward()
    assert layer.base.weight.grad is None and layer.base.bias.grad is None
    # with B = 0 the first gradient reaches B only: dL/dA = scaling · Bᵀ (...) = 0
    assert torch.count_nonzero(layer.lora_B.grad) > 0
    assert torch.count_nonzero(layer.lora_A.grad) == 0


@pytest.mark.parametrize(
    ("d_in", "d_out", "r", "expected"),
    [(12, 10, 1, 22), (12, 10, 4, 88), (4096, 4096, 8, 65536), (4096, 11008, 16, 241664)],
)
def test_lora_parameter_count(d_in, d_out, r, expected):
    assert lora_parameter_count(d_in, d_out, r) == expected
    if d_in * d_out <= 10_000:  # build the small ones for real
        layer = LoRALinear(nn.Linear(d_in, d_out), r=r)
        assert count_trainable(layer) == r * (d_in + d_out)
        assert sum(p.numel() for p in layer.parameters()) == d_in * d_out + d_out + r * (d_in + d_out)
    if d_in >= 4096:  # e.g. 4096x4096 with r=8 trains 0.39% of the weight matrix
        assert expected / (d_in * d_out) < 0.01


class TinyAttentionProjections(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.q_proj = nn.Linear(8, 8)
        self.k_proj = nn.Linear(8, 8)
        self.v_proj = nn.Linear(8, 8)
        self.mlp = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 8))

    def forward(self, x):
        return self.mlp(self.q_proj(x) + self.k_proj(x) * self.v_proj(x))


def test_apply_lora_replaces_targets_and_freezes_the_rest():
    torch.manual_seed(5)
    model = TinyAttentionProjections()
    x = torch.randn(4, 8)
    before = model(x).detach()
    apply_lora(model, {"q_proj", "v_proj"}, r=2, alpha=4)
    assert isinstance(model.q_proj, LoRALinear) and isinstance(model.v_proj, LoRALinear)
    assert isinstance(model.k_proj, nn.Linear) and not isinstance(model.k_proj, LoRALinear)
    assert count_trainable(model) == 2 * lora_parameter_count(8, 8, 2) == 64
    torch.testing.assert_close(model(x), before, rtol=0, atol=0)  # B = 0: unchanged at init


def test_apply_lora_finds_nested_linear_layers():
    model = nn.Sequential(nn.Sequential(nn.Linear(4, 4), nn.ReLU()), nn.Linear(4, 2))
    apply_lora(model, {"0"}, r=1)  # names "0" (a Sequential, skipped) and "0.0" (a Linear)
    assert isinstance(model[0][0], LoRALinear)
    assert isinstance(model[1], nn.Linear)
    assert count_trainable(model) == 1 * (4 + 4)


def test_lora_training_fits_low_rank_update_and_keeps_base_frozen():
    torch.manual_seed(6)
    base = nn.Linear(16, 16)
    target_delta = torch.randn(16, 2) @ torch.randn(2, 16) * 0.3  # rank-2 change
    teacher_w = base.weight.detach() + target_delta
    layer = LoRALinear(base, r=2, alpha=2)
    frozen = base.weight.detach().clone()
    opt = torch.optim.Adam([p for p in layer.parameters() if p.requires_grad], lr=3e-2)
    x = torch.randn(256, 16)
    y = F.linear(x, teacher_w, base.bias.detach())
    first = F.mse_loss(layer(x), y).item()
    with single_thread():
        for _ in range(300):
            loss = F.mse_loss(layer(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
    assert loss.item() < 1e-3 * first
    assert torch.equal(base.weight, frozen)
    torch.testing.assert_close(layer.delta_weight(), target_delta, rtol=0, atol=5e-2)


def test_lora_rejects_non_positive_rank():
    with pytest.raises(ValueError, match="r 必须 ≥ 1,收到 0"):
        LoRALinear(nn.Linear(3, 3), r=0)


def test_apply_lora_passes_dropout_to_the_lora_branch():
    model = TinyAttentionProjections()
    apply_lora(model, {"q_proj"}, r=2, dropout=0.25)
    assert model.q_proj.dropout.p == 0.25
    default = apply_lora(nn.Sequential(nn.Linear(4, 4)), {"0"}, r=1)
    assert default[0].dropout.p == 0.0  # off unless asked for


def test_lora_dropout_applies_to_the_branch_input_only():
    torch.manual_seed(0)
    layer = LoRALinear(nn.Linear(6, 4), r=2, alpha=4.0, dropout=0.5)
    with torch.no_grad():
        layer.lora_B.normal_()  # non-zero B so the branch contributes
    x = torch.randn(3, 6)
    torch.manual_seed(123)
    out = layer.train()(x)
    # by hand with the same seed: the keep-mask that dropout draws for a tensor of x's shape (3, 6),
    # read off a unit input; kept values are scaled by 1 / (1 - p) = 2
    torch.manual_seed(123)
    keep = F.dropout(torch.ones(3, 6), 0.5, training=True) * 0.5
    assert set(keep.unique().tolist()) == {0.0, 1.0}
    delta = ((x * keep * 2.0) @ layer.lora_A.T @ layer.lora_B.T) * 2.0  # scaling = alpha / r = 2
    torch.testing.assert_close(out, layer.base(x) + delta, rtol=0, atol=1e-6)
    # eval: no dropout at all
    torch.testing.assert_close(layer.eval()(x), layer.base(x) + 2.0 * (x @ layer.lora_A.T @ layer.lora_B.T),
                               rtol=0, atol=1e-6)


def test_lora_a_uses_linear_default_init_bound():
    # kaiming_uniform_(a=sqrt(5)) draws from U(-1/sqrt(in), 1/sqrt(in)), the same as nn.Linear's weight
    torch.manual_seed(7)
    a = LoRALinear(nn.Linear(64, 8), r=8).lora_A.detach()
    assert a.abs().max().item() <= 1 / 8
    assert a.abs().max().item() > 0.12  # 512 draws: the largest is close to the bound 0.125


def test_apply_lora_passes_alpha_and_defaults_to_alpha_one():
    assert LoRALinear(nn.Linear(4, 4), r=2).scaling == 0.5  # default alpha 1
    model = apply_lora(TinyAttentionProjections(), {"q_proj"}, r=2)
    assert model.q_proj.scaling == 0.5  # alpha 1 / r 2
    model = apply_lora(TinyAttentionProjections(), {"q_proj", "0"}, r=2, alpha=8.0)  # names match on the last segment
    assert model.q_proj.scaling == 4.0 and model.mlp[0].scaling == 4.0
