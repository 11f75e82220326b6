"""Tests for docs/code/src/losses.py: cross entropy vs F.cross_entropy (ignore_index, label smoothing,
extreme logits, gradients), DPO vs its formula, InfoNCE vs a loop-based reference, and the
distillation loss vs F.kl_div with the T² factor."""

import math

import pytest
import torch
import torch.nn.functional as F

from losses import cross_entropy, distillation_loss, dpo_loss, info_nce_loss, sequence_logprob


@pytest.mark.parametrize("label_smoothing", [0.0, 0.1, 0.3])
@pytest.mark.parametrize("with_ignored", [False, True])
def test_cross_entropy_matches_torch(label_smoothing, with_ignored):
    torch.manual_seed(0)
    logits = torch.randn(9, 7, requires_grad=True)
    target = torch.randint(0, 7, (9,))
    if with_ignored:
        target[[1, 4, 5]] = -100
    ours = cross_entropy(logits, target, label_smoothing=label_smoothing)
    ref = F.cross_entropy(logits, target, label_smoothing=label_smoothing)
    torch.testing.assert_close(ours, ref, rtol=1e-6, atol=1e-6)
    (g_ours,) = torch.autograd.grad(ours, logits)
    (g_ref,) = torch.autograd.grad(ref, logits)
    torch.testing.assert_close(g_ours, g_ref, rtol=1e-5, atol=1e-7)
    if with_ignored:
        assert torch.count_nonzero(g_ours[[1, 4, 5]]) == 0  # ignored rows get no gradient


def test_cross_entropy_custom_ignore_index():
    torch.manual_seed(1)
    logits = torch.randn(6, 4)
    target = torch.tensor([0, 3, 3, 1, 2, 3])
    torch.testing.assert_close(
        cross_entropy(logits, target, ignore_index=3), F.cross_entropy(logits, target, ignore_index=3)
    )


def test_cross_entropy_extreme_logits_are_finite():
    logits = torch.tensor([[1e4, 0.0, -1e4], [-1e4, -1e4, 1e4], [3e4, 3e4, -3e4]])
    target = torch.tensor([1, 2, 0])
    ours = cross_entropy(logits, target, label_smoothing=0.1)
    ref = F.cross_entropy(logits, target, label_smoothing=0.1)
    assert torch.isfinite(ours)
    torch.testing.assert_close(ours, ref, rtol=1e-6, atol=1e-3)
    # naive softmax -> log overflows: exp(1e4) = inf, inf/inf = nan
    naive = -torch.log(torch.exp(logits) / torch.exp(logits).sum(-1, keepdim=True))[0, 1]
    assert not torch.isfinite(naive)


def test_cross_entropy_all_ignored_is_nan_like_torch():
    logits = torch.randn(2, 3)
    target = torch.tensor([-100, -100])
    assert torch.isnan(cross_entropy(logits, target))  # 0 / 0:没有有效 token 时平均值无定义(F.cross_entropy 同样)


def test_sequence_logprob_matches_loop():
    torch.manual_seed(2)
    B, T, V = 2, 6, 5
    logits = torch.randn(B, T, V)
    labels = torch.randint(0, V, (B, T))
    mask = torch.tensor([[0, 0, 1, 1, 1, 1], [0, 0, 0, 1, 1, 0]])  # prompt, response, padding
    expected = torch.zeros(B)
    for b in range(B):
        for t in range(1, T):
            if mask[b, t]:
                expected[b] += torch.log_softmax(logits[b, t - 1], -1)[labels[b, t]]
    torch.testing.assert_close(sequence_logprob(logits, labels, mask), expected)


def dpo_reference(pc, pr, rc, rr, beta):
    """−log σ(β[(log π(y_w|x) − log π_ref(y_w|x)) − (log π(y_l|x) − log π_ref(y_l|x))]), averaged, in Python floats."""
    losses = []
    for a, b, c, d in zip(pc.tolist(), pr.tolist(), rc.tolist(), rr.tolist()):
        z = beta * ((a - c) - (b - d))
        losses.append(-math.log(1.0 / (1.0 + math.exp(-z))))
    return sum(losses) / len(losses)


@pytest.mark.parametrize("beta", [0.1, 0.5, 2.0])
def test_dpo_loss_matches_formula(beta):
    torch.manual_seed(3)
    pc, pr, rc, rr = (torch.randn(16, dtype=torch.float64) * 5 - 20 for _ in range(4))
    assert dpo_loss(pc, pr, rc, rr, beta).item() == pytest.approx(dpo_reference(pc, pr, rc, rr, beta), rel=1e-12)


def test_dpo_loss_is_log2_at_reference_and_stable_for_large_margins():
    z = torch.zeros(3)
    assert dpo_loss(z, z, z, z, beta=0.3).item() == pytest.approx(math.log(2), rel=1e-6)
    # margin −2000 with β = 0.1: z = −200, loss = softplus(200) = 200 (to float precision);
    # the naive −log(sigmoid(z)) underflows to −log(0) = inf in float32
    pc, pr = torch.tensor([-2000.0]), torch.tensor([0.0])
    loss = dpo_loss(pc, pr, torch.zeros(1), torch.zeros(1), beta=0.1)
    assert loss.item() == pytest.approx(200.0, rel=1e-6)
    assert torch.isinf(-torch.log(torch.sigmoid(torch.tensor(-200.0))))


def test_dpo_loss_gradient_raises_chosen_and_lowers_rejected():
    pc = torch.tensor([-5.0], requires_grad=True)
    pr = torch.tensor([-4.0], requires_grad=True)
    loss = dpo_loss(pc, pr, torch.tensor([-5.0]), torch.tensor([-5.0]), beta=0.5)
    loss.backward()
    assert pc.grad.item() < 0 < pr.grad.item()  # gradient descent increases log π(y_w), decreases log π(y_l)
    z = 0.5 * ((-5.0 + 5.0) - (-4.0 + 5.0))
    assert pc.grad.item() == pytest.approx(-0.5 * (1 - 1 / (1 + math.exp(-z))), rel=1e-6)


def test_dpo_loss_end_to_end_with_sequence_logprob():
    torch.manual_seed(4)
    B, T, V = 3, 5, 7
    policy, ref = torch.randn(B, T, V), torch.randn(B, T, V)
    chosen, rejected = torch.randint(0, V, (B, T)), torch.randint(0, V, (B, T))
    mask = torch.tensor([[0, 1, 1, 1, 1]] * B)
    loss = dpo_loss(
        sequence_logprob(policy, chosen, mask),
        sequence_logprob(policy, rejected, mask),
        sequence_logprob(ref, chosen, mask),
        sequence_logprob(ref, rejected, mask),
        beta=0.1,
    )
    expected = dpo_reference(
        sequence_logprob(policy, chosen, mask).double(),
        sequence_logprob(policy, rejected, mask).double(),
        sequence_logprob(ref, chosen, mask).double(),
        sequence_logprob(ref, rejected, mask).double(),
        0.1,
    )
    assert loss.item() == pytest.approx(expected, rel=1e-5)


def info_nce_reference(img, txt, temperature):
    """Loop version: for every row and every column, −log(exp(s_ii) / Σ_j exp(s_ij))."""
    B = img.shape[0]
    img = [[x / math.sqrt(sum(y * y for y in v)) for x in v] for v in img.tolist()]
    txt = [[x / math.sqrt(sum(y * y for y in v)) for x in v] for v in txt.tolist()]
    sim = [[sum(a * b for a, b in zip(img[i], txt[j])) / temperature for j in range(B)] for i in range(B)]
    i2t = sum(-sim[i][i] + math.log(sum(math.exp(sim[i][j]) for j in range(B))) for i in range(B)) / B
    t2i = sum(-sim[j][j] + math.log(sum(math.exp(sim[i][j]) for i in range(B))) for j in range(B)) / B
    return (i2t + t2i) / 2


@pytest.mark.parametrize("temperature", [0.07, 0.5, 1.0])
def test_info_nce_matches_loop_reference(temperature):
    torch.manual_seed(5)
    img, txt = torch.randn(6, 8, dtype=torch.float64), torch.randn(6, 8, dtype=torch.float64)
    ours = info_nce_loss(img, txt, temperature).item()
    assert ours == pytest.approx(info_nce_reference(img, txt, temperature), rel=1e-10)


def test_info_nce_is_symmetric_and_not_one_sided():
    torch.manual_seed(6)
    img, txt = torch.randn(5, 4), torch.randn(5, 4)
    torch.testing.assert_close(info_nce_loss(img, txt), info_nce_loss(txt, img))
    # the two directions differ, so the average is not just the image-to-text term
    logits = F.normalize(img, dim=-1) @ F.normalize(txt, dim=-1).T / 0.07
    one_sided = F.cross_entropy(logits, torch.arange(5))
    assert abs(info_nce_loss(img, txt).item() - one_sided.item()) > 1e-3


def test_info_nce_perfect_alignment_and_batch_of_one():
    emb = torch.eye(4, dtype=torch.float64) * 3.0  # orthogonal, matched pairs: similarity 1 on the diagonal, 0 elsewhere
    expected = -math.log(math.exp(1 / 0.1) / (math.exp(1 / 0.1) + 3))
    assert info_nce_loss(emb, emb, temperature=0.1).item() == pytest.approx(expected, rel=1e-5)
    assert info_nce_loss(torch.randn(1, 4), torch.randn(1, 4)).item() == pytest.approx(0.0, abs=1e-7)


@pytest.mark.parametrize("temperature", [1.0, 2.0, 5.0])
def test_distillation_loss_matches_kl_div_with_t_squared(temperature):
    torch.manual_seed(7)
    student, teacher = torch.randn(8, 10), torch.randn(8, 10) * 3
    ref = F.kl_div(
        F.log_softmax(student / temperature, dim=-1),
        F.softmax(teacher / temperature, dim=-1),
        reduction="batchmean",
    ) * temperature**2
    torch.testing.assert_close(distillation_loss(student, teacher, temperature), ref, rtol=1e-5, atol=1e-6)
    # reduction="mean" divides by N·C instead of N: a classic bug, off by a factor of C = 10
    with pytest.warns(UserWarning, match="batchmean"):  # PyTorch itself warns about this
        wrong = F.kl_div(
            F.log_softmax(student / temperature, -1), F.softmax(teacher / temperature, -1), reduction="mean"
        )
    torch.testing.assert_close(wrong * 10 * temperature**2, ref, rtol=1e-5, atol=1e-6)


def test_distillation_loss_gradient_is_t_times_probability_gap():
    # d/ds [T² · KL] = T · (softmax(s/T) − softmax(t/T)) / N: the T² keeps the gradient scale O(1/T), not O(1/T²)
    torch.manual_seed(8)
    T, N = 4.0, 5
    student = torch.randn(N, 6, requires_grad=True)
    teacher = torch.randn(N, 6)
    distillation_loss(student, teacher, T).backward()
    expected = T * (torch.softmax(student.detach() / T, -1) - torch.softmax(teacher / T, -1)) / N
    torch.testing.assert_close(student.grad, expected, rtol=1e-5, atol=1e-7)


def test_distillation_loss_with_hard_labels_mixes_terms():
    torch.manual_seed(9)
    student, teacher = torch.randn(4, 3), torch.randn(4, 3)
    labels = torch.tensor([0, 2, 1, 1])
    soft = distillation_loss(student, teacher, 3.0)
    hard = F.cross_entropy(student, labels)
    mixed = distillation_loss(student, teacher, 3.0, labels=labels, alpha=0.7)
    torch.testing.assert_close(mixed, 0.7 * soft + 0.3 * hard)
    assert distillation_loss(teacher, teacher, 3.0).item() == pytest.approx(0.0, abs=1e-7)


def test_dpo_loss_default_beta_is_0_1():
    pc, pr = torch.tensor([-3.0, -7.0], dtype=torch.float64), torch.tensor([-5.0, -4.0], dtype=torch.float64)
    rc, rr = torch.tensor([-4.0, -6.0], dtype=torch.float64), torch.tensor([-4.5, -6.5], dtype=torch.float64)
    assert dpo_loss(pc, pr, rc, rr).item() == pytest.approx(dpo_reference(pc, pr, rc, rr, 0.1), rel=1e-12)


def test_info_nce_default_temperature_is_0_07():
    torch.manual_seed(10)
    img, txt = torch.randn(4, 5, dtype=torch.float64), torch.randn(4, 5, dtype=torch.float64)
    assert info_nce_loss(img, txt).item() == pytest.approx(info_nce_reference(img, txt, 0.07), rel=1e-10)


def test_info_nce_builds_labels_on_the_input_device():
    # meta 设备只传播形状:标签若建在 CPU 上,F.cross_entropy 会报设备不一致
    img, txt = torch.randn(3, 4, device="meta"), torch.randn(3, 4, device="meta")
    loss = info_nce_loss(img, txt)
    assert loss.device.type == "meta" and loss.shape == ()


def test_distillation_loss_defaults_are_t2_and_soft_only():
    torch.manual_seed(11)
    student, teacher = torch.randn(5, 6, dtype=torch.float64), torch.randn(5, 6, dtype=torch.float64)
    ref = F.kl_div(F.log_softmax(student / 2.0, -1), F.softmax(teacher / 2.0, -1), reduction="batchmean") * 4.0
    torch.testing.assert_close(distillation_loss(student, teacher), ref, rtol=1e-12, atol=1e-12)
    # 默认 alpha = 1:给了 labels 也只剩软损失
    labels = torch.tensor([0, 1, 2, 3, 4])
    torch.testing.assert_close(distillation_loss(student, teacher, labels=labels), ref, rtol=1e-12, atol=1e-12)


def test_distillation_loss_on_token_logits_averages_over_tokens():
    # (B, T, V) 的逐 token 蒸馏:类别维是最后一维,结果等于把 B·T 个 token 摊平后的 batchmean KL · T²
    torch.manual_seed(12)
    student, teacher = torch.randn(2, 3, 5, dtype=torch.float64), torch.randn(2, 3, 5, dtype=torch.float64) * 2
    T = 1.5
    ref = F.kl_div(
        F.log_softmax(student.reshape(6, 5) / T, -1), F.softmax(teacher.reshape(6, 5) / T, -1), reduction="batchmean"
    ) * T**2
    torch.testing.assert_close(distillation_loss(student, teacher, T), ref, rtol=1e-12, atol=1e-12)
