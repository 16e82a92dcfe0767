"""An abstractive summary from a user-configured, OpenAI-compatible endpoint, checked.

storydesk works offline; this is optional. Given the URL of a chat-completions endpoint (a
local llama.cpp or Ollama server, for example), the story's best-supported claims are sent
numbered, and the model is asked for a short neutral summary whose every sentence ends with
the numbers of the claims it rests on ("... [1][3]"). Each returned sentence is then checked
against the passages of the claims it cites: its content words must mostly appear there and
every figure in it must appear there. A sentence that cites nothing, cites claims that do not
exist, or fails the check is kept but flagged `supported: false`, with the reason, and
reports show it as unverified, never as fact.
"""

from __future__ import annotations

import re
from typing import Any

import httpx

from storydesk.claims.align import stem
from storydesk.similarity.features import STOPWORDS

MAX_CLAIMS = 12
SUPPORT_SHARE = 0.6  # share of a sentence's content words that its cited passages must hold
_CITATION = re.compile(r"\[(\d{1,3})\]")
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+(?:\s*\[\d{1,3}\])*|$)")
_WORD = re.compile(r"[^\W\d_][\w'-]*|\d[\d,.]*\d|\d")


class EndpointError(RuntimeError):
    """The endpoint could not be reached or gave no usable answer."""


def _claims_for(dossier: dict[str, Any]) -> list[dict[str, Any]]:
    ranked = sorted(enumerate(dossier["claims"]),
                    key=lambda item: (-item[1]["independent_sources"], item[0]))
    return [claim for _, claim in ranked[:MAX_CLAIMS]]


def prompt(claims: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The chat messages asking for a cited summary of numbered claims."""
    numbered = "\n".join(f"[{n}] {c['text']}" for n, c in enumerate(claims, 1))
    return [
        {"role": "system", "content": "You summarise news neutrally. Use only the facts "
         "given. End every sentence with the numbers of the facts it uses, like [1][4]."},
        {"role": "user", "content": f"Facts:\n{numbered}\n\nWrite a summary of 3 to 6 "
         "sentences."},
    ]


def _content(text: str) -> set[str]:
    return {stem(w) for w in _WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 2}


def _figures(text: str) -> set[str]:
    return {w.replace(",", "") for w in _WORD.findall(text) if w[0].isdigit()}


def check(sentence: str, cited: list[dict[str, Any]]) -> tuple[bool, str]:
    """Whether the cited claims' passages support a generated sentence, and why not."""
    if not cited:
        return False, "cites no given fact"
    sentence = _CITATION.sub("", sentence)
    passages = " ".join(p["text"] for c in cited for p in c["passages"])
    missing_figures = _figures(sentence) - _figures(passages)
    if missing_figures:
        return False, f"figures not in the cited passages: {', '.join(sorted(missing_figures))}"
    words = _content(sentence)
    held = words & _content(passages)
    if words and len(held) / len(words) < SUPPORT_SHARE:
        return False, (f"only {len(held)} of {len(words)} content words are in the cited "
                       "passages")
    return True, ""


def abstractive_summary(dossier: dict[str, Any], endpoint: str, model: str = "default",
                        api_key: str | None = None, timeout: float = 120.0
                        ) -> list[dict[str, Any]]:
    """Sentences written by the endpoint, each with its cited outlets and whether the cited
    passages support it (`supported`, and `why` when not)."""
    claims = _claims_for(dossier)
    if not claims:
        return []
    outlet = {a["id"]: a["outlet"] or a["id"] for a in dossier["articles"]}
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    url = endpoint.rstrip("/")
    if not url.endswith("/chat/completions"):
        url += "/v1/chat/completions" if not url.endswith("/v1") else "/chat/completions"
    try:
        response = httpx.post(url, json={"model": model, "messages": prompt(claims),
                                         "temperature": 0}, headers=headers, timeout=timeout)
        response.raise_for_status()
        text = response.json()["choices"][0]["message"]["content"]
    except (httpx.HTTPError, KeyError, IndexError, ValueError) as e:
        raise EndpointError(f"the summary endpoint {url} failed: {e}") from e
    out = []
    for match in _SENTENCE.finditer(text or ""):
        sentence = match.group().strip()
        if not _CITATION.sub("", sentence).strip():
            continue
        numbers = [int(n) for n in _CITATION.findall(sentence)]
        cited = [claims[n - 1] for n in numbers if 1 <= n <= len(claims)]
        supported, why = check(sentence, cited)
        if len(cited) < len(numbers):
            supported, why = False, "cites a fact that was not given"
        articles = list(dict.fromkeys(a for c in cited for a in c["support"]))
        out.append({"sentence": _CITATION.sub("", sentence).strip(),
                    "cites": list(dict.fromkeys(outlet.get(a, a) for a in articles)),
                    "articles": articles, "supported": supported, "why": why})
    return out
