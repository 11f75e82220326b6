"""F32 Adam 与 AdamW 的单步更新(NumPy),以及一个 torch.optim.Optimizer 子类。

一步更新(t 从 1 开始,g 为梯度,lambda 为 weight_decay):

    Adam(L2 正则):   g <- g + lambda * theta            # 衰减混进梯度,随后被 1/sqrt(v) 缩放
    AdamW(解耦衰减): theta <- theta * (1 - lr * lambda)  # 直接缩参数,不经过自适应缩放
    m <- beta1 * m + (1 - beta1) * g
    v <- beta2 * v + (1 - beta2) * g^2
    m_hat = m / (1 - beta1^t),  v_hat = v / (1 - beta2^t)
    theta <- theta - lr * m_hat / (sqrt(v_hat) + eps)

与 torch.optim.Adam / AdamW(amsgrad=False, maximize=False)相同;注意 PyTorch 的 AdamW
默认 weight_decay=0.01,Adam 默认 0。

复杂度:每步时间 O(P),状态内存 2P(m 与 v),P 为参数个数。

>>> theta = np.array([1.0, -2.0])
>>> state = AdamState.zeros_like(theta)
>>> theta = adam_step(theta, np.array([0.5, -3.0]), state, lr=0.1)
>>> theta.round(6).tolist()     # 第一步:m_hat / sqrt(v_hat) = sign(g),每个坐标都走 lr
[0.9, -1.9]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch


# --8<-- [start:core]
@dataclass
class AdamState:
    m: np.ndarray   # 一阶矩(梯度的指数滑动平均),与参数同形状
    v: np.ndarray   # 二阶矩(梯度平方的指数滑动平均)
    t: int = 0      # 已经走过的步数,偏差修正要用

    @classmethod
    def zeros_like(cls, theta: np.ndarray) -> AdamState:
        return cls(np.zeros_like(theta), np.zeros_like(theta))


def adam_step(
    theta: np.ndarray,          # 参数 (...)
    grad: np.ndarray,           # 同形状的梯度
    state: AdamState,           # 原地更新
    lr: float = 1e-3,
    betas: tuple[float, float] = (0.9, 0.999),
    eps: float = 1e-8,
    weight_decay: float = 0.0,
    decoupled: bool = False,    # False = Adam(L2 进梯度),True = AdamW(解耦)
) -> np.ndarray:
    """返回更新后的参数(新数组);state 的 m、v、t 原地更新。"""
    beta1, beta2 = betas
    state.t += 1
    if weight_decay != 0.0:
        if decoupled:
            theta = theta * (1.0 - lr * weight_decay)  # AdamW:先按学习率比例缩小参数
        else:
            grad = grad + weight_decay * theta         # Adam:L2 正则的梯度
    state.m = beta1 * state.m + (1.0 - beta1) * grad
    state.v = beta2 * state.v + (1.0 - beta2) * grad * grad
    m_hat = state.m / (1.0 - beta1**state.t)           # 偏差修正:m、v 从 0 起步,前几步偏小
    v_hat = state.v / (1.0 - beta2**state.t)
    return theta - lr * m_hat / (np.sqrt(v_hat) + eps)  # eps 加在开方之后
# --8<-- [end:core]


# --8<-- [start:extras]
class HandAdamW(torch.optim.Optimizer):
    """面试里 "写一个 optimizer 类" 的形式:按 param_group 读超参,状态放在 self.state[p]。"""

    def __init__(self, params, lr: float = 1e-3, betas=(0.9, 0.999), eps: float = 1e-8,
                 weight_decay: float = 0.01, decoupled: bool = True) -> None:
        defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, decoupled=decoupled)
        super().__init__(params, defaults)

    @torch.no_grad()
    def step(self, closure=None):
        loss = None
        if closure is not None:
            with torch.enable_grad():
                loss = closure()
        for group in self.param_groups:
            beta1, beta2 = group["betas"]
            lr, wd, eps = group["lr"], group["weight_decay"], group["eps"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                grad = p.grad
                state = self.state[p]
                if not state:  # 惰性初始化:第一次见到这个参数
                    state["step"] = 0
                    state["m"] = torch.zeros_like(p)
                    state["v"] = torch.zeros_like(p)
                state["step"] += 1
                t = state["step"]
                if wd != 0.0:
                    if group["decoupled"]:
                        p.mul_(1.0 - lr * wd)
                    else:
                        grad = grad.add(p, alpha=wd)
                state["m"].mul_(beta1).add_(grad, alpha=1.0 - beta1)
                state["v"].mul_(beta2).addcmul_(grad, grad, value=1.0 - beta2)
                denom = (state["v"] / (1.0 - beta2**t)).sqrt_().add_(eps)
                p.addcdiv_(state["m"], denom, value=-lr / (1.0 - beta1**t))
        return loss


def adam_step_no_bias_correction(theta: np.ndarray, grad: np.ndarray, state: AdamState,
                                 lr: float = 1e-3, betas=(0.9, 0.999), eps: float = 1e-8) -> np.ndarray:
    """反例:漏掉偏差修正。第一步的步长变成 lr * (1 - beta1) / sqrt(1 - beta2) ≈ 3.16 lr。"""
    beta1, beta2 = betas
    state.t += 1
    state.m = beta1 * state.m + (1.0 - beta1) * grad
    state.v = beta2 * state.v + (1.0 - beta2) * grad * grad
    return theta - lr * state.m / (np.sqrt(state.v) + eps)
# --8<-- [end:extras]
