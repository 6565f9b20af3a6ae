"""The two real articles of ../shared/examples as Podium's exact expected Dutch output: the
women's 500 m of 15 February 2026 and the medal table on the evening of 17 February (with
the target as NOC*NSF stated it, from the store, and the projection's view of it). Podium
writes what the data shows at the moment it writes (the five-gold group has Switzerland, not
Germany). Sochi 2014 was sixth, as the article has it: Germany's relay gold of September 2025
counts. Kok's age is said as the article says it ("De 25-jarige Kok"), from her Olympedia
entries."""

from __future__ import annotations

from podium import Podium
from podium.news.checker import Checker
from podium.news.story import story
from podium.news.targets import set_target

GAMES = "milano-cortina-2026"

KOK_LEERDAM = """\
Kok pakt als eerste uit Nederland olympisch goud op de 500 meter langebaan bij de vrouwen

Femke Kok heeft zondag 15 februari op de Olympische Winterspelen in Milaan-Cortina de 500 meter \
langebaan bij de vrouwen gewonnen, voor Jutta Leerdam en Miho Takagi uit Japan.

Daarmee draaiden Kok en Leerdam de uitslag van de 1000 meter langebaan bij de vrouwen van \
9 februari om. Kok en Leerdam hebben op deze Spelen nu allebei één gouden en één zilveren \
medaille. Het is het vijfde goud voor Nederland op deze Spelen, de elfde medaille in totaal.

De 25-jarige Kok is de eerste Nederlandse olympisch kampioene op de 500 meter langebaan bij de \
vrouwen, een onderdeel dat sinds 1960 op de Spelen staat. Tot nu toe was Margot Boer (brons, \
2014) de enige medaillewinnaar uit Nederland op de 500 meter langebaan bij de vrouwen. \
Leerdam pakt het eerste zilver ooit voor Nederland op de 500 meter langebaan bij de vrouwen. \
Het is de eerste 1-2 voor Nederland op de 500 meter langebaan bij de vrouwen. Bij de mannen \
lukte dat Nederland al in 2014: Michel Mulder won goud, Jan Smeekens zilver en Ronald Mulder brons.

In totaal staat Leerdam nu op drie olympische medailles uit twee Spelen: één keer goud en twee \
keer zilver.
"""

MEDAILLESPIEGEL = """\
Nederland staat vierde in de medaillespiegel

Na 78 van de 116 medaille-onderdelen van de Winterspelen in Milaan-Cortina staat Nederland op \
dinsdag 17 februari vierde in de medaillespiegel, met zes gouden, zes zilveren en één bronzen \
medaille.

Voor het laatste onderdeel stond Nederland ook al vierde. Noorwegen en Italië voeren de stand \
aan, met dertien en negen gouden medailles. Ook de Verenigde Staten staan op zes keer goud, en \
zijn derde. Bij een gelijk aantal gouden medailles beslist het zilver: negen tegen zes. De \
Verenigde Staten hebben in totaal zeven medailles meer (20 tegen 13), maar het totaal telt niet \
mee voor de stand. Daarachter volgt een groep op vijf keer goud: Oostenrijk, Frankrijk, Zweden \
en Zwitserland. 26 landen hebben al een medaille gewonnen.

Van de dertien medailles van Nederland kwamen er negen op de langebaan en vier bij het \
shorttrack. Xandra Velzeboer en Jens van 't Wout zijn op deze Spelen allebei dubbel olympisch \
kampioen. Op \
16 februari stond Nederland even derde, de beste plek tot nu toe.

Bij de vorige Winterspelen, in Peking in 2022, eindigde Nederland als zesde met achtmaal goud, \
vijf keer zilver en viermaal brons. De meeste medailles ooit won Nederland in Sotsji in 2014: \
24, waarvan achtmaal goud, zeven keer zilver en negenmaal brons; toen werd het zesde. Hoger \
dan vierde eindigde Nederland nooit; dat lukte voor het eerst in Sapporo in 1972.

Het doel van NOC*NSF is een plek in de top tien; Nederland ligt daarvoor op koers. Volgens de \
prognose is Nederland vrijwel zeker van een plek in de top tien, met naar verwachting negen \
gouden medailles aan het eind (80% kans op zeven tot en met tien).
"""


def test_kok_and_leerdam_on_the_500m(imported: Podium) -> None:
    s = story(imported, "event", GAMES, "NED", "nl", event="speed-skating/w/500m")
    assert s.text() == KOK_LEERDAM
    assert Checker(imported.store.url).check(s) == []


def test_the_medal_table_on_17_february(imported_copy: str) -> None:
    with Podium(imported_copy) as p:
        set_target(p, GAMES, "NED", 10, "NOC*NSF", p.moment(GAMES, "2026-01-12"))
        s = story(p, "table", GAMES, "NED", "nl", as_of=p.moment(GAMES, "2026-02-17T16:53"))
        assert s.text() == MEDAILLESPIEGEL
        assert Checker(imported_copy).check(s) == []
