"""Plain English is recognised without the language detector; everything else still goes
through it."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep_ingest.intake import _language
from sitrep_ingest.intake._language import detect_language

ROOT = Path(__file__).parents[3]
ENGLISH = [
    ROOT / "seeds" / "articles" / "000_672c0df4b7590af4.txt",
    *sorted((ROOT / "tests" / "fixtures" / "html").glob("*.txt")),
]
OTHERS = {
    "fr": "Les forces gouvernementales syriennes ont repris le contrôle de la ville après "
    "plusieurs jours de combats intenses, selon l'Observatoire syrien des droits de l'homme. "
    "Des dizaines de civils ont été tués dans les bombardements, a déclaré un porte-parole de "
    "l'opposition, qui accuse le régime d'avoir utilisé des armes interdites.",
    "de": "Die syrische Armee hat nach eigenen Angaben die Stadt nach tagelangen heftigen "
    "Kämpfen zurückerobert. Dutzende Zivilisten wurden bei den Luftangriffen getötet, sagte "
    "ein Sprecher der Opposition, der dem Regime vorwirft, verbotene Waffen eingesetzt zu "
    "haben. Was die Regierung dazu sagt, ist unklar.",
    "nl": "Het Syrische leger heeft de stad na dagenlange zware gevechten heroverd, zo meldt "
    "het Syrisch Observatorium voor de Mensenrechten. Tientallen burgers zijn bij de "
    "bombardementen om het leven gekomen, zei een woordvoerder van de oppositie. Het is nog "
    "niet duidelijk wat er met de gevangenen is gebeurd.",
    "es": "Las fuerzas gubernamentales sirias recuperaron el control de la ciudad tras varios "
    "días de intensos combates, según el Observatorio Sirio de Derechos Humanos. Decenas de "
    "civiles murieron en los bombardeos, dijo un portavoz de la oposición, que acusa al "
    "régimen de haber utilizado armas prohibidas.",
}


@pytest.mark.parametrize("path", ENGLISH, ids=lambda p: p.name)
def test_english_articles_need_no_detector(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_detector() -> None:
        raise AssertionError("the detector was asked")

    monkeypatch.setattr(_language, "_detector", no_detector)
    assert detect_language(path.read_text(encoding="utf-8").split("\n")) == "en"


@pytest.mark.parametrize("language", sorted(OTHERS))
def test_other_languages_still_go_to_the_detector(language: str) -> None:
    assert not _language._plainly_english(OTHERS[language])
    assert detect_language([OTHERS[language]]) == language
