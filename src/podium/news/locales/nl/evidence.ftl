# The facts behind a story's sentence, as an editor reads them.

fact-kind = { $kind ->
    [medal] Medaille
    [noc-count] Telling van het land op deze Spelen
    [games-tally] Medailles van de sporter op deze Spelen
    [earlier-medallists] Eerdere medaillewinnaars van het land op dit onderdeel
    [career] Olympische loopbaan
    [defending-champion] Titelverdediger
    [first-medal] Eerste medaille
    [first-gold] Eerste gouden medaille
    [first-colour] Eerste medaille van deze kleur
    [discipline-leader] Beste land in de discipline
    [discipline-split] Medailles per discipline
    [rank] Plaats in de medaillespiegel
    [best-rank] Beste plaats ooit
    [level-on-golds] Gelijk in goud
    [leaders] Koplopers
    [group-ahead] Direct voor in de medaillespiegel
    [group-behind] Direct achter in de medaillespiegel
    [previous-games] Vorige Spelen
    [previous-games-stage] Vorige Spelen op hetzelfde moment
    [best-games-total] Meeste medailles op één Spelen
    [best-games-gold] Meeste gouden medailles op één Spelen
    [best-games-rank] Beste plaats op één Spelen
    [medal-nocs] Landen met een medaille
    [progress] Onderdelen beslist
    [target] Doelstelling
    [standing] Stand van het land
    [role-reversal] Rollen omgedraaid
    [other-gender-one-two] Dubbelslag bij de andere sekse
    [projection] Prognose: kans op de doelstelling
    [projection-first] Prognose: kans op de eerste plaats
   *[other] { $kind }
 }
fact-number = { $name ->
    [rank] plaats
    [previous_rank] plaats ervoor
    [now_rank] plaats nu
    [tied] gedeeld
    [gold] goud
    [silver] zilver
    [bronze] brons
    [total] totaal
    [medals] medailles
    [medal] medaille
    [medal_now] medaille nu
    [now_gold] goud nu
    [now_total] totaal nu
    [decided_by] beslist door
    [count] aantal
    [games] Spelen
    [editions] edities
    [year] jaar
    [since] sinds
    [at] op
    [done] beslist
    [left] nog te gaan
    [final] eindstand
    [athletes] sporters
    [nocs] landen
    [entered] deelnames
    [defended] verdedigd
    [target] doel (plaats)
    [p] kans (%)
    [p_first] kans op de eerste plaats (%)
    [gold_low] goud, 80%-interval vanaf
    [gold_high] goud, 80%-interval tot en met
    [interval] interval (%)
   *[other] { $name }
 }
facts-of = Feiten achter deze zin
facts-proof = Uitslagen
