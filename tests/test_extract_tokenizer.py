"""The tokenizer keeps model and dataset names whole and still splits sentence periods."""

import pytest
import spacy

from kg.extract.tokenizer import customize_tokenizer


@pytest.fixture(scope="module")
def nlp():
    return customize_tokenizer(spacy.blank("en"))


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("on ImageNet-1K and", ["on", "ImageNet-1K", "and"]),
        ("scores on GSM8K.", ["scores", "on", "GSM8K", "."]),
        ("Llama-3.1-70B wins", ["Llama-3.1-70B", "wins"]),
        ("a ViT-B/16, trained", ["a", "ViT-B/16", ",", "trained"]),
        ("CodeT5+: open", ["CodeT5+", ":", "open"]),
        ("(UMD).", ["(", "UMD", ")", "."]),
        ("NeRV++ is", ["NeRV++", "is"]),
        ("DupMAE, a.k.a. X", ["DupMAE", ",", "a.k.a.", "X"]),
        ("is 3.5.", ["is", "3.5", "."]),
    ],
)
def test_names_stay_whole(nlp, text, tokens):
    assert [t.text for t in nlp(text)] == tokens
