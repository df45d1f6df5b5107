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


@pytest.fixture(scope="module")
def pipeline_tokenizer():
    from kg.extract.pipeline import default_nlp

    return default_nlp().tokenizer


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("inspired fromU-Net in", ["inspired", "from", "U-Net", "in"]),
        ("open-sourced onIntelCaffe", ["open-sourced", "on", "IntelCaffe"]),
        ("the LSTMclassifier wins", ["the", "LSTM", "classifier", "wins"]),
        ("T-1 weighted MRIvolumes", ["T-1", "weighted", "MRI", "volumes"]),
        ("a machine (SVM).The MNB", ["a", "machine", "(", "SVM", ")", ".", "The", "MNB"]),
        ("worst (F1=39.40).", ["worst", "(", "F1", "=", "39.40", ")", "."]),
        ("poorly(F1 here", ["poorly", "(", "F1", "here"]),
        ("see Name[12] and Net(ABC here", ["see", "Name", "[", "12", "]", "and", "Net", "(", "ABC", "here"]),
    ],
)
def test_tokens_glued_by_lost_spaces_are_split_and_the_text_is_kept_exactly(pipeline_tokenizer, text, tokens):
    doc = pipeline_tokenizer(text)
    assert [t.text for t in doc] == tokens
    assert doc.text == text and doc.user_data["kg_text"] == text


@pytest.mark.parametrize(
    "name", ["SANSformer", "fastText", "reID", "huBERT", "BT(P)", "TS-CP^2", "RMSProp", "miniImageNet"]
)
def test_names_that_only_look_glued_stay_whole(pipeline_tokenizer, name):
    assert [t.text for t in pipeline_tokenizer(f"we use {name} here")] == ["we", "use", name, "here"]
