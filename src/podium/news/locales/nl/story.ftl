# Event stories. A message's attributes (.b, .c) are other wordings of the same claim.

headline-noc-first-medal = { $who } { $number ->
    [one] bezorgt
   *[other] bezorgen
 } { $noc } de eerste { $season ->
    [all] olympische medaille ooit
   *[other] medaille ooit op { season-games }
 }
headline-noc-first-gold = { $who } { $number ->
    [one] bezorgt
   *[other] bezorgen
 } { $noc } de eerste olympische titel { $season ->
    [all] ooit
   *[other] ooit op { season-games }
 }
headline-one-two = { $pair } zorgen voor de eerste 1-2 van { $noc } op { $event }
headline-first-gold = { $team ->
    [yes] { $noc } voor het eerst olympisch kampioen op { $event }
   *[no] { $who } pakt als eerste uit { $noc } olympisch goud op { $event }
 }
headline-medal = { $who } { $team ->
    [yes] { $number ->
        [one] { headline-medal-verb }
       *[other] { $medal ->
            [gold] winnen goud
            [silver] pakken zilver
           *[bronze] pakken brons
        }
    }
   *[no] { headline-medal-verb }
 } op { $event }
headline-medal-verb = { $medal ->
    [gold] wint goud
    [silver] pakt zilver
   *[bronze] pakt brons
 }

event-lead = { $winners } { $count ->
    [one] heeft
   *[other] hebben
 } { WEEKDAY($day) } { DAY($day) } op de Olympische { season-games } in { city } { $event } gewonnen{ $behind ->
    [none] .
   *[other] , voor { $behind }.
 }

role-reversal = op { $other } waren de rollen op { DAY($day) } precies andersom: toen won { $b } en werd { $a } tweede.
    .b = daarmee draaiden { $a } en { $b } de uitslag van { $other } van { DAY($day) } om.

# "allebei" for two, "alle drie" for more
all-of = { $count ->
    [one] {""}
    [2] allebei{" "}
   *[other] alle { WORD($count) }{" "}
 }
games-tally-final = { $who } { $count ->
    [one] sluit
   *[other] sluiten
 } de Spelen { all-of }af met { $medals }.
    .b = de Spelen { $count ->
        [one] sluit
       *[other] sluiten
    } { $who } { all-of }af met { $medals }.
games-tally-champion = { $who } { $count ->
    [one] is
   *[other] zijn
 } op deze Spelen { all-of }{ $gold ->
    [1] olympisch
    [2] dubbel olympisch
   *[other] { WORD($gold) }voudig olympisch
 } { $gender ->
    [W] kampioene
   *[other] kampioen
 }.
    .b = op deze Spelen { $count ->
        [one] is
       *[other] zijn
    } { $who } { all-of }{ $gold ->
        [1] olympisch
        [2] dubbel olympisch
       *[other] { WORD($gold) }voudig olympisch
    } { $gender ->
        [W] kampioene
       *[other] kampioen
    }.
games-tally-medals = { $who } { $count ->
    [one] heeft
   *[other] hebben
 } op deze Spelen nu { all-of }{ $medals }.
    .b = op deze Spelen { $count ->
        [one] heeft
       *[other] hebben
    } { $who } nu { all-of }{ $medals }.

noc-count = het is { $medal ->
    [gold] het { ORD($n) } goud
    [silver] het { ORD($n) } zilver
   *[bronze] het { ORD($n) } brons
 } voor { $noc } op deze Spelen{ $total ->
    [1] .
   *[other] , de { ORD($total) } medaille in totaal.
 }

noc-first-medal = het is de eerste { $season ->
    [all] olympische medaille ooit
   *[other] medaille ooit op { season-games }
 } voor { $noc }.
noc-first-gold = het is de eerste olympische titel { $season ->
    [all] ooit
   *[other] ooit op { season-games }
 } voor { $noc }.

first-gold = { $adjective ->
    [none] { $who } is { $gender ->
        [W] de eerste vrouw
        [M] de eerste man
       *[other] de eerste
    } uit { $noc } die olympisch kampioen wordt op { $event }, een onderdeel dat sinds { $since } op de Spelen staat.
   *[other] { $who } is de eerste { $adjective } olympisch { $gender ->
        [W] kampioene
       *[other] kampioen
    } op { $event }, een onderdeel dat sinds { $since } op de Spelen staat.
 }
first-gold-team = het is de eerste olympische titel voor { $noc } op { $event }, een onderdeel dat sinds { $since } op de Spelen staat.

first-medal = { $who ->
    [none] het is de eerste medaille ooit voor { $noc } op { $event }, een onderdeel dat sinds { $since } op het programma staat.
   *[other] { $who } bezorgt { $noc } de eerste olympische medaille op { $event } sinds dat onderdeel in { $since } op het programma kwam.
 }
    .b = { $who ->
        [none] voor { $noc } is het de eerste medaille ooit op { $event }, een onderdeel dat sinds { $since } op het programma staat.
       *[other] als eerste uit { $noc } wint { $who } een olympische medaille op { $event } sinds dat onderdeel in { $since } op het programma kwam.
    }

earlier-medal = { $who ->
    [none] { medal } ({ $year })
   *[other] { $who } ({ medal }, { $year })
 }
earlier-medallists = { $n ->
    [one] tot nu toe was { $listing } de enige medaillewinnaar uit { $noc } op { $event }.
   *[other] eerder won { $noc } { WORD($n) } medailles op { $event }: { $listing }.
 }
    .b = { $n ->
        [one] { $listing } was tot nu toe de enige medaillewinnaar uit { $noc } op { $event }.
       *[other] op { $event } won { $noc } eerder { WORD($n) } medailles: { $listing }.
    }

first-colour = { $who ->
    [none] het is het eerste { medal } ooit voor { $noc } op { $event }.
   *[other] { $who } pakt het eerste { medal } ooit voor { $noc } op { $event }.
 }
first-one-two = het is de eerste 1-2 voor { $noc } op { $event }.
first-sweep = het is de eerste 1-2-3 voor { $noc } op { $event }.
other-gender-one-two = { $gender ->
    [W] bij de vrouwen
    [M] bij de mannen
   *[X] in de gemengde klasse
 } lukte dat { $noc } al in { $year }: { $gold } won goud{ $bronze ->
    [none] {" "}en { $silver } zilver.
   *[other] , { $silver } zilver en { $bronze } brons.
 }

defending-champion = { $team ->
    [yes] titelverdediger
   *[no] { $gender ->
        [W] titelverdedigster
       *[other] titelverdediger
    }
 } { $who }, { $team ->
    [yes] kampioen
   *[no] { $gender ->
        [W] kampioene
       *[other] kampioen
    }
 } in { $year }, { $outcome ->
    [1] prolongeerde de titel.
    [2] moest nu genoegen nemen met zilver.
    [3] pakte nu brons.
    [0] bleef dit keer zonder medaille.
   *[absent] deed dit keer niet mee.
 }

career = { $who } heeft nu { WORD($n) } olympische medailles, verdeeld over { WORD($games) } Spelen: { $medals }.
    .b = in totaal staat { $who } nu op { WORD($n) } olympische medailles uit { WORD($games) } Spelen: { $medals }.
discipline-leader = met { $medals } is { $who } de succesvolste olympiër van { $noc } { discipline-at }.
# where a discipline is practised: 'op de langebaan', 'bij het alpineskiën'
discipline-at = { $discipline ->
    [speed-skating] op de langebaan
    [nordic-combined] bij de noordse combinatie
    [short-track] bij het shorttrack
    [alpine-skiing] bij het alpineskiën
    [biathlon] bij het biatlon
    [bobsleigh] bij het bobsleeën
    [cross-country-skiing] bij het langlaufen
    [curling] bij het curling
    [figure-skating] bij het kunstschaatsen
    [freestyle-skiing] bij het freestyleskiën
    [ice-hockey] bij het ijshockey
    [luge] bij het rodelen
    [skeleton] bij het skeleton
    [ski-jumping] bij het schansspringen
    [ski-mountaineering] bij het skimountaineering
    [snowboard] bij het snowboarden
   *[other] bij { discipline-name }
}

day-medal = { $who } won { medal } op { $event }.

# a person with their age at these Games, in a sentence about them: 'de 25-jarige Kok'
aged = de { $age }-jarige { $who }
age-record = met { $age } jaar is { $who } de { $oldest ->
    [yes] oudste
   *[no] jongste
 } olympisch { $gender ->
    [W] kampioene
   *[other] kampioen
 } ooit op { $event }.
# the Games a person has entered, these included ('haar derde Spelen')
appearances = voor { $who } zijn het de { ORD($n) } Spelen.
    .b = het zijn de { ORD($n) } Spelen van { $who }.
# the NOC's oldest (youngest) individual Olympic champion at Games of this season
noc-age-record = met { $age } jaar is { $who } de { $oldest ->
    [yes] oudste
   *[no] jongste
 } sporter uit { $noc } ooit die op { season-games } individueel olympisch goud wint.
