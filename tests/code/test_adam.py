"""F32 Adam / AdamW 对照 torch.optim.Adam / AdamW:float64,多步、带 weight decay,atol=1e-12。"""

import numpy as np
import pytest
import torch

from adam import AdamState, HandAdamW, adam_step, adam_step_no_bias_correction

STEPS = 25


def _loss(w: torch.Tensor, a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    # 一个非二次的光滑损失,梯度每步都在变
    return ((a @ w - b) ** 2).mean() + torch.sin(w).sum()


def _problem(seed: int):
    g = torch.Generator().manual_seed(seed)
    a = torch.randn(12, 6, generator=g, dtype=torch.float64)
    b = torch.randn(12, generator=g, dtype=torch.float64)
    w0 = torch.randn(6, generator=g, dtype=torch.float64)
    return a, b, w0


def _run_torch(opt_cls, w0, a, b, **kw):
    w = w0.clone().requires_grad_(True)
    opt = opt_cls([w], **kw)
    history = []
    for _ in range(STEPS):
        opt.zero_grad()
        _loss(w, a, b).backward()
        opt.step()
        history.append(w.detach().clone().numpy())
    return history


def _run_mine(w0, a, b, **kw):
    theta = w0.numpy().copy()
    state = AdamState.zeros_like(theta)
    history = []
    for _ in range(STEPS):
        w = torch.from_numpy(theta).requires_grad_(True)
        _loss(w, a, b).backward()  # 梯度仍用 autograd 求,被测的是更新规则
        theta = adam_step(theta, w.grad.numpy(), state, **kw)
        history.append(theta.copy())
    return history


@pytest.mark.parametrize(
    "ref_cls,decoupled,betas,weight_decay",
    [
        (torch.optim.Adam, False, (0.8, 0.95), 0.0),
        (torch.optim.Adam, False, (0.8, 0.95), 0.1),     # Adam:L2 加进梯度
        (torch.optim.AdamW, True, (0.9, 0.999), 0.0),
        (torch.optim.AdamW, True, (0.9, 0.999), 0.3),    # AdamW:解耦衰减
    ],
)
def test_adam_step_matches_torch_optim_every_step(ref_cls, decoupled, betas, weight_decay):
    a, b, w0 = _problem(0 if ref_cls is torch.optim.Adam else 1)
    kw = dict(lr=0.05, betas=betas, eps=1e-8, weight_decay=weight_decay)
    ref = _run_torch(ref_cls, w0, a, b, **kw)
    mine = _run_mine(w0, a, b, decoupled=decoupled, **kw)
    for step, (x, y) in enumerate(zip(mine, ref)):
        np.testing.assert_allclose(x, y, atol=1e-12, rtol=0, err_msg=f"step {step + 1}")


def test_adam_step_adam_and_adamw_differ_only_with_weight_decay():
    a, b, w0 = _problem(2)
    same = [_run_mine(w0, a, b, lr=0.05, weight_decay=0.0, decoupled=d)[-1] for d in (False, True)]
    np.testing.assert_array_equal(same[0], same[1])
    diff = [_run_mine(w0, a, b, lr=0.05, weight_decay=0.5, decoupled=d)[-1] for d in (False, True)]
    assert np.abs(diff[0] - diff[1]).max() > 1e-3


def test_adam_step_l2_decay_is_rescaled_but_decoupled_is_not():
    # 梯度为 0 时:AdamW 的一步只有 theta * (1 - lr * wd);Adam 的 L2 项被归一化成约 lr 的步长
    theta = np.array([10.0, 0.1])
    zero = np.zeros(2)
    adamw = adam_step(theta, zero, AdamState.zeros_like(theta), lr=0.1, weight_decay=0.01, decoupled=True)
    np.testing.assert_allclose(adamw, theta * (1 - 0.1 * 0.01), atol=1e-15, rtol=0)
    adam = adam_step(theta, zero, AdamState.zeros_like(theta), lr=0.1, weight_decay=0.01, decoupled=False)
    # 第一步 m_hat / sqrt(v_hat) = sign(wd * theta):大参数和小参数都被拉近同样的 0.1
    np.testing.assert_allclose(theta - adam, [0.1, 0.1], atol=1e-5, rtol=0)


def test_adam_step_first_step_moves_lr_and_state_counts():
    theta = np.array([3.0, -1.0, 0.5])
    state = AdamState.zeros_like(theta)
    new = adam_step(theta, np.array([1e-3, -50.0, 2.0]), state, lr=0.01)
    np.testing.assert_allclose(theta - new, [0.01, -0.01, 0.01], atol=1e-7, rtol=0)
    assert state.t == 1
    wrong = adam_step_no_bias_correction(theta, np.array([2.0, 2.0, 2.0]), AdamState.zeros_like(theta), lr=0.01)
    np.testing.assert_allclose(theta - wrong, 0.01 * 0.1 / np.sqrt(0.001), rtol=1e-6)  # ≈ 0.0316


@pytest.mark.parametrize("decoupled,ref_cls", [(True, torch.optim.AdamW), (False, torch.optim.Adam)])
def test_adam_hand_optimizer_matches_torch_on_a_model(decoupled, ref_cls):
    torch.manual_seed(3)
    ref_model = torch.nn.Sequential(torch.nn.Linear(5, 8), torch.nn.Tanh(), torch.nn.Linear(8, 1)).double()
    my_model = torch.nn.Sequential(torch.nn.Linear(5, 8), torch.nn.Tanh(), torch.nn.Linear(8, 1)).double()
    my_model.load_state_dict(ref_model.state_dict())
    kw = dict(lr=0.02, betas=(0.9, 0.99), eps=1e-8, weight_decay=0.05)
    ref_opt = ref_cls(ref_model.parameters(), **kw)
    my_opt = HandAdamW(my_model.parameters(), decoupled=decoupled, **kw)
    g = torch.Generator().manual_seed(4)
    for _ in range(10):
        x = torch.randn(16, 5, generator=g, dtype=torch.float64)
        y = torch.randn(16, 1, generator=g, dtype=torch.float64)
        for model, opt in ((ref_model, ref_opt), (my_model, my_opt)):
            opt.zero_grad()
            torch.nn.functional.mse_loss(model(x), y).backward()
            opt.step()
    for (name, p_ref), p_mine in zip(ref_model.named_parameters(), my_model.parameters()):
        torch.testing.assert_close(p_mine, p_ref, atol=1e-12, rtol=0, msg=name)


def test_adam_state_zeros_like_gives_zero_moments_of_the_parameter_shape():
    state = AdamState.zeros_like(np.array([[1.5, -2.0, 3.0]]))
    for moment in (state.m, state.v):
        assert moment.shape == (1, 3) and moment.dtype == np.float64
        assert moment.tolist() == [[0.0, 0.0, 0.0]]
    assert state.t == 0


def test_adam_step_defaults_are_torch_adam_defaults():
    # 不传超参数时与 torch.optim.Adam() 的默认值一致:lr=1e-3, betas=(0.9, 0.999), eps=1e-8, 无衰减;
    # 只传 weight_decay 时默认走 Adam 的 L2(decoupled=False)
    a, b, w0 = _problem(5)
    for kw in ({}, {"weight_decay": 0.2}):
        ref = _run_torch(torch.optim.Adam, w0, a, b, **kw)
        mine = _run_mine(w0, a, b, **kw)
        np.testing.assert_allclose(mine[-1], ref[-1], atol=1e-12, rtol=0)


@pytest.mark.parametrize("decoupled,ref_cls", [(False, torch.optim.Adam), (True, torch.optim.AdamW)])
def test_adam_step_weight_decay_of_one_matches_torch(decoupled, ref_cls):
    a, b, w0 = _problem(6)
    kw = dict(lr=0.01, weight_decay=1.0)
    ref = _run_torch(ref_cls, w0, a, b, **kw)
    mine = _run_mine(w0, a, b, decoupled=decoupled, **kw)
    np.testing.assert_allclose(mine[-1], ref[-1], atol=1e-12, rtol=0)


def test_adam_hand_optimizer_defaults_are_torch_adamw_defaults():
    # HandAdamW() 不传超参数 = torch.optim.AdamW():lr=1e-3, eps=1e-8, weight_decay=0.01, 解耦衰减
    a, b, w0 = _problem(7)
    ref = _run_torch(torch.optim.AdamW, w0, a, b)
    mine = _run_torch(HandAdamW, w0, a, b)
    for x, y in zip(mine, ref):
        np.testing.assert_allclose(x, y, atol=1e-12, rtol=0)


def test_adam_no_bias_correction_default_lr_and_eps_after_the_root():
    # 大梯度:第一步 = lr * 0.1 * |g| / (sqrt(0.001) * |g|) = 1e-3 * 3.16227766 (默认 lr=1e-3)
    theta = np.zeros(2)
    state = AdamState.zeros_like(theta)
    step = theta - adam_step_no_bias_correction(theta, np.array([4.0, -4.0]), state)
    np.testing.assert_allclose(step, [3.16227766e-3, -3.16227766e-3], rtol=1e-6)
    assert state.t == 1
    adam_step_no_bias_correction(theta, np.array([4.0, -4.0]), state)
    assert state.t == 2
    # 小梯度 g = 1e-6,lr = 0.01:0.01 * 1e-7 / (3.16227766e-8 + 1e-8) = 0.0240253073(eps 在开方之后相加)
    small = np.zeros(1) - adam_step_no_bias_correction(np.zeros(1), np.array([1e-6]), AdamState.zeros_like(np.zeros(1)), lr=0.01)
    np.testing.assert_allclose(small, [0.0240253073], rtol=1e-8)
