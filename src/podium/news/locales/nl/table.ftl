# Table, day and Games stories.

headline-table-none = { $noc } nog zonder medaille
headline-table-outside = { $noc } buiten het officiële klassement
table-lead-none = { $day ->
    [none] { $noc } { $number ->
        [one] won
       *[other] wonnen
    } op de { season-games } in { $games } geen medaille.
   *[other] na { $done } van de { $total } onderdelen van de { season-games } in { city } { $number ->
        [one] heeft
       *[other] hebben
    } { $noc } op { WEEKDAY($day) } { DAY($day) } nog geen medaille.
 }
table-lead-outside = { $day ->
    [none] { $noc } { $number ->
        [one] won
       *[other] wonnen
    } op de { season-games } in { $games } { $medals }, buiten het officiële klassement.
   *[other] na { $done } van de { $total } onderdelen { $number ->
        [one] heeft
       *[other] hebben
    } { $noc } op { WEEKDAY($day) } { DAY($day) } { $medals }, maar { $number ->
        [one] staat
       *[other] staan
    } buiten het officiële klassement.
 }
headline-table = { $noc } { $final ->
    [yes] { $number ->
        [one] eindigt
       *[other] eindigen
    } als { ORD($rank) }
   *[no] { $number ->
        [one] staat
       *[other] staan
    } { ORD($rank) }
 } in de medaillespiegel
table-lead = { $final ->
    [yes] { $noc } { $number ->
        [one] sluit
       *[other] sluiten
    } de { season-games } in { $games } af als { ORD($rank) } in de medaillespiegel, met { $medals }.
   *[no] na { $done } van de { $total } medaille-onderdelen van de { season-games } in { city } { $number ->
        [one] staat
       *[other] staan
    } { $noc } op { WEEKDAY($day) } { DAY($day) } { ORD($rank) } in de medaillespiegel, met { $medals }.
 }

previous-rank = voor het laatste onderdeel { $number ->
    [one] stond
   *[other] stonden
 } { $noc } { $same ->
    [yes] ook al
   *[no] nog
 } { ORD($previous) }.
leaders = { $count ->
    [one] { $nocs } { $number ->
        [one] leidt
       *[other] leiden
    } met { $golds } gouden medailles.
   *[other] { $nocs } voeren de stand aan, met { $golds } gouden medailles.
 }
level-on-golds = ook { $noc } { $number ->
    [one] staat
   *[other] staan
 } op { WORD($gold) } keer goud, en { $number ->
    [one] is
   *[other] zijn
 } { ORD($rank) }.
    .b = { $noc } { $number ->
        [one] heeft
       *[other] hebben
    } evenveel gouden medailles ({ WORD($gold) }) en { $number ->
        [one] is
       *[other] zijn
    } { ORD($rank) }.
decided-by = bij een gelijk aantal gouden medailles beslist het { medal }: { WORD($a) } tegen { WORD($b) }.
more-in-total = { $noc } { $number ->
    [one] heeft
   *[other] hebben
 } in totaal { WORD($n) } { $n ->
    [one] medaille
   *[other] medailles
 } meer ({ $more } tegen { $less }), maar het totaal telt niet mee voor de stand.
group-ahead = { $count ->
    [one] direct daarboven { $number ->
        [one] staat
       *[other] staan
    } { $nocs } met { WORD($gold) } keer goud.
   *[other] direct daarboven staat een groep op { WORD($gold) } keer goud: { $nocs }.
 }
group-behind = { $count ->
    [one] daarachter volgt { $nocs } met { WORD($gold) } keer goud.
   *[other] daarachter volgt een groep op { WORD($gold) } keer goud: { $nocs }.
 }
best-rank = op { DAY($day) } { $number ->
    [one] stond
   *[other] stonden
 } { $noc } even { ORD($rank) }, de beste plek tot nu toe.

previous-games = bij de vorige { season-games }, in { $games }, eindigde { $noc } als { ORD($rank) } met { $medals }.
    .b = in { $games }, de vorige { season-games }, werd { $noc } { ORD($rank) } met { $medals }.
best-games-total = { $record ->
    [beaten] met { $now } medailles { $final ->
        [yes] won { $noc } er meer dan ooit
       *[no] heeft { $noc } er nu al meer dan ooit
    }: het oude record was { $total }, in { $games }.
    [equalled] met { $now } medailles { $final ->
        [yes] evenaarde { $noc } het record
       *[no] evenaart { $noc } nu al het record
    } van { $games }.
   *[standing] de meeste medailles ooit won { $noc } in { $games }: { $total }, waarvan { $medals }; toen werd het { ORD($rank) }.
 }
    .b = { $record ->
        [beaten] nooit won { $noc } meer medailles dan nu: { $now }; het oude record was { $total }, in { $games }.
        [equalled] met { $now } medailles { $final ->
            [yes] evenaarde { $noc } het record
           *[no] evenaart { $noc } nu al het record
        } van { $games }.
       *[standing] nooit won { $noc } meer medailles dan in { $games }: { $total }, waarvan { $medals }, goed voor de { ORD($rank) } plaats.
    }
best-games-gold = { $record ->
    [beaten] met { WORD($now) } gouden medailles { $final ->
        [yes] won { $noc } er meer dan op alle eerdere { season-games }
       *[no] heeft { $noc } er nu al meer dan op alle eerdere { season-games }
    }: het oude record was { WORD($gold) }, in { $games }.
    [equalled] met { WORD($now) } gouden medailles { $final ->
        [yes] evenaarde { $noc } het record
       *[no] evenaart { $noc } nu al het record
    } van { $games }.
   *[standing] de meeste gouden medailles ooit won { $noc } in { $games }: { WORD($gold) }.
 }
best-games-rank = { $state ->
    [higher] zo hoog stond { $noc } nooit eerder: de beste klassering was de { ORD($rank) } plaats, voor het eerst in { $games }.
    [top] voor het eerst bovenaan het klassement stond { $noc } in { $games }.
   *[best] de hoogste klassering ooit is de { ORD($rank) } plaats, voor het eerst in { $games }.
 }
    .b = { $state ->
        [higher] zo hoog stond { $noc } nooit eerder: de beste klassering was de { ORD($rank) } plaats, voor het eerst in { $games }.
        [top] voor het eerst bovenaan het klassement stond { $noc } in { $games }.
       *[best] hoger dan { ORD($rank) } eindigde { $noc } nooit; dat lukte voor het eerst in { $games }.
    }
target = { $source ->
    [none] het doel
   *[other] het doel van { $source }
 } { $final ->
    [yes] was een plek in de top { WORD($target) }, en dat is { $on ->
        [yes] gelukt
       *[no] niet gelukt
    }.
   *[no] is een plek in de top { WORD($target) }; { $noc } { $number ->
        [one] ligt
       *[other] liggen
    } daarvoor { $on ->
        [yes] op koers
       *[no] nog niet op koers
    }.
 }

# the projection at the story's moment (podium.projection): the chance of the NOC's target
# (the top ten without one), its expected final golds with their 80% interval
projection-place = { $target ->
    [1] de eerste plaats
   *[other] een plek in de top { WORD($target) }
 }
projection = volgens de prognose { $band ->
    [sure] { $number ->
        [one] is
       *[other] zijn
    } { $noc } vrijwel zeker van { projection-place }
    [none] { $number ->
        [one] maakt
       *[other] maken
    } { $noc } vrijwel geen kans op { projection-place }
   *[some] { $number ->
        [one] heeft
       *[other] hebben
    } { $noc } { $p }% kans op { projection-place }
 }{ $golds ->
    [yes] , met naar verwachting { WORD($gold) } gouden { $gold ->
        [one] medaille
       *[other] medailles
    } aan het eind ({ $interval }% kans op { WORD($low) } tot en met { WORD($high) })
   *[no] {""}
 }.
projection-first = { $band ->
    [sure] { $noc } { $number ->
        [one] eindigt
       *[other] eindigen
    } volgens de prognose vrijwel zeker bovenaan.
   *[other] de kans dat { $noc } bovenaan { $number ->
        [one] eindigt
       *[other] eindigen
    } is volgens de prognose { $p }%.
 }

medal-nocs = { $n } landen hebben al een medaille gewonnen.
discipline-in = { $discipline ->
    [speed-skating] op de langebaan
    [short-track] bij het shorttrack
    [biathlon] bij het biatlon
    [alpine-skiing] bij het alpineskiën
    [cross-country-skiing] bij het langlaufen
    [ski-jumping] bij het schansspringen
    [snowboard] bij het snowboarden
    [freestyle-skiing] bij het freestyleskiën
    [figure-skating] bij het kunstschaatsen
   *[other] bij { discipline-name }
 }
discipline-part = { $n ->
    [one] één
   *[other] { WORD($n) }
 } { discipline-in }
discipline-split = van de { WORD($n) } medailles van { $noc } { $count ->
    [one] kwam er
   *[other] kwamen er
 } { $parts }.

# the places at the Games before the previous ones: 'vijfde in Pyeongchang in 2018'
earlier-rank = { ORD($rank) } in { $games }
earlier-ranks = daarvoor { $number ->
    [one] werd
   *[other] werden
 } { $noc } { $places }.
