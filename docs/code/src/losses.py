"""手撕四个常考损失:交叉熵(含 ignore_index 与 label smoothing)、DPO、CLIP 对比损失(InfoNCE)、
带温度的蒸馏损失(KL · T²)。全部用 log_softmax / logsumexp 保证数值稳定。

复杂度:交叉熵 / 蒸馏 O(N·C)(N 个样本,C 类);DPO O(B)(输入已是序列对数概率;
算序列对数概率本身 O(B·T·V));InfoNCE 相似度矩阵 O(B²·d) 时间、O(B²) 显存。

分段:``core`` 是白板上要写的四个损失(各 5–10 分钟);``extras`` 是给 DPO 准备输入的
sequence_logprob(logits 错一位、只对回答部分求和)。

>>> import torch
>>> logits = torch.tensor([[2.0, 0.0, -1.0], [0.0, 0.0, 0.0]])
>>> target = torch.tensor([0, 2])
>>> round(cross_entropy(logits, target).item(), 4)    # (0.1698 + 1.0986) / 2
0.6342
>>> round(cross_entropy(logits, torch.tensor([0, -100])).item(), 4)   # 第二个样本被忽略
0.1698
>>> z = torch.zeros(2)
>>> round(dpo_loss(z, z, z, z, beta=0.1).item(), 4)   # 与参考模型相同时 loss = log 2
0.6931
>>> round(distillation_loss(logits, logits, temperature=2.0).item(), 6)   # 学生等于老师:KL = 0
0.0
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

__all__ = ["cross_entropy", "sequence_logprob", "dpo_loss", "info_nce_loss", "distillation_loss"]


# --8<-- [start:core]
def cross_entropy(
    logits: torch.Tensor, target: torch.Tensor, ignore_index: int = -100, label_smoothing: float = 0.0
) -> torch.Tensor:
    """logits (N, C),target (N,) 类别下标。返回未被忽略样本的平均 loss,语义与 F.cross_entropy 相同。

    label smoothing:目标分布 = (1 − ε)·one_hot + ε / C(均匀分布),
    loss = (1 − ε)·(−log p_y) + ε·mean_c(−log p_c)。
    """
    log_probs = logits - torch.logsumexp(logits, dim=-1, keepdim=True)  # (N, C),不会上溢
    valid = target != ignore_index  # (N,)
    safe_target = torch.where(valid, target, torch.zeros_like(target))  # 被忽略的位置随便填个合法下标
    nll = -log_probs.gather(1, safe_target[:, None]).squeeze(1)  # (N,) = −log p_y
    smooth = -log_probs.mean(dim=-1)  # (N,) = 对均匀分布的交叉熵
    per_sample = (1 - label_smoothing) * nll + label_smoothing * smooth
    per_sample = torch.where(valid, per_sample, torch.zeros_like(per_sample))
    return per_sample.sum() / valid.sum()  # 分母是有效样本数,不是 N;全被忽略时得 nan(与 PyTorch 一致)


def dpo_loss(
    policy_chosen_logps: torch.Tensor,
    policy_rejected_logps: torch.Tensor,
    ref_chosen_logps: torch.Tensor,
    ref_rejected_logps: torch.Tensor,
    beta: float = 0.1,
) -> torch.Tensor:
    """DPO 损失,对 batch 取平均:

        −log σ(β·[(log π(y_w|x) − log π_ref(y_w|x)) − (log π(y_l|x) − log π_ref(y_l|x))])


    四个输入都是 (B,) 的序列对数概率(由 logits 计算的方法见下面扩展部分的 sequence_logprob);参考模型那两项不需要梯度。
    """
    chosen_logratio = policy_chosen_logps - ref_chosen_logps  # 隐式奖励 / β
    rejected_logratio = policy_rejected_logps - ref_rejected_logps
    logits = beta * (chosen_logratio - rejected_logratio)  # (B,)
    # −log σ(z) = softplus(−z);用 logsigmoid 而不是 log(sigmoid(z)),z 很负时不会 log(0)
    return -F.logsigmoid(logits).mean()


def info_nce_loss(
    image_emb: torch.Tensor, text_emb: torch.Tensor, temperature: float = 0.07
) -> torch.Tensor:
    """CLIP 的对称 InfoNCE:第 i 张图与第 i 段文本是正样本,同一 batch 里其余的都是负样本。

    image_emb, text_emb: (B, d)。返回 (图→文 交叉熵 + 文→图 交叉熵) / 2。
    """
    image_emb = F.normalize(image_emb, dim=-1)  # 余弦相似度:先做 L2 归一化
    text_emb = F.normalize(text_emb, dim=-1)
    logits = image_emb @ text_emb.T / temperature  # (B, B),第 i 行:图 i 与所有文本的相似度
    labels = torch.arange(logits.size(0), device=logits.device)  # 正样本在对角线上
    loss_i2t = F.cross_entropy(logits, labels)  # 每张图在 B 段文本里找自己的那段
    loss_t2i = F.cross_entropy(logits.T, labels)  # 每段文本在 B 张图里找自己的那张
    return (loss_i2t + loss_t2i) / 2


def distillation_loss(
    student_logits: torch.Tensor,
    teacher_logits: torch.Tensor,
    temperature: float = 2.0,
    labels: torch.Tensor | None = None,
    alpha: float = 1.0,
) -> torch.Tensor:
    """Hinton 蒸馏:T² · KL(p_teacher^T ‖ p_student^T),按样本数平均(batchmean)。

    给了 labels 时返回 alpha·软损失 + (1 − alpha)·硬标签交叉熵(硬损失用 T = 1)。
    乘 T² 是因为软目标的梯度量级随 1/T² 缩小,乘回去使它与硬损失的量级可比、换 T 时不用重调权重。
    """
    log_p_student = F.log_softmax(student_logits / temperature, dim=-1)  # (N, C)
    log_p_teacher = F.log_softmax(teacher_logits / temperature, dim=-1)  # (N, C)
    p_teacher = log_p_teacher.exp()
    kl = (p_teacher * (log_p_teacher - log_p_student)).sum(dim=-1)  # (N,),KL(teacher ‖ student)
    soft = kl.mean() * temperature**2
    if labels is None:
        return soft
    hard = F.cross_entropy(student_logits, labels)
    return alpha * soft + (1 - alpha) * hard
# --8<-- [end:core]


# --8<-- [start:extras]
def sequence_logprob(
    logits: torch.Tensor, labels: torch.Tensor, response_mask: torch.Tensor
) -> torch.Tensor:
    """序列对数概率 log π(y|x) = Σ_t log π(y_t | x, y_<t),只对回答部分求和。

    logits: (B, T, V),位置 t 的 logits 预测 token t+1;labels: (B, T);
    response_mask: (B, T),回答部分为 1、prompt 与 padding 为 0。
    返回 (B,)。
    """
    log_probs = torch.log_softmax(logits[:, :-1], dim=-1)  # (B, T-1, V):位置 t 预测 labels[t+1]
    next_tokens = labels[:, 1:]  # (B, T-1)
    token_logp = log_probs.gather(-1, next_tokens.unsqueeze(-1)).squeeze(-1)  # (B, T-1)
    return (token_logp * response_mask[:, 1:]).sum(dim=-1)  # prompt 部分不计入
# --8<-- [end:extras]
