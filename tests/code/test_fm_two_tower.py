"""FM 的 O(kn) 恒等式对照暴力两两求和;DeepFM、双塔的形状与梯度;in-batch softmax(含 logQ)对照手算。

float64 下 FM 恒等式误差 1e-10;损失与 math 手算误差 1e-12。种子 torch.manual_seed(0..4)。
"""

import math

import pytest
import torch
import torch.nn.functional as F

from fm_two_tower import FM, DeepFM, TwoTower, fm_pairwise, fm_pairwise_brute_force, in_batch_softmax_loss


@pytest.mark.parametrize("seed", range(5))
def test_fm_pairwise_identity_matches_brute_force(seed):
    torch.manual_seed(seed)
    emb = torch.randn(8, 7, 4, dtype=torch.float64)
    torch.testing.assert_close(fm_pairwise(emb), fm_pairwise_brute_force(emb), rtol=0, atol=1e-10)


def test_fm_pairwise_two_fields_is_their_dot_product():
    emb = torch.tensor([[[1.0, 2.0], [3.0, -1.0]]])  # <v1, v2> = 3 − 2 = 1
    assert fm_pairwise(emb).tolist() == [1.0]


def test_fm_forward_equals_definition_for_one_hot_fields():
    torch.manual_seed(0)
    model = FM(num_features=10, k=3).double()
    ids = torch.tensor([[0, 4, 7], [1, 4, 9]])
    w0 = model.bias.item()
    w = model.linear.weight[:, 0].detach()
    v = model.embedding.weight.detach()
    expected = []
    for row in ids.tolist():
        pairs = sum(float(v[a] @ v[b]) for i, a in enumerate(row) for b in row[i + 1 :])
        expected.append(w0 + sum(float(w[a]) for a in row) + pairs)
    torch.testing.assert_close(model(ids), torch.tensor(expected, dtype=torch.float64), rtol=0, atol=1e-12)


def test_deepfm_shapes_and_gradients_reach_every_part():
    torch.manual_seed(1)
    model = DeepFM(num_features=20, num_fields=4, k=5, hidden=(16, 8))
    ids = torch.randint(0, 20, (6, 4))
    logit = model(ids)
    assert logit.shape == (6,)
    F.binary_cross_entropy_with_logits(logit, torch.ones(6)).backward()
    for name, param in model.named_parameters():
        assert param.grad is not None and param.grad.abs().sum() > 0, name


def test_deepfm_is_fm_plus_dnn_on_shared_embedding():
    torch.manual_seed(2)
    model = DeepFM(num_features=12, num_fields=3, k=4)
    ids = torch.randint(0, 12, (5, 3))
    dnn_part = model.dnn(model.embedding(ids).flatten(1)).squeeze(-1)
    torch.testing.assert_close(model(ids), FM.forward(model, ids) + dnn_part)


def test_two_tower_outputs_unit_vectors_and_loss_gradients_flow_to_both_towers():
    torch.manual_seed(3)
    model = TwoTower(user_dim=6, item_dim=9, d=4)
    u, i = model(torch.randn(5, 6), torch.randn(5, 9))
    assert u.shape == i.shape == (5, 4)
    torch.testing.assert_close(u.norm(dim=-1), torch.ones(5))
    torch.testing.assert_close(i.norm(dim=-1), torch.ones(5))
    in_batch_softmax_loss(u, i, temperature=0.1).backward()
    assert all(p.grad is not None and p.grad.abs().sum() > 0 for p in model.parameters())


def _hand_loss(scores, log_q=None):
    """手算:每行 −log softmax 的对角线元素,再平均。scores 为 Python 列表的 (B, B)。"""
    total = 0.0
    for b, row in enumerate(scores):
        logits = [s - (log_q[j] if log_q else 0.0) for j, s in enumerate(row)]
        total += -logits[b] + math.log(sum(math.exp(z) for z in logits))
    return total / len(scores)


def test_in_batch_softmax_loss_equals_hand_computation_with_and_without_log_q():
    user = torch.tensor([[1.0, 0.0], [0.6, 0.8]], dtype=torch.float64)
    item = torch.tensor([[0.8, 0.6], [0.0, 1.0]], dtype=torch.float64)
    tau = 0.5
    # <u, i> / τ:[[0.8, 0], [0.96, 0.8]] / 0.5
    scores = [[1.6, 0.0], [1.92, 1.6]]
    log_q = [math.log(0.2), math.log(0.01)]  # 物品 0 热门,物品 1 冷门
    plain = in_batch_softmax_loss(user, item, temperature=tau)
    corrected = in_batch_softmax_loss(user, item, torch.tensor(log_q, dtype=torch.float64), temperature=tau)
    assert plain.item() == pytest.approx(_hand_loss(scores), abs=1e-12)
    assert corrected.item() == pytest.approx(_hand_loss(scores, log_q), abs=1e-12)
    assert plain.item() == pytest.approx(0.5248968, abs=1e-6)
    assert corrected.item() == pytest.approx(0.8417923, abs=1e-6)


def test_in_batch_softmax_masks_duplicate_items_as_negatives():
    user = torch.tensor([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    item = torch.tensor([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    ids = torch.tensor([7, 7, 3])  # 前两行是同一物品
    loss = in_batch_softmax_loss(user, item, temperature=1.0, item_ids=ids)
    # 行 0、1:对角线 1,另一个 7 被屏蔽,剩下物品 3 得分 0;行 2:对角线 1,两个 7 得分 0
    expected = (2 * math.log(1 + math.exp(-1)) + math.log(1 + 2 * math.exp(-1))) / 3
    assert loss.item() == pytest.approx(expected, abs=1e-6)
    unmasked = in_batch_softmax_loss(user, item, temperature=1.0)
    assert unmasked.item() > loss.item() + 0.1


def test_in_batch_softmax_loss_runs_on_the_input_device():
    # meta 张量只有形状:在 CPU 上新建的对角线 mask / 标签和 meta 的 logits 相遇会报错
    emb = torch.zeros(4, 3, device="meta")
    loss = in_batch_softmax_loss(emb, emb, item_log_q=torch.zeros(4, device="meta"),
                                 item_ids=torch.tensor([1, 2, 1, 3], device="meta"))
    assert loss.device.type == "meta" and loss.shape == ()


def test_two_tower_towers_are_nonlinear_mlps_with_default_hidden_64():
    # 仿射映射满足 f(x) + f(-x) = 2 f(0);带 ReLU 的两层 MLP 一般不满足
    torch.manual_seed(5)
    model = TwoTower(user_dim=6, item_dim=9, d=4)
    assert model.user_tower[0].out_features == 64 and model.item_tower[0].out_features == 64
    for tower, dim in ((model.user_tower, 6), (model.item_tower, 9)):
        x = torch.randn(8, dim)
        gap = tower(x) + tower(-x) - 2 * tower(torch.zeros(1, dim))
        assert gap.abs().max() > 1e-2


def test_in_batch_softmax_loss_default_temperature_is_0_05():
    # 正交单位向量:对角线打分 1 / 0.05 = 20,其余 0;每行损失 log(1 + e^-20)
    u = torch.eye(2, dtype=torch.float64)
    assert math.isclose(in_batch_softmax_loss(u, u).item(), math.log1p(math.exp(-20.0)), rel_tol=1e-6)


def test_fm_embedding_is_initialised_with_std_0_01():
    torch.manual_seed(6)
    weight = FM(num_features=20000, k=8).embedding.weight
    assert 0.0097 < weight.std().item() < 0.0103 and abs(weight.mean().item()) < 1e-3
