"""PyTorch peer for the CPINN bench: one ACGD iteration of the CPINN paper's Poisson setup, as the
authors run it (comp-physics/CPINN with cgds-package GACGD): float64, PINN tanh MLP, ReLU
discriminator with 4 hidden layers of 2*width, game L = mean(D_pde * residual) + mean(D_bc * (u - g)),
RMSprop-scaled step sizes (beta 0.99, eps 1e-8), GMRES without restart or warm start on the block
system [[I, eta_x D_xy f], [eta_y D_yx g, I]], mixed products by double backward.

usage: pytorch_cpinn_step.py input.json [--threads N]
input: {"interior", "perSide", "hidden", "discriminatorWidth", "steps", "lr", "tol", "maxKrylov", "seed"}
prints: {"threads", "secondsPerStep": [...], "cpuSecondsPerStep": [...], "krylovPerStep": [...]}
"""
import json
import sys
import time

import numpy as np
import torch

spec = json.load(open(sys.argv[1]))
threads = int(sys.argv[sys.argv.index('--threads') + 1]) if '--threads' in sys.argv else torch.get_num_threads()
torch.set_num_threads(threads)
torch.set_default_dtype(torch.float64)
torch.manual_seed(spec['seed'])
rng = np.random.default_rng(spec['seed'])


def mlp(sizes, activation):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        if i + 2 < len(sizes):
            layers.append(activation())
    return torch.nn.Sequential(*layers)


pinn = mlp([2, *spec['hidden'], 1], torch.nn.Tanh)
width = 2 * spec['discriminatorWidth']
disc = mlp([2, width, width, width, width, 2], torch.nn.ReLU)
n, m = spec['interior'], spec['perSide']
xy = torch.tensor(rng.uniform(-2, 2, (n, 2)))
f = -2 * torch.sin(xy[:, :1]) * torch.cos(xy[:, 1:])
sides = []
for dim in (0, 1):
    for value in (-2.0, 2.0):
        p = rng.uniform(-2, 2, (m, 2))
        p[:, dim] = value
        sides.append(p)
xb = torch.tensor(np.vstack(sides))
gb = torch.sin(xb[:, :1]) * torch.cos(xb[:, 1:])


def game():
    x = xy.clone().requires_grad_(True)
    u = pinn(x)
    du = torch.autograd.grad(u.sum(), x, create_graph=True)[0]
    uxx = torch.autograd.grad(du[:, 0].sum(), x, create_graph=True)[0][:, :1]
    uyy = torch.autograd.grad(du[:, 1].sum(), x, create_graph=True)[0][:, 1:]
    return (disc(xy)[:, :1] * (uxx + uyy - f)).mean() + (disc(xb)[:, 1:] * (pinn(xb) - gb)).mean()


def flat(tensors):
    return torch.cat([t.reshape(-1) for t in tensors])


def gmres(apply, b, tol, max_iter):
    beta = b.norm()
    basis = [b / beta]
    H = torch.zeros(max_iter + 1, max_iter)
    for k in range(max_iter):
        w = apply(basis[k])
        for i in range(k + 1):
            H[i, k] = w @ basis[i]
            w = w - H[i, k] * basis[i]
        H[k + 1, k] = w.norm()
        basis.append(w / H[k + 1, k])
        e1 = torch.zeros(k + 2)
        e1[0] = beta
        y = torch.linalg.lstsq(H[:k + 2, :k + 1], e1.unsqueeze(1)).solution.squeeze(1)
        if (H[:k + 2, :k + 1] @ y - e1).norm() <= tol * beta:
            break
    return torch.stack(basis[:k + 1], 1) @ y, k + 1


xs, ys = list(disc.parameters()), list(pinn.parameters())
sq_x = sq_y = None
seconds, cpu_seconds, krylov = [], [], []
for step in range(1, spec['steps'] + 1):
    start = time.perf_counter()
    cpu_start = time.process_time()
    L = game()
    gx = torch.autograd.grad(-L, xs, create_graph=True)  # the discriminator minimises -L
    gy = torch.autograd.grad(L, ys, create_graph=True)
    gx_v, gy_v = flat(gx).detach(), flat(gy).detach()
    sq_x = (1 - 0.99) * gx_v ** 2 if sq_x is None else 0.99 * sq_x + 0.01 * gx_v ** 2
    sq_y = (1 - 0.99) * gy_v ** 2 if sq_y is None else 0.99 * sq_y + 0.01 * gy_v ** 2
    scale = spec['lr'] * (1 - 0.99 ** step) ** 0.5
    eta_x, eta_y = scale / (sq_x.sqrt() + 1e-8), scale / (sq_y.sqrt() + 1e-8)
    grad_fy = flat(torch.autograd.grad(-L, ys, create_graph=True))
    grad_gx = flat(torch.autograd.grad(L, xs, create_graph=True))
    nx = gx_v.numel()

    def apply(v):
        h1 = flat(torch.autograd.grad(grad_fy, xs, v[nx:], retain_graph=True))
        h2 = flat(torch.autograd.grad(grad_gx, ys, v[:nx], retain_graph=True))
        return torch.cat([v[:nx] + eta_x * h1, v[nx:] + eta_y * h2])

    s, k = gmres(apply, torch.cat([eta_x * gx_v, eta_y * gy_v]), spec['tol'], spec['maxKrylov'])
    with torch.no_grad():
        at = 0
        for p in xs + ys:
            p -= s[at:at + p.numel()].reshape(p.shape)
            at += p.numel()
    seconds.append(time.perf_counter() - start)
    cpu_seconds.append(time.process_time() - cpu_start)
    krylov.append(k)
print(json.dumps({'threads': threads, 'secondsPerStep': seconds, 'cpuSecondsPerStep': cpu_seconds, 'krylovPerStep': krylov}))
