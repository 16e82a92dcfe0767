"""Language identification: right on news prose in many languages, and says how it decided."""

from __future__ import annotations

import pytest

from storydesk.metadata.language import by_function_words, identify

# Short news paragraphs written for these tests, one per language.
TEXTS = {
    "en": "The harbour master said on Tuesday that the ferry had not been cleared to sail, and "
          "that the company would have to answer for the decision to leave port in a gale.",
    "de": "Die Fähre ist am Dienstagabend vor der Hafeneinfahrt gekentert, wie die Küstenwache "
          "mitteilte. Nach Angaben der Behörden wurden mindestens vier Menschen getötet.",
    "fr": "Le ferry a chaviré mardi soir à l'entrée du port, selon les garde-côtes. Les "
          "autorités ont indiqué que quatre personnes sont mortes et que sept sont disparues.",
    "es": "El transbordador volcó el martes por la noche a la entrada del puerto, según la "
          "guardia costera. Las autoridades dijeron que murieron al menos cuatro personas.",
    "pt": "A balsa virou na noite de terça-feira na entrada do porto, segundo a guarda costeira. "
          "As autoridades disseram que pelo menos quatro pessoas morreram no acidente.",
    "it": "Il traghetto si è capovolto martedì sera all'ingresso del porto, secondo la guardia "
          "costiera. Le autorità hanno detto che almeno quattro persone sono morte.",
    "nl": "De veerboot is dinsdagavond bij de ingang van de haven gekapseisd, meldt de "
          "kustwacht. Volgens de autoriteiten zijn er zeker vier mensen om het leven gekomen.",
    "da": "Færgen kæntrede tirsdag aften ved indsejlingen til havnen, oplyser kystvagten. Ifølge "
          "myndighederne er mindst fire mennesker omkommet, og syv savnes stadig.",
    "sv": "Färjan kantrade på tisdagskvällen vid infarten till hamnen, uppger kustbevakningen. "
          "Enligt myndigheterna har minst fyra människor omkommit och sju saknas fortfarande.",
    "pl": "Prom przewrócił się we wtorek wieczorem przy wejściu do portu, poinformowała straż "
          "przybrzeżna. Według władz zginęły co najmniej cztery osoby, a siedem zaginęło.",
    "cs": "Trajekt se v úterý večer převrhl u vjezdu do přístavu, uvedla pobřežní stráž. Podle "
          "úřadů zahynuli nejméně čtyři lidé a sedm dalších se stále pohřešuje.",
    "fi": "Lautta kaatui tiistai-iltana sataman suulla, kertoi rannikkovartiosto. Viranomaisten "
          "mukaan ainakin neljä ihmistä kuoli ja seitsemän on yhä kateissa.",
    "ru": "Паром перевернулся во вторник вечером у входа в гавань, сообщила береговая охрана. "
          "По данным властей, погибли по меньшей мере четыре человека.",
    "tr": "Feribot salı akşamı liman girişinde alabora oldu, sahil güvenlik açıklama yaptı. "
          "Yetkililere göre en az dört kişi hayatını kaybetti ve yedi kişi kayıp.",
}


@pytest.mark.parametrize("code", sorted(TEXTS))
def test_news_prose_in_many_languages(code: str) -> None:
    found = identify(TEXTS[code])
    assert found is not None
    assert found.code == code, found


@pytest.mark.parametrize("code", ["da", "sv", "pl", "cs", "fi", "ru", "tr"])
def test_function_words_leave_other_languages_to_lingua(code: str) -> None:
    """Stage one only answers for its seven languages; it never claims a relative of them."""
    assert by_function_words(TEXTS[code]) is None
    assert identify(TEXTS[code]).method == "lingua"


def test_english_prose_is_decided_by_function_words() -> None:
    found = identify(TEXTS["en"])
    assert found.method.startswith("function words")


def test_too_short_to_tell() -> None:
    assert identify("Ferry") is None
    assert identify("12 34 56") is None
