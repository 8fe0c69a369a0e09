"""The baseline: Presidio's AnalyzerEngine with GiNZA (ja_ginza) as its spaCy NLP engine.

Lives only in the bench environment (bench/.venv), never a dependency of the package.
GiNZA's NER labels (Person, City, …) are mapped to Presidio entities so its SpacyRecognizer
reports PERSON and LOCATION.
"""

from __future__ import annotations

from typing import Any


def presidio_engine() -> Any:
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_analyzer.predefined_recognizers import SpacyRecognizer

    config = {
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": "ja", "model_name": "ja_ginza"}],
        "ner_model_configuration": {
            "model_to_presidio_entity_mapping": {
                "Person": "PERSON",
                "City": "LOCATION",
                "Province": "LOCATION",
                "Country": "LOCATION",
                "GPE_Other": "LOCATION",
                "Location_Other": "LOCATION",
                "Date": "DATE_TIME",
                "Organization_Other": "ORGANIZATION",
                "Company": "ORGANIZATION",
            },
            "low_confidence_score_multiplier": 1.0,
            "low_score_entity_names": [],
            "labels_to_ignore": [],
        },
    }
    nlp_engine = NlpEngineProvider(nlp_configuration=config).create_engine()
    registry = RecognizerRegistry(supported_languages=["ja"])
    registry.add_recognizer(
        SpacyRecognizer(
            supported_language="ja",
            supported_entities=["PERSON", "LOCATION", "DATE_TIME", "ORGANIZATION"],
        )
    )
    return AnalyzerEngine(nlp_engine=nlp_engine, registry=registry, supported_languages=["ja"])
