"""A fastText-style network over the hashed character n-grams, trained by hand in numpy.

The text's n-gram vector x (the run time's ``featurize``: L2-normalised counts, optionally
scaled by each bucket's naive-Bayes log-count ratio, which folds into the embeddings) is
embedded as x·E (``buckets × dims``: the sum of its n-grams' embeddings, weighted), then a
small network: ``h = relu(x·E + b1)``, optionally ``h2 = relu(h·W2 + b2)``, and
``z = h·w + b``; sigmoid. Trained with Adam (lazy on the embedding rows a minibatch
touches, dense on the rest) on the class-balanced, source-weighted logistic loss; fixed
seed, single-threaded BLAS, so the same inputs give the same bytes.

It is the non-linear family beside NBSVM (ADR 0020, fourth increment): the same features,
a hidden layer that can combine them (an instruction verb *and* a target, not either).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix


@dataclass(frozen=True)
class NetConfig:
    dims: int = 32  # embedding width = first hidden layer
    hidden: int = 0  # a second hidden layer of this width (0: none)
    epochs: int = 8
    batch: int = 64
    lr: float = 2e-3
    l2: float = 1e-6  # on the embedding rows a step touches
    dropout: float = 0.0  # on the first hidden layer, training only
    nb: bool = True  # scale the input by the naive-Bayes log-count ratio
    pool: str = "sum"  # "sum": x·E; "summax": [x·E, max_i x_i E_i] into a hidden layer
    seed: int = 14


@dataclass
class Net:
    emb: np.ndarray  # buckets × dims (float32; shipped float16)
    b1: np.ndarray  # dims
    w2: np.ndarray | None  # dims × hidden
    b2: np.ndarray | None  # hidden
    w_out: np.ndarray  # dims or hidden
    b_out: float
    w1: np.ndarray | None = None  # 2·dims × dims, "summax" pooling only

    def pooled(self, idx: np.ndarray, vals: np.ndarray) -> np.ndarray:
        rows = self.emb[idx]
        e = vals @ rows
        if self.w1 is None:
            return e
        mx = (vals[:, None] * rows).max(axis=0) if len(idx) else np.zeros_like(e)
        return np.concatenate([e, mx]) @ self.w1

    def hidden_of(self, e: np.ndarray) -> np.ndarray:
        h = np.maximum(e + self.b1, 0.0)
        if self.w2 is not None and self.b2 is not None:
            h = np.maximum(h @ self.w2 + self.b2, 0.0)
        return h

    def margin(self, idx: np.ndarray, vals: np.ndarray) -> float:
        return float(self.hidden_of(self.pooled(idx, vals)) @ self.w_out) + self.b_out

    def margins_matrix(self, x: csr_matrix) -> np.ndarray:
        return self.hidden_of(np.asarray(x @ self.emb)) @ self.w_out + self.b_out

    def rounded(self) -> Net:
        """The network with every array rounded to float16, as it ships."""

        def r(a: np.ndarray | None) -> np.ndarray | None:
            return None if a is None else a.astype(np.float16).astype(np.float32)

        return Net(
            r(self.emb),  # type: ignore[arg-type]
            r(self.b1),  # type: ignore[arg-type]
            r(self.w2),
            r(self.b2),
            r(self.w_out),  # type: ignore[arg-type]
            float(np.float16(self.b_out)),
            r(self.w1),
        )


class _Adam:
    def __init__(self, shape: tuple[int, ...], lr: float) -> None:
        self.m = np.zeros(shape, dtype=np.float32)
        self.v = np.zeros(shape, dtype=np.float32)
        self.lr = lr

    def step(self, p: np.ndarray, g: np.ndarray, t: int, rows: np.ndarray | None = None) -> None:
        b1, b2, eps = 0.9, 0.999, 1e-8
        lr = self.lr * np.sqrt(1 - b2**t) / (1 - b1**t)
        if rows is None:
            self.m *= b1
            self.m += (1 - b1) * g
            self.v *= b2
            self.v += (1 - b2) * g * g
            p -= (lr * self.m / (np.sqrt(self.v) + eps)).astype(np.float32)
        else:  # lazy: only the rows this step touched
            m = self.m[rows] * b1 + (1 - b1) * g
            v = self.v[rows] * b2 + (1 - b2) * g * g
            self.m[rows] = m
            self.v[rows] = v
            p[rows] -= (lr * m / (np.sqrt(v) + eps)).astype(np.float32)


def nb_ratio(x: csr_matrix, y: np.ndarray) -> np.ndarray:
    """Each bucket's naive-Bayes log-count ratio (binarised, add-one), on train only."""
    present = (x > 0).astype(np.float32)
    pos = np.asarray(present[y == 1].sum(axis=0)).ravel() + 1.0
    neg = np.asarray(present[y == 0].sum(axis=0)).ravel() + 1.0
    return np.log((pos / pos.sum()) / (neg / neg.sum())).astype(np.float32)


def train(x: csr_matrix, y: np.ndarray, sw: np.ndarray, cfg: NetConfig) -> Net:
    """Train on ``x`` (already scaled, if NB) with labels ``y`` and sample weights ``sw``."""
    rng = np.random.default_rng(cfg.seed)
    n, buckets = x.shape
    d = cfg.dims
    emb = (rng.standard_normal((buckets, d)) * 0.1).astype(np.float32)
    b1 = np.zeros(d, dtype=np.float32)
    if cfg.hidden:
        w2 = (rng.standard_normal((d, cfg.hidden)) * np.sqrt(2.0 / d)).astype(np.float32)
        b2 = np.zeros(cfg.hidden, dtype=np.float32)
        w_out = (rng.standard_normal(cfg.hidden) * np.sqrt(1.0 / cfg.hidden)).astype(np.float32)
    else:
        w2 = b2 = None
        w_out = (rng.standard_normal(d) * np.sqrt(1.0 / d)).astype(np.float32)
    b_out = np.zeros(1, dtype=np.float32)
    params = [b1, w_out, b_out] + ([w2, b2] if w2 is not None else [])
    w1 = None
    if cfg.pool == "summax":
        w1 = (rng.standard_normal((2 * d, d)) * np.sqrt(1.0 / d)).astype(np.float32)
        params.append(w1)
    opt_emb = _Adam(emb.shape, cfg.lr)
    opts = [_Adam(p.shape, cfg.lr) for p in params]
    x = x.tocsr().astype(np.float32)
    sw = (sw / sw.mean()).astype(np.float32)
    t = 0
    for _ in range(cfg.epochs):
        order = rng.permutation(n)
        for k in range(0, n, cfg.batch):
            rows = order[k : k + cfg.batch]
            xb = x[rows]
            cols, inv = np.unique(xb.indices, return_inverse=True)
            xc = csr_matrix((xb.data, inv, xb.indptr), shape=(len(rows), len(cols)))
            e_rows = emb[cols]
            e_sum = np.asarray(xc @ e_rows)
            if w1 is not None:
                # max over each sample's weighted rows, and which row gave it
                u = xb.data[:, None] * e_rows[inv]
                nb_ = len(rows)
                e_max = np.zeros((nb_, d), dtype=np.float32)
                arg = np.zeros((nb_, d), dtype=np.int64)
                for q in range(nb_):
                    s0, s1 = xb.indptr[q], xb.indptr[q + 1]
                    if s1 > s0:
                        am = u[s0:s1].argmax(axis=0)
                        arg[q] = s0 + am
                        e_max[q] = u[s0 + am, np.arange(d)]
                pooled = np.concatenate([e_sum, e_max], axis=1)
                a1 = pooled @ w1 + b1
            else:
                a1 = e_sum + b1
            h1 = np.maximum(a1, 0.0)
            mask = None
            if cfg.dropout:
                mask = (rng.random(h1.shape) >= cfg.dropout).astype(np.float32) / (1 - cfg.dropout)
                h1 = h1 * mask
            if w2 is not None and b2 is not None:
                a2 = h1 @ w2 + b2
                h2 = np.maximum(a2, 0.0)
                z = h2 @ w_out + b_out[0]
            else:
                z = h1 @ w_out + b_out[0]
            p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
            wb = sw[rows]
            dz = ((p - y[rows]) * wb / len(rows)).astype(np.float32)
            g_bout = np.array([dz.sum()], dtype=np.float32)
            if w2 is not None and b2 is not None:
                g_wout = h2.T @ dz
                dh2 = np.outer(dz, w_out) * (a2 > 0)
                g_w2 = h1.T @ dh2
                g_b2 = dh2.sum(axis=0)
                dh1 = dh2 @ w2.T
            else:
                g_wout = h1.T @ dz
                dh1 = np.outer(dz, w_out)
            if mask is not None:
                dh1 = dh1 * mask
            da1 = (dh1 * (a1 > 0)).astype(np.float32)
            g_b1 = da1.sum(axis=0)
            g_w1 = None
            if w1 is not None:
                g_w1 = pooled.T @ da1
                dpool = da1 @ w1.T
                d_sum, d_max = dpool[:, :d], dpool[:, d:]
                g_emb = np.asarray(xc.T @ d_sum)
                # the max's gradient goes to the row that gave it, times its weight
                flat_rows = inv[arg]  # nb × d: local row index
                contrib = d_max * xb.data[arg]
                np.add.at(
                    g_emb, (flat_rows.ravel(), np.tile(np.arange(d), len(rows))), contrib.ravel()
                )
                g_emb += cfg.l2 * e_rows
            else:
                g_emb = np.asarray(xc.T @ da1) + cfg.l2 * e_rows
            t += 1
            opt_emb.step(emb, g_emb.astype(np.float32), t, cols)
            grads = [g_b1, g_wout, g_bout] + ([g_w2, g_b2] if w2 is not None else [])
            if g_w1 is not None:
                grads.append(g_w1)
            for prm, g, o in zip(params, grads, opts, strict=True):
                o.step(prm, np.asarray(g, dtype=np.float32), t)
    return Net(emb, b1, w2, b2, w_out, float(b_out[0]), w1)
