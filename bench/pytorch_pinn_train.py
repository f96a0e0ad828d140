"""PyTorch peer of the workbench's Poisson example run (assets/examples/poisson2d-pinn.json).

Adam, then L-BFGS with a strong Wolfe line search, on the same network, initial parameters and
collocation points as ours (tests/bench/run.ts writes them); relL2 against sin(pi x) sin(pi y) on
a regular grid every `every` iterations. Training time excludes the relL2 measurements, as ours does.

usage: pytorch_pinn_train.py RUN.json --threads 1|default|N
prints JSON: {"threads", "torch", "rows": [{"iteration", "seconds", "optimizer", "loss", "relL2"}]}
"""
import argparse
import json
import math
import time

import torch

from pytorch_pinn_step import mlp, pinn_loss, tensors


def rel_l2(params, grid):
    axis = torch.linspace(0, 1, grid, dtype=torch.float64)
    x = torch.cartesian_prod(axis, axis)
    exact = torch.sin(math.pi * x[:, 0]) * torch.sin(math.pi * x[:, 1])
    with torch.no_grad():
        u = mlp(params, x.to(params[0].dtype)).reshape(-1).double()
    return (torch.linalg.norm(u - exact) / torch.linalg.norm(exact)).item()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("run")
    parser.add_argument("--threads", default="1")
    args = parser.parse_args()
    if args.threads != "default":
        torch.set_num_threads(int(args.threads))
    spec = json.load(open(args.run))
    params, interior, boundary = tensors(spec, torch.float32)
    adam, lbfgs = spec["adam"], spec["lbfgs"]
    optimizers = [
        ("adam", adam["iterations"], torch.optim.Adam(params, lr=adam["lr"], betas=(adam["beta1"], adam["beta2"]), eps=adam["epsilon"])),
        ("lbfgs", lbfgs["iterations"], torch.optim.LBFGS(
            params, lr=lbfgs["lr"], max_iter=1, max_eval=lbfgs["maxEvaluations"], history_size=lbfgs["history"],
            tolerance_grad=lbfgs["gradientTolerance"], tolerance_change=lbfgs["changeTolerance"], line_search_fn="strong_wolfe")),
    ]

    def closure(optimizer):
        def evaluate():
            optimizer.zero_grad()
            loss = pinn_loss(params, interior, boundary)
            loss.backward()
            return loss
        return evaluate

    rows, seconds, iteration = [], 0.0, 0
    for name, count, optimizer in optimizers:
        for _ in range(count):
            start = time.perf_counter()
            loss = optimizer.step(closure(optimizer)).item()
            seconds += time.perf_counter() - start
            iteration += 1
            if iteration % spec["every"] == 0:
                rows.append({"iteration": iteration, "seconds": seconds, "optimizer": name, "loss": loss, "relL2": rel_l2(params, spec["grid"])})
            if not math.isfinite(loss):
                break
    if not rows or rows[-1]["iteration"] != iteration:
        rows.append({"iteration": iteration, "seconds": seconds, "optimizer": name, "loss": loss, "relL2": rel_l2(params, spec["grid"])})
    print(json.dumps({"threads": torch.get_num_threads(), "torch": torch.__version__, "rows": rows}))


if __name__ == "__main__":
    main()
