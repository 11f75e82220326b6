"""F36 MoE top-k 路由:对照逐 token 的朴素循环(float64,atol=1e-12)、辅助损失对照公式、专家容量的丢弃行为。"""

import math

import pytest
import torch

from moe import TopKMoE, capacity_mask, expert_load, load_balancing_loss, router_z_loss
from tests.code.threads import single_thread

ATOL = 1e-12


@pytest.fixture(autouse=True)
def _one_thread():
    with single_thread():
        yield


def _moe(seed: int, **kw) -> TopKMoE:
    torch.manual_seed(seed)
    return TopKMoE(**{"d_model": 6, "d_hidden": 10, "num_experts": 4, "k": 2, **kw}).double()


def _naive_moe(moe: TopKMoE, x: torch.Tensor) -> torch.Tensor:
    """逐 token:softmax -> 排序取前 k -> 归一化 -> 加权求和各专家输出。"""
    tokens = x.reshape(-1, x.size(-1))
    rows = []
    for t in tokens:
        p = torch.softmax(moe.router(t), dim=-1)
        chosen = sorted(range(moe.num_experts), key=lambda e: -p[e].item())[: moe.k]
        total = sum(p[e] for e in chosen) if moe.normalize_topk else 1.0
        rows.append(sum(p[e] / total * moe.experts[e](t) for e in chosen))
    return torch.stack(rows).view(x.shape)


@pytest.mark.parametrize("k,normalize", [(1, False), (2, True), (2, False), (3, True)])
def test_moe_matches_naive_per_token_loop(k, normalize):
    moe = _moe(0, k=k, normalize_topk=normalize)
    x = torch.randn(3, 7, 6, generator=torch.Generator().manual_seed(1), dtype=torch.float64)
    y, _, kept = moe(x)
    assert kept.all()
    torch.testing.assert_close(y, _naive_moe(moe, x), atol=ATOL, rtol=0)


def test_moe_aux_loss_matches_switch_formula():
    moe = _moe(2, k=2)
    x = torch.randn(40, 6, generator=torch.Generator().manual_seed(3), dtype=torch.float64)
    _, aux, _ = moe(x)
    probs = torch.softmax(moe.router(x), dim=-1)
    top = probs.topk(2, dim=-1).indices
    E, S, k = 4, 40, 2
    f = [sum(int(e in row) for row in top.tolist()) / (S * k) for e in range(E)]
    P = [probs[:, e].mean().item() for e in range(E)]
    expected = E * sum(fi * pi for fi, pi in zip(f, P))
    assert math.isclose(aux.item(), expected, rel_tol=1e-12)


def test_moe_aux_loss_is_one_when_balanced_and_near_e_when_collapsed():
    S, E = 8, 4
    uniform = torch.full((S, E), 1.0 / E, dtype=torch.float64)
    balanced_index = torch.arange(S).remainder(E)[:, None]  # 每个专家 2 个 token
    assert load_balancing_loss(uniform, balanced_index, E).item() == pytest.approx(1.0, abs=1e-15)
    collapsed = torch.zeros(S, E, dtype=torch.float64)
    collapsed[:, 0] = 1.0
    assert load_balancing_loss(collapsed, torch.zeros(S, 1, dtype=torch.long), E).item() == pytest.approx(4.0)


def test_moe_aux_loss_gradient_flows_through_mean_probability_only():
    moe = _moe(4, k=2)
    x = torch.randn(20, 6, generator=torch.Generator().manual_seed(5), dtype=torch.float64)
    _, aux, _ = moe(x)
    aux.backward()
    grad = moe.router.weight.grad.clone()
    assert grad.abs().max() > 0
    # 同样的梯度:f 当作常数,只对 P = mean(softmax) 求导
    moe.router.weight.grad = None
    probs = torch.softmax(moe.router(x), dim=-1)
    counts = torch.nn.functional.one_hot(probs.topk(2, dim=-1).indices, 4).sum(dim=(0, 1)).double()
    (4 * (counts.detach() / 40 * probs.mean(dim=0)).sum()).backward()
    torch.testing.assert_close(grad, moe.router.weight.grad, atol=ATOL, rtol=0)
    assert all(p.grad is None for p in moe.experts.parameters())  # 辅助损失不训练专家


def _steered(rows: list[list[float]]) -> tuple[TopKMoE, torch.Tensor]:
    """d_model = E,router 权重 = 单位阵,于是路由 logits 就是输入本身,方便精确控制路由。"""
    moe = _moe(6, d_model=4, capacity_factor=0.5)
    with torch.no_grad():
        moe.router.weight.copy_(torch.eye(4))
    return moe, torch.tensor(rows, dtype=torch.float64)


def test_moe_capacity_drops_by_slot_priority_then_token_order():
    # 第 1 / 第 2 选择:t0 (1, 0),t1 (0, 2),t2 (3, 2),t3 (1, 3);capacity = ceil(0.5 * 4 * 2 / 4) = 1
    moe, x = _steered([[2.0, 3, 0, -1], [3, 0, 2, -1], [-1, 0, 2, 3], [-1, 3, 0, 2]])
    y, _, kept = moe(x)
    # 专家 0 的名额先给 t1 的第 1 选择,t0 的第 2 选择虽然 token 在前也被丢弃
    assert kept.tolist() == [[True, False], [True, True], [True, False], [False, False]]
    assert torch.equal(y[3], torch.zeros(4, dtype=torch.float64))  # 全部槽位被丢弃:输出 0,残差原样通过
    torch.testing.assert_close((x + y)[3], x[3], atol=0, rtol=0)
    # 被保留的槽位保持原来的权重,不重新归一化
    p = torch.softmax(x[0], dim=-1)
    gate = p[1] / (p[1] + p[0])
    torch.testing.assert_close(y[0], gate * moe.experts[1](x[0]), atol=ATOL, rtol=0)
    chosen = torch.tensor([[1, 0], [0, 2], [3, 2], [1, 3]])
    assert torch.equal(moe.router(x).topk(2, dim=-1).indices, chosen)
    assert expert_load(chosen, kept, 4).tolist() == [1, 1, 1, 1]  # 每个专家正好处理 capacity = 1 个槽位


def test_moe_all_tokens_to_one_expert_only_first_capacity_kept():
    moe = _moe(7, d_model=4, k=1, capacity_factor=1.0)
    with torch.no_grad():
        moe.router.weight.zero_()
        moe.router.weight[0] = 10.0
    x = torch.rand(8, 4, generator=torch.Generator().manual_seed(8), dtype=torch.float64) + 0.5
    y, aux, kept = moe(x)
    assert kept[:, 0].tolist() == [True, True] + [False] * 6  # capacity = ceil(1.0 * 8 * 1 / 4) = 2
    assert (y[2:] == 0).all() and (y[:2] != 0).any()
    assert aux.item() > 3.9  # f_0 = 1,P_0 ≈ 1:接近 E = 4


def test_moe_large_capacity_changes_nothing():
    moe_free, moe_cap = _moe(9), _moe(9, capacity_factor=4.0)  # 容量 >= 所有槽位数
    x = torch.randn(2, 5, 6, generator=torch.Generator().manual_seed(10), dtype=torch.float64)
    y_free, _, _ = moe_free(x)
    y_cap, _, kept = moe_cap(x)
    assert kept.all()
    torch.testing.assert_close(y_cap, y_free, atol=0, rtol=0)


def test_moe_capacity_mask_ranks_directly():
    index = torch.tensor([[0, 1], [0, 2], [0, 1]])
    assert capacity_mask(index, 3, capacity=2).tolist() == [[True, True], [True, True], [False, True]]


def test_moe_router_z_loss_formula():
    logits = torch.tensor([[0.0, 0.0], [1.0, 3.0]], dtype=torch.float64)
    expected = (math.log(2) ** 2 + math.log(math.exp(1) + math.exp(3)) ** 2) / 2
    assert math.isclose(router_z_loss(logits).item(), expected, rel_tol=1e-14)


def test_moe_default_is_top2_without_capacity_and_kept_is_bool():
    torch.manual_seed(11)
    default = TopKMoE(d_model=6, d_hidden=10, num_experts=4).double()
    torch.manual_seed(11)
    explicit = TopKMoE(d_model=6, d_hidden=10, num_experts=4, k=2, capacity_factor=None,
                       normalize_topk=True).double()
    x = torch.randn(2, 3, 6, generator=torch.Generator().manual_seed(12), dtype=torch.float64)
    y, aux, kept = default(x)
    y_ref, aux_ref, _ = explicit(x)
    assert kept.shape == (6, 2) and kept.dtype == torch.bool and bool(kept.all())
    torch.testing.assert_close(y, y_ref, atol=0, rtol=0)
    torch.testing.assert_close(aux, aux_ref, atol=0, rtol=0)


def test_moe_expert_with_no_token_does_not_stop_the_others():
    # router = 单位阵、k = 1:4 个 token 只选专家 1、2、3,专家 0 一个都没有;后面的专家照样要算
    moe = _moe(13, d_model=4, k=1)
    with torch.no_grad():
        moe.router.weight.copy_(torch.eye(4))
    x = torch.tensor([[0.0, 3, 1, 1], [0, 1, 3, 1], [0, 1, 1, 3], [0, 3, 1, 1]], dtype=torch.float64)
    y, _, _ = moe(x)
    torch.testing.assert_close(y, _naive_moe(moe, x), atol=ATOL, rtol=0)
    assert (y.abs().sum(dim=-1) > 0).all()


def test_moe_unused_last_expert_still_counts_in_loss_and_load():
    # E = 4,两个 token 各选专家 0、1(k = 1),专家 2、3 没被选中:f = [1/2, 1/2, 0, 0],P 均匀 1/4
    probs = torch.full((2, 4), 0.25, dtype=torch.float64)
    index = torch.tensor([[0], [1]])
    assert load_balancing_loss(probs, index, 4).item() == 1.0  # 4 * (1/2 * 1/4 + 1/2 * 1/4)
    kept = torch.tensor([[True, True], [True, False], [True, True]])
    assert expert_load(torch.tensor([[0, 1], [0, 1], [1, 0]]), kept, 4).tolist() == [3, 2, 0, 0]
