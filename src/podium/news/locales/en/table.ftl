# Table, day and Games stories.

headline-table-none = { $noc } still without a medal
headline-table-outside = { $noc } outside the official table
table-lead-none = { $day ->
    [none] { $noc } won no medal at the { season-games } in { $games }.
   *[other] after { $done } of { $total } events at the { season-games } in { city }, { $noc } have no medal yet on { WEEKDAY($day) } { DAY($day) }.
 }
table-lead-outside = { $day ->
    [none] { $noc } won { $medals } at the { season-games } in { $games }, outside the official table.
   *[other] after { $done } of { $total } events, { $noc } have { $medals } on { WEEKDAY($day) } { DAY($day) }, but are listed outside the official table.
 }
headline-table = { $noc } { $final ->
    [yes] finish
   *[no] are
 } { ORD($rank) } in the medal table
table-lead = { $final ->
    [yes] { $noc } finish the { season-games } in { $games } { ORD($rank) } in the medal table, with { $medals }.
   *[no] after { $done } of { $total } medal events at the { season-games } in { city }, { $noc } are { ORD($rank) } in the medal table on { WEEKDAY($day) } { DAY($day) }, with { $medals }.
 }

previous-rank = { $same ->
    [yes] { $noc } were already { ORD($previous) } before the latest event.
   *[no] before the latest event { $noc } were { ORD($previous) }.
 }
leaders = { $nocs } lead the table with { $golds } gold medals.
level-on-golds = { $noc } also have { WORD($gold) } gold medals and are { ORD($rank) }.
decided-by = with golds level, { medal } decides: { WORD($a) } to { WORD($b) }.
more-in-total = { $noc } have { WORD($n) } more { $n ->
    [one] medal
   *[other] medals
 } in all ({ $more } to { $less }), but the total does not count in the ranking.
group-ahead = { $count ->
    [one] directly above, { $nocs } have { WORD($gold) } gold medals.
   *[other] directly above, { $nocs } have { WORD($gold) } gold medals each.
 }
group-behind = { $count ->
    [one] behind them, { $nocs } have { WORD($gold) } gold medals.
   *[other] behind them, { $nocs } have { WORD($gold) } gold medals each.
 }
best-rank = on { DAY($day) } { $noc } were briefly { ORD($rank) }, their best place so far.

previous-games = at the previous { season-games }, { $games }, { $noc } finished { ORD($rank) } with { $medals }.
    .b = in { $games }, the previous { season-games }, { $noc } finished { ORD($rank) } with { $medals }.
best-games-total = { $record ->
    [beaten] with { $now } medals { $noc } { $final ->
        [yes] won
       *[no] already have
    } more than ever: the old record was { $total }, in { $games }.
    [equalled] with { $now } medals { $noc } { $final ->
        [yes] equalled
       *[no] already equal
    } their record from { $games }.
   *[standing] { $noc } won the most medals ever in { $games }: { $total }, { $medals }, finishing { ORD($rank) }.
 }
    .b = { $record ->
        [beaten] { $noc } have never won more medals than now: { $now }; the old record was { $total }, in { $games }.
        [equalled] with { $now } medals { $noc } { $final ->
            [yes] equalled
           *[no] already equal
        } their record from { $games }.
       *[standing] the most medals ever for { $noc } came in { $games }: { $total }, { $medals }, finishing { ORD($rank) }.
    }
best-games-gold = { $record ->
    [beaten] with { WORD($now) } gold medals { $noc } { $final ->
        [yes] won
       *[no] already have
    } more than at any earlier { season-games }: the old record was { WORD($gold) }, in { $games }.
    [equalled] with { WORD($now) } gold medals { $noc } { $final ->
        [yes] equalled
       *[no] already equal
    } their record from { $games }.
   *[standing] { $noc } won the most gold medals ever in { $games }: { WORD($gold) }.
 }
best-games-rank = { $state ->
    [higher] { $noc } have never ranked this high: the best finish was { ORD($rank) }, first reached in { $games }.
    [top] { $noc } first topped the medal table in { $games }.
   *[best] the best finish ever is { ORD($rank) }, first reached in { $games }.
 }
    .b = { $state ->
        [higher] { $noc } have never ranked this high: the best finish was { ORD($rank) }, first reached in { $games }.
        [top] { $noc } first topped the medal table in { $games }.
       *[best] { $noc } have never finished higher than { ORD($rank) }, first reached in { $games }.
    }
target = { $source ->
    [none] the aim
   *[other] the aim stated by { $source }
 } { $final ->
    [yes] was a top-{ $target } finish, and it was { $on ->
        [yes] reached
       *[no] missed
    }.
   *[no] is a top-{ $target } finish; { $noc } are { $on ->
        [yes] on course
       *[no] not on course yet
    }.
 }

# the projection at the story's moment (podium.projection): the chance of the NOC's target
# (the top ten without one), its expected final golds with their 80% interval
projection-place = { $target ->
    [1] first place
   *[other] a top-{ WORD($target) } finish
 }
projection = by the projection, { $noc } { $band ->
    [sure] are all but certain of { projection-place }
    [none] have next to no chance of { projection-place }
   *[some] have a { $p }% chance of { projection-place }
 }{ $golds ->
    [yes] , with { WORD($gold) } gold { $gold ->
        [one] medal
       *[other] medals
    } expected at the end ({ $interval }% likely: { WORD($low) } to { WORD($high) })
   *[no] {""}
 }.
projection-first = { $band ->
    [sure] by the projection, { $noc } are all but certain to finish top of the table.
   *[other] by the projection, the chance that { $noc } finish top of the table is { $p }%.
 }

medal-nocs = { $n } countries have won a medal so far.
discipline-part = { WORD($n) } in { discipline-name }
discipline-split = { $noc } won { WORD($n) } medals: { $parts }.

# the places at the Games before the previous ones: 'fifth in PyeongChang in 2018'
earlier-rank = { ORD($rank) } in { $games }
earlier-ranks = before that, { $noc } finished { $places }.
