# Event stories. A message's attributes (.b, .c) are other wordings of the same claim.

headline-noc-first-medal = { $who } { $team ->
    [yes] win
   *[no] wins
 } the first { $season ->
    [all] Olympic medal ever
   *[other] { season-games } medal ever
 } for { $noc }
headline-noc-first-gold = { $who } { $team ->
    [yes] win
   *[no] wins
 } the first { $season ->
    [all] Olympic title ever
   *[other] { season-games } title ever
 } for { $noc }
headline-one-two = { $pair } give { $noc } a first one-two in { $event }
headline-first-gold = { $team ->
    [yes] { $noc } win their first Olympic title in { $event }
   *[no] { $who } is the first from { $noc } to win Olympic gold in { $event }
 }
headline-medal = { $who } { $team ->
    [yes] { $medal ->
        [gold] win gold
        [silver] take silver
       *[bronze] take bronze
    }
   *[no] { $medal ->
        [gold] wins gold
        [silver] takes silver
       *[bronze] takes bronze
    }
 } in { $event }

event-lead = { $winners } won { $event } at the { season-games } in { city } on { WEEKDAY($day) } { DAY($day) }{ $behind ->
    [none] .
   *[other] , ahead of { $behind }.
 }

role-reversal = in { $other } on { DAY($day) } it was the other way round: { $b } won and { $a } took silver.
    .b = { $a } and { $b } thus reversed the result of { $other } on { DAY($day) }.

each-of = { $count ->
    [one] {""}
   *[other] {" "}each
 }
games-tally-final = { $who } { $count ->
    [one] ends
   *[other] end
 } the Games with { $medals }{ each-of }.
    .b = at the end of the Games, { $who } { $count ->
        [one] has
       *[other] have
    } { $medals }{ each-of }.
games-tally-champion = { $who } { $count ->
    [one] is a
   *[other] are
 }{" "}{ $gold ->
    [1] Olympic champion
    [2] double Olympic champion
   *[other] { WORD($gold) }-time Olympic champion
 }{ $count ->
    [one] {""}
   *[other] s
 } at these Games.
    .b = at these Games, { $who } { $count ->
        [one] is a
       *[other] are
    }{" "}{ $gold ->
        [1] Olympic champion
        [2] double Olympic champion
       *[other] { WORD($gold) }-time Olympic champion
    }{ $count ->
        [one] {""}
       *[other] s
    }.
games-tally-medals = { $who } { $count ->
    [one] has
   *[other] have
 } { $medals }{ each-of } at these Games so far.
    .b = at these Games, { $who } { $count ->
        [one] has
       *[other] have
    } { $medals }{ each-of } so far.

# the country after its count, never as a possessive ("the Netherlands's")
noc-count = it is the { ORD($n) } { medal } for { $noc } at these Games{ $total ->
    [1] .
   *[other] , and the { ORD($total) } medal in all.
 }

noc-first-medal = it is the first { $season ->
    [all] Olympic medal ever
   *[other] { season-games } medal ever
 } for { $noc }.
noc-first-gold = it is the first { $season ->
    [all] Olympic title ever
   *[other] { season-games } title ever
 } for { $noc }.

first-gold = { $who } is the first from { $noc } to win Olympic gold in { $event }, an event held since { $since }.
    .b = { $noc } had never won Olympic gold in { $event }, held since { $since }: { $who } is the first.
first-gold-team = it is the first Olympic title for { $noc } in { $event }, an event held since { $since }.

first-medal = { $who ->
    [none] it is the first medal ever for { $noc } in { $event }, held since { $since }.
   *[other] { $who } wins the first Olympic medal for { $noc } in { $event } since it was first held in { $since }.
 }
    .b = { $who ->
        [none] for { $noc }, it is the first medal ever in { $event }, held since { $since }.
       *[other] for { $noc }, { $who } wins the first Olympic medal in { $event } since it was first held in { $since }.
    }

earlier-medal = { $who ->
    [none] { medal } ({ $year })
   *[other] { $who } ({ medal }, { $year })
 }
earlier-medallists = { $n ->
    [one] until now { $listing } was the only medallist from { $noc } in { $event }.
   *[other] { $noc } had won { WORD($n) } medals in { $event } before: { $listing }.
 }
    .b = { $n ->
        [one] before this, { $listing } was the only medallist from { $noc } in { $event }.
       *[other] before this, { $noc } had won { WORD($n) } medals in { $event }: { $listing }.
    }

first-colour = { $who ->
    [none] it is the first { medal } ever for { $noc } in { $event }.
   *[other] { $who } wins the first { medal } ever for { $noc } in { $event }.
 }
first-one-two = it is the first one-two for { $noc } in { $event }.
first-sweep = it is the first one-two-three for { $noc } in { $event }.
other-gender-one-two = in the { $gender ->
    [W] women's
    [M] men's
   *[X] mixed
 } event { $noc } did it in { $year }: { $gold } won gold{ $bronze ->
    [none] {" "}and { $silver } silver.
   *[other] , { $silver } silver and { $bronze } bronze.
 }

defending-champion = defending champion { $who }, winner in { $year }, { $outcome ->
    [1] defended the title.
    [2] had to settle for silver this time.
    [3] took bronze this time.
    [0] missed the podium this time.
   *[absent] did not compete this time.
 }

career = { $who } now has { WORD($n) } Olympic medals from { WORD($games) } Games: { $medals }.
    .b = in all, { $who } now has { WORD($n) } Olympic medals from { WORD($games) } Games: { $medals }.
discipline-leader = with { $medals }, { $who } is the most decorated Olympian from { $noc } in { discipline-name }.

day-medal = { $who } won { medal } in { $event }.

# a person with their age at these Games, in a sentence about them: '25-year-old Kok'
aged = { $age }-year-old { $who }
age-record = at { $age }, { $who } is the { $oldest ->
    [yes] oldest
   *[no] youngest
 } Olympic champion ever in { $event }.
# the Games a person has entered, these included
appearances = { $who } is competing at { $gender ->
    [W] her
    [M] his
   *[other] their
 } { ORD($n) } Olympic Games.
    .b = it is the { ORD($n) } Olympic Games for { $who }.
# the NOC's oldest (youngest) individual Olympic champion at Games of this season
noc-age-record = at { $age }, { $who } is the { $oldest ->
    [yes] oldest
   *[no] youngest
 } individual Olympic champion ever from { $noc } at { season-games }.
