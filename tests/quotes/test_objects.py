"""Content or not: the learned decision on a speech verb's noun-phrase object (quotes/objects.py)."""
from __future__ import annotations

import pytest

from newsgraph.quotes.objects import ObjectModel, collecting, shipped_model
from newsgraph.quotes.rules import extract_quotes


def test_model_round_trip(tmp_path):
    model = ObjectModel({"bias": -1.0, "length": 2.0}, meta={"keep": 0.3, "threshold": 0.9})
    path = tmp_path / "objects.json"
    model.to_path(path)
    loaded = ObjectModel.from_path(path)
    assert loaded.weights == model.weights and (loaded.keep, loaded.threshold) == (0.3, 0.9)
    assert loaded.probability({"length": 1.0}) == pytest.approx(1 / (1 + 2.718281828 ** -1.0), rel=1e-6)


def test_unreadable_model_names_the_command(tmp_path):
    path = tmp_path / "objects.json"
    path.write_text("[]", encoding="utf-8")
    with pytest.raises(ValueError, match="train_objects"):
        ObjectModel.from_path(path)


def test_shipped_model_only_removes():
    model = shipped_model()
    assert model is not None and model.threshold > 1.0  # cross-validation: adding objects did not pay


@pytest.mark.model
@pytest.mark.parametrize(("text", "quote"), [
    pytest.param("Les joueurs du club et leur entraîneur ont salué le chef.", None, id="greeting-a-person"),
    pytest.param("Le constructeur Renault a annoncé jeudi la fermeture de son usine de Flins.",
                 "la fermeture de son usine de Flins", id="announced-fact"),
    pytest.param("Le syndicat a réclamé une hausse des salaires de 5 % pour tous les agents qui travaillent de nuit.",
                 "une hausse des salaires de 5 % pour tous les agents qui travaillent de nuit", id="demand-with-clause"),
])
def test_noun_phrase_object_is_content_or_not(nlp, text, quote):
    found = [q.text for q in extract_quotes(nlp(text))]
    assert found == ([quote] if quote else [])


@pytest.mark.model
def test_training_sees_the_rules_answer(nlp):
    doc = nlp("Les joueurs du club et leur entraîneur ont salué le chef.")
    with collecting() as found:
        quotes = [q.text for q in extract_quotes(doc)]
    assert quotes == ["le chef"]  # while collecting, the frames decide
    assert [(doc.text[c.start : c.start + 8], c.rule) for c in found] == [("le chef.", True)]
    assert found[0].features["short"] == 1.0
