"""Export a sentence-transformers model to ONNX once: fp32 (transformer-fused) and int8, for ONNX Runtime.

Build-time only (imports torch, transformers and sentence-transformers); index.onnx_cache calls it
when no export of the model is cached. The whole sentence-transformers pipeline is traced (the
transformer, its pooling, Normalize or Dense modules), so any model that traces runs in the runtime
without being re-implemented here; an export whose vectors differ from sentence-transformers' own
is refused (ExportError), and the caller encodes with torch instead.

Why these steps:
- `torch.onnx.export(dynamo=False)` (the TorchScript exporter): needs only torch; the dynamo
  exporter would add onnxscript and took 5x longer here. Eager attention, because
  onnxruntime.transformers' BERT optimizer recognizes its pattern (and fuses it into one Attention
  op per layer), not the SDPA one.
- `optimize_model`: fused attention, embedding + layer norm, bias + GELU, skip + layer norm.
- `_pack`: a copy of the fused fp32 graph that takes several texts packed into one row of tokens,
  each attending only to itself (a block-diagonal mask) and pooled on its own: a batch then costs
  the work of its real tokens, with no padding, and the fixed cost of a run (~2.5 ms of ~8 for one
  question) is paid once per batch instead of once per text.
- `quantize_dynamic(per_channel=True)`: int8 weights, activations quantized at run time (see
  _quantize for what stays in float). Per channel: per-tensor scales gave cosines down to 0.92 to
  the fp32 vectors, per channel >= 0.975.
"""

from __future__ import annotations

import json
import logging
import time
import warnings
from pathlib import Path

import numpy as np

RECIPE = 3  # bump when the exported files change: caches of another recipe are not used
FP32, INT8, PACKED = "fp32.onnx", "int8.onnx", "packed.onnx"
TOKENIZER, META = "tokenizer.json", "meta.json"
FUSED_TYPES = {"bert", "roberta", "xlm-roberta", "distilbert", "mpnet", "electra"}
# Texts of different lengths, one past the model's maximum length (truncated as sentence-transformers does).
CHECK_TEXTS = [
    "Which country will host the seventh conference?",
    "A/58/387",
    "Recalling also the United Nations Millennium Declaration adopted on 8 September 2000, " * 40,
    "Decides to convene the conference in Doha, and requests the Secretary-General to report.",
]
MIN_FP32_COSINE = 0.9999


class ExportError(Exception):
    """The model cannot run in ONNX Runtime; the message says why, in one line."""


def export_model(location: str, dest: Path) -> dict:
    """Write fp32.onnx, int8.onnx, tokenizer.json and meta.json into the empty folder dest; returns meta."""
    from index.embedding import _offline

    _offline()
    # onnxruntime's quantization and optimizer configure the root logger (INFO) when imported or run:
    # keep their chatter off the user's terminal and leave the logging set-up as it was.
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    root.setLevel(logging.ERROR)
    try:
        return _export(location, Path(dest))
    except ExportError:
        raise
    except Exception as exc:  # noqa: BLE001 - whatever tracing or the optimizer raise, one line for the caller
        detail = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
        raise ExportError(f"{type(exc).__name__}: {detail}".rstrip(": ")) from exc
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)


def _export(location: str, dest: Path) -> dict:
    import torch
    from sentence_transformers import SentenceTransformer

    started = time.perf_counter()
    st = SentenceTransformer(location, device="cpu")
    st.eval()
    tokenizer = getattr(st, "tokenizer", None)
    if tokenizer is None or not getattr(tokenizer, "is_fast", False):
        raise ExportError("the model has no fast (tokenizer.json) tokenizer")
    transformer = st[0]
    auto_model = getattr(transformer, "auto_model", None)
    if auto_model is None:
        raise ExportError(f"its first module is {type(transformer).__name__}, not a transformer")
    if hasattr(auto_model, "set_attn_implementation"):
        try:
            auto_model.set_attn_implementation("eager")
        except (ValueError, NotImplementedError):
            pass  # SDPA then; traced just as well, only not fused
    names = [n for n in ("input_ids", "attention_mask", "token_type_ids") if n in tokenizer.model_input_names]
    max_len = int(st.max_seq_length or 512)

    class Pipeline(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.st = st

        def forward(self, *inputs):
            return self.st(dict(zip(names, inputs, strict=True)))["sentence_embedding"]

    sample = tokenizer(CHECK_TEXTS[:2], padding=True, truncation=True, max_length=max_len, return_tensors="pt")
    raw = dest / "raw.onnx"
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # the tracer's warnings about Python conditionals on shapes
        torch.onnx.export(
            Pipeline().eval(), tuple(sample[n] for n in names), str(raw), input_names=names,
            output_names=["sentence_embedding"], opset_version=17, dynamo=False,
            dynamic_axes={**{n: {0: "batch", 1: "tokens"} for n in names}, "sentence_embedding": {0: "batch"}},
        )
    config = auto_model.config
    fused = _optimize(raw, dest / FP32, config)
    raw.unlink()
    _quantize(dest / FP32, dest / INT8)
    packable = _pack(dest / FP32, dest / PACKED)
    tokenizer.backend_tokenizer.save(str(dest / TOKENIZER))

    expected = st.encode(CHECK_TEXTS, normalize_embeddings=False, convert_to_numpy=True)
    from index.onnx_session import OnnxEncoder

    cosines = {}
    for precision, file in (("fp32", FP32), ("int8", INT8)):
        got = OnnxEncoder(dest, file, max_len).encode(CHECK_TEXTS)
        cosines[precision] = float(_cosines(got, expected).min())
    if cosines["fp32"] < MIN_FP32_COSINE:
        raise ExportError(f"the exported model's vectors differ from sentence-transformers' (cosine {cosines['fp32']:.4f})")
    if packable:
        cosines["packed"] = _packed_cosine(dest, max_len, expected)
        if cosines["packed"] < MIN_FP32_COSINE:  # a pooling or embedding the rewrite does not fit: one text a run
            (dest / PACKED).unlink()
            packable = False
    meta = {
        "recipe": RECIPE,
        "source": str(location),
        "model_type": getattr(config, "model_type", None),
        "inputs": names,
        "max_seq_length": max_len,
        "dim": int(expected.shape[1]),
        "fused": fused,
        "packed": packable,
        "check_cosine_min": cosines,
        "export_s": round(time.perf_counter() - started, 1),
    }
    (dest / META).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta


def _optimize(raw: Path, out: Path, config) -> dict:
    """The transformer fusions where onnxruntime has them for this architecture, else the graph as traced
    (ONNX Runtime's own graph optimizations still apply when a session loads it)."""
    import onnx

    model_type = getattr(config, "model_type", "")
    if model_type in FUSED_TYPES:
        from onnxruntime.transformers.optimizer import optimize_model

        heads = int(getattr(config, "num_attention_heads", 0) or getattr(config, "n_heads", 0))
        hidden = int(getattr(config, "hidden_size", 0) or getattr(config, "dim", 0))
        optimized = optimize_model(str(raw), model_type="bert", num_heads=heads, hidden_size=hidden)
        optimized.save_model_to_file(str(out))
        return {k: v for k, v in optimized.get_fused_operator_statistics().items() if v}
    onnx.save(onnx.load(str(raw)), str(out))
    return {}


def _quantize(fp32: Path, out: Path) -> None:
    """int8 weights, per channel, for every MatMul and Attention but the feed-forward down-projections
    (the MatMuls fed by a GELU). Why: their inputs, GELU outputs, are heavy-tailed, and quantizing them
    at run time cost most of the error: measured on the eval questions and 300 collection passages,
    all quantized gave cosines to fp32 of min 0.975 / mean 0.991 and lost one question of R@1 on three
    of the five question sets; these left in float give 0.976 / 0.995 and the fp32 eval figures, at
    ~1.35x fp32's speed on batches of questions (all quantized: ~1.75x)."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    graph = onnx.load(str(fp32), load_external_data=False).graph
    gelu = {o for n in graph.node if n.op_type in ("Gelu", "BiasGelu", "FastGelu") for o in n.output}
    down = [n.name for n in graph.node if n.op_type == "MatMul" and any(i in gelu for i in n.input)]
    # The fused ops are outside ONNX's shape inference: their outputs are float, as DefaultTensorType says.
    quantize_dynamic(str(fp32), str(out), per_channel=True, weight_type=QuantType.QInt8, nodes_to_exclude=down,
                     extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})


def _pack(fp32: Path, out: Path) -> bool:
    """Write the packed graph (see the module docstring) when the fused graph has the pattern it rewrites:
    one EmbedLayerNormalization whose mask index feeds every Attention. New inputs: position_ids (each
    text's positions from 0) and token_mask ((1, tokens, tokens), 1 where two tokens are of one text);
    attention_mask becomes (texts, tokens), row i marking text i's tokens, which is what the traced mean
    pooling multiplies by (broadcast against the one row of tokens). Whether the result is right for this
    model's pooling is not assumed here: the export compares its vectors with sentence-transformers'."""
    import onnx
    from onnx import TensorProto, helper

    model = onnx.load(str(fp32))
    graph = model.graph
    embed = [n for n in graph.node if n.op_type == "EmbedLayerNormalization"]
    attention = [n for n in graph.node if n.op_type == "Attention"]
    inputs = {i.name for i in graph.input}
    if len(embed) != 1 or len(embed[0].input) < 8 or len(embed[0].output) < 2 or not attention:
        return False
    if "attention_mask" not in inputs or any(len(a.input) < 4 or a.input[3] != embed[0].output[1] for a in attention):
        return False
    embed = embed[0]
    if (len(embed.input) > 8 and embed.input[8]) or inputs & {"position_ids", "token_mask"}:
        return False  # positions of its own already: not the graph this rewrite knows
    mask_cast = embed.input[7]
    while len(embed.input) < 9:
        embed.input.append("")
    embed.input[7], embed.input[8] = "", "position_ids_int32"  # no mask: token_mask goes to Attention
    embed.output[1] = "unused_mask_index"
    for node in attention:
        node.input[3] = "token_mask"
    used = {i for n in graph.node for i in n.input}
    for node in [n for n in graph.node if n.op_type == "Cast" and list(n.output) == [mask_cast] and mask_cast not in used]:
        graph.node.remove(node)
    graph.node.insert(0, helper.make_node("Cast", ["position_ids"], ["position_ids_int32"], to=TensorProto.INT32,
                                          name="Cast_position_ids"))
    graph.input.append(helper.make_tensor_value_info("position_ids", TensorProto.INT64, [1, "tokens"]))
    graph.input.append(helper.make_tensor_value_info("token_mask", TensorProto.INT32, [1, "tokens", "tokens"]))
    del graph.value_info[:]  # inferred for (batch, tokens) everywhere; the runtime infers them again
    for value in [*graph.input, *graph.output]:
        dims = value.type.tensor_type.shape.dim
        if value.name in ("attention_mask", "sentence_embedding"):
            dims[0].dim_param = "texts"
        elif value.name in ("input_ids", "token_type_ids"):
            dims[0].dim_value = 1
    onnx.save(model, str(out))
    return True


def _packed_cosine(dest: Path, max_len: int, expected: np.ndarray) -> float:
    """The packed graph's vectors of CHECK_TEXTS, all in one run, against sentence-transformers'."""
    from index.onnx_session import OnnxEncoder

    try:
        encoder = OnnxEncoder(dest, PACKED, max_len)
        got = encoder.run_packed([encoder.tokenizer.encode(t) for t in CHECK_TEXTS])
    except Exception:  # noqa: BLE001 - a graph the runtime refuses is one that does not fit
        return 0.0
    return float(_cosines(got, expected).min()) if got.shape == expected.shape else 0.0


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a = a / np.maximum(np.linalg.norm(a, axis=1, keepdims=True), 1e-12)
    b = b / np.maximum(np.linalg.norm(b, axis=1, keepdims=True), 1e-12)
    return (a * b).sum(1)

