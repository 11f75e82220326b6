"""MMoE 对照逐任务、逐专家的循环实现;门控每个任务和为 1;单专家退化为 Shared-Bottom;梯度流向全部参数。

float64,误差 1e-12;种子 torch.manual_seed(0..3)。
"""

import pytest
import torch
import torch.nn.functional as F

from mmoe import MMoE, MMoEModel


def _loop_reference(layer: MMoE, x: torch.Tensor) -> torch.Tensor:
    """逐样本、逐任务地按定义 Σ_e softmax(W_t x)_e · f_e(x) 计算。"""
    out = torch.zeros(len(layer.gates), x.shape[0], layer.experts[0][0].out_features, dtype=x.dtype)
    for t, gate in enumerate(layer.gates):
        for b in range(x.shape[0]):
            logits = gate.weight @ x[b] + gate.bias
            weights = torch.exp(logits) / torch.exp(logits).sum()
            for e, expert in enumerate(layer.experts):
                out[t, b] += weights[e] * torch.relu(expert[0].weight @ x[b] + expert[0].bias)
    return out


@pytest.mark.parametrize("seed", range(4))
def test_mmoe_matches_loop_reference(seed):
    torch.manual_seed(seed)
    layer = MMoE(input_dim=6, expert_dim=5, num_experts=4, num_tasks=3).double()
    x = torch.randn(7, 6, dtype=torch.float64)
    outputs, gates = layer(x)
    assert outputs.shape == (3, 7, 5) and gates.shape == (3, 7, 4)
    torch.testing.assert_close(outputs, _loop_reference(layer, x).detach(), rtol=0, atol=1e-12)


def test_mmoe_gates_sum_to_one_per_task_and_differ_between_tasks():
    torch.manual_seed(0)
    layer = MMoE(input_dim=6, expert_dim=5, num_experts=4, num_tasks=2).double()
    _, gates = layer(torch.randn(10, 6, dtype=torch.float64))
    torch.testing.assert_close(gates.sum(dim=-1), torch.ones(2, 10, dtype=torch.float64), rtol=0, atol=1e-12)
    assert (gates > 0).all()
    assert (gates[0] - gates[1]).abs().max() > 1e-3  # 两个任务的门控各自独立


def test_mmoe_with_one_expert_is_shared_bottom():
    torch.manual_seed(1)
    layer = MMoE(input_dim=4, expert_dim=3, num_experts=1, num_tasks=2)
    x = torch.randn(5, 4)
    outputs, gates = layer(x)
    assert gates.eq(1.0).all()
    shared = layer.experts[0](x)
    torch.testing.assert_close(outputs[0], shared)
    torch.testing.assert_close(outputs[1], shared)


def test_mmoe_model_gradients_reach_every_expert_gate_and_tower():
    torch.manual_seed(2)
    model = MMoEModel(input_dim=8, expert_dim=6, num_experts=3, num_tasks=2)
    x = torch.randn(32, 8)
    logits = model(x)
    assert logits.shape == (32, 2)
    labels = torch.randint(0, 2, (32, 2)).float()
    F.binary_cross_entropy_with_logits(logits, labels).backward()
    for name, param in model.named_parameters():
        assert param.grad is not None and param.grad.abs().sum() > 0, name


def test_mmoe_task_loss_does_not_reach_other_task_gate():
    torch.manual_seed(3)
    model = MMoEModel(input_dim=8, expert_dim=6, num_experts=3, num_tasks=2)
    logits = model(torch.randn(16, 8))
    logits[:, 0].sum().backward()  # 只有任务 0 的损失
    assert model.mmoe.gates[1].weight.grad is None or model.mmoe.gates[1].weight.grad.abs().sum() == 0
    assert model.mmoe.gates[0].weight.grad.abs().sum() > 0


def test_mmoe_model_towers_are_nonlinear_with_default_hidden_16():
    # 塔是 Linear-ReLU-Linear:仿射映射满足 f(h) + f(-h) = 2 f(0),这里不满足
    torch.manual_seed(4)
    model = MMoEModel(input_dim=8, expert_dim=6, num_experts=3, num_tasks=2)
    for tower in model.towers:
        assert tower[0].out_features == 16
        h = torch.randn(10, 6)
        assert (tower(h) + tower(-h) - 2 * tower(torch.zeros(1, 6))).abs().max() > 1e-3
