"""PyTorch peer of the workbench's PINN training step (tests/bench/run.ts writes its input).

One Adam step on the 2D Poisson problem  u_xx + u_yy = -2 pi^2 sin(pi x) sin(pi y),  u = 0 on the
boundary of [0,1]^2, with the same MLP (inputs mapped to [-1,1]^2, tanh), initial parameters and
collocation points as ours; input derivatives by torch.autograd.grad(create_graph=True).

usage: pytorch_pinn_step.py CASES.json --threads 1|default|N --dtype float32|float64
prints JSON: {"threads": n, "dtype": ..., "torch": version, "cases": [{"name", "medianMs", "firstLoss"}]}
"""
import argparse
import json
import math
import statistics
import time

import torch


def mlp(params, x):
    a = 2 * x - 1
    layers = len(params) // 2
    for l in range(layers):
        a = a @ params[2 * l] + params[2 * l + 1]
        if l + 1 < layers:
            a = torch.tanh(a)
    return a


def pinn_loss(params, interior, boundary):
    x = interior.clone().requires_grad_(True)
    u = mlp(params, x)
    (du,) = torch.autograd.grad(u.sum(), x, create_graph=True)
    (d2x,) = torch.autograd.grad(du[:, 0].sum(), x, create_graph=True)
    (d2y,) = torch.autograd.grad(du[:, 1].sum(), x, create_graph=True)
    f = -2 * math.pi**2 * torch.sin(math.pi * x[:, 0]) * torch.sin(math.pi * x[:, 1])
    residual = d2x[:, 0] + d2y[:, 1] - f
    return (residual**2).mean() + (mlp(params, boundary) ** 2).mean()


def tensors(case, dtype):
    params = [torch.tensor(p, dtype=dtype).reshape(s).requires_grad_(True) for p, s in zip(case["params"], case["shapes"])]
    interior = torch.tensor(case["interior"], dtype=dtype).reshape(-1, 2)
    boundary = torch.tensor(case["boundary"], dtype=dtype).reshape(-1, 2)
    return params, interior, boundary


def step_times(case, dtype, warmup, steps):
    params, interior, boundary = tensors(case, dtype)
    adam = torch.optim.Adam(params, lr=case["lr"])
    times, first = [], None
    for i in range(warmup + steps):
        start = time.perf_counter()
        adam.zero_grad()
        loss = pinn_loss(params, interior, boundary)
        loss.backward()
        adam.step()
        value = loss.item()
        if i >= warmup:
            times.append((time.perf_counter() - start) * 1000)
        if first is None:
            first = value
    return {"name": case["name"], "medianMs": statistics.median(times), "firstLoss": first, "steps": steps}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("cases")
    parser.add_argument("--threads", default="default")
    parser.add_argument("--dtype", default="float32", choices=["float32", "float64"])
    args = parser.parse_args()
    if args.threads != "default":
        torch.set_num_threads(int(args.threads))
    spec = json.load(open(args.cases))
    dtype = getattr(torch, args.dtype)
    cases = [step_times(c, dtype, spec["warmup"], spec["steps"]) for c in spec["cases"]]
    print(json.dumps({"threads": torch.get_num_threads(), "dtype": args.dtype, "torch": torch.__version__, "cases": cases}))


if __name__ == "__main__":
    main()
